"""Publication dates by ranked evidence: structured data, the date the reader sees with
the headline or in the post's meta line, a dateline opening the text, the URL, and
htmldate as the last resort.

Structured dates (JSON-LD, ``<meta>``, ``<time>``/itemprop) are the first candidates; what
the reader sees settles them when they disagree with it, because structured dates are
often stale (a republished item, a template default) or given in UTC. Dates of other items
are refused everywhere: in embedded posts (``<blockquote>``), in lists of dated items
(related, most viewed), in hidden elements, and any date labelled or classed as a revision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from . import meta_rules as R
from .meta_dates import date_from_url, parse_date
from .meta_page import Page, attribute_marks, class_words, in_post, in_scope, text_of

# Compiled once; lxml's iterfind() and Python-side text measuring cost more per page.
_SQUASHED_LENGTH = etree.XPath("string-length(normalize-space(.))")
_DIGIT_RE = re.compile(r"\d")


def _modified(words: str) -> bool:
    """Class/id words that mark a modification date. hAtom's "updated" next to
    "published" or "entry-date" ("entry-date published updated", WordPress themes) marks
    the publication date that was never revised: not a modification."""
    return bool(R.MODIFIED_CLASS.search(words)) and not R.HATOM_PUBLISHED_CLASS.search(words)


def date_from_jsonld(page: Page) -> str | None:
    return parse_date(page.jsonld.published)


def date_from_meta(page: Page) -> str | None:
    for key in R.META_PUBLISHED:
        for value in page.metas.get(key, []):
            parsed = parse_date(value)
            if parsed:
                return parsed
    return None


def date_from_elements(page: Page) -> str | None:
    """itemprop=datePublished, then <time> elements of the post (never 'updated' ones)."""
    for element in attribute_marks(page)[1]:  # .//*[@itemprop='datePublished']
        parsed = parse_date(element.get("content") or element.get("datetime") or text_of(element))
        if parsed:
            return parsed
    for element in page.root.iter("time"):
        if _modified(class_words(element)) or not in_scope(element, page, page.root):
            continue
        if _hidden_or_other_item(element, page.root):
            continue
        parsed = parse_date(element.get("datetime") or text_of(element))
        if parsed:
            return parsed
    return None


def date_from_page_url(page: Page) -> str | None:
    return date_from_url(page.url)


def date_from_htmldate(page: Page) -> str | None:
    """htmldate's heuristics over the whole page: slow, so the last resort.

    When htmldate finds only a year or a month ("© 1996", "the 1996-1997 school year",
    "März 2015", "2015-03") it answers with the first day of it (see
    ``_first_day_for_missing_days``): a day the page never gave. An answer on the first of
    a month is kept only when the page shows that day; otherwise there is no date rather
    than an invented one.
    """
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return None
    _first_day_for_missing_days()
    _own_text_date_parser()
    try:
        found = find_date(page.tree, url=page.url, original_date=True, extensive_search=True)
    except Exception:  # htmldate raises assorted errors on odd pages; a date is optional
        return None
    parsed = parse_date(found)
    if parsed and parsed[8:10] == "01" and not shows_day(page, parsed[:10]):
        return None
    return parsed


def _first_day_for_missing_days() -> None:
    """Make htmldate's dateutil fill a missing day with the 1st, not today's day.

    For a string that starts with a year ("2015-03") htmldate calls dateutil, which takes
    the parts it does not find from today: read on the 28th, "2015-03" was 2015-03-28, an
    answer neither true nor the same the next day. With the 1st it is the same every day,
    and ``date_from_htmldate`` keeps it only when the page writes that day. Idempotent; does
    nothing when htmldate has another layout.
    """

    def first_day(parse: Callable[..., Any]) -> Callable[..., Any]:
        def dateutil_parse(timestr: str, *args: Any, **kwargs: Any) -> Any:
            # A missing year becomes 1900, before htmldate's earliest date: refused.
            kwargs.setdefault("default", datetime(1900, 1, 1))
            return parse(timestr, *args, **kwargs)

        return dateutil_parse

    _replace_in_htmldate("dateutil_parse", first_day)


def _own_text_date_parser() -> None:
    """Make htmldate read written-out dates ("16 marca 2021") with ``parse_date``, not dateparser.

    In its extensive search htmldate hands the strings its own patterns cannot read to
    dateparser, which tries every one of its 200 locales: on its first use in a process it
    compiles about a thousand patterns, 2.5 to 5 seconds, paid by every `archiver` run and
    every batch worker that meets such a page. ``parse_date`` reads the written forms of the
    languages of ``DATE_MONTHS`` in microseconds: of the 15 strings htmldate handed to
    dateparser on the evaluation pages, it answers as dateparser did on 13 and also reads
    "opublikowano: 7 kwietnia 2021" (twice), which dateparser could not. Idempotent; does
    nothing when htmldate has another layout (its own parser then runs).
    """

    def ours(_dateparser: Callable[..., Any]) -> Callable[..., Any]:
        def external_date(string: str) -> datetime | None:
            found = parse_date(string)
            return datetime.fromisoformat(found[:10]) if found else None

        return external_date

    _replace_in_htmldate("_external_date", ours)


def _replace_in_htmldate(name: str, replace: Callable[[Any], Callable[..., Any]]) -> None:
    """Set htmldate's ``extractors.<name>`` to ``replace(original)``, once per process, and
    drop the parses htmldate memoised with the original."""
    try:
        from htmldate import extractors
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return
    original = getattr(extractors, name, None)
    if original is None or getattr(original, "archiver_replacement", False):
        return
    replacement = replace(original)
    replacement.archiver_replacement = True  # type: ignore[attr-defined]
    setattr(extractors, name, replacement)
    cache_clear = getattr(getattr(extractors, "try_date_expr", None), "cache_clear", None)
    if cache_clear is not None:
        cache_clear()


# How far before the end of a year a written date may start: "1.1.2016", "1 de enero de
# 2016", "Mittwoch, 1. Januar 2016"; dates that start with the year ("2016-01-01",
# "2016年1月1日") are read forward from it.
_DAY_WINDOWS = (10, 16, 24, 36)
_DAY_FORWARD = 16
MAX_YEAR_MENTIONS = 400  # a bound for pages that repeat the year (archives, file paths)


def shows_day(page: Page, day: str) -> bool:
    """Whether the page (its text or its attributes) gives ``day`` (YYYY-MM-DD) as a date,
    in any form ``parse_date`` reads: "2016-01-01", "01.01.2016", "1. Januar 2016",
    "January 1, 2016", "1er janvier 2016", "2016年1月1日", "2016년 1월 1일"."""
    year = day[:4]
    source = etree.tostring(page.tree, encoding="unicode")
    for count, match in enumerate(re.finditer(year, source)):
        if count >= MAX_YEAR_MENTIONS:
            break
        start, end = match.start(), match.end()
        pieces = [source[start : start + _DAY_FORWARD]]
        pieces += [source[max(0, end - width) : end] for width in _DAY_WINDOWS]
        for piece in pieces:
            parsed = parse_date(piece)
            if parsed and parsed[:10] == day:
                return True
    return False


DATE_RULES: tuple[Callable[[Page], str | None], ...] = (
    date_from_jsonld,
    date_from_meta,
    date_from_elements,
    date_from_page_url,
    date_from_htmldate,
)


def _visible_dates(page: Page) -> list[str]:
    """Dates as the reader sees them: the text of the post's <time> and date elements."""
    found: list[str] = []
    for element in page.root.iter():
        if not isinstance(element.tag, str) or len(found) >= 5:
            continue
        if element.tag != "time":
            continue
        if _modified(class_words(element)) or _hidden_or_other_item(element, None):
            continue
        text = text_of(element)
        if 6 <= len(text) <= 60:
            parsed = parse_date(text, day_first=_day_first(page))
            if parsed:
                found.append(parsed[:10])
    return found


