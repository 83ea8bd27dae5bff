"""Language identification without a model: Unicode scripts, then stopword profiles.

Most news text declares itself by script (Hangul is Korean, kana is Japanese, Han alone is
Chinese, Cyrillic is Russian unless letters say Ukrainian, Belarusian, Bulgarian, Serbian …);
Latin-script languages are told apart by how many of their commonest words appear. Cheap,
deterministic and dependency-free; good for the ``language`` field of archived items, not for
short snippets (None is returned when there is too little text to tell).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

# Script ranges -> a language, or a family resolved further below.
_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("hangul", ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),
    ("han", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))),
    ("cyrillic", ((0x0400, 0x04FF), (0x0500, 0x052F))),
    ("greek", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("devanagari", ((0x0900, 0x097F),)),
    ("armenian", ((0x0530, 0x058F),)),
    ("georgian", ((0x10A0, 0x10FF),)),
    ("latin", ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF))),
)
_SCRIPT_LANGUAGE = {
    "hangul": "ko",
    "greek": "el",
    "hebrew": "he",
    "thai": "th",
    "devanagari": "hi",
    "armenian": "hy",
    "georgian": "ka",
}
# (first code point, last code point, script), sorted: a character's script is found by
# bisection, so counting costs one pass over the text whatever the number of scripts.
_RANGES = sorted((lo, hi, name) for name, ranges in _SCRIPTS for lo, hi in ranges)
_RANGE_STARTS = [lo for lo, _hi, _name in _RANGES]
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
# Runs of each script's letters (its ranges as one character class), the commonest scripts
# of news text first: once they are removed, the passes for the others read little.
_RUN_ORDER = ("latin", "han", "hangul", "kana", "cyrillic", "arabic")


def _ranges_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The code point ranges as the inside of a regex character class."""
    return "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


_SCRIPT_RUNS = tuple(
    (name, re.compile(f"[{_ranges_class(ranges)}]+"))
    for name, ranges in sorted(
        _SCRIPTS, key=lambda s: _RUN_ORDER.index(s[0]) if s[0] in _RUN_ORDER else len(_RUN_ORDER)
    )
)
_NO_SCRIPT_RUNS = re.compile(f"[^{_ranges_class(r for _, ranges in _SCRIPTS for r in ranges)}]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")

# Letters that single out a Cyrillic language (checked in this order).
_CYRILLIC_MARKERS = (
    ("sr", set("ђћџјљњ")),
    ("mk", set("ѓќѕ")),
    ("kk", set("әғқңөұүһ")),
    ("uk", set("ієїґ")),
    ("be", set("ў")),
)
_PERSIAN_LETTERS = set("پچژگکی")

# The commonest words of each Latin-script language, chosen to overlap little.
STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is that for it was on with as are be this by have from at "
        "not but they his her which were has been their would will an or who",
        "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem "
        "auch es an werden aus er hat dass sie nach wird bei einer um noch wie über",
        "fr": "le la les et des est un une du en que qui dans pour pas sur au plus par ne "
        "se ce il sont avec ont été aux cette mais ou leur nous",
        "es": "el la los las de que y en un una es por con para no se del al lo su como "
        "más pero sus le ya fue este ha muy también está",
        "it": "il di che la e è un una per non in del della sono con si le da gli alla "
        "anche più ma come nel ha questo dei nella",
        "pt": "o a os as de que e do da em um uma para com não é no na por mais dos das "
        "se ao como mas foi seu sua também são",
        "nl": "de het een en van is dat op te in niet zijn voor met die er aan ook als "
        "bij maar om dan wordt heeft naar nog uit",
        "pl": "i w nie na się z to że do jest jak o co ale po tak za od przez jego są "
        "było dla tylko jej już oraz",
        "sv": "och att det som en på är av för med till den har inte om ett de jag var "
        "men från så kan vid eller också",
        "da": "og at det som en på er af for med til den har ikke om et de jeg var men "
        "fra så kan ved eller også blev",
        "no": "og at det som en på er av for med til den har ikke om et de jeg var men "
        "fra så kan ved eller også ble",
        "tr": "ve bir bu da de için ile çok ne olarak daha gibi olan kadar ama sonra en "
        "var mı değil her ise şey",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke karena "
        "ada oleh saya bisa sudah mereka atau",
        "fi": "ja on ei että se oli hän ovat mutta kun myös tai joka ovat niin kuin sen "
        "ole jo vain hänen",
        "cs": "a je se v na že to s z do o jako ale by jsou k pro který ve tak už jeho "
        "nebo byl jsme",
        "ro": "și de la în a cu pe nu că se din o un care mai este pentru sunt fost au "
        "dar ca sau această",
        "hu": "a az és hogy nem is egy van de meg el ez már csak mint ki volt vagy még "
        "kell lesz azt",
        "vi": "và của là có không được người trong cho những một này với các đã để khi từ như đến",
    }.items()
}


