"""Publication dates (archiver.meta_published, archiver.meta_dates): each rule with a page
fragment written for it. The structured date STALE stands for a template default or a
republication stamp that what the reader sees must overrule."""

from __future__ import annotations

from datetime import date

import pytest

from archiver.meta_dates import parse_date
from archiver.metadata import extract_metadata

STALE = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'


def page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def published(head: str, body: str, url: str | None = None, lang: str = "") -> str | None:
    return extract_metadata(page(head, body, lang), url).published


# --- reading dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A comma after the month name, as many themes print it.
        ("3 May, 2022, 11:37 pm", "2022-05-03"),
        ("07 Dezember, 2022", "2022-12-07"),
        ("7 de diciembre, 2022", "2022-12-07"),
        # ... or after the day.
        ("Viernes 22, Abril 2022", "2022-04-22"),
    ],
)
def test_day_month_name_comma_year(value: str, expected: str) -> None:
    assert parse_date(value, latest=date(2025, 1, 1)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Slavic languages write the month in the genitive after the day.
        ("16 marca 2021", "2021-03-16"),
        ("1 października 2020, 12:00", "2020-10-01"),
        ("15 августа 2016, 13:43", "2016-08-15"),
        ("3. března 2019", "2019-03-03"),
        ("5 грудня 2018", "2018-12-05"),
        ("12 ekim 2020", "2020-10-12"),
        ("2 augusti 2019", "2019-08-02"),
    ],
)
def test_written_dates_in_more_languages(value: str, expected: str) -> None:
    assert parse_date(value, latest=date(2025, 1, 1)) == expected


def test_a_month_name_that_is_also_a_given_name_is_still_a_name_in_bylines() -> None:
    from archiver.meta_authors import is_plausible_name

    # Polish "maja" (of May) reads dates only: Maja stays a name.
    assert parse_date("3 maja 2021", latest=date(2025, 1, 1)) == "2021-05-03"
    assert is_plausible_name("Maja")


# --- dates that are not the post's -----------------------------------------------------------