def _swapped(day: str) -> str | None:
    """``day`` with month and day exchanged, when that is a date too."""
    try:
        return date(int(day[:4]), int(day[8:10]), int(day[5:7])).isoformat()
    except ValueError:
        return None


def _days_apart(first: str, second: str) -> int:
    return abs(
        date.fromisoformat(first[:10]).toordinal() - date.fromisoformat(second[:10]).toordinal()
    )


def _next_day(day: str) -> str:
    return date.fromordinal(date.fromisoformat(day[:10]).toordinal() + 1).isoformat()


def _local_day_of(stamp: str) -> str | None:
    """The calendar day of a timestamp with an explicit non-UTC offset, else None."""
    match = R.EXPLICIT_OFFSET_RE.search(stamp)
    if not match or match.group(2) + match.group(3) == "0000":
        return None
    return stamp[:10]


def _locale(page: Page) -> tuple[str, str]:
    """(language, territory) of the page: og:locale, then <html lang>; "" when unknown."""
    for value in (*page.metas.get("og:locale", []), page.tree.get("lang") or ""):
        parts = value.strip().lower().replace("_", "-").split("-")
        if parts[0]:
            territory = parts[1] if len(parts) > 1 and len(parts[1]) == 2 else ""
            return parts[0], territory
    return "", ""


