"""Residue rules: each named rule recognises fragments we wrote, in the languages it covers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.clean import rules as rules_module
from archiver.clean.rules import (
    RULES,
    Kind,
    _fold,  # the prefilter's folding, checked against the engine
    classify,
    classify_lines,
    harvest_residue_metadata,
    parse_date,
    split_authors,
    split_list,
    strip_residue,
)

DATA = Path(__file__).parent / "data" / "text"

# (rule name, a line we wrote, fields the rule must harvest from it)
EXAMPLES: list[tuple[str, str, dict[str, str]]] = [
    ("comments_heading", "Leave a Reply", {}),
    ("comments_heading", "Kommentar verfassen", {}),
    ("comments_heading", "댓글 남기기", {}),
    ("comments_heading", "コメントを残す", {}),
    ("comments_heading", "发表评论", {}),
    ("comments_heading", "Добавить комментарий", {}),
    ("comments_heading", "Deja una respuesta", {}),
    ("comments_heading", "Laisser un commentaire", {}),
    ("comments_count", "3 thoughts on “Rain delays the harvest”", {}),
    ("comments_count", "12 Comments", {}),
    ("comments_count", "5 件のコメント", {}),
    ("comments_count", "One response to “Ferry fares”", {}),
    ("comment_says_dated", "Bob Lindqvist says: March 4, 2016 at 10:15 am", {}),
    ("related_heading", "Related", {}),
    ("related_heading", "Ähnliche Beiträge", {}),
    ("related_heading", "관련 글", {}),
    ("related_heading", "関連記事", {}),
    ("related_heading", "相关文章", {}),
    ("related_heading", "Похожее", {}),
    ("related_heading", "NOTAS RELACIONADAS", {}),
    ("post_navigation", "Post navigation", {}),
    ("post_navigation", "Beitragsnavigation", {}),
    ("post_navigation", "글 내비게이션", {}),
    ("post_navigation", "投稿ナビゲーション", {}),
    ("sidebar_heading", "Recent Posts", {}),
    ("sidebar_heading", "최근 글", {}),
    (
        "server_error",
        "Deprecated: Assigning the return value of new by reference is deprecated in"
        " /srv/www/blog/wp-settings.php on line 520",
        {},
    ),
    (
        "server_error",
        "Warning: Use of undefined constant posts - assumed 'posts' (this will throw an Error"
        " in a future version of PHP) in /srv/www/blog/wp-content/themes/old/sidebar.php on"
        " line 12",
        {},
    ),
    (
        "entry_posted_in",
        "This entry was posted in Ferries, Ports and Harbours by Mira Castellane.",
        {"categories": "Ferries, Ports and Harbours", "authors": "Mira Castellane"},
    ),
    (
        "entry_posted_in",
        "This entry was posted in Boats and tagged skiff, museum. Bookmark the permalink.",
        {"categories": "Boats", "tags": "skiff, museum"},
    ),
    ("posted_in", "Posted in Farming, Rice and Grain", {"categories": "Farming, Rice and Grain"}),
    ("posted_in", "Filed under: Economy", {"categories": "Economy"}),
    ("posted_in", "Veröffentlicht in Gemeinde", {"categories": "Gemeinde"}),
    ("posted_in", "Publié dans Culture", {"categories": "Culture"}),
    ("posted_in", "Рубрика: Новости", {"categories": "Новости"}),
    ("category_list", "Categories: Trams, City budget", {"categories": "Trams, City budget"}),
    ("category_list", "카테고리: 지역 소식, 농업", {"categories": "지역 소식, 농업"}),
    ("category_list", "カテゴリー: 地域", {"categories": "地域"}),
    ("category_list", "分类：新闻", {"categories": "新闻"}),
    ("tagged", "Tagged harvest, weather", {"tags": "harvest, weather"}),
    ("tagged", "Tags: trams, harbour", {"tags": "trams, harbour"}),
    ("tagged", "Schlagwörter: Saatgut", {"tags": "Saatgut"}),
    ("tagged", "태그: 씨앗, 도서관", {"tags": "씨앗, 도서관"}),
    ("tagged", "Метки: порт", {"tags": "порт"}),
    (
        "posted_on",
        "Posted on March 3, 2016 by Anna Kim",
        {"date": "March 3, 2016", "authors": "Anna Kim"},
    ),
    (
        "posted_on",
        "Veröffentlicht am 3. März 2016 von Anna Schmidt",
        {"date": "3. März 2016", "authors": "Anna Schmidt"},
    ),
    (
        "posted_on",
        "Publié le 3 mars 2016 par Anne Martin",
        {"date": "3 mars 2016", "authors": "Anne Martin"},
    ),
    ("posted_on", "입력 2016.03.03 14:20", {"date": "2016.03.03 14:20"}),
    ("posted_on", "投稿日：2016年3月3日", {"date": "2016年3月3日"}),
    (
        "posted_by",
        "Posted by Anna Kim on March 3, 2016",
        {"authors": "Anna Kim", "date": "March 3, 2016"},
    ),
    ("posted_by", "작성자: 홍길동", {"authors": "홍길동"}),
    ("posted_by", "Autor: Jan Nowak", {"authors": "Jan Nowak"}),
    ("byline", "By Leonie Brandt and Tomas Ek", {"authors": "Leonie Brandt and Tomas Ek"}),
    ("byline", "Von Anna Schmidt", {"authors": "Anna Schmidt"}),
    ("byline", "Par Anne Martin", {"authors": "Anne Martin"}),
    ("korean_reporter_byline", "홍길동 기자", {"authors": "홍길동"}),
    ("source_line", "Source: Halden Cove Weekly", {"source": "Halden Cove Weekly"}),
    ("source_line", "Via The Example Post", {"source": "The Example Post"}),
    ("source_line", "Quelle: dpa", {"source": "dpa"}),
    ("source_line", "출처: 가상일보", {"source": "가상일보"}),
    ("source_line", "Source: https://example.org/a", {"source_url": "https://example.org/a"}),
    (
        "originally_published",
        "Originally published at The Example Times.",
        {"source": "The Example Times"},
    ),
    ("read_full_line", "[Read full Vellmar Gazette article]", {"source": "Vellmar Gazette"}),
    ("read_full_line", "Read the full story at Example News", {"source": "Example News"}),
    ("date_line", "March 3, 2016", {"date": "March 3, 2016"}),
    ("date_line", "2016년 3월 3일 (목)", {"date": "2016년 3월 3일 (목)"}),
    ("date_line", "12 May 2021", {"date": "12 May 2021"}),
    ("share_label", "Share this:", {}),
    ("share_label", "Teilen mit:", {}),
    ("share_label", "공유하기:", {}),
    ("share_label", "Share on Facebook", {}),
    ("click_to_share", "Click to share on Twitter (Opens in new window)", {}),
    ("social_buttons", "Facebook Twitter Email", {}),
    ("social_buttons", "Print", {}),
    ("like_label", "Like this:", {}),
    ("like_label", "いいね:", {}),
    ("like_loading", "Like Loading…", {}),
    ("like_loading", "Gefällt mir Wird geladen …", {}),
    ("read_also", "Read also: Ferry fares rise again", {}),
    ("read_also", "Читайте также: Паром опаздывает", {}),
    ("read_also", "LEA TAMBIÉN: Un puerto inventado", {}),
    ("navigation_words", "[…] navigation ← Previous Next […]", {}),
    ("navigation_words", "« Older Entries", {}),
    ("navigation_words", "이전 글 다음 글", {}),
    ("navigation_arrow_link", "← Dry spring worries orchard growers", {}),
    ("navigation_arrow_link", "Ferry fares rise again →", {}),
    ("navigation_labelled", "Previous post: Dry spring worries orchard growers", {}),
    ("navigation_labelled", "Article précédent : Le port", {}),
    ("pingback", "[…] the valley had three weeks of rain, as reported here […]", {}),
    ("comment_says", "Bob Lindqvist says:", {}),
    ("comment_says", "Anna sagt:", {}),
    ("comment_form", "Reply", {}),
    ("comment_form", "Cancel reply", {}),
    ("comment_form", "返信", {}),
    (
        "comment_form_phrase",
        "Your email address will not be published. Required fields are marked *",
        {},
    ),
    ("cookie_banner", "We use cookies to improve your experience on our site.", {}),
    ("cookie_banner", "Diese Website verwendet Cookies.", {}),
    ("newsletter_box", "Subscribe to our newsletter for the day's headlines", {}),
    ("newsletter_box", "뉴스레터 구독", {}),
    ("newsletter_heading", "Join our Newsletter", {}),
    ("site_chrome", "Skip to content", {}),
    ("site_chrome", "본문 바로가기", {}),
    ("site_chrome", "Advertisement", {}),
    ("copyright", "© 2021 The Northern Ledger. All rights reserved.", {}),
    ("copyright", "Alle Rechte vorbehalten.", {}),
    ("theme_credit", "Theme: Twenty Twelve by WordPress.", {}),
    ("wordpress_com_credit", "Erstelle eine kostenlose Website oder Blog – auf WordPress.com.", {}),
    ("wordpress_com_credit", "Bloggen auf WordPress.com.", {}),
    ("wordpress_com_credit", "%d bloggers like this:", {}),
    ("bio_heading", "About the author", {}),
    ("bio_heading", "Über die Autorin", {}),
    ("bio_heading", "About Mira Castellane", {}),
    ("bio_heading", "Об авторе", {}),
    ("tags_heading", "Topics", {}),
    (
        "author_bio",
        "Mira Castellane is a reporter at the Vellmar Harbour Gazette covering ports.",
        {},
    ),
    ("author_bio", "Anna Schmidt ist Redakteurin bei der Kesslinger Rundschau.", {}),
    ("posted_on", "PUBLISHED: March 3, 2016", {"date": "March 3, 2016"}),
    ("posted_on", "updated on 12 May 2021", {"date": "12 May 2021"}),
    ("tags_heading", "Schlagworte:", {}),
    ("comment_form_phrase", "Keine Kommentare Kommentare sind geschlossen.", {}),
    ("like_loading", "Liken Lade …", {}),
    ("share_label", "Teilen Sie dies mit:", {}),
]

# (rule name, a line we wrote, the text that must remain)
FRAGMENTS: list[tuple[str, str, str]] = [
    (
        "read_full_fragment",
        "The family will sail it in August. [Read full Example Gazette article]",
        "The family will sail it in August.",
    ),
    (
        "continue_reading",
        "It ended the season badly… Continue reading →",
        "It ended the season badly",
    ),
    ("continue_reading", "Der Hafen wird erneuert. Weiterlesen »", "Der Hafen wird erneuert."),
    ("permalink", "We thank our readers. Bookmark the permalink.", "We thank our readers."),
    (
        "trailing_ellipsis_link",
        "The harbour has a long history […]",
        "The harbour has a long history",
    ),
]


@pytest.mark.parametrize(("name", "line", "fields"), EXAMPLES)
def test_rule_recognises_its_fragment(name: str, line: str, fields: dict[str, str]) -> None:
    verdict = classify(line)
    assert verdict.dropped
    assert verdict.rule is not None and verdict.rule.name == name
    for key, value in fields.items():
        assert verdict.fields.get(key) == value


@pytest.mark.parametrize(("name", "line", "remainder"), FRAGMENTS)
def test_fragment_rule_trims_only_the_fragment(name: str, line: str, remainder: str) -> None:
    verdict = classify(line)
    assert verdict.text == remainder
    assert verdict.text in line  # kept text is always a substring of the input line


def test_every_rule_has_an_example_and_a_docstring() -> None:
    covered = {name for name, _, _ in EXAMPLES} | {name for name, _, _ in FRAGMENTS}
    assert {rule.name for rule in RULES} == covered
    assert all(rule.doc for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize(
    "prose",
    [
        "Share prices fell sharply on Monday after the port closed.",
        "By the way, the ferry was late again this morning.",
        "Posted in 2015, the video went viral across the country and beyond.",
        "The council said the budget would rise by about 6 percent next year.",
        "Related parties must declare their interests before the vote.",
        "Maria Lind is a journalist who spent two years in prison for her reporting.",
        "지역 주민들은 씨앗 도서관이 문을 열자 크게 반겼다.",
    ],
)
def test_article_prose_is_not_residue(prose: str) -> None:
    verdict = classify(prose)
    assert verdict.text == prose
    assert verdict.rule is None


def test_field_separated_footer_is_residue_when_every_part_is() -> None:
    verdict = classify(
        "Posted in Farming, Rice and Grain | Tagged harvest, weather | Leave a comment"
    )
    assert verdict.dropped
    assert verdict.fields["categories"] == "Farming, Rice and Grain"
    assert verdict.fields["tags"] == "harvest, weather"


def test_strip_residue_drops_residue_and_stops_at_a_section() -> None:
    paragraphs = [
        "The tram line will open in 2025, two years later than promised.",
        "Share this:",
        "Residents asked for a firm date. [Read full Example Ledger article]",
        "Related",
        "New cycle bridge to link the harbour and the old town.",
    ]
    assert strip_residue(paragraphs) == [
        "The tram line will open in 2025, two years later than promised.",
        "Residents asked for a firm date.",
    ]


def test_harvest_splits_categories_on_the_separator_only() -> None:
    metadata = harvest_residue_metadata(
        [
            "A paragraph of the article that carries no metadata at all.",
            "This entry was posted in Ferries, Ports and Harbours by Mira Castellane.",
            "Posted on 12 May 2021 by Leonie Brandt",
            "[Read full Example Gazette article]",
        ]
    )
    assert metadata.categories == ["Ferries", "Ports and Harbours"]
    assert metadata.authors == ["Mira Castellane", "Leonie Brandt"]
    assert metadata.published == "2021-05-12"
    assert metadata.original_source == {"name": "Example Gazette", "url": None}


def test_about_us_is_the_site_not_an_author_box() -> None:
    verdict = classify("About us")
    assert verdict.rule is not None and verdict.rule.name == "site_chrome"
    assert not verdict.section


def test_harvest_stops_at_a_section() -> None:
    metadata = harvest_residue_metadata(["Related", "Posted on March 3, 2016 by Someone Else"])
    assert metadata.authors == [] and metadata.published is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 3, 2016", "2016-03-03"),
        ("3 March 2016", "2016-03-03"),
        ("3. März 2016", "2016-03-03"),
        ("3 mars 2016", "2016-03-03"),
        ("3 de marzo de 2016", "2016-03-03"),
        ("3 марта 2016", "2016-03-03"),
        ("2016년 3월 3일", "2016-03-03"),
        ("2016年3月3日", "2016-03-03"),
        ("2016-03-03", "2016-03-03"),
        ("03.03.2016", "2016-03-03"),
        ("12/25/2016", "2016-12-25"),
        ("yesterday", None),
        ("2016-13-45", None),
        # a time of day right after the date is kept
        ("March 3, 2016 at 10:15 pm", "2016-03-03T22:15:00"),
        ("March 3, 2016 at 12:05 a.m.", "2016-03-03T00:05:00"),
        ("3. März 2016 um 10.15 Uhr", "2016-03-03T10:15:00"),
        ("3 mars 2016 à 15h30", "2016-03-03T15:30:00"),
        ("2016-03-03 14:22:05", "2016-03-03T14:22:05"),
        ("2016년 3월 3일 (목) 오후 3:15", "2016-03-03T15:15:00"),
        ("March 3, 2016 at 25:15", "2016-03-03"),  # not a time: the date alone
        ("03.03.2016", "2016-03-03"),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_list_and_author_splitting() -> None:
    assert split_list("DPRK-like Topics, Aid and Relief") == ["DPRK-like Topics", "Aid and Relief"]
    assert split_list("지역 소식、농업") == ["지역 소식", "농업"]
    assert split_authors("Anna Kim, Lee Park and Jun Oh") == ["Anna Kim", "Lee Park", "Jun Oh"]


def test_rule_kinds_are_the_documented_ones() -> None:
    assert {rule.kind for rule in RULES} == {Kind.LINE, Kind.FRAGMENT, Kind.SECTION}


@pytest.mark.parametrize("link", ["Read more", "Mehr erfahren", "Lire la suite", "続きを読む"])
def test_a_read_more_link_alone_is_dropped_and_named(link: str) -> None:
    # The dump cleaner uses the rule's name to mark the paragraph before it as a teaser.
    verdict = classify(link)
    assert verdict.dropped
    assert verdict.rule is not None and verdict.rule.name == "continue_reading"


def test_published_time_survives_harvest_from_residue_lines() -> None:
    assert (
        harvest_residue_metadata(["Posted on March 3, 2016 at 10:15 pm by Anna Kim"]).published
        == "2016-03-03T22:15:00"
    )
    assert harvest_residue_metadata(["12 May 2021, 09:30"]).published == "2021-05-12T09:30:00"


def test_says_colon_in_an_article_is_a_quotation_not_a_comment() -> None:
    lines = [
        "The harbour office published its yearly report on the fictional port on Friday.",
        "The report says:",
        "Traffic through the port fell by a tenth, mostly because the ferry ran less often.",
        "The mayor said the figures were disappointing.",
    ]
    verdicts = classify_lines(lines)
    assert [v.text for v in verdicts] == lines
    assert not any(v.section for v in verdicts)
    assert strip_residue(lines) == lines


def test_quotation_with_a_number_does_not_start_a_comment_section() -> None:
    line = "The report says: 12 boats were lost in the storm of 2016, more than ever."
    verdict = classify(line)
    assert verdict.text == line and not verdict.section


@pytest.mark.parametrize(
    "after",
    [
        ["March 4, 2016 at 10:15 am", "Nice post about the harbour.", "Reply"],
        ["Nice post about the harbour.", "Reply"],
    ],
)
def test_says_colon_is_a_comment_header_before_its_date_or_reply(after: list[str]) -> None:
    verdicts = classify_lines(["Bob Lindqvist says:", *after])
    assert verdicts[0].dropped and verdicts[0].rule is not None
    assert verdicts[0].rule.name == "comment_says"


def test_says_colon_is_a_comment_header_inside_a_comment_section() -> None:
    lines = ["3 Comments", "Bob Lindqvist says:", "Nice post about the harbour."]
    assert classify_lines(lines)[1].dropped


# ---------------------------------------------------------------- prefilter (speed, same verdicts)

_TABLE_PHRASES = sorted(
    {
        phrase
        for name in dir(rules_module)
        if name.isupper() and isinstance(getattr(rules_module, name), tuple)
        for phrase in getattr(rules_module, name)
        if isinstance(phrase, str)
    }
)
_ODD_CASE = "İıſKµςΣϐϑᲀᲂÅẞß"  # characters the regex engine case-folds specially


def _same(line: str) -> None:
    fast, slow = classify(line), classify(line, prefilter=False)
    assert (fast.text, fast.rule, fast.fields) == (slow.text, slow.rule, slow.fields), line


@pytest.mark.parametrize("line", [line for _, line, _ in EXAMPLES] + [x for _, x, _ in FRAGMENTS])
def test_prefilter_passes_every_example(line: str) -> None:
    _same(line)


def test_prefilter_gives_the_reference_verdicts_on_the_fixture_dumps() -> None:
    for path in sorted(DATA.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        fast, slow = classify_lines(lines), classify_lines(lines, prefilter=False)
        assert [(v.text, v.rule, v.fields) for v in fast] == [
            (v.text, v.rule, v.fields) for v in slow
        ]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_TABLE_PHRASES),
            st.sampled_from(_TABLE_PHRASES).map(str.upper),
            st.sampled_from(_TABLE_PHRASES).map(str.swapcase),
            st.text(alphabet=_ODD_CASE + "sSkKiI :|…[]→«2016.,", max_size=6),
            st.text(max_size=8),
        ),
        max_size=5,
    )
)
def test_prefilter_never_changes_a_verdict(pieces: list[str]) -> None:
    _same(" ".join(pieces))
    _same(" | ".join(pieces))


def test_each_line_length_gets_the_keywords_of_every_rule_that_admits_it() -> None:
    from archiver.clean.rules import _LINE_RULES, _line_gate

    keyword_rules = [rule for rule in _LINE_RULES if rule.keywords]
    assert keyword_rules
    for rule in keyword_rules:
        for size in (1, rule.max_len - 1, rule.max_len):  # up to its bound, inclusive
            gate = _line_gate(size)
            assert gate is not None
            for keyword in rule.keywords:
                assert gate.search(keyword), (rule.name, size, keyword)
    assert _line_gate(max(rule.max_len for rule in keyword_rules) + 1) is None


def test_a_line_as_long_as_a_keyword_rule_allows_still_matches_it() -> None:
    # newsletter_heading admits 60 characters: a line of exactly 60 is still checked.
    line = "Newsletter " + "x" * 49
    rule = next(r for r in rules_module._LINE_RULES if r.name == "newsletter_heading")
    assert len(line) == rule.max_len
    _same(line)
    _same("Subscribe to our newsletter".ljust(rule.max_len, "!"))


@settings(max_examples=300, deadline=None)
@given(st.characters(blacklist_categories=("Cs",)), st.characters(blacklist_categories=("Cs",)))
def test_fold_equates_what_the_regex_engine_equates_ignoring_case(a: str, b: str) -> None:
    for x, y in ((a, b), (a, a.upper()), (a, a.lower()), (b, b.swapcase())):
        if re.fullmatch(re.escape(x), y, re.IGNORECASE):
            assert _fold(x) == _fold(y)


@pytest.mark.parametrize("char", list(_ODD_CASE) + ["K", "s", "i", "σ"])
def test_fold_keeps_one_character_for_one(char: str) -> None:
    assert len(_fold(char)) == 1


@pytest.mark.parametrize(
    "ending",
    [
        "… Continue reading →",
        "Weiterlesen »",
        "Bookmark the permalink.",
        "[…]",
        "Read more" + " " * 400 + "about the harbour →",  # a long space run inside the tail
        "and the harbour closed.",
    ],
)
def test_end_fragments_on_long_lines_are_found_near_the_end(ending: str) -> None:
    line = "The harbour office counted the boats again, one by one. " * 200 + ending
    _same(line)
    _same(line + " [...]")


def test_memo_gives_the_same_verdicts_as_classifying_every_line() -> None:
    lines = []
    for path in sorted(DATA.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    lines += lines[::-1]  # every line at least twice, in another context the second time
    plain = classify_lines(lines)
    memoised = classify_lines(lines, memo=True)
    assert [(v.text, v.rule, v.fields) for v in memoised] == [
        (v.text, v.rule, v.fields) for v in plain
    ]
    # Each position gets its own verdict object, so a caller may change one safely.
    assert len({id(v) for v in memoised}) == len(memoised)


@pytest.mark.parametrize("separator", ["|", "•", "·"])
def test_every_field_separator_splits_a_footer(separator: str) -> None:
    verdict = classify(f"By Jane Doe {separator} Tagged harvest")
    assert verdict.dropped
    assert verdict.fields == {"authors": "Jane Doe", "tags": "harvest"}


def test_a_section_marker_before_any_article_text_does_not_cut_the_article() -> None:
    # A tutorial opening with "About Python" (the bio_heading rule's shape): nothing of the
    # article precedes the marker, so it cannot be the end of the article.
    paragraphs = [
        "About Python",
        "Python is an interpreted, object-oriented, high-level programming language.",
        "Its high-level data structures make it attractive for rapid development.",
        "Leave a Reply",
        "Great article, thanks!",
    ]
    assert classify(paragraphs[0]).section
    assert strip_residue(paragraphs) == paragraphs[1:3]
