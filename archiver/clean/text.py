"""Plain-text dumps of blog posts: find the title and the article, harvest the residue.

Two shapes of dump reach us:

- a post-only dump (the seed's shape): title line, article paragraphs, then the theme's
  residue ("This entry was posted in …", "[Read full … article]", post navigation);
- a full-page dump: everything a user got by selecting a whole page (menus, share buttons,
  cookie banner, related posts, comments, footer), one block per line.

One method serves both. Each line is classified by the residue rules (archiver.clean.rules);
every kept line gets a text score: positive for prose (many words, sentence punctuation),
negative for menu-like short lines and for residue. The article is the contiguous run of lines
with the highest total score (maximum-subarray, as in Finn et al.'s Body Text Extraction),
cut at the post's end (a section marker: comments, related posts, post navigation, sidebar,
author box; the theme's "Posted in … | Tagged …" footer; a comment form) and extended over
adjacent prose lines. Once the post's own header (dateline, byline) and a little prose have
been seen, prose after such an end counts for less, so a short post beats a long author box,
sidebar or teaser list below it. The title is the first line when the dump starts with the
post, otherwise the nearest headline-like line above the article.

Guarantees (property-tested): never raises on any str; every output line is an input line,
stripped or with a residue fragment trimmed from its start or end, in input order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..language import detect_language
from ..model import Metadata
from .rules import Verdict, apply_fields, classify_lines, parse_date

_SENTENCE_END_CHARS = frozenset('.!?。！？…:;"”’)»」』')
_HEADLINE_END = re.compile(r"[.,;:]\s*$")
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]")
_MENU_SEPARATORS = re.compile(r"\s[|•·»/]\s")
_URL = re.compile(r"https?://|www\.")
_TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*\]?\s*$")

# Scores: prose counts its words; short unpunctuated lines and residue cost a little, so a
# menu of many items separates two blocks while a sub-heading inside an article does not.
PROSE_MIN_WORDS = 10
SENTENCE_MIN_WORDS = 5
SHORT_LINE_SCORE = -1.5
RESIDUE_SCORE = -2.0
SECTION_SCORE = -6.0
MAX_LINE_SCORE = 150.0
UNPUNCTUATED_PROSE_WORDS = 25  # paragraphs end in punctuation; shorter lines without are headlines
GAP_STEP = 2.0  # each further non-prose line in a row costs this much more ...
GAP_MAX = 8.0  # ... up to this extra cost
AFTER_COMMENTS_WEIGHT = 0.3  # comments are prose too, but never the article when one precedes
DUPLICATE_WEIGHT = 0.5  # a paragraph shown twice on a page is a teaser (or a lead repeated)
SECTION_MIN_WORDS_BEFORE = 40  # prose words before a section marker can end the article
ISOLATED_WEIGHT = 0.5  # a paragraph between two non-prose lines: a teaser as often as not
HARVEST_AFTER_BODY = 25  # residue lines after the article that may still describe it
TITLE_LOOKBACK = 15
RESIDUE_RUN = 6  # residue lines (share bar, tags, like widget) in a run with no prose ...
RESIDUE_RUN_MIN_WORDS = 100  # ... after this much prose end the article, marker or not
# The post's own header (dateline, byline) and footer (posted-in/tags line, and any section
# marker but a comments one: a "Comments" button often stands above the article): prose after
# a footer that follows the header and FOOTER_MIN_WORDS of prose is not the article, however
# long (an author box, a sidebar, teasers), and the footer ends the article.
_POST_HEADER_RULES = frozenset({"posted_on", "date_line", "byline", "posted_by"})
_POST_FOOTER_RULES = frozenset({"entry_posted_in", "posted_in", "tagged", "category_list"})
FOOTER_MIN_WORDS = 10
DATELINE_MAX_WORDS = 16  # a meta line with a date; longer, it is a sentence about a date
_YEAR = re.compile(r"\d{4}")
_COMMENT_FORM_RULES = frozenset({"comment_form", "comment_form_phrase"})
COMMENT_FORM_SPAN = 3  # two comment-form lines this close: a form (one "Reply" may be a word)
INLINE_BOX_LINES = 4  # a "Related" box inside the article: its heading, a few links ...
INLINE_BOX_PROSE_RUN = 3  # ... then this many full paragraphs in a row: the article goes on
_PUNCTUATION = re.compile(r"[.,;:!?。，、！？،؛؟।]")  # none in a long line: a tag cloud, a menu
HEAD_LOOKAHEAD = 10  # kept lines searched for the first full paragraph of the article
HEADLINE_MAX_WORDS = 20  # a longer unpunctuated line is a table row or a list, not a headline
HEAD_MAX_WORDS_ABOVE = 60  # more words above a headline: it is a sub-heading of the article


@dataclass
class _Line:
    index: int  # position among the input's lines
    verdict: Verdict
    words: float  # words, with CJK characters counted as half a word each
    score: float = 0.0

    @property
    def kept(self) -> bool:
        return not self.verdict.dropped and bool(self.verdict.text)


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence punctuation, trailing spaces aside (what the
    regex ``[.!?…]\\s*$`` says, without the engine trying every position of the line)."""
    stripped = text.rstrip()  # str.isspace, the characters \\s matches
    return bool(stripped) and stripped[-1] in _SENTENCE_END_CHARS


