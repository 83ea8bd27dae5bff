"""Author names: strip byline words, roles and dates; split co-authors; refuse non-names.

An archive is better off with no author than with a wrong one, so ``clean_authors``
drops anything that does not look like a person's (or a desk's) name.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

from .memo import short_strings_cache
from .meta_rules import (
    AGENCY_CODES,
    AUTHOR_DESK_WORDS,
    AUTHOR_ORGANISATION_RE,
    AUTHOR_ROLES,
    AUTHOR_SPLIT_RE,
    AUTHOR_STOPWORDS,
    AUTHOR_SUFFIXES,
    BYLINE_PREFIX_RE,
    DATED_BYLINE_RE,
    MAX_AUTHOR_CHARS,
    MAX_AUTHOR_WORDS,
    MONTHS,
    QUOTED_AUTHOR_RE,
    SENTENCE_END_CHARS,
    SIGNATURE_CLOSING_LINE_CHARS,
    SIGNATURE_CONTACT_RE,
    SIGNATURE_LINE_RE,
    SIGNATURE_MAX_CLOSING_LINES,
    SIGNATURE_PARENTHESIS_RE,
    SIGNED_PROSE_MIN_WORDS,
    WEEKDAYS,
)

_URL_OR_EMAIL_RE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+")
_CUT_RE = re.compile(
    r"\s+(?:\||-|–|—|•|·|::)\s+|\s*[(\[{<]|(?:^|\s)\d|\s*[|•·]|"
    r"\s*\b(?:fotos?|photos?|bild(?:er)?|illustration|grafik|image|video)\s*[:：]|"
    # "Text von A Illustration von B": the next credit of the same line.
    r"\s+(?:fotos?|photos?|bild(?:er)?|illustrations?|grafik(?:en)?|images?|video|kamera|"
    r"camera)\s+(?:von|by|de|par|di|por)\s",
    re.IGNORECASE,
)
# An author box's link to the author's other items after the name ("Jana Roth Alle
# Artikel", "Jane Doe All posts"): the rest of the value is links, not a name.
_MORE_BY_RE = re.compile(
    r"\s+(?:alle\s+(?:artikel|beiträge|texte)|all\s+(?:posts|articles|stories)|"
    r"more\s+(?:posts|articles|stories)|mehr\s+(?:artikel|beiträge))\b"
    # "Zeige alle Beiträge von Jana Roth" is a prefix: the name follows.
    r"(?!\s+(?:von|by|from|de|par|por)\b)",
    re.IGNORECASE,
)
# A value that is only a picture credit names no author of the text, nor does a
# translator's credit ("Übersetzung Jana Roth", "Translated by Jane Doe").
_CREDIT_RE = re.compile(
    r"^\s*(?:(?:fotos?|photos?|bild(?:er)?|image|illustration)\s*[:：©]|video\s+(?:von|by)\s)"
    r"|^\s*(?:übersetzung|übersetzt\s+von|aus\s+dem\s+\w+\s+von|translation|translated\s+by|"
    r"traduction|traduit\s+par|traducción|traducido\s+por|traduzione|tradotto\s+da)\b"
    r"|©|\(c\)",
    re.I,
)
_TRAILING_WORDS_RE = re.compile(
    r"(?:\s+(?:on|at|am|um|le|el|il|the|den|vom|du|del|updated|published|posted|"
    r"veröffentlicht|publiziert|aktualisiert|publié|publicado|stand|datum|hace|mo|di|mi|do|"
    r"fr|sa|so|vor|"
    r"mon|tue|wed|thu|fri|sat|sun|"
    # Labels of the next field on the same meta line ("Jane Doe Kategorie: Politik").
    r"kategorie|kategorien|category|categories|tags|schlagworte|kommentare|comments|date|"
    # A button after the name ("Jane Doe Follow").
    r"follow|folgen|abonnieren|subscribe))+\s*$",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    {
        "van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la",
        "le", "bin", "al", "ter", "ten", "y", "e", "zu", "dos", "das",
    }
)  # fmt: skip
_EDGE_PUNCTUATION = " \t,;:-–—|/\\'\"“”‘’«»()[]*•·"


def _strip_prefixes(value: str) -> str:
    previous = None
    while previous != value:
        previous = value
        value = BYLINE_PREFIX_RE.sub("", value, count=1)
    return value


def _trim(value: str) -> str:
    # A trailing full stop may belong to the name ("Perry Bacon Jr."): only a leading one goes.
    value = value.strip(_EDGE_PUNCTUATION).lstrip(".")
    words = value.split()
    # "Jane Doe on March" after the date digits were cut: drop a dangling month name.
    while len(words) > 1 and words[-1].casefold().rstrip(".,") in MONTHS.keys() | WEEKDAYS:
        words.pop()
    value = _TRAILING_WORDS_RE.sub("", " ".join(words))
    return value.strip(_EDGE_PUNCTUATION).lstrip(".")


def is_plausible_name(
    name: str,
    reject: Iterable[str] = (),
    single_word: bool = True,
    handles: bool = False,
    shown: bool = False,
) -> bool:
    """True if ``name`` can be a person's or desk's name (not a URL, date, role or site).

    Refused: logins ("jdoe", "jane.doe"), agency codes ("AFP", "dpa"), organisations
    ("Example Media GmbH"), months, stop words, and one-word names when ``single_word``
    is False (weak evidence such as a page-wide ``<meta name="author">``). ``handles``
    accepts a one-word login-like name ("gizzmo", "Herr_Rein") for evidence that marks
    its value as the author explicitly (rel=author, a schema.org author Person).
    ``shown`` marks a name the post itself shows as its author (a byline element): it is
    refused when it is or contains the site's name, not when it is only part of it
    ("Heiko" on heiko-adams.de): a personal blog's byline often repeats the owner's name.
    """
    folded = name.casefold()
    if not (2 <= len(name) <= MAX_AUTHOR_CHARS) or folded in AUTHOR_STOPWORDS:
        return False
    if folded in AGENCY_CODES or folded in AUTHOR_SUFFIXES:
        return False
    key = _key(name)
    desk = _desk_of_site(name, [_key(r) for r in reject], shown)
    if desk:
        reject = ()
    for other in reject:
        other = _key(other)
        if not other or _owner_of_site(name, other, shown):
            continue
        if key == other or (len(other) >= 5 and (other in key or (key in other and not shown))):
            return False
    # A login may end in a number ("freeman1984"); elsewhere three digits are a date's.
    login_number = handles and _LOGIN_WITH_NUMBER_RE.match(name) is not None
    if _URL_OR_EMAIL_RE.search(name) or re.search(r"[<>{}=@#]", name):
        return False
    if re.search(r"\d{3,}", name) and not login_number:
        return False
    if not re.search(r"[^\W\d_]", name):
        return False
    words = name.split()
    # The site's desk may be written with the site's domain ("example.at Redaktion").
    if len(words) > MAX_AUTHOR_WORDS or (AUTHOR_ORGANISATION_RE.search(name) and not desk):
        return False
    if folded in MONTHS or folded in WEEKDAYS:
        return False
    if name.lower() != name.upper():  # a script with letter case
        if name == name.lower() and not (handles and len(words) == 1 and len(name) >= 3):
            return False
        # An agency code, unless the post's own byline shows it ("by IWB").
        if len(words) == 1 and name == name.upper() and len(name) <= 5 and not handles:
            return False
    if len(words) == 1 and (not single_word or (re.search(r"[._]", name) and not handles)):
        return False
    # Sentences and labels have several lower-case words; names have at most particles.
    lower = [w for w in words if w[:1].islower() and w.casefold() not in _PARTICLES]
    return desk or not (len(words) > 1 and lower)


# A login of letters and then a number (a year, a count): "freeman1984", "delta201".
_LOGIN_WITH_NUMBER_RE = re.compile(r"^[^\W\d_]{3,}\d{1,4}$")


KEY_CACHED_MAX_CHARS = 256


@short_strings_cache(maxsize=4096, max_chars=KEY_CACHED_MAX_CHARS)
def _key(value: str) -> str:
    """Comparable form of a name or site name: letters and digits only, no accents, and
    no top-level domain ("LaRepública.pe" and "La Republica" compare equal)."""
    value = _TLD_RE.sub("", value.strip())
    value = unicodedata.normalize("NFKD", value.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in value if not unicodedata.combining(c)))


def name_key(value: str) -> str:
    """Public form of ``_key``: a name or site name compared without case, accents, spaces,
    punctuation or top-level domain."""
    return _key(value)


_TLD_RE = re.compile(r"\.(?:com|net|org|info|[a-z]{2})\s*$", re.IGNORECASE)


def _owner_of_site(name: str, site_key: str, shown: bool) -> bool:
    """A person on their own domain ("Daniel Lemire" on lemire.me): the post's byline shows
    a name of two or more words, one of which is the site's name, and no desk word
    ("Example Redaktion" is the site's desk, not its owner)."""
    words = name.split()
    if not shown or len(words) < 2 or len(words) > 4:
        return False
    keys = [_key(w) for w in words]
    if any(w.casefold() in AUTHOR_DESK_WORDS for w in words):
        return False
    return site_key in keys and all(w[:1].isupper() for w in words if len(w) > 3)


# Words that join a desk word to the site's name ("Die Redaktion von Example News").
_DESK_JOINERS = frozenset({"die", "der", "das", "von", "the", "of", "de", "del", "la", "le"})


def _desk_of_site(name: str, site_keys: list[str], shown: bool) -> bool:
    """The site's desk as the post's byline shows it ("Example News Redaktion", "Redacción
    Example", "Die Redaktion von Example"): desk words, then or after the site's name and
    what it is called by ("Example Schweiz"). The desk is an author of its own
    (``Metadata.authors`` names the people or the desk); a person before the site's name
    ("Adam Roe Example Staff") is not a desk."""
    words = name.split()
    if not shown or len(words) < 2:
        return False
    if not any(w.casefold() in AUTHOR_DESK_WORDS for w in words):
        return False
    rest = [w for w in words if w.casefold() not in AUTHOR_DESK_WORDS | _DESK_JOINERS]
    rest_key = _key(" ".join(rest))
    return bool(rest) and any(
        k and (rest_key == k or (len(k) >= 5 and rest_key.startswith(k))) for k in site_keys
    )


def _unrepeated(name: str) -> str:
    """ "Olivier Minot Olivier Minot" (a name shown twice, e.g. link text and image alt)."""
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _cut_role(part: str) -> str:
    """ "Jane Doe Senior Writer" -> "Jane Doe"; a role that leaves a lone word behind is part
    of a pen name ("Rasender Reporter") and stays."""
    cut = AUTHOR_ROLES.sub("", part).strip()
    if cut and len(cut.split()) == 1 and cut != part.strip():
        return part
    return cut


def clean_authors(
    values: Iterable[str],
    reject: Iterable[str] = (),
    single_word: bool = True,
    handles: bool = False,
    shown: bool = False,
) -> list[str]:
    """Names from raw byline values, in order, without duplicates; [] if none is plausible.

    ``reject`` holds names that are never an author here (the site's and publisher's);
    ``single_word`` allows one-word names, ``handles`` login-like ones (see
    ``is_plausible_name``); ``shown`` is for names the post shows as its byline.
    """
    rejected = {r.casefold() for r in reject}
    rejected_keys = {_key(r) for r in rejected}
    names: list[str] = []
    seen: set[str] = set()
    for raw in values:
        value = " ".join(html.unescape(str(raw)).split())
        if _CREDIT_RE.match(value) or QUOTED_AUTHOR_RE.match(value):
            continue
        value = _URL_OR_EMAIL_RE.sub(" ", value)
        value = _after_leading_date(value)
        value = _strip_prefixes(value)
        value = _CUT_RE.split(value, maxsplit=1)[0]
        value = _MORE_BY_RE.split(value, maxsplit=1)[0]
        found: list[str] = []
        for position, part in enumerate(AUTHOR_SPLIT_RE.split(value)):
            part = _unrepeated(_trim(_cut_role(_strip_prefixes(part.strip()))))
            desk = _desk_of_site(part, list(rejected_keys), shown)
            organisation = AUTHOR_ORGANISATION_RE.search(part) and not desk
            if organisation or (position > 0 and _key(part) in rejected_keys):
                # "U.S. Customs and Border Protection", "Ana Roth, Example News, Berlin":
                # what follows an organisation is its detail (a place), not a co-author.
                break
            if part and not desk and _is_sentence(part):
                # "Posted in News and Views": the value starts as prose, so it names no one;
                # "Uta Roth, Projektleiterin der HSS": prose after a name describes her.
                if position == 0:
                    found = []
                break
            # A login is a lone name: a lower-case word after a name describes that person
            # ("Jan Roth, deutscher Kolumnist"), it is no co-author.
            login_ok = handles and position == 0
            if part and is_plausible_name(part, rejected, single_word, login_ok, shown):
                found.append(part)
        for name in found:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


def _after_leading_date(value: str) -> str:
    """ "Posted on September 21, 2020 by Adi Tzlil" -> "Adi Tzlil": the date goes first."""
    match = DATED_BYLINE_RE.match(value)
    if match and re.search(r"\d", match["date"]):
        return match["names"]
    return value


def _is_sentence(part: str) -> bool:
    words = part.split()
    lower = [w for w in words if w[:1].islower() and w.casefold() not in _PARTICLES]
    return len(words) > 1 and bool(lower) and part.lower() != part


def authors_from_signature(body: str, reject: Iterable[str] = ()) -> list[str]:
    """The author who signs the article at its end, read from its cleaned text.

    Regional papers, press releases, reviews and church or association news often give no
    byline but close with the author's name: alone on the last line ("Götz Warnke"), maybe
    followed by a role and contact lines ("Pressesprecherin", "Tel. 040 …"), or after the
    last sentence in parentheses ("… bleibt spannend. (Jana Roth) +++"). The name must come
    right after prose (not after a list of names), start with a known given name (phrases
    such as "Herzliche Grüße" or "Weitere Informationen" do not) and be a plausible name
    other than the site's (``reject``). [] when the text is not so signed.
    """
    from .given_names import starts_with_given_name

    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    if len(paragraphs) < 3:
        return []
    rejected = list(reject)

    def signed(name: str) -> bool:
        return starts_with_given_name(name) and is_plausible_name(
            name, rejected, single_word=False, shown=True
        )

    last = len(paragraphs) - 1
    for index in range(last, max(last - SIGNATURE_MAX_CLOSING_LINES, 1) - 1, -1):
        paragraph = paragraphs[index]
        # A role line looks like a name too ("Stellvertretende Pressesprecherin"): a
        # capitalised line that is no name is read as one of the closing lines.
        if SIGNATURE_LINE_RE.fullmatch(paragraph) and signed(paragraph):
            before = paragraphs[index - 1]
            if before in ("-", "–", "—", "*", "***") and index >= 2:
                before = paragraphs[index - 2]  # a rule between text and signature
            return [paragraph] if _is_prose(before) else []
        if not _closing_line(paragraph):
            break
    match = SIGNATURE_PARENTHESIS_RE.search(paragraphs[-1])
    if match and _ends_sentence(paragraphs[-1][: match.start()]) and signed(match["name"]):
        return [match["name"]]
    return []


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_END_CHARS


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= SIGNED_PROSE_MIN_WORDS and _ends_sentence(paragraph)


def _closing_line(paragraph: str) -> bool:
    """A role, address or contact line after a signature, not more of the text."""
    if SIGNATURE_CONTACT_RE.search(paragraph):
        return len(paragraph) <= SIGNATURE_CLOSING_LINE_CHARS + 20
    return len(paragraph) <= SIGNATURE_CLOSING_LINE_CHARS and not _ends_sentence(paragraph)
