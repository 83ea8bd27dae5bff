"""Plain-text dumps: title, body paragraphs only, metadata harvested from the residue."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.clean.text import clean_text_dump

DATA = Path(__file__).parent / "data" / "text"


def _paragraphs(body: str) -> list[str]:
    return body.split("\n\n") if body else []


def _input_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_demo_post_in_the_seed_shape() -> None:
    text = files("archiver").joinpath("samples/demo-post.txt").read_text(encoding="utf-8")
    body, meta = clean_text_dump(text)
    lines = _input_lines(text)
    assert meta.title == lines[0]
    assert meta.authors == ["Mira Castellane"]
    # ", " separates categories; " and " inside one category does not.
    assert meta.categories == ["Community Archives", "Food Security and Farming"]
    assert meta.original_source == {"name": "Vellmar Harbour Gazette", "url": None}
    assert meta.language == "en"
    assert _paragraphs(body) == lines[1:7]  # six paragraphs, no title, no residue
    for residue in ("[Read full", "This entry was posted", "navigation", "[…]"):
        assert residue not in body


def test_post_with_footer_share_related_and_comments() -> None:
    body, meta = clean_text_dump((DATA / "post-with-comments.txt").read_text(encoding="utf-8"))
    assert meta.title == "Rain delays the rice harvest in the fictional Duran valley"
    assert meta.authors == ["Anna Kim"]
    assert meta.published == "2016-03-03"
    assert meta.categories == ["Farming", "Rice and Grain"]
    assert meta.tags == ["harvest", "weather"]
    paragraphs = _paragraphs(body)
    assert paragraphs[0].startswith("Farmers in the Duran valley")
    assert "Harvest schedule" in paragraphs  # a sub-heading inside the article stays
    assert (
        paragraphs[-1]
        == "The office said it would publish a new estimate of the crop next week. It ended the season badly"
    )
    for residue in (
        "Continue reading",
        "Share this",
        "Twitter",
        "Like",
        "Related",
        "Dry spring",
        "thoughts on",
        "says:",
        "I farm two hills",
        "Reply",
        "email address",
    ):
        assert residue not in body


def test_full_page_dump_keeps_only_the_article() -> None:
    body, meta = clean_text_dump((DATA / "full-page.txt").read_text(encoding="utf-8"))
    assert meta.title == "Tram line to the harbour will open two years late, city admits"
    assert meta.authors == ["Leonie Brandt", "Tomas Ek"]
    assert meta.published == "2021-05-12"
    assert meta.tags == ["trams", "harbour", "city budget"]
    paragraphs = _paragraphs(body)
    assert paragraphs[0].startswith("The city of Kessling")
    assert paragraphs[-1].startswith("The city said the budget")
    # the short lines inside the article (sub-heading, list items) are kept
    assert "What changes for passengers" in paragraphs
    assert "The night bus will be extended by two stops." in paragraphs
    for chrome in (
        "Skip to content",
        "cookies",
        "Menu",
        "Home",
        "Share",
        "Facebook",
        "cycle bridge",
        "newsletter",
        "Comments",
        "Two years late is nothing",
        "About us",
        "©",
    ):
        assert chrome not in body


def test_korean_post_with_korean_residue() -> None:
    body, meta = clean_text_dump((DATA / "korean-post.txt").read_text(encoding="utf-8"))
    assert meta.title == "가상의 해안 마을, 등대 옆에 씨앗 도서관 문 열어"
    assert meta.authors == ["홍길동"]
    assert meta.categories == ["지역 소식", "농업"]
    assert meta.tags == ["씨앗", "도서관"]
    assert meta.language == "ko"
    assert len(_paragraphs(body)) == 3
    for residue in ("기자", "카테고리", "공유하기", "좋아요", "관련", "댓글"):
        assert residue not in body


def test_german_post_with_german_residue() -> None:
    body, meta = clean_text_dump((DATA / "german-post.txt").read_text(encoding="utf-8"))
    assert meta.authors == ["Anna Schmidt"]
    assert meta.published == "2016-03-03"
    assert meta.categories == ["Gemeinde", "Garten und Natur"]
    assert meta.tags == ["Saatgut", "Bibliothek"]
    assert meta.language == "de"
    assert len(_paragraphs(body)) == 3
    for residue in ("Veröffentlicht", "Teilen", "Gefällt", "Ähnliche", "Kommentar"):
        assert residue not in body


def test_repost_source_line_with_url() -> None:
    body, meta = clean_text_dump((DATA / "repost-source.txt").read_text(encoding="utf-8"))
    assert meta.original_source == {
        "name": "Halden Cove Weekly",
        "url": "https://example.org/halden-cove/boat",
    }
    assert meta.tags == ["museums", "boats", "maritime history"]
    assert len(_paragraphs(body)) == 4
    assert "Source:" not in body


def test_windows_line_ends_and_blank_lines_between_paragraphs() -> None:
    text = (DATA / "german-post.txt").read_text(encoding="utf-8")
    body_unix, meta_unix = clean_text_dump(text)
    body_dos, meta_dos = clean_text_dump(text.replace("\n", "\r\n\r\n"))
    assert (body_dos, meta_dos) == (body_unix, meta_unix)


def test_empty_and_residue_only_dumps() -> None:
    assert clean_text_dump("") == ("", clean_text_dump("")[1])
    body, meta = clean_text_dump("\n\n   \n")
    assert body == "" and meta.title is None
    body, meta = clean_text_dump("Share this:\nTwitter\nLike Loading…\n")
    assert body == ""


def test_title_only_dump() -> None:
    body, meta = clean_text_dump("A headline with nothing below it\n")
    assert body == ""
    assert meta.title == "A headline with nothing below it"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_never_raises_and_keeps_input_lines_in_order(text: str) -> None:
    body, _meta = clean_text_dump(text)
    assert isinstance(body, str)
    _assert_subsequence(body, text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            _input_lines((DATA / "full-page.txt").read_text(encoding="utf-8"))
            + _input_lines((DATA / "post-with-comments.txt").read_text(encoding="utf-8"))
            + ["", "[…]", "← Previous", "Related", "3 Comments"]
        ),
        max_size=40,
    )
)
def test_shuffled_real_lines_keep_the_subsequence_property(lines: list[str]) -> None:
    text = "\n".join(lines)
    body, _meta = clean_text_dump(text)
    _assert_subsequence(body, text)


def _assert_subsequence(body: str, text: str) -> None:
    """Every output line is (a trimmed piece of) an input line, in input order."""
    source = text.splitlines()
    position = 0
    for line in _paragraphs(body):
        while position < len(source) and line not in source[position]:
            position += 1
        assert position < len(source), f"{line!r} is not from the input"
        position += 1


ARTICLE = [
    "Lighthouse keepers return to the fictional island of Orrin after forty years",
    "The island council of Orrin, a place invented for this test, voted on Monday to staff its"
    " lighthouse again, forty years after the last keeper left for the mainland.",
    "Two keepers will live in the tower from April, the council said, and will run a small"
    " weather station alongside the lamp, which has been automatic since 1981.",
    "The decision follows a petition signed by most of the island's three hundred residents.",
]


def test_teaser_excerpts_cut_short_are_not_the_article() -> None:
    teasers = [
        "More stories",
        "Ferry timetable changes for the winter season",
        "The ferry company has published its winter timetable, which drops the late crossing"
        " on weekdays and adds a morning boat on Saturdays for the …",
        "Harbour wall repairs",
        "Engineers began work on the harbour wall this week after storms in January left a"
        " gap wide enough for a rowing boat to pass through it, residents said...",
    ]
    body, meta = clean_text_dump("\n".join(ARTICLE + teasers))
    assert meta.title == ARTICLE[0]
    assert _paragraphs(body) == ARTICLE[1:]


def test_teasers_with_read_more_links_are_not_the_article() -> None:
    # Each teaser stands alone between short lines and ends in its own link to another page;
    # the article's paragraphs come in a run.
    teasers = []
    for n in range(3):
        teasers += [
            f"Headline number {n} about a different island story",
            f"A summary of story {n}, long enough to count as prose in a dump of the page,"
            " about the island's school, its shop and its single bus.",
            "Read more",
            "Island life",
        ]
    body, _meta = clean_text_dump("\n".join(ARTICLE + teasers))
    assert _paragraphs(body) == ARTICLE[1:]


def test_a_quotation_introduced_by_says_stays_in_the_article() -> None:
    lines = [
        ARTICLE[0],
        ARTICLE[1],
        "The council's report says:",
        "Keeping a lighthouse staffed costs less than one lifeboat rescue a year, and the"
        " keepers would also help visitors who walk to the cape in bad weather.",
        ARTICLE[2],
        ARTICLE[3],
        "Posted on March 3, 2016 at 10:15 pm by Anna Kim",
    ]
    body, meta = clean_text_dump("\n".join(lines))
    assert _paragraphs(body) == lines[1:6]
    assert meta.published == "2016-03-03T22:15:00"
    assert meta.authors == ["Anna Kim"]


def test_a_comments_button_above_the_article_does_not_end_it() -> None:
    # A short standfirst, then the comment counter's link, then the article's paragraphs.
    lines = [ARTICLE[0], ARTICLE[1], "Comments", *ARTICLE[2:], "Leave a Reply"]
    body, meta = clean_text_dump("\n".join(lines))
    assert meta.title == ARTICLE[0]
    assert _paragraphs(body) == ARTICLE[1:]


def test_comments_heading_after_the_article_still_ends_it() -> None:
    comment = (
        "I grew up next to that lighthouse and I am glad to hear that somebody will live in"
        " the tower again, my grandfather was one of the last keepers."
    )
    body, _meta = clean_text_dump("\n".join([*ARTICLE, "Comments", comment]))
    assert _paragraphs(body) == ARTICLE[1:]


def test_a_paragraph_shown_twice_on_the_page_is_a_teaser() -> None:
    teaser = (
        "The ferry company has published its winter timetable, which drops the late crossing"
        " on weekdays and adds a morning boat on Saturdays for commuters and walkers."
    )
    lines = [*ARTICLE, "Most read", "Ferry timetable changes", "March 3, 2016", teaser,
             "Editor's picks", "Ferry timetable changes", "March 3, 2016", teaser]  # fmt: skip
    body, _meta = clean_text_dump("\n".join(lines))
    assert _paragraphs(body) == ARTICLE[1:]


def test_a_run_of_residue_after_the_article_ends_it() -> None:
    # No heading marks the end: a share bar, then another page's teaser paragraph.
    teaser = (
        "The ferry company has published its winter timetable, which drops the late crossing"
        " on weekdays and adds a morning boat on Saturdays for commuters and walkers alike."
    )
    article = ARTICLE + [
        "Keepers will be chosen in March from a list of applicants drawn up by the council,"
        " which received more than forty letters from the mainland and from abroad this winter.",
        "The last keeper, who left in 1981, said he was delighted and offered to show the new"
        " keepers how the old clockwork of the lamp used to be wound by hand every evening.",
    ]
    share = ["Share this:", "Facebook", "Twitter", "Email", "Like this:", "Like Loading…"]
    body, _meta = clean_text_dump("\n".join([*article, *share, teaser, teaser.upper()]))
    assert _paragraphs(body) == article[1:]


# A page header inside the best run: a teaser sentence for another page, then the headline
# just above the article's first paragraph.
HEADED_PAGE = """Home
News
Opinion
Orchards had their best year since 1990.
Night trains return to the northern line
The northern line will carry night trains again from June, the railway said on Monday, after a pause of eleven years that left the valley without a late connection.
Tickets go on sale next week, and the first trains will run three nights a week until the autumn, when the railway will decide whether to run them every night.
Local councils had asked for the service since the last train was withdrawn, citing students and shift workers who now drive home late at night.
Share
Tags: rail
"""


def test_article_starts_below_its_headline_not_at_the_page_header() -> None:
    body, meta = clean_text_dump(HEADED_PAGE)
    paragraphs = _paragraphs(body)
    assert paragraphs[0].startswith("The northern line will carry night trains")
    for furniture in ("Orchards", "Night trains return"):
        assert furniture not in body
    assert len(paragraphs) == 3


# A heading-shaped line with real text above it is a sub-heading of the article: it stays.
SUBHEADED_ARTICLE = """Harbour market to reopen
The council met on Tuesday to decide the future of the old harbour market, which has stood empty since the fishing fleet moved to the new port in the south of the bay.
A decision on the market
Members voted to lease the hall to a cooperative of growers for ten years, on condition that it opens to the public at least four days a week.
The growers plan to open in the spring, once the roof has been repaired and the stalls rebuilt by volunteers from the town.
"""


def test_sub_heading_below_the_first_paragraph_is_not_taken_for_a_headline() -> None:
    paragraphs = _paragraphs(clean_text_dump(SUBHEADED_ARTICLE)[0])
    assert paragraphs[0].startswith("The council met on Tuesday")
    assert "A decision on the market" in paragraphs


# Short lines trailing the last paragraph inside the run (here a signed byline) go.
TRAILED_ARTICLE = """Storm closes the coastal road
The coastal road between the two harbours was closed on Sunday after a storm washed away part of the sea wall near the lighthouse.
Engineers expect to reopen one lane by Friday, and the whole road before the end of the month, if the weather allows the repairs to go ahead.
Marta Quint, Harbour Desk.
"""


def test_short_lines_after_the_last_paragraph_are_not_the_article() -> None:
    paragraphs = _paragraphs(clean_text_dump(TRAILED_ARTICLE)[0])
    assert paragraphs[-1].startswith("Engineers expect to reopen one lane")
    assert "Marta Quint, Harbour Desk." not in paragraphs


# A short post between its dateline and its footer; after the footer, more prose (an author
# box, a sidebar) than the post itself.
SHORT_POST_PAGE = """Harbour Notes
Home
Posted on March 3, 2016 by Anna Kim
The ferry to the island will run on Sundays again from May, the harbour office said today.
Posted in Harbour | Tagged ferry, timetable
About Anna Kim
Anna Kim has written about the harbour, its boats and the people who work on them for twenty years, first for the local paper and later for this blog, which she started after retiring.
She lives on the island with two cats and a rowing boat that she takes out every morning in summer.
"""


def test_a_short_post_before_its_footer_beats_longer_prose_after_it() -> None:
    body, meta = clean_text_dump(SHORT_POST_PAGE)
    assert _paragraphs(body) == [
        "The ferry to the island will run on Sundays again from May, the harbour office said today."
    ]
    assert meta.authors == ["Anna Kim"]
    assert meta.tags == ["ferry", "timetable"]


# A "Related" box set inside the article, just below its lead, does not end it.
INLINE_RELATED_PAGE = """School to stay open
Posted on March 3, 2016 by Anna Kim
The island's school will stay open for at least five more years, the council decided.
Its eleven pupils will keep their teacher, and a second one will join her.
Related
School future
Parents had feared that the school, which has eleven pupils, would be merged with the one on the mainland, which is an hour away by ferry.
The council said it would pay for a second teacher from its own budget, and would ask the region to share the cost from next year on.
Teachers welcomed the decision and said they would open the school's garden to the public on two afternoons a week.
The school was founded in 1902 and has never closed, not even during the two world wars, the council noted in its statement.
"""


def test_a_related_box_inside_the_article_does_not_end_it() -> None:
    paragraphs = _paragraphs(clean_text_dump(INLINE_RELATED_PAGE)[0])
    assert paragraphs[0].startswith("The island's school will stay open")
    assert paragraphs[-1].startswith("The school was founded in 1902")


def test_a_long_line_without_punctuation_is_a_tag_cloud_not_a_paragraph() -> None:
    cloud = " ".join(
        f"{word} {n}" for n, word in enumerate(["Harbour", "Ferry", "Boats", "Island"] * 8)
    )
    lines = [*ARTICLE, "Popular topics", "Archive", "Links", cloud, "Imprint"]
    body, _meta = clean_text_dump("\n".join(lines))
    assert _paragraphs(body) == ARTICLE[1:]
    lines = ["Popular topics", cloud, "Archive", "Links", "Imprint", *ARTICLE]
    assert _paragraphs(clean_text_dump("\n".join(lines))[0]) == ARTICLE[1:]


SIDEBAR_PROSE = [
    "This blog is written by a retired ferry captain who collects stories about the island,"
    " its harbour and the boats that have served it since the nineteenth century.",
    "New posts appear every Sunday morning, and readers are welcome to send in their own"
    " photographs of the harbour, old or new, for the monthly gallery page.",
    "All photographs on this blog are the author's own unless stated otherwise, and may be"
    " used freely for non-commercial purposes with a link back to the original post.",
]


def test_a_comment_form_ends_the_article_and_what_follows_is_not_it() -> None:
    # No heading: the form's fields are the only sign that the post is over.
    form = ["Name *", "Email *", "Website", "Post Comment"]
    body, _meta = clean_text_dump("\n".join([*ARTICLE, *form, *SIDEBAR_PROSE]))
    assert _paragraphs(body) == ARTICLE[1:]


def test_a_lone_reply_word_inside_the_article_is_not_a_comment_form() -> None:
    lines = [*ARTICLE, "Reply", *SIDEBAR_PROSE]
    paragraphs = _paragraphs(clean_text_dump("\n".join(lines))[0])
    assert paragraphs[-1] == SIDEBAR_PROSE[-1]


def test_the_posts_footer_line_ends_the_article() -> None:
    # The theme's "Posted in … | Tagged …" line closes the post; the reader comments below it
    # come without a heading the rules know.
    lines = [*ARTICLE, "Posted in Islands | Tagged lighthouses, keepers", *SIDEBAR_PROSE]
    body, meta = clean_text_dump("\n".join(lines))
    assert _paragraphs(body) == ARTICLE[1:]
    assert meta.categories == ["Islands"]
    assert meta.tags == ["lighthouses", "keepers"]


def test_php_error_messages_printed_into_the_page_are_not_the_article() -> None:
    errors = [
        f"Strict Standards: Declaration of Walker_Page::start_el() should be compatible with"
        f" Walker::start_el($output) in /srv/www/blog/wp-includes/classes.php on line {n}"
        for n in range(560, 575)
    ]
    body, _meta = clean_text_dump("\n".join([*errors, *ARTICLE]))
    assert _paragraphs(body) == ARTICLE[1:]


def test_a_themes_meta_line_with_a_date_is_the_posts_header() -> None:
    # No rule knows this meta line; its date marks it as the post's header all the same, so
    # the author box after the short post does not outvote it.
    page = SHORT_POST_PAGE.replace(
        "Posted on March 3, 2016 by Anna Kim", "Anna · March 3, 2016 · Harbour · 2 comments"
    ).replace("Posted in Harbour | Tagged ferry, timetable\n", "")
    assert _paragraphs(clean_text_dump(page)[0]) == [
        "The ferry to the island will run on Sundays again from May, the harbour office said today."
    ]


def test_a_long_line_without_spaces_is_not_judged_by_its_missing_punctuation() -> None:
    # Text without spaces (a data blob here; Chinese or Japanese prose alike) has no words
    # to count between spaces, so the tag-cloud rule leaves it alone.
    blob = "3fa9c0d1e2" * 400
    assert clean_text_dump("Sensor readings\n" + blob + "\n")[0] == blob


def test_a_sentence_ends_at_its_last_punctuation_whatever_spaces_follow() -> None:
    import re

    from archiver.clean.text import _ends_sentence

    reference = re.compile(r"[.!?。！？…:;\"”’)»」』]\s*$")  # the rule as first written
    samples = ["It rained.", "It rained.\u3000", "It rained. \n", "Quoted »", "It", "", " ", "a.b"]
    samples += ["Ask?\u2028\u00a0", "終わり。", "Said: x", "»Zitat« ", "(Aside)\t"]
    for text in samples:
        assert _ends_sentence(text) == bool(reference.search(text)), repr(text)
    assert _ends_sentence("It rained.\u3000") and not _ends_sentence("a.b")


# --- word counts: a fast path that must count exactly what the token regex matches ------------


def _regex_words(text: str) -> float:
    """The reference: ``_TOKEN`` matches, CJK characters (blanked first) half a word each."""
    from archiver.clean.text import _CJK, _TOKEN

    return len(_TOKEN.findall(_CJK.sub(" ", text))) + len(_CJK.findall(text)) / 2


def test_each_character_has_the_class_the_regex_gives_it() -> None:
    import re
    import sys

    from archiver.clean.text import _CJK, _CP1252_TOKEN_CLASSES, _TokenClasses

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    digit, letter = re.compile(r"\d"), re.compile(r"[^\W\d_]")
    expected = "".join(
        "c"
        if _CJK.match(char)
        else "0"
        if digit.match(char)
        else "a"
        if letter.match(char)
        else " "
        for char in every
    )
    classes = every.translate(_TokenClasses())
    assert classes == expected
    for byte in range(256):  # the windows-1252 byte table agrees (undefined bytes: never met)
        char = bytes([byte]).decode("cp1252", "ignore")
        if char:
            assert (
                chr(_CP1252_TOKEN_CLASSES[byte])
                == expected[ord(char) - (ord(char) > 0xDFFF) * 0x800]
            )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The council's 2024 budget: 40m (a1b2, x__y) 12abc",
        "Café déjà-vu — “naïve” résumé €40 Ærø",
        "정부는 화요일 2024년 발표에서 ABC회견",
        "政府は、火曜日に発表した「港湾予算」１２３件 (ver2.0)",
        "Москва 2024: ж1ж Ωmega ²½ ٣٤",
    ],
)
def test_word_counts_equal_the_token_regex(text: str) -> None:
    from archiver.clean.text import _words

    assert _words(text) == _regex_words(text)


@settings(max_examples=300)
@given(st.text(alphabet="ab_ 0.9Z\t-'한국日本ーカ、。é²½٣０Ａ“”€Šжω\u0081", max_size=30))
def test_word_counts_equal_the_token_regex_on_any_mix(text: str) -> None:
    from archiver.clean.text import _words

    assert _words(text) == _regex_words(text)