def _token_class(char: str) -> str:
    """A character's class for counting ``_TOKEN``s: "c" a CJK character (``_CJK``), "0" a
    digit (``\\d``: ``str.isdecimal``), "a" a letter (``[^\\W\\d_]``: any other
    ``str.isalnum`` character, as re's Unicode classes define them), " " anything else."""
    if _CJK.match(char):
        return "c"
    if char.isdecimal():
        return "0"
    return "a" if char.isalnum() else " "


class _TokenClasses(dict[int, str]):
    """A ``str.translate`` table of ``_token_class``, filled in as characters are met, up to
    a bounded size."""

    def __missing__(self, code: int) -> str:
        value = _token_class(chr(code))
        if len(self) < _TOKEN_CLASSES_MAX:
            self[code] = value
        return value


_TOKEN_CLASSES_MAX = 1 << 16
_TOKEN_CLASSES = _TokenClasses()
# The same classes by byte of windows-1252 (ASCII included): most Latin-script text encodes
# in it, and bytes.translate classifies a whole line at C speed (a str.translate through a
# table is a lookup per character, slower than the regex engine).
_CP1252_TOKEN_CLASSES = bytes(
    ord(_token_class(char)) if (char := bytes([byte]).decode("cp1252", "ignore")) else 32
    for byte in range(256)
)


def _token_runs(classes: bytes) -> int:
    """Tokens in a string of classes (see ``_TokenClasses``) without CJK: each run of
    letters and each run of digits is one (``_TOKEN`` matches exactly those runs)."""
    marked = b" " + classes
    return marked.count(b" a") + marked.count(b" 0") + marked.count(b"a0") + marked.count(b"0a")


def _words(text: str) -> float:
    """``_TOKEN`` matches in ``text``, each CJK character counting as half a word: what
    ``len(_TOKEN.findall(...))`` counts, two to six times faster than the regex engine."""
    try:
        encoded = text.encode("ascii" if text.isascii() else "cp1252")
    except UnicodeEncodeError:  # outside windows-1252: CJK, Cyrillic, Greek ...
        classes = text.translate(_TOKEN_CLASSES).encode("ascii")
        cjk = classes.count(b"c")
        return _token_runs(classes.replace(b"c", b" ") if cjk else classes) + cjk / 2
    return float(_token_runs(encoded.translate(_CP1252_TOKEN_CLASSES)))


def _is_prose(line: _Line) -> bool:
    text = line.verdict.text or ""
    return line.words >= PROSE_MIN_WORDS or (
        line.words >= SENTENCE_MIN_WORDS and _ends_sentence(text)
    )


def _score(line: _Line) -> float:
    verdict = line.verdict
    if verdict.section:
        return SECTION_SCORE
    if not line.kept:
        return RESIDUE_SCORE
    text = verdict.text or ""
    if (_has_menu_separator(text) and len(_MENU_SEPARATORS.findall(text)) >= 3) or (
        _URL.search(text) and line.words < 8
    ):
        return RESIDUE_SCORE  # a menu flattened onto one line, or a bare link
    if _is_prose(line):
        if not _ends_sentence(text) and (
            line.words < UNPUNCTUATED_PROSE_WORDS
            or (not _PUNCTUATION.search(text) and _spaced_words(text))
        ):
            # A headline or a link list item, not a paragraph; and a long run of words
            # without a single punctuation mark is a tag cloud or a menu run together.
            return SHORT_LINE_SCORE
        return min(line.words, MAX_LINE_SCORE)
    if line.words >= 3 and _ends_sentence(text):
        return 0.5
    return SHORT_LINE_SCORE