def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """Each stopword -> the languages (in ``STOPWORDS`` order) whose profile holds it."""
    index: dict[str, tuple[str, ...]] = {}
    for code, words in STOPWORDS.items():
        for word in words:
            index[word] = (*index.get(word, ()), code)
    return index


_STOPWORD_LANGUAGES = _stopword_languages()
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# The same words in text lower-cased by _LOWER_LETTERS (letters only, everything else blank).
_LOWERED_WORD = re.compile(r"[^ '’]+(?:['’][^ '’]+)?")


def _lower_letters_table() -> bytes:
    """windows-1252 bytes: a letter -> its lower case, an apostrophe kept, the rest a space.

    Every letter of windows-1252 has its lower case in windows-1252 (one character).
    """
    table = bytearray(b" " * 256)
    for byte in range(256):
        char = bytes([byte]).decode("cp1252", "ignore")
        if char in ("'", "’"):
            table[byte] = byte
        elif char and _WORD.fullmatch(char):
            table[byte] = char.lower().encode("cp1252")[0]
    return bytes(table)


_LOWER_LETTERS = _lower_letters_table()


def _lowered_words(text: str) -> list[str]:
    """``_WORD``'s matches in ``text``, lower-cased.

    Text in windows-1252's repertoire (most Latin-script text) is lower-cased and blanked
    in one ``bytes.translate``; then the words are its space-separated runs (a simple
    pattern only where apostrophes join words): twice as fast as the Unicode classes.
    """
    try:
        encoded = text.encode("ascii" if text.isascii() else "cp1252")
    except UnicodeEncodeError:
        return [word.lower() for word in _WORD.findall(text)]
    lowered = encoded.translate(_LOWER_LETTERS).decode("cp1252")
    if "'" in lowered or "’" in lowered:
        return _LOWERED_WORD.findall(lowered)
    return lowered.split()


MIN_LETTERS = 20
MIN_WORDS = 6


_ASCII_BYTES = bytes(range(0x80))


