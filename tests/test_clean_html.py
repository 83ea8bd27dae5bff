"""main_text(): the article body of an HTML page, without the theme's furniture.

Pages under tests/data/html/ were written for these tests: two WordPress themes
(twentytwenty-style and the classic twentyten-style) and a non-WordPress news site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from archiver.clean.flat import flat_text
from archiver.clean.html import (
    BOILERPLATE_RULES,
    PARAGRAPH_RULES,
    caption_texts,
    find_boilerplate,
    is_link_paragraph,
    link_texts,
    load_tree,
    main_text,
    matching_rule,
    paragraph_rule,
    preclean,
    top_level_branches,
)

DATA = Path(__file__).parent / "data" / "html"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def fragment(markup: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><body>{markup}</body></html>")


# ----------------------------------------------------------------- whole pages

PAGES = {
    "wp-twentytwenty.html": {
        "body": [
            "The passenger ferry between the old quay and the northern bank carried its first",
            "About forty commuters boarded the seven o'clock crossing",
            '"We kept hearing from nurses and shift workers',
            "children under twelve travel free when accompanied by an adult.",
        ],
        "residue": [
            "River ferry service resumes",  # the title is not part of the body
            "We use cookies",
            "Share this",
            "Twitter",
            "Like this",
            "Loading",
            "Related",
            "Bridge closure extended",
            "Mara Ellison",
            "3 Comments",
            "newsletter",
            "Sign up for our weekly",
            "Saturday market moves",
            "says:",
            "Finally! I used to cycle",
            "Does anybody know whether dogs",
            "Leave a Reply",
            "Your email address",
            "Powered by WordPress",
        ],
    },
    "wp-classic.html": {
        "body": [
            "Over six weekends this spring, a group of twenty-three volunteers",
            "The finished map lists one hundred and twelve wells",
            "took samples that a university laboratory will test",
            "plan irrigation around the wells that stay full during dry months.",
        ],
        "residue": [
            "Posted on",
            "Ines Carvalho",
            "Spring rainfall was the lowest",
            "Hand pumps return",
            "Facebook",
            "Related posts",
            "Village pond cleaned",
            "This entry was posted in",
            "Bookmark the",
            "thoughts on",
            "says:",
            "My grandmother drew water",
            "Reply",
            "Recent Posts",
            "Subscribe to receive",
            "Proudly powered",
        ],
    },
    "news-site.html": {
        "body": [
            "Dock workers at the container terminal voted on Friday",
            "caps compulsory overtime at eight hours a week",
            "cargo handling would resume with the night shift",
            "extend opening hours at the lorry park while the queue clears.",
        ],
        "residue": [
            "stores cookies",
            "Accept all",
            "Politics",
            "By Daniel Osei",
            "Photo: Ana Ruiz",
            "Read also",
            "Shipping delays ripple",
            "Morning Briefing",
            "Get the day's top stories",
            "All rights reserved",
            "Share on",
            "More from Business",
            "Fishing fleet warns",
            "Most read",
            "12 Harbour Road",
        ],
    },
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_body_has_the_article_and_none_of_the_residue(name: str) -> None:
    text = main_text(read(name))
    for sentence in PAGES[name]["body"]:
        assert sentence in text, sentence
    for residue in PAGES[name]["residue"]:
        assert residue not in text, residue


@pytest.mark.parametrize("name", sorted(PAGES))
def test_paragraphs_are_separated_by_one_blank_line(name: str) -> None:
    text = main_text(read(name))
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 4
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)


def test_headline_and_repeats_are_not_in_the_body() -> None:
    story = "The council approved the harbour plan after a long debate on Monday evening."
    page = (
        "<html><head><title>Harbour plan approved | The Ledger</title></head><body><article>"
        f"<p>Harbour plan approved</p><p>{story}</p><p>{story}</p>"
        + "<p>Councillors voted nine to four in favour of the plan, which now goes to the "
        "regional government for a final decision later this year.</p>"
        * 3
        + "</article></body></html>"
    )
    paragraphs = main_text(page).split("\n\n")
    assert paragraphs[0] == story
    assert paragraphs.count(story) == 1


def test_standfirst_is_kept_at_the_top_but_teaser_excerpts_are_not() -> None:
    lead = "The port's dock workers have ended their strike after a week of talks."
    story = (
        "<p>" + "The union said members had voted by a large majority for the deal. " * 4 + "</p>"
    )
    page = (
        "<html><body><main><header><h1>Strike over</h1>"
        f"<div class='story__lead'>{lead}</div></header>"
        f"<div class='story-body'>{story * 3}</div>"
        "<ul><li><p class='entry-excerpt'>An excerpt of another story, long enough to count.</p>"
        "</li><li><p class='entry-excerpt'>A second excerpt of yet another story on the site."
        "</p></li></ul></main></body></html>"
    )
    paragraphs = main_text(page).split("\n\n")
    assert paragraphs[0] == lead
    assert not any("excerpt" in p for p in paragraphs)


def test_empty_and_unparsable_pages_give_empty_text() -> None:
    assert main_text("") == ""
    assert main_text("<html><body></body></html>") == ""
    assert main_text("<p>\x00\x01\x02</p>") == ""


# ----------------------------------------------------------------- DOM rules, one by one

RULE_FRAGMENTS = {
    "comments": '<div id="comments" class="comments-area"><p>Nice post!</p></div>',
    "share-widgets": '<div class="sharedaddy sd-sharing-enabled"><a href="#">Tweet</a></div>',
    "like-widgets": '<div class="wpl-likebox"><span>Like</span></div>',
    "related-posts": '<div id="jp-relatedposts"><a href="/a">Another story</a></div>',
    "newsletter": '<form class="newsletter-form"><input type="email"></form>',
    "cookie-banner": '<div class="cookie-notice"><button>Accept</button></div>',
    "navigation": '<nav><a href="/">Home</a></nav>',
    "sidebar": "<aside><h2>Archives</h2></aside>",
    "advertising": '<div class="ad-container"><img src="ad.gif"></div>',
    "author-box": '<div class="author-bio"><p>Jo writes about trains.</p></div>',
    "entry-footer": '<footer class="entry-footer"><a rel="tag" href="/t">trains</a></footer>',
}


def test_every_dom_rule_has_a_fragment() -> None:
    assert {rule.name for rule in BOILERPLATE_RULES} == set(RULE_FRAGMENTS)


@pytest.mark.parametrize(("name", "markup"), sorted(RULE_FRAGMENTS.items()))
def test_dom_rule_matches_its_fragment(name: str, markup: str) -> None:
    element = fragment(markup).body[0]
    assert matching_rule(element) == name


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="shared-content"><p>x</p></div>',  # "shared" is not "share"
        '<div class="category-newsletter tag-cookie"><p>x</p></div>',  # WordPress taxonomy
        '<article class="post share"><p>x</p></article>',  # the article itself
        '<div class="entry-content comments-open"><p>x</p></div>',  # the body wrapper
        '<div class="story"><p>x</p></div>',
    ],
)
def test_dom_rules_leave_content_wrappers_alone(markup: str) -> None:
    assert matching_rule(fragment(markup).body[0]) is None


def test_a_matched_block_full_of_prose_is_kept() -> None:
    # Some themes call the article wrapper "entry themeform share".
    prose = "<p>" + "The council met on Monday to discuss the new harbour plan. " * 10 + "</p>"
    tree = fragment(f'<div class="entry themeform share">{prose}</div>')
    assert find_boilerplate(tree) == []


def test_a_block_holding_the_article_is_kept() -> None:
    tree = fragment('<div class="sidebar-layout"><article><p>Story</p></article></div>')
    assert find_boilerplate(tree) == []


def test_preclean_removes_blocks_and_keeps_the_text_after_them() -> None:
    tree = fragment('<div><p>Story.</p><div class="social-share">Share</div>Tail text.</div>')
    removed_text: list[str] = []
    counts = preclean(tree, removed_text)
    assert counts == {"share-widgets": 1}
    assert removed_text == ["Share"]
    text = tree.text_content()
    assert "Share" not in text and "Story." in text and "Tail text." in text


def test_nested_matches_are_reported_once() -> None:
    tree = fragment('<div id="comments"><div class="comment-respond">Leave a Reply</div></div>')
    assert [name for name, _ in find_boilerplate(tree)] == ["comments"]


# ----------------------------------------------------------------- paragraph rules

PARAGRAPH_EXAMPLES = {
    "read-also": [
        "Read also: Shipping delays ripple through supermarkets",
        "Lesen Sie auch: Neue Brücke eröffnet",
        "À lire aussi : la réforme des retraites",
        "Lea más: El Congreso aprueba la ley",
        "Читайте также: Новый мост открыт",
        "관련기사 정부, 새 정책 발표",
        "» Czytaj też: Nowy most otwarty",
    ],
    "link-list-heading": ["Weitere Informationen:", "Mehr Themen", "Related", "Tags:"],
    "newsletter-call": [
        "Never miss the latest news by signing up to our newsletter today!",
        "Jetzt den Newsletter abonnieren",
    ],
    "picture-credit": [
        "Photo: Ana Ruiz / Coastal Ledger",
        "Titelbild: Max Mustermann/dpa",
        "Crédits photos : Agence X",
        "(Credit: Jo Bloggs / Example)",
        "Fotocredit: A. Maier",
    ],
    "copyright": [
        "© 2024 The Coastal Ledger",
        "Copyright 2020 Example Media. All rights reserved.",
        "Alle Rechte vorbehalten.",
    ],
    "reading-time": ["Lesezeit: 3 Minuten", "5 min read", "Reading time: 4 minutes"],
    "affiliate-disclosure": [
        "This post contains affiliate links.",
        "We may earn a commission when you buy through links on our site.",
    ],
    "follow-us": [
        "Follow The Ledger on Twitter and Instagram.",
        "¡Síguenos en Facebook!",
        "Mehr Videos gibt es auf unserem YouTube-Kanal.",
    ],
    "support-us": [
        "If you enjoyed this post, would you consider supporting our work?",
        "Unterstütze unabhängigen Journalismus mit 2,50 Euro!",
        "Donate now to keep our newsroom open.",
    ],
    "comment-call": [
        "Submit a letter to the editor via this form.",
        "Du musst eingeloggt sein, um Kommentare zu schreiben!",
    ],
    "paywall": ["Pour lire la suite", "To continue reading, log in or create a free account."],
    "embed-placeholder": [
        "Klicken Sie auf den unteren Button, um den Inhalt von maps.example.com zu laden.",
        "Bild anzeigen",
    ],
    "advertising-label": [
        "ANZEIGE - Jetzt bestellen",
        "*Werbung. Dieser Beitrag enthält",
        "Anzeige",
    ],
}


def test_every_paragraph_rule_has_examples() -> None:
    assert {name for name, _ in PARAGRAPH_RULES} == set(PARAGRAPH_EXAMPLES)


@pytest.mark.parametrize(
    ("name", "paragraph"),
    [(name, p) for name, examples in sorted(PARAGRAPH_EXAMPLES.items()) for p in examples],
)
def test_paragraph_rule_matches(name: str, paragraph: str) -> None:
    assert paragraph_rule(paragraph) == name


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister said she would read more reports before deciding.",
        "Werbung nervt. Tracking nervt. Nerven nervt.",
        "Photographers gathered outside the court on Monday.",
        "Related companies were fined a total of 3 million euros.",
        "Let us know down below in the comments what you think.",
        "The veterinarian was able to donate the much-needed supplies.",
        "Die Partei will die Demonstration unterstützen und ruft zur Teilnahme auf.",
        "Die Sequenzen stammen aus meinem Youtube-Kanal.",
        # Long paragraphs are prose, whatever they mention.
        "Our newsletter team " + "reported on the harbour strike for weeks. " * 10,
    ],
)
def test_paragraph_rules_leave_prose_alone(paragraph: str) -> None:
    assert paragraph_rule(paragraph) is None


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        ("a|b", ["a", "b"]),
        ("^(x|y)z|w", ["^(x|y)z", "w"]),
        (r"[|]a|b\|c", ["[|]a", r"b\|c"]),
        (r"[\]|]q|r", [r"[\]|]q", "r"]),
        ("single", ["single"]),
    ],
)
def test_top_level_branches_split_only_the_outer_alternation(
    pattern: str, branches: list[str]
) -> None:
    assert top_level_branches(pattern) == branches


def test_each_rule_matches_exactly_where_its_branches_do() -> None:
    # The rules run as their separately compiled alternatives: same verdict as the whole
    # pattern on every example, every prose sample and their pieces.
    samples = [p.lower() for examples in PARAGRAPH_EXAMPLES.values() for p in examples]
    samples += [w for sample in list(samples) for w in sample.split()]
    for name, pattern in PARAGRAPH_RULES:
        whole = re.compile(pattern)
        parts = [re.compile(b) for b in top_level_branches(pattern)]
        assert len(parts) >= 1
        for sample in samples:
            expected = whole.search(sample) is not None
            assert any(p.search(sample) for p in parts) == expected, (name, sample)


def _ungated_paragraph_rule(paragraph: str) -> str | None:
    from archiver.clean.html import _PARAGRAPH_RULES, PARAGRAPH_RULE_MAX_CHARS

    if len(paragraph) > PARAGRAPH_RULE_MAX_CHARS:
        return None
    lowered = paragraph.lower()
    for name, branches in _PARAGRAPH_RULES:
        if any(branch.search(lowered) for branch, _required in branches):
            return name
    return None


def test_paragraph_rules_gates_never_change_a_verdict() -> None:
    from archiver.clean.html import _PARAGRAPH_RULES

    assert any(required for _, branches in _PARAGRAPH_RULES for _, required in branches)
    samples = [p for examples in PARAGRAPH_EXAMPLES.values() for p in examples]
    samples += [w for sample in list(samples) for w in sample.split()]
    samples += [" ".join(pair) for pair in zip(samples, reversed(samples), strict=True)]
    for sample in samples:
        assert paragraph_rule(sample) == _ungated_paragraph_rule(sample), sample


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [w for examples in PARAGRAPH_EXAMPLES.values() for p in examples for w in p.split()]
            + ["5", "min", "read", "©", "(c)", " ", "youtube", "unser", "x", "ı", "İ"]
        ),
        max_size=8,
    )
)
def test_paragraph_rules_gates_never_change_a_verdict_on_any_mix(words: list[str]) -> None:
    paragraph = " ".join(words)
    assert paragraph_rule(paragraph) == _ungated_paragraph_rule(paragraph)


# ----------------------------------------------------------------- link lists


def test_headlines_of_link_lists_are_teasers_but_a_lone_link_is_not() -> None:
    tree = fragment(
        "<ul><li><a href='/a'>Fishing fleet warns about quota</a></li>"
        "<li><a href='/b'>Airport expansion plan delayed again</a></li>"
        "<li><a href='/c'>Family bakery celebrates a century</a></li></ul>"
        "<p>Story text. <a href='/d'>The full report is online here</a></p>"
        "<p><a href='/e'>Visit the harbour museum website</a></p>"
    )
    links = link_texts(tree)
    assert is_link_paragraph("Airport expansion plan delayed again", links)
    assert is_link_paragraph("- Family bakery celebrates a century", links)
    assert not is_link_paragraph("Visit the harbour museum website", links)
    assert not is_link_paragraph("The full report is online here", links)


def test_picture_captions_are_not_body_text() -> None:
    caption = "Cranes stood idle at the container terminal on Monday."
    tree = fragment(
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>"
        "<div class='wp-caption-text'>Another picture caption here</div>"
    )
    captions = caption_texts(tree)
    assert caption in captions and "Another picture caption here" in captions
    assert is_link_paragraph(caption, captions)


CAPTION_PIECES = [
    "<div class='wp-caption'>", "<span class='image-caption-text'>", "<p class='Caption'>",
    "<p class='captions'>", "<div id='caption'>", "<div class='x'>", "</div>", "</span>",
    "</p>", "<figcaption>", "</figcaption>", "Cranes idle ", " at dawn", "<b>bold</b>",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CAPTION_PIECES), max_size=12), st.booleans())
def test_captions_are_what_the_xpath_selects(pieces: list[str], split: bool) -> None:
    # A page closing </html> after its head: libxml2 puts the body beside the root element,
    # where the XPath still looks.
    head = "<html><head><title>t</title></head></html>" if split else "<html>"
    tree = load_tree(f"{head}<html><body>{''.join(pieces)}</body></html>")
    assert tree is not None
    expected = {
        " ".join(element.text_content().split())
        for element in [*tree.iter("figcaption"), *tree.xpath("//*[contains(@class, 'caption')]")]
    }
    expected.discard("")
    assert caption_texts(tree) == expected


# ----------------------------------------------------------------- fallback


def test_flat_text_needs_no_parser() -> None:
    deep = "<div>" * 5000 + "<p>Deep &amp; nested</p><script>var x;</script>" + "</div>" * 5000
    assert flat_text(deep) == "Deep & nested"


def test_paragraph_rules_are_written_in_lower_case() -> None:
    # They are matched against the lower-cased paragraph, so an upper-case letter in a
    # pattern could never match.
    for name, pattern in PARAGRAPH_RULES:
        literal = re.sub(r"\\[A-Za-z]", "", pattern)
        assert literal == literal.lower(), name


def test_paragraph_rules_ignore_case() -> None:
    assert paragraph_rule("SUBSCRIBE TO OUR NEWSLETTER") == "newsletter-call"
    assert paragraph_rule("Lesen Sie auch: Der Hafen wird teurer") == "read-also"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("政府は火曜日、来月に予算を審議すると発表した。", True),
        ("서울시는 월요일 한강 다리 세 곳의 보수 공사를 시작한다고 밝혔다.", True),
        ("The council approved the harbour budget on Tuesday.", False),
        ("Le conseil a approuvé le budget du port mardi, déjà très attendu à l'été.", False),
        # Three CJK characters among ten letters reach the share; two do not.
        ("東京都 abcdefg", True),
        ("東京 abcdefgh", False),
        # Counted one by one, wherever they stand: runs of one, of two, next to a kana.
        ("東a京b都cdefg", True),
        ("東a京bcdefgh", False),
        ("ab東京cdeのf", True),
        ("", False),
    ],
)
def test_cjk_pages_are_told_by_their_share_of_cjk_characters(text: str, expected: bool) -> None:
    from archiver.clean.html import is_cjk

    assert is_cjk(text) is expected


def test_trafilatura_options_are_shared_but_never_keep_a_pages_url() -> None:
    from archiver.clean.html import _extractor, _trafilatura, load_tree

    html = (
        "<html><body><article><h1>Port budget</h1>"
        + "<p>The council approved the harbour budget on Tuesday after a long debate.</p>" * 4
        + "</article></body></html>"
    )
    text = _trafilatura(load_tree(html), "https://news.example/port-budget")
    assert "harbour budget" in text
    assert _extractor(False, False) is _extractor(False, False)  # built once per process
    assert _extractor(False, False).url is None and _extractor(False, False).source is None


# load_tree parses as trafilatura's load_html does, with element classes looked up in C.
LOAD_CASES = [
    *(read(name) for name in ("news-site.html", "wp-classic.html", "wp-twentytwenty.html")),
    # An XML declaration with an encoding: lxml refuses it in a str, so bytes are parsed.
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>Caf\u00e9 d\u00e9j\u00e0</p></body></html>',
    '<html lang="en"/><body><p>A faulty self-closed html tag, repaired first.</p></body>',
    "<!DOCTYPE html><html><body><form><label>Name</label><input value=x></form>"
    "<!-- a comment --><?pi x?><p>Text &amp; more</p></body></html>",
    "Just a line of plain text, not HTML at all.",
    "<p>one block</p>",
    "<div><p>two</p></div><p>blocks</p>",
    "",
]


@pytest.mark.parametrize("html", LOAD_CASES)
def test_load_tree_parses_as_trafilatura_does(html: str) -> None:
    from lxml import etree
    from trafilatura.utils import load_html

    from archiver.clean.html import load_tree

    ours, theirs = load_tree(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours, encoding="unicode") == etree.tostring(
            theirs, encoding="unicode"
        )


def test_load_tree_gives_every_element_the_plain_html_class() -> None:
    # lxml.html's own lookup (a Python method run for every element object lxml builds)
    # would make the form a FormElement and the input an InputElement.
    from archiver.clean.html import load_tree

    tree = load_tree(LOAD_CASES[5])
    assert tree is not None
    kinds = {element.tag: type(element) for element in tree.iter()}
    assert {"form", "input", "label", "p"} <= kinds.keys()
    assert set(kinds.values()) == {lxml_html.HtmlElement}
    assert tree.find(".//p").text_content() == "Text & more"


def rule_value_fragments() -> list[tuple[str, str, str]]:
    """(kind, value, markup): an element carrying nothing but one value of one rule."""
    found = []
    for rule in BOILERPLATE_RULES:
        for word in sorted(rule.words | rule.phrases):
            found.append(("class", word, f'<div class="{word}"><p>x</p></div>'))
        for role in sorted(rule.roles):
            found.append(("role", role, f'<div role="{role}"><p>x</p></div>'))
        for tag in sorted(rule.tags):
            found.append(("tag", tag, f"<{tag}><p>x</p></{tag}>"))
        for word in sorted(rule.aria):
            found.append(("aria", word, f'<div aria-label="Box {word}"><p>x</p></div>'))
    return found


@pytest.mark.parametrize(("kind", "value", "markup"), rule_value_fragments())
def test_every_value_of_every_rule_matches_on_its_own(kind: str, value: str, markup: str) -> None:
    assert matching_rule(fragment(markup).body[0]) is not None


def test_boilerplate_verdicts_of_hostile_long_class_values_are_not_kept_between_pages() -> None:
    from archiver.clean.html import (
        CACHED_ATTRIBUTES_MAX_CHARS,
        _match_attributes,
        _words,
        find_lead,
        matching_rule,
    )

    filler = "w" * CACHED_ATTRIBUTES_MAX_CHARS
    before = (_match_attributes.cache_info().currsize, _words.cache_info().currsize)
    sidebar = lxml_html.fromstring(f'<div class="sidebar {filler}">Most read</div>')
    short = lxml_html.fromstring('<div class="sidebar only-in-this-test">x</div>')
    assert matching_rule(sidebar) == matching_rule(short) == "sidebar"
    lead = f"<p class='standfirst {filler}'>A lead sentence that sums up the whole story well.</p>"
    assert find_lead(lxml_html.fromstring(f"<div>{lead}</div>")) is not None
    after = (_match_attributes.cache_info().currsize, _words.cache_info().currsize)
    assert after[0] == before[0] + 1  # only the short value was remembered
    assert after[1] == before[1] + 1


HTML_START_PIECES = [
    "<!DOCTYPE html>", "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x.dtd' />",
    "<html/>", "<html lang='en' />", "<html>", "\n", "\x00", "\x07", "\x0b", "\x1f", "\x7f",
    "\ufffe", "\uffff", "\t", "text", "é", "漢", "<p>", "</p>", "\ud800",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HTML_START_PIECES), max_size=14))
def test_page_repairs_are_trafilaturas_with_cheaper_checks(pieces: list[str]) -> None:
    import re as regex

    from trafilatura.utils import repair_faulty_html as trafilaturas

    from archiver.clean.html import repair_faulty_html, without_control_characters

    html = "".join(pieces)
    cleaned = without_control_characters(html)
    assert cleaned == regex.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", html)
    beginning = cleaned[:50].lower()
    assert repair_faulty_html(cleaned, beginning) == trafilaturas(cleaned, beginning)