def _has_menu_separator(text: str) -> bool:
    """Whether ``text`` holds one of the characters ``_MENU_SEPARATORS`` needs (a cheap
    gate: most lines have none)."""
    return "|" in text or "/" in text or "•" in text or "·" in text or "»" in text


def _spaced_words(text: str) -> bool:
    """UNPUNCTUATED_PROSE_WORDS words or more between spaces (text without spaces, such as
    Chinese or Japanese, or a blob of data, is not judged by its missing punctuation)."""
    return text.count(" ") >= UNPUNCTUATED_PROSE_WORDS - 1


def _score_lines(lines: list[_Line]) -> None:
    """Give every line its score: the line's own, then what its neighbours say about it."""
    for line in lines:
        line.score = _score(line)
    for position, line in enumerate(lines):
        after = lines[position + 1] if position + 1 < len(lines) else None
        if line.score > 0 and (
            _TRUNCATED.search(line.verdict.text or "")
            or (
                after is not None
                and after.verdict.rule is not None
                and after.verdict.rule.name == "continue_reading"
                and after.verdict.dropped
            )
        ):
            # An excerpt cut short, or one followed by its "Read more" link: a teaser for
            # another page, not a paragraph of this one.
            line.score = SHORT_LINE_SCORE
    kept = [line for line in lines if line.kept]
    seen = Counter(line.verdict.text for line in kept)
    for line in kept:
        if seen[line.verdict.text] > 1 and line.score > 0:
            line.score *= DUPLICATE_WEIGHT
    prose = [line.score > 0 for line in kept]
    isolated = [
        prose[k] and (k == 0 or not prose[k - 1]) and (k + 1 == len(kept) or not prose[k + 1])
        for k in range(len(kept))
    ]
    for k, line in enumerate(kept):
        if isolated[k]:
            line.score *= ISOLATED_WEIGHT  # article paragraphs come in runs; teasers alone
    after_post = False
    prose_words = 0.0  # a comments link above the article is a button, not the comments
    header_words: float | None = None  # prose words since the post's dateline or byline
    gap = 0  # consecutive non-prose lines: a long run of them is a page region boundary
    for position, line in enumerate(lines):
        if line.score <= 0:
            gap += 1
            line.score -= min(GAP_STEP * (gap - 1), GAP_MAX)
        else:
            gap = 0
        if after_post and line.score > 0:
            line.score *= AFTER_COMMENTS_WEIGHT
        if line.score > 0:
            prose_words += line.words
            if header_words is not None:
                header_words += line.words
        rule = line.verdict.rule
        if header_words is None and _post_header(line):
            header_words = 0.0
        if (
            rule is not None
            and rule.group == "comments"
            and (line.verdict.section or _comment_form(lines, position))
            and prose_words >= SECTION_MIN_WORDS_BEFORE
        ):
            after_post = True
        if (
            rule is not None
            and (
                (line.verdict.section and rule.group != "comments")
                or rule.name in _POST_FOOTER_RULES
            )
            and header_words is not None
            and header_words >= FOOTER_MIN_WORDS
            and not (rule.group == "related" and _prose_follows(lines, position + 1))
        ):
            after_post = True


def _comment_form(lines: list[_Line], position: int) -> bool:
    """Whether the comment-form line at ``position`` has another one within COMMENT_FORM_SPAN
    lines after it (name, email and website fields; a reply link and its cancel link)."""
    rule = lines[position].verdict.rule
    if rule is None or rule.name not in _COMMENT_FORM_RULES:
        return False
    return any(
        line.verdict.rule is not None and line.verdict.rule.name in _COMMENT_FORM_RULES
        for line in lines[position + 1 : position + 1 + COMMENT_FORM_SPAN]
    )


def _prose_follows(lines: list[_Line], position: int) -> bool:
    """Whether the article goes on below a "Related" box set inside it: at ``position`` (just
    below the box's heading) at most INLINE_BOX_LINES kept short lines (the box's links, no
    residue), then INLINE_BOX_PROSE_RUN full paragraphs in a row."""
    links = 0
    while position < len(lines) and not _full_paragraph(lines[position]):
        line = lines[position]
        box_heading = line.verdict.section and line.verdict.rule.group == "related"
        if links == INLINE_BOX_LINES or not (line.kept or box_heading):
            return False
        links += not box_heading
        position += 1
    run = lines[position : position + INLINE_BOX_PROSE_RUN]
    return len(run) == INLINE_BOX_PROSE_RUN and all(_full_paragraph(line) for line in run)