def _non_ascii(text: str) -> str:
    """The characters of ``text`` outside ASCII, in order. UTF-8 encodes every other
    character in bytes >= 0x80 only, so deleting the ASCII bytes of the encoding leaves
    exactly theirs (4 x faster than removing the ASCII runs with a regex)."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def _script_counts(text: str) -> Counter[str]:
    """Letters per script in ``text``, each script keyed in the order of its first letter
    in ``text`` (``most_common`` breaks ties by that order)."""
    counts: Counter[str] = Counter()
    if text.isascii():  # most news text in Latin script: count letters in C
        letters = len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS))
        if letters:
            counts["latin"] = letters
        return counts
    # ASCII letters are counted in C as above; the other characters by ``_by_character``
    # or ``_by_runs``, and the keys' order is rebuilt from positions.
    rest = _non_ascii(text)
    found, first = _by_runs(rest) if len(rest) > _FEW_CHARACTERS else _by_character(rest)
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    positions = {script: text.find(char) for script, char in first.items()}
    if ascii_letters:
        found["latin"] = found.get("latin", 0) + ascii_letters
        ascii_at = _ASCII_LETTER.search(text).start()  # type: ignore[union-attr]
        positions["latin"] = min(positions.get("latin", ascii_at), ascii_at)
    for script in sorted(found, key=positions.__getitem__):
        counts[script] = found[script]
    return counts


# The non-ASCII characters of a text are counted one by one when they are few (most
# Latin-script text), by runs of each script otherwise: without the ASCII runs between
# them they form long runs of one script, and removing a script's runs counts its letters
# in one C pass (on 135 Korean pages: 0.35 instead of 0.65 ms a page).
_FEW_CHARACTERS = 256


def _by_character(rest: str) -> tuple[dict[str, int], dict[str, str]]:
    """(letters per script, the script's first letter) of ``rest``, a character at a time."""
    found: dict[str, int] = {}
    first: dict[str, str] = {}
    for char, number in Counter(rest).items():
        code = ord(char)
        index = bisect_right(_RANGE_STARTS, code) - 1
        if index >= 0 and code <= _RANGES[index][1]:
            script = _RANGES[index][2]
            found[script] = found.get(script, 0) + number
            first.setdefault(script, char)
    return found, first


def _by_runs(rest: str) -> tuple[dict[str, int], dict[str, str]]:
    """The same as ``_by_character``, by removing each script's runs in turn."""
    found: dict[str, int] = {}
    first: dict[str, str] = {}
    rest = _NO_SCRIPT_RUNS.sub("", rest)  # punctuation, symbols: each pass would scan them
    for script, runs in _SCRIPT_RUNS:
        if not rest:
            break
        match = runs.search(rest)
        if match is not None:
            left = runs.sub("", rest)
            found[script] = len(rest) - len(left)
            first[script] = match.group()[0]
            rest = left
    return found, first


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when it cannot tell.

    Only the first 20,000 characters are read: enough to decide, and bounded for huge inputs.
    """
    sample = text[:20_000]
    counts = _script_counts(sample)
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return None
    script, top = counts.most_common(1)[0]
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if cjk >= letters * 0.3:
        # Korean mixes some Han; Japanese always carries kana; Han alone is Chinese.
        if counts["hangul"] >= cjk * 0.3:
            return "ko"
        if counts["kana"] >= cjk * 0.05:
            return "ja"
        return "zh"
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script == "cyrillic":
        return _cyrillic_language(sample)
    if script == "arabic":
        persian = sum(1 for char in sample if char in _PERSIAN_LETTERS)
        return "fa" if persian >= top * 0.02 else "ar"
    if script == "latin":
        return _latin_language(sample)
    return None


def _cyrillic_language(text: str) -> str:
    lowered = text.lower()
    for code, markers in _CYRILLIC_MARKERS:
        if sum(1 for char in lowered if char in markers) >= 3:
            return code
    # Bulgarian uses ъ as a vowel and has no ы or э.
    if lowered.count("ъ") >= 3 and "ы" not in lowered and "э" not in lowered:
        return "bg"
    return "ru"


def _latin_language(text: str) -> str | None:
    words = _lowered_words(text)
    if len(words) < MIN_WORDS:
        return None
    frequencies = Counter(words)
    # Each distinct word looks up the languages it is a stopword of (one dict lookup),
    # instead of every language looking up each of its stopwords.
    scores = dict.fromkeys(STOPWORDS, 0)
    for word in frequencies.keys() & _STOPWORD_LANGUAGES.keys():
        for code in _STOPWORD_LANGUAGES[word]:
            scores[code] += frequencies[word]
    best = max(scores, key=lambda code: (scores[code], code == "en"))
    if scores[best] < 2 or scores[best] < len(words) * 0.08:
        return None
    if best in ("da", "no"):  # near-identical profiles: spelling decides
        return _danish_or_norwegian(frequencies)
    return best


def _danish_or_norwegian(frequencies: Counter[str]) -> str:
    danish = sum(frequencies[w] for w in ("af", "blev", "efter", "nu", "hvad", "mig", "dig"))
    norwegian = sum(frequencies[w] for w in ("av", "ble", "etter", "nå", "hva", "meg", "deg"))
    return "no" if norwegian > danish else "da"