def test_a_date_inside_an_embedded_post_is_the_quoted_posts() -> None:
    body = (
        "<article><h1>T</h1><p>Text.</p>"
        '<blockquote class="instagram-media"><p>A photo</p>'
        '<time datetime="2019-04-21T23:47:18+00:00">Apr 21, 2019</time></blockquote>'
        "<p>More text.</p></article>"
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_a_date_in_a_list_of_dated_items_is_another_items() -> None:
    listing = "".join(
        f'<div class="entry"><a href="/a{n}">Other story {n}</a>'
        f'<span class="timestamp">0{n}.02.2022</span></div>'
        for n in (1, 2, 3)
    )
    body = f"<article><h1>T</h1><p>Text.</p><div>{listing}</div></article>"
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"
    # One dated block of its kind is the post's own meta line.
    body = (
        '<article><h1>T</h1><div class="entry"><span class="timestamp">01.02.2022</span></div>'
        "<p>Text.</p></article>"
    )
    assert published(STALE, body) == "2022-02-01"


# --- the date under the headline -------------------------------------------------------------


def test_the_date_in_the_headline_block_wins_over_a_wrongly_chosen_post_element() -> None:
    # The only <article> is a teaser of another item; the item's header is outside it.
    body = (
        '<div class="title-area"><h1>Cold wave ahead</h1>'
        '<p class="date">Written: 2023-11-07 15:03<span> / </span>Updated: 2023-11-08 09:00</p>'
        "</div><p>Text of the item, long enough to be the body of it.</p>"
        '<section><article><p class="date">2023-11-03</p><a href="/x">Other</a></article>'
        "</section>"
    )
    assert published("", body) == "2023-11-07"


def test_the_headline_block_is_small_and_after_the_headline() -> None:
    # The date before the headline is the site's top bar (today); the post's follows it.
    body = (
        '<header><span class="date">Tuesday, 3 May 2022</span><h1>T</h1>'
        '<span class="date">1 May 2022</span></header><p>Text.</p>'
    )
    assert published(STALE, body) == "2022-05-01"
    # A block holding the whole text is the page, not the header: nothing taken from it.
    long_text = "<p>" + "Words of the article. " * 40 + "</p>"
    body = f'<div><h1>T</h1>{long_text}<span class="date">1 May 2022</span></div>'
    from archiver.meta_page import parse_page
    from archiver.meta_published import date_under_headline

    parsed = parse_page(page(STALE, body))
    assert parsed is not None
    assert date_under_headline(parsed) is None


def test_a_meta_line_with_published_and_updated_gives_the_published_day() -> None:
    body = '<article><h1>T</h1><p class="meta">Published 3 May 2022 · Updated 9 May 2022</p>'
    assert published(STALE, body + "</article>") == "2022-05-03"
    body = '<article><h1>T</h1><p class="meta">Updated 9 May 2022</p></article>'
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_a_date_line_under_the_headline_is_read_however_it_is_styled() -> None:
    body = (
        '<main><h1>Elder reaches Augusta</h1><div class="spacer"><p class="tw-text-14">'
        "1. Februar 2022, Jane Roe</p></div><p>Text of the obituary.</p></main>"
    )
    assert published(STALE, body) == "2022-02-01"
    # ... but never an "updated" element.
    body = (
        '<main><h1>T</h1><div><time class="updated">29. Dezember 2022</time></div>'
        "<p>Text.</p></main>"
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_the_header_of_the_item_counts_whatever_the_layout_classes_around_it() -> None:
    # The item's header is a "banner": regions are judged only up to the element the date
    # shares with the headline, so the date in it is the item's.
    body = (
        '<main><div class="news-banner"><h1>T</h1><time datetime="2022-12-12">12.12.2022'
        "</time></div><p>Text.</p></main>"
    )
    assert published(STALE, body) == "2022-12-12"
    # A sidebar inside that header is still no part of the item.
    body = (
        '<main><div class="news-banner"><h1>T</h1><div class="sidebar">'
        '<time datetime="2022-12-12">12.12.2022</time></div></div><p>Text.</p></main>'
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


# --- labels ----------------------------------------------------------------------------------


def test_a_label_in_the_element_before_the_date_says_what_the_date_is() -> None:
    body = (
        '<main><h1>T</h1><p>Text of the press release.</p><div class="box">'
        "<span>Erschienen am:</span><h2>13.10.2021</h2></div>"
        '<div class="info"><h4>Zuletzt geändert am:</h4><ul class="timestamps">'
        '<li class="timestamp">15.10.2021</li></ul></div></main>'
    )
    head = '<meta property="article:published_time" content="2021-10-15">'
    assert published(head, body) == "2021-10-13"
    # The label of the modification date refuses the date under it.
    body = (
        '<main><h1>T</h1><p>Text.</p><div class="info"><h4>Zuletzt geändert am:</h4>'
        '<ul class="timestamps"><li class="timestamp">15.10.2021</li></ul></div></main>'
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_hatom_updated_next_to_published_is_the_publication_date() -> None:
    time = '<time class="{}" datetime="2022-01-27T09:00:00+01:00">27 January 2022</time>'
    body = "<article><h1>T</h1><p>Text.</p><footer>{}</footer></article>"
    hatom = body.format(time.format("entry-date published updated"))
    assert published(STALE, hatom) == "2022-01-27T09:00:00+01:00"
    revised = body.format(time.format("updated"))
    assert published(STALE, revised) == "2021-12-20T11:02:44+01:00"


# --- datelines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("29.11.2022 – The federal government has again cut the support for biogas.", "2022-11-29"),
        (
            "(21. November 2022) Consumers who receive a price increase may cancel at once.",
            "2022-11-21",
        ),
        (
            "BERLIN, 29.11.2022 – The federal government has again cut the support for it.",
            "2022-11-29",
        ),
        (
            "Paris, le 3 mai 2022 : le gouvernement a présenté son plan pour les écoles.",
            "2022-05-03",
        ),
        # A date inside the sentence is one the text talks about.
        (
            "The law passed on 29.11.2022 will change the support for biogas plants.",
            "2021-12-20T11:02:44+01:00",
        ),
    ],
)
def test_a_dateline_opening_the_text_dates_the_item(opening: str, expected: str) -> None:
    body = f"<article><h1>T</h1><p>{opening}</p><p>More text.</p></article>"
    assert published(STALE, body) == expected


def test_a_dateline_is_only_read_in_the_first_paragraphs() -> None:
    prose = "<p>" + "A paragraph of prose that is long enough to count as text. " * 2 + "</p>"
    late = "<p>29.11.2022 – A paragraph of prose that opens with a date, further down.</p>"
    body = f"<article><h1>T</h1>{prose * 3}{late}</article>"
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


# --- time zones ------------------------------------------------------------------------------


def test_an_explicit_offset_keeps_its_local_day_against_the_url() -> None:
    head = '<meta property="article:published_time" content="2022-05-07T13:43:46-05:00">'
    meta = extract_metadata(page(head, "<h1>T</h1>"), "https://paper.example/2022/05/06/t")
    assert meta.published == "2022-05-07T13:43:46-05:00"
    # Written in UTC, the URL's day (the publisher's calendar) wins, as before.
    head = '<meta property="article:published_time" content="2022-05-07T01:43:46Z">'
    meta = extract_metadata(page(head, "<h1>T</h1>"), "https://paper.example/2022/05/06/t")
    assert meta.published == "2022-05-06"


@pytest.mark.parametrize(
    ("stamp", "shown", "expected"),
    [
        # 00:53 UTC is the evening before in the Americas: the page shows that day.
        ("2022-05-04T00:53:29Z", "3 de mayo de 2022", "2022-05-03"),
        # 21:00 UTC is the next morning in East Asia.
        ("2022-05-03T21:00:00Z", "2022年5月4日", "2022-05-04"),
        # No offset puts 14:00 UTC on the day before: the shown day is another date.
        ("2022-05-04T14:00:00Z", "3 May 2022", None),
        # An explicit offset is no UTC instant to move.
        ("2022-05-04T00:53:29+02:00", "3 May 2022", None),
    ],
)
def test_the_shown_day_of_a_utc_instant_is_the_publishers_day(
    stamp: str, shown: str, expected: str | None
) -> None:
    from archiver.meta_page import parse_page
    from archiver.meta_published import shown_local_day

    parsed = parse_page(page(body=f"<article><h1>T</h1><time>{shown}</time></article>"))
    assert parsed is not None
    assert shown_local_day(parsed, [stamp]) == expected


# --- bylines with a date, and the order of day and month -------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "von Marianne1 am 20.09.2020",
        "By Jane Roe on September 20, 2020",
        "par Jean Roe le 20/09/2020",
    ],
)
def test_a_byline_that_ends_in_the_date_dates_the_item(line: str) -> None:
    body = f'<article><h1>T</h1><p>Text.</p><div class="box"><span>{line}</span></div></article>'
    assert published(STALE, body) == "2020-09-20"


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("3/5/2022 22:41", True, "2022-05-03"),
        ("3/5/2022 22:41", False, "2022-03-05"),
        ("3/5/2022 22:41", None, None),  # the locale does not say: no guess
        ("3/25/2022", None, "2022-03-25"),  # only one reading is a date
        ("25/3/2022", False, "2022-03-25"),
        # Dashes and bars separate the same numbers in the same two orders.
        ("25-03-2022", None, "2022-03-25"),
        ("26 | 01 | 2022", None, "2022-01-26"),
        ("03-05-2022", None, None),
        ("03-05-2022", True, "2022-05-03"),
        ("03-05/2022", True, None),  # two different separators: not one date
    ],
)
def test_slashed_dates_follow_the_locale_only_when_ambiguous(
    value: str, day_first: bool | None, expected: str | None
) -> None:
    assert parse_date(value, latest=date(2025, 1, 1), day_first=day_first) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("es", "2022-05-03"),
        ("en-GB", "2022-05-03"),
        ("en-US", "2022-03-05"),
        ("en", "2021-12-20T11:02:44+01:00"),  # unread: the structured date stays
    ],
)
def test_the_page_locale_reads_a_slashed_date_under_the_headline(lang: str, expected: str) -> None:
    body = "<main><h1>T</h1><h6><a>Jane Roe</a> <span>3/5/2022 22:41</span></h6><p>Text.</p></main>"
    assert published(STALE, body, lang=lang) == expected