def _day_first(page: Page) -> bool | None:
    """Whether the page's locale writes "3/5/2022" day first (es, de, en-GB ...), month
    first (en-US), or None when the locale does not say."""
    language, territory = _locale(page)
    if territory in R.MONTH_FIRST_TERRITORIES:
        return False
    if territory in R.DAY_FIRST_TERRITORIES or language in R.DAY_FIRST_LANGUAGES:
        return True
    return None


def _typical_offsets(page: Page) -> set[int]:
    """UTC offsets (winter, summer) typical of the page's locale: og:locale, then <html lang>."""
    for value in (*page.metas.get("og:locale", []), page.tree.get("lang") or ""):
        parts = value.strip().lower().replace("_", "-").split("-")
        offset = None
        if len(parts) > 1 and len(parts[1]) == 2:
            offset = R.OFFSET_BY_TERRITORY.get(parts[1])
        if offset is None:
            offset = R.OFFSET_BY_LANGUAGE.get(parts[0])
        if offset is not None:
            return {offset, offset + 1}
    return set()


def local_day(page: Page, stamp: str, others: list[str] | None = None) -> str:
    """The publisher's own calendar day for a timestamp the page may give in UTC.

    "2022-11-06T23:00:00Z" is the 7th where the paper is printed: when the URL's date is
    one day off a timestamp with a time, the URL's day wins. A UTC time on an exact hour
    from 10:00 on may be a day stored as local midnight east of UTC; it is the next day
    only when independent evidence confirms it: another structured date (``others``)
    with an explicit offset on that day, or a locale (og:locale, <html lang>) whose
    typical offset puts midnight at that hour. Unconfirmed, the UTC day stays.
    """
    if "T" not in stamp:
        return stamp
    in_url = date_from_url(page.url)
    # A timestamp with the publisher's own offset ("-05:00") already gives the local day.
    if (
        in_url
        and in_url != stamp[:10]
        and _days_apart(in_url, stamp) == 1
        and _local_day_of(stamp) is None
    ):
        return in_url
    exact = R.UTC_EXACT_HOUR_RE.search(stamp)
    # The URL's day, when it is the UTC day, already confirms the UTC reading.
    if exact and int(exact.group(1)) >= 10 and in_url != stamp[:10]:
        next_day = _next_day(stamp)
        if any(_local_day_of(other) == next_day for other in others or []):
            return next_day
        if 24 - int(exact.group(1)) in _typical_offsets(page):
            return next_day
    return stamp


def shown_local_day(page: Page, candidates: list[str]) -> str | None:
    """The day the page shows for an instant its structured data gives in UTC.

    "2022-05-04T00:53:29Z" is the evening of the 3rd in the Americas: when the first
    ``<time>`` the reader sees shows the day before (a UTC hour before noon) or the day
    after (from 10:00 UTC), that is the same instant on the publisher's calendar.
    """
    visible = _visible_dates(page)
    if not visible:
        return None
    day = visible[0]
    for candidate in candidates:
        match = R.UTC_TIME_RE.search(candidate)
        if not match or candidate[:10] == day:
            continue
        hour = int(match.group(1))
        if (hour < 12 and _next_day(day) == candidate[:10]) or (
            hour >= 10 and _next_day(candidate) == day
        ):
            return day
    return None