def _best_run(lines: list[_Line]) -> tuple[int, int] | None:
    """Positions (first, last) in ``lines`` of the run with the highest total score."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for position, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, position
        total += line.score
        if total > best:
            best, best_span = total, (start, position)
    return best_span


def _title_like(line: _Line) -> bool:
    text = line.verdict.text or ""
    return line.kept and 2 <= line.words <= 40 and not _HEADLINE_END.search(text)


def clean_text_dump(text: str) -> tuple[str, Metadata]:
    """Return ``(body, metadata)`` for a plain-text dump of a blog post or a whole page.

    The body holds the article's paragraphs only (no title line), separated by one blank
    line. The metadata carries the title, and what the residue said: authors, categories
    (split on the theme's separator only), tags, published date (ISO 8601), original source
    of a repost, and the language of the body.
    """
    lines = [
        _Line(index, verdict, _words(verdict.text or ""))
        for index, verdict in enumerate(classify_lines(text.splitlines(), memo=True))
        if verdict.text != ""
    ]
    _score_lines(lines)

    metadata = Metadata()
    kept_positions = [p for p, line in enumerate(lines) if line.kept]
    if not kept_positions:
        _harvest(lines, 0, len(lines), metadata)
        return "", metadata
    span = _best_run(lines)
    first_kept = kept_positions[0]
    if span is None:  # no prose at all: the first kept line is all we can call a title
        metadata.title = lines[first_kept].verdict.text
        _harvest(lines, 0, len(lines), metadata)
        return "", metadata
    start, end = span
    title_pos = _find_title(lines, first_kept, start)
    if title_pos is not None and title_pos >= start:
        start = title_pos + 1
    start, end = _extend(lines, start, end, title_pos)
    start = _trim_head(lines, start, end)
    header = next((p for p, line in enumerate(lines) if _post_header(line)), None)
    min_words = (
        FOOTER_MIN_WORDS if header is not None and header <= start else SECTION_MIN_WORDS_BEFORE
    )
    end = _trim_tail(lines, start, _cut_at_section(lines, start, end, min_words))

    body = [lines[p].verdict.text or "" for p in range(start, end + 1) if lines[p].kept]
    if title_pos is not None:
        metadata.title = lines[title_pos].verdict.text
    harvest_from = max(0, min(start, title_pos if title_pos is not None else start) - 5)
    _harvest(lines, harvest_from, _harvest_end(lines, end), metadata)
    body_text = "\n\n".join(body)
    metadata.language = detect_language(body_text or (metadata.title or ""))
    return body_text, metadata


def _find_title(lines: list[_Line], first_kept: int, start: int) -> int | None:
    """The title's position: the first line when the dump opens with the post, else the
    nearest headline-like line above the article."""
    if first_kept >= start:
        return first_kept  # the best run starts at the first kept line: that line is the title
    between = [lines[p] for p in range(first_kept + 1, start)]
    if all(not line.kept for line in between) and _title_like(lines[first_kept]):
        return first_kept  # only residue (byline, date) between the first line and the body
    for position in range(start - 1, max(first_kept, start - TITLE_LOOKBACK) - 1, -1):
        line = lines[position]
        if line.verdict.section:
            break
        if _title_like(line) and line.words >= 3:
            return position
    return first_kept if _title_like(lines[first_kept]) else None


def _extend(lines: list[_Line], start: int, end: int, title_pos: int | None) -> tuple[int, int]:
    """Grow the run over adjacent prose lines (a short first or last paragraph)."""
    floor = (title_pos + 1) if title_pos is not None else 0
    while start - 1 >= floor and lines[start - 1].kept and _extends(lines[start - 1]):
        start -= 1
    while end + 1 < len(lines) and lines[end + 1].kept and _extends(lines[end + 1]):
        end += 1
    return start, end


def _trim_head(lines: list[_Line], start: int, end: int) -> int:
    """Start the article at its first paragraph, below the headline that leads into it.

    The best run often opens with page furniture just above the article: a breadcrumb, a
    teaser, the headline, a date line, a byline, a photo credit. The article starts at the
    first paragraph-shaped line; and when a headline-shaped line stands a few lines above the
    first full paragraph with little text above it, that text is the page's, not the article's.
    """
    position = _next_paragraph(lines, start, end)
    first_full, kept_seen = position, 0
    while first_full < end and not _full_paragraph(lines[first_full]):
        kept_seen += lines[first_full].kept
        if kept_seen >= HEAD_LOOKAHEAD:
            return position  # no full paragraph near: no article header to look for
        first_full += 1
    for headline in range(first_full - 1, position - 1, -1):
        line = lines[headline]
        if _title_like(line) and 3 <= line.words <= HEADLINE_MAX_WORDS:
            above = sum(lines[p].words for p in range(position, headline) if lines[p].kept)
            if above > HEAD_MAX_WORDS_ABOVE:
                break  # real text above it: a sub-heading inside the article
            return _next_paragraph(lines, headline + 1, end)
    return position


def _trim_tail(lines: list[_Line], start: int, end: int) -> int:
    """End the article at its last prose or sentence line: the short lines trailing it (a
    byline, a tag line, a "read the rest" link) are furniture."""
    while end > start and not (
        lines[end].kept and (_is_prose(lines[end]) or _paragraph_like(lines[end]))
    ):
        end -= 1
    return end


def _next_paragraph(lines: list[_Line], position: int, end: int) -> int:
    while position < end and not (lines[position].kept and _paragraph_like(lines[position])):
        position += 1
    return position


def _paragraph_like(line: _Line) -> bool:
    """A sentence (SENTENCE_MIN_WORDS words, sentence punctuation) or a long line."""
    text = line.verdict.text or ""
    return (line.words >= SENTENCE_MIN_WORDS and _ends_sentence(text)) or (
        line.words >= UNPUNCTUATED_PROSE_WORDS
    )


def _full_paragraph(line: _Line) -> bool:
    text = line.verdict.text or ""
    return line.kept and line.words >= PROSE_MIN_WORDS and _ends_sentence(text)


def _extends(line: _Line) -> bool:
    text = line.verdict.text or ""
    return line.words >= 4 and (_is_prose(line) or _ends_sentence(text))


def _post_header(line: _Line) -> bool:
    """A dateline or byline: a residue rule's, or a short kept line holding a date (a theme's
    meta line: "Paddy · April 19, 2019 · Mac · 7 comments", "by oz on December 4, 2006")."""
    rule = line.verdict.rule
    if rule is not None:
        return rule.name in _POST_HEADER_RULES
    text = line.verdict.text or ""
    return (
        line.kept
        and line.words <= DATELINE_MAX_WORDS
        and _YEAR.search(text) is not None
        and not _ends_sentence(text)
        and parse_date(text) is not None
    )


def _cut_at_section(lines: list[_Line], start: int, end: int, min_words: float) -> int:
    """End the article before the first section marker that follows some of its prose, or
    before a long run of residue (RESIDUE_RUN dropped lines with no prose among them).

    A marker before SECTION_MIN_WORDS_BEFORE words of prose is a button or a teaser box
    ("Comments", "Related") above the article, not the end of it.
    """
    words = 0.0
    residue_run: list[int] = []  # the current run of non-prose lines: positions of residue
    run_start = start
    for position in range(start, end + 1):
        line = lines[position]
        if (
            line.verdict.section
            and words
            >= (SECTION_MIN_WORDS_BEFORE if line.verdict.rule.group == "comments" else min_words)
            and not (line.verdict.rule.group == "related" and _prose_follows(lines, position + 1))
        ):
            return position - 1
        if words >= SECTION_MIN_WORDS_BEFORE and (
            _comment_form(lines, position)
            or (line.verdict.rule is not None and line.verdict.rule.name in _POST_FOOTER_RULES)
        ):
            return position - 1
        if line.kept and line.score > 0:
            words += line.words
            residue_run, run_start = [], position + 1
            continue
        if not line.kept:
            residue_run.append(position)
        if len(residue_run) >= RESIDUE_RUN and words >= RESIDUE_RUN_MIN_WORDS:
            return run_start - 1
    return end


def _harvest_end(lines: list[_Line], end: int) -> int:
    limit = min(len(lines), end + 1 + HARVEST_AFTER_BODY)
    for position in range(end + 1, limit):
        if lines[position].verdict.section:
            return position
    return limit


def _harvest(lines: list[_Line], first: int, last: int, metadata: Metadata) -> None:
    for line in lines[first:last]:
        if line.verdict.fields:
            apply_fields(metadata, line.verdict.fields)