def test_a_slashed_date_agreeing_with_structured_data_read_the_other_way_is_that_date() -> None:
    # A German page whose CMS writes the US order: "11/01/2021" is 1 November, as its
    # structured date says, not 11 January.
    head = '<meta property="article:published_time" content="2021-11-01T04:00:14Z">'
    body = '<article><h1>T</h1><p class="meta">11/01/2021, 05:00</p><p>Text.</p></article>'
    assert published(head, body, lang="de") == "2021-11-01T04:00:14Z"


def test_a_date_above_the_headline_counts_only_inside_the_headlines_own_block() -> None:
    body = (
        '<main><div class="ArticleHeader"><div class="Datetime">6 May 2022 - 2:00 a. m.</div>'
        "<h1>T</h1></div><p>Text.</p></main>"
    )
    assert published(STALE, body) == "2022-05-06"
    # Above the headline's block: the site's top bar, whose date is today's.
    body = (
        '<header><div class="Datetime">6 May 2022</div></header>'
        '<main><div class="ArticleHeader"><h1>T</h1></div><p>Text.</p></main>'
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_a_time_element_in_a_list_of_dated_items_is_no_structured_date() -> None:
    items = "".join(
        f'<li><a href="/n{n}">Story {n}</a><time datetime="2022-08-1{n}">1{n}.08.2022</time></li>'
        for n in range(3)
    )
    body = f"<main><h1>T</h1><p>Text.</p><ul>{items}</ul></main>"
    from archiver.meta_page import parse_page
    from archiver.meta_published import date_from_elements

    parsed = parse_page(page("", body))
    assert parsed is not None
    assert date_from_elements(parsed) is None


# --- htmldate's year-only answers ------------------------------------------------------------

YEAR_ONLY_BODY = (
    "<div class='content'><h1>Unsere Geschichte</h1><p>Der Chor wurde gegründet und singt "
    "seitdem in der ganzen Stadt, bei Festen und in Kirchen.</p><p>{line}</p></div>"
    "<footer>© 2016 Chor Beispiel</footer>"
)


def test_a_year_alone_gives_no_publication_date() -> None:
    from htmldate import find_date

    body = YEAR_ONLY_BODY.format(line="Im Schuljahr 2016-2017 gingen wir auf Reisen.")
    # htmldate, the last resort, turns the year into New Year's Day: a day the page never gave.
    assert find_date(page("", body), extensive_search=True, original_date=True) == "2016-01-01"
    assert published("", body) is None


def test_new_years_day_the_page_shows_is_kept() -> None:
    body = YEAR_ONLY_BODY.format(line="Am 1. Januar 2016 gingen wir auf Reisen.")
    assert published("", body) == "2016-01-01"


@pytest.mark.parametrize(
    "shown",
    [
        "2016-01-01",
        "01.01.2016",
        "1.1.2016",
        "1/1/2016",
        "January 1, 2016",
        "Jan. 1st, 2016",
        "1 January 2016",
        "1er janvier 2016",
        "1 de enero de 2016",
        "2016年1月1日",
        "2016년 1월 1일",
    ],
)
def test_new_years_day_in_the_main_date_forms(shown: str) -> None:
    from archiver.meta_page import parse_page
    from archiver.meta_published import shows_day

    assert shows_day(parse_page(page("", f"<p>{shown}</p>"), None), "2016-01-01")
    assert not shows_day(parse_page(page("", "<p>© 2016, 11.01.2016</p>"), None), "2016-01-01")


SHARE_BAR_POST = (
    "<article><h1>Alleinerziehende brauchen Hilfe</h1>"
    "<div class='socialshareBox'><div class='pubdate'>19.11.2021</div>"
    "<a href='/share/fb'>Teilen</a> <a href='/share/tw'>Twittern</a></div>"
    "<p>{prose}</p></article>"
    "<div class='more-news'><div class='pubdate'>18.11.2021</div>"
    "<a href='/other'>Eine andere Meldung aus der Diözese</a></div>"
)
PROSE = "Die Beratungsstelle hilft Eltern, die ihre Kinder allein großziehen, bei Anträgen. " * 4


def test_the_posts_date_in_its_share_bar_is_the_publication_date() -> None:
    # A share bar lists no other item: the date the theme prints beside the share buttons is
    # the post's own, and it overrules the stale structured date.
    assert published(STALE, SHARE_BAR_POST.format(prose=PROSE)) == "2021-11-19"


def test_a_date_in_the_comments_still_overrules_nothing() -> None:
    body = (
        "<article><h1>Alleinerziehende brauchen Hilfe</h1>"
        f"<p>{PROSE}</p><div class='comments'><div class='comment'>"
        "<div class='pubdate'>20.11.2021</div><p>Danke für den Beitrag!</p></div></div></article>"
    )
    assert published(STALE, body) == "2021-12-20T11:02:44+01:00"


def test_the_first_of_a_month_counts_only_when_the_page_writes_that_day() -> None:
    from archiver.meta_page import parse_page
    from archiver.meta_published import shows_day

    def shown(text: str) -> bool:
        return shows_day(parse_page(page("", f"<p>{text}</p>"), None), "2015-03-01")

    assert shown("Am 1. März 2015 gingen wir auf Reisen.")
    assert shown('<time datetime="2015-03-01">Frühjahr</time>')
    assert not shown("Im März 2015 gingen wir auf Reisen.")  # a month is no day
    assert not shown("Am 11. März 2015 gingen wir auf Reisen.")


def test_a_month_alone_gives_no_date_made_up_from_today() -> None:
    from dateutil.parser import parse

    body = (
        "<div class='content'><h1>Unsere Geschichte</h1><p>Der Chor wurde gegründet und "
        "singt seitdem in der ganzen Stadt.</p><p>2015-03</p></div>"
    )
    # dateutil, which htmldate calls for "2015-03", takes the missing day from today: an
    # answer that would change every day. archiver gives no date at all, every day.
    assert parse("2015-03").day == date.today().day
    assert published("", body) is None


def test_htmldate_reads_written_dates_without_dateparser() -> None:
    import subprocess
    import sys

    # dateparser, htmldate's parser for written-out dates, compiles patterns for 200 locales
    # on first use (seconds per process); archiver's parse_date reads them instead.
    script = (
        "from archiver.meta_page import parse_page\n"
        "from archiver.meta_published import date_from_htmldate\n"
        "from htmldate.extractors import get_external_parser\n"
        "html = '<html><body><div><h1>Nowa ustawa</h1><p>Sejm przyjął ustawę.</p>'"
        " '<span>16 marca 2021</span></div></body></html>'\n"
        "print(date_from_htmldate(parse_page(html, None)), get_external_parser.cache_info().misses)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["2021-03-16", "0"], done.stderr


def test_htmldate_fills_a_missing_day_with_the_first() -> None:
    from htmldate import find_date

    from archiver.meta_published import _first_day_for_missing_days

    body = "<div><h1>Chronik</h1><p>Der Chor singt in der Stadt.</p><p>2015-03</p></div>"
    find_date(page("", body), extensive_search=True, original_date=True)  # memoised by htmldate
    _first_day_for_missing_days()
    assert find_date(page("", body), extensive_search=True, original_date=True) == "2015-03-01"