def confirmed_date(page: Page, candidates: list[str]) -> str | None:
    """Settle disagreeing structured dates by what the reader sees, then by htmldate.

    A stale JSON-LD ``datePublished`` or a date of another item's ``<time>`` is common:
    when the post shows a date that one candidate gives and the first-ranked does not,
    the shown one wins; when JSON-LD and ``<meta>`` still disagree, htmldate's reading of
    the whole page (original-date mode) picks between them. None when nothing settles it.
    """
    days = [c[:10] for c in candidates]
    visible = _visible_dates(page)
    if visible and days[0] not in visible:
        for candidate in candidates:
            if candidate[:10] == visible[0]:
                return candidate
    if len(set(days)) > 1:
        judge = date_from_htmldate(page)
        for candidate in candidates:
            if judge and candidate[:10] == judge[:10]:
                return candidate
    return None


def _holds_date(element: Any) -> bool:
    for node in element.iter():
        if node.tag == "time" or (
            isinstance(node.tag, str) and R.SHOWN_DATE_CLASS.search(class_words(node))
        ):
            return True
    return False


def _dated_list_item(node: Any) -> bool:
    """``node`` is one of a run of like siblings (same tag and class) that each show a
    date: a list of other items ("most viewed", "more from this section")."""
    parent = node.getparent()
    if parent is None or not (node.get("class") or node.tag in R.LIST_ITEM_TAGS):
        return False  # classless layout <div>s are no list
    key = (node.tag, node.get("class"))
    dated = 0
    for sibling in parent:
        if sibling is node or (sibling.tag, sibling.get("class")) != key:
            continue
        if _holds_date(sibling):
            dated += 1
            if dated >= R.MIN_DATED_SIBLINGS:
                return True
    return False


def _hidden_or_other_item(element: Any, stop: Any) -> bool:
    if "display:none" in (element.get("style") or "").replace(" ", ""):
        return True
    for node in (element, *element.iterancestors()):
        if node is stop:
            return False
        if node.tag in R.QUOTED_ITEM_TAGS or R.NOT_SHOWN_DATE_CLASS.search(class_words(node)):
            return True
        if _dated_list_item(node):
            return True
    return False


def _labelled_text_date(element: Any) -> str | None:
    """A date in a line of text that starts with a publication label, however long the
    element around it ("<p>Text ...<br>Erschienen am: 01.11.2023</p>")."""
    for piece in (element.text, element.tail):
        line = " ".join((piece or "").split())
        if 6 <= len(line) <= 80 and R.PUBLISHED_LABEL_RE.match(line):
            if R.UPDATED_LABEL_RE.search(line):
                continue
            parsed = parse_date(R.MACHINE_TIMESTAMP_RE.sub(" ", line))
            if parsed:
                return parsed[:10]
    return None


def _label_before(element: Any) -> str | None:
    """The short label printed just before ``element`` ("Erschienen am:" in its own
    ``<span>``, "Last modified:" as the heading of a list), if any."""
    node = element
    for _level in range(R.LABEL_LEVELS):
        previous = node.getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None:
            # "<br>Published: <span>…": the text right before it is the label.
            text = " ".join((previous.tail or "").split()) or text_of(previous)
            if text and len(text) <= R.MAX_LABEL_CHARS and not any(c.isdigit() for c in text):
                return text
            return None
        parent = node.getparent()
        if parent is None or (parent.text or "").strip():
            return None  # the parent's own line holds the label: read as a labelled line
        node = parent
    return None


def _in_region(element: Any, page: Page, stop: Any) -> bool:
    """Outside comments, sidebars, widgets ... up to ``stop``: the post's element, or the
    headline's block (which holds the headline, so is the item's whatever its classes).

    Share bars do not count as regions here: they hold no other item's date, and themes
    put the post's own date in the bar with its share buttons ("socialshareBox")."""
    if stop is page.root and page.root is page.tree:
        stop = None  # as ``in_scope``: up to <body>
    return in_post(element, stop, page=page, neutral=R.DATE_NEUTRAL_REGION)


def _shown_date(element: Any, page: Page, stop: Any, starts_dated: bool = False) -> str | None:
    """The day ``element`` shows as the post's date, or None: a labelled line, a
    ``<time>`` or a date-classed element (with ``starts_dated``, also a short line that
    starts with a date: "1. Februar 2022, Jane Doe"), never an "updated" one, a hidden
    one or another item's (``stop`` bounds the search for the item's container)."""
    if not isinstance(element.tag, str) or element.tag in ("script", "style"):
        return None
    labelled = _labelled_text_date(element)
    if labelled and not _hidden_or_other_item(element, stop) and _in_region(element, page, stop):
        return labelled
    # Measured in libxml2 first: most elements are long containers or short words. XPath
    # collapses ASCII spaces only (not U+00A0), so its length bounds ours from above.
    if not 6 <= _SQUASHED_LENGTH(element) <= R.MAX_XPATH_SHOWN_DATE_CHARS:
        return None
    text = text_of(element)
    if not 6 <= len(text) <= 80 or not _DIGIT_RE.search(text):
        return None  # every date form has a digit
    words = class_words(element)
    label = _label_before(element)
    if label and R.UPDATED_LABEL_RE.search(label):
        return None
    byline = R.BYLINE_WITH_DATE_RE.match(text)
    if byline:
        text = byline["date"]
    elif not (
        element.tag == "time"
        or R.SHOWN_DATE_CLASS.search(words)
        or R.PUBLISHED_LABEL_RE.match(text)
        or (label and R.PUBLISHED_LABEL_RE.match(label))
        or (starts_dated and R.DATE_AT_START_RE.match(text))
    ):
        return None
    if any(_modified(class_words(node)) for node in element.iter() if isinstance(node.tag, str)):
        return None
    # "Written: 7 Nov 2023 / Updated: 8 Nov 2023": only the part before the update label.
    updated = R.UPDATED_LABEL_RE.search(text)
    if updated:
        text = text[: updated.start()]
    if _hidden_or_other_item(element, stop) or not _in_region(element, page, stop):
        return None
    parsed = parse_date(R.MACHINE_TIMESTAMP_RE.sub(" ", text), day_first=_day_first(page))
    return parsed[:10] if parsed else None


def date_shown_in_post(page: Page) -> str | None:
    """The day the post shows as its date ("Erstellt am: 01.11.2023", a date-classed
    element of its meta line), never an "updated" one, a hidden one or another item's.

    The first such element of the post's own element, in document order, gives it.
    """
    # Without a post element the page's top bar ("Tuesday, 3 May 2022": today) comes
    # first: start at the headline then.
    start = page.root
    if page.root is page.tree.find("body"):
        start = next(page.root.iter("h1"), None)
        if start is None:
            return None
    seen_start, count = start is page.root, 0
    for element in page.root.iter():
        seen_start = seen_start or element is start
        if not seen_start:
            continue
        count += 1
        if count > R.MAX_SHOWN_DATE_ELEMENTS:
            break
        shown = _shown_date(element, page, page.root)
        if shown:
            return shown
    return None


def _headline(page: Page) -> Any:
    """The item's headline: the first ``<h1>`` of the post's element, else of the page
    outside comments, sidebars and the like; else the page's only ``<h1>`` wherever it
    sits (a "banner" holding the item's header), unless it is the site's logo."""
    for scope in (page.root, page.tree):
        for h1 in scope.iter("h1"):
            if in_scope(h1, page, page.tree):
                return h1
    h1s = list(page.tree.iter("h1"))
    if len(h1s) == 1 and not any(_links_home(a.get("href")) for a in h1s[0].iter("a")):
        return h1s[0]
    return None


def _links_home(href: str | None) -> bool:
    return urlsplit((href or "").strip()).path in ("", "/")


def _common_ancestor(element: Any, ancestors: dict[Any, None]) -> Any:
    for node in element.iterancestors():
        if node in ancestors:
            return node
    return None


def date_under_headline(page: Page) -> str | None:
    """The day shown with the headline: just below it ("<h1>…</h1><p class="date">…"),
    else just above it in the headline's own block ("<header><div class="date">…</div>
    <h1>…"): where every reader looks for an item's date.

    Below, read in document order from the ``<h1>`` on, until the first paragraph of
    prose or until the text passed exceeds ``MAX_HEADLINE_BLOCK_CHARS`` (the body has
    begun: a date further down is one the text talks about). Regions are judged only up
    to the element the date shares with the headline: the item's header, whatever the
    layout around it. Above, only inside the ``<h1>``'s parent when that holds little
    text: further up is the site's top bar, whose date is today's.
    """
    h1 = _headline(page)
    if h1 is None:
        return None
    return _date_below(page, h1) or _date_above(page, h1)


def _date_below(page: Page, h1: Any) -> str | None:
    ancestors = dict.fromkeys(h1.iterancestors())
    passed = len(text_of(h1))
    for count, element in enumerate(_following(h1)):
        if count > R.MAX_HEADLINE_BLOCK_ELEMENTS or passed > R.MAX_HEADLINE_BLOCK_CHARS:
            return None
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        if element.tag == "p" and len(text_of(element)) >= R.MIN_BODY_PARAGRAPH_CHARS:
            return None  # the body has begun
        passed += len((element.text or "").strip()) + len((element.tail or "").strip())
        stop = _common_ancestor(element, ancestors)
        if stop is None or stop.tag in ("html",):
            continue
        shown = _shown_date(element, page, stop, starts_dated=True)
        if shown:
            return shown
    return None


def _date_above(page: Page, h1: Any) -> str | None:
    block = h1.getparent()
    if block is None or block.tag in ("body", "html"):
        return None
    if _SQUASHED_LENGTH(block) > R.MAX_HEADLINE_BLOCK_CHARS:
        return None
    for element in block.iter():
        if element is h1:
            return None
        shown = _shown_date(element, page, block, starts_dated=True)
        if shown:
            return shown
    return None


def _following(element: Any) -> Any:
    """The elements after ``element`` in document order (not its own descendants)."""
    node = element
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            yield from sibling.iter()
            sibling = sibling.getnext()
        node = node.getparent()


def date_from_dateline(page: Page) -> str | None:
    """The dateline that opens the item's text ("BERLIN, 29.11.2022 – The government ...",
    "(21. November 2022) Consumers ..."): wire and press-release style.

    Only the first paragraphs of prose after the headline are read; a date further down
    is a date the text talks about.
    """
    start = _headline(page)
    seen_start, paragraphs = start is None, 0
    for element in page.root.iter():
        seen_start = seen_start or element is start
        if not seen_start or element.tag != "p":
            continue
        text = text_of(element)
        if len(text) < R.MIN_DATELINE_PARAGRAPH_CHARS or not in_scope(element, page, page.root):
            continue
        paragraphs += 1
        if paragraphs > R.DATELINE_PARAGRAPHS:
            return None
        match = R.DATELINE_RE.match(text)
        if match and not _hidden_or_other_item(element, page.root):
            parsed = parse_date(match["paren"] or match["plain"], day_first=_day_first(page))
            if parsed:
                return parsed[:10]
    return None


# What the reader sees as the item's date, strongest first.
SHOWN_DATE_RULES: tuple[Callable[[Page], str | None], ...] = (
    date_under_headline,
    date_shown_in_post,
    date_from_dateline,
)


def page_published(page: Page) -> str | None:
    """Publication date by agreement of independent evidence, then by rank.

    1. The shown day (first of ``SHOWN_DATE_RULES``) that a structured candidate
       (JSON-LD, ``<meta>``, itemprop/``<time>``) agrees with: that candidate, with its time.
    2. The URL's ``/YYYY/MM/DD/`` when the first structured date is days away from it.
    3. The shown day: structured dates are often stale (a template default, a republication).
    4. The structured candidates, read on the publisher's calendar (``shown_local_day``,
       ``confirmed_date``, ``local_day``).
    5. The URL, then htmldate.
    """
    structured = [d for d in (rule(page) for rule in DATE_RULES[:3]) if d]
    shown = next((day for day in (rule(page) for rule in SHOWN_DATE_RULES) if day), None)
    # "11/01/2021" read day first may be the structured 1 November read month first: a
    # page's CMS can write the US order whatever its language. Agreement settles it.
    readings = {shown, _swapped(shown)} if shown else set()
    agreeing = [c for c in structured if c[:10] in readings]
    if agreeing:
        return agreeing[0]
    # The URL's /YYYY/MM/DD/ is set once, at publication: it outranks a structured date
    # days away from it (a template default, a republication) and the shown date.
    in_url = date_from_url(page.url)
    if in_url and (not structured or _days_apart(in_url, structured[0]) > 1):
        return next((c for c in structured if c[:10] == in_url), in_url)
    if shown:
        return shown
    if structured:
        local = shown_local_day(page, structured)
        if local:
            return local
        if len(structured) > 1:
            settled = confirmed_date(page, structured)
            if settled:
                return local_day(page, settled, structured)
        return local_day(page, structured[0], structured)
    for rule in DATE_RULES[3:]:
        value = rule(page)
        if value:
            return local_day(page, value)
    return None
