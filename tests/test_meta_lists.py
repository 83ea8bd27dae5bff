"""Categories and tags (archiver.meta_lists): which evidence names the item's own lists.

Every page fragment here was written for these tests.
"""

from __future__ import annotations

import threading

from archiver.meta_lists import page_categories, page_tags
from archiver.meta_page import parse_page
from archiver.metadata import extract_metadata


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def categories(html: str, url: str | None = None) -> list[str]:
    return extract_metadata(html, url).categories


# --- theme text and classed containers (the cached per-page passes) --------------------------


def test_labelled_text_is_found_in_a_short_block_inside_a_long_post() -> None:
    prose = "<p>" + "Long running text of the story. " * 30 + "</p>"
    body = (
        f"<article><h1>T</h1>{prose}{prose}"
        '<footer class="entry-meta"><span>Posted in <a href="/category/a/">Harbour</a>, '
        '<a href="/category/b/">Fisheries</a></span></footer></article>'
    )
    assert categories(page("", body)) == ["Harbour", "Fisheries"]


def test_a_label_inside_a_block_longer_than_300_characters_is_not_read() -> None:
    # The whole block is prose, not a theme's meta line.
    body = "<article><h1>T</h1><p>Category: " + "word " * 80 + "</p></article>"
    assert categories(page("", body)) == []


def test_labelled_text_in_a_sidebar_is_skipped_for_the_posts_own_line() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Tags: <a href="/t/x">ferries</a></p></article>'
        '<div class="sidebar"><p>Tags: <a href="/t/y">everything</a></p></div>'
    )
    assert extract_metadata(page("", body)).tags == ["ferries"]


def test_the_first_classed_container_in_document_order_wins() -> None:
    body = (
        '<article><h1>T</h1><div class="post-categories"><a href="/c/1">Ports</a></div>'
        '<div class="entry-categories"><a href="/c/2">Other</a></div></article>'
    )
    assert categories(page("", body)) == ["Ports"]


def test_a_classed_container_without_links_does_not_stop_the_search() -> None:
    body = (
        '<article><h1>T</h1><div class="cat-links"></div>'
        '<span class="post-category"><a href="/c/1">Rail</a></span></article>'
    )
    assert categories(page("", body)) == ["Rail"]


def test_rules_of_one_page_never_see_anothers_cached_evidence() -> None:
    first = page("", '<article><h1>A</h1><p>Tags: <a href="/t/a">alpha</a></p></article>')
    second = page("", '<article><h1>B</h1><p>Tags: <a href="/t/b">beta</a></p></article>')
    results: dict[int, list[list[str]]] = {0: [], 1: []}

    def work(index: int, html: str) -> None:
        for _ in range(50):
            parsed = parse_page(html)
            assert parsed is not None
            results[index].append(page_tags(parsed) + page_categories(parsed))

    threads = [threading.Thread(target=work, args=(i, h)) for i, h in enumerate([first, second])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == ["alpha"] for r in results[0])
    assert all(r == ["beta"] for r in results[1])


# --- theme text: where a list ends, what is not an item ----------------------------------------


def test_a_category_line_ends_where_the_tag_label_starts() -> None:
    # Themes print both lists in one element, often without a separator between them.
    body = (
        '<article><h1>T</h1><div class="meta"><span>Kategorien</span><a href="/rubrik/p">'
        'Politik</a>, <a href="/rubrik/s">Sport</a><span>Schlagwörter</span>'
        '<a href="/t/w">Wahl</a>'
        "</div></article>"
    )
    assert categories(page("", body)) == ["Politik", "Sport"]  # not "Wahl"


def test_a_tag_line_ends_where_a_category_label_starts() -> None:
    body = (
        '<article><h1>T</h1><p>Tags: <a href="/t/a">ferries</a> '
        'Posted in <a href="/c/b">Transport</a></p></article>'
    )
    assert extract_metadata(page("", body)).tags == ["ferries"]


def test_a_label_word_inside_another_word_is_no_label() -> None:
    # "Rubrik" + "listenbild" is one word in the page's text (a picture credit), not a label.
    body = "<article><h1>T</h1><p><span>Rubrik</span>listenbild: © Agentur</p></article>"
    assert categories(page("", body)) == []


def test_tag_words_inside_category_names_do_not_cut_the_list() -> None:
    body = (
        '<article><h1>T</h1><p>Posted in <a href="/?cat=1">Alltag</a>, '
        '<a href="/?cat=2">Montag</a></p>'
    )
    assert categories(page("", body + "</article>")) == ["Alltag", "Montag"]


def test_a_heading_naming_both_lists_gives_no_item() -> None:
    body = "<article><h1>T</h1><p>Text.</p><span>Categories &amp; Tags</span></article>"
    meta = extract_metadata(page("", body))
    assert meta.categories == []
    assert meta.tags == []


def test_the_list_label_linked_by_a_wiki_is_not_an_item() -> None:
    body = (
        '<article><h1>T</h1><div class="catlinks"><a href="/wiki/Special:Categories">Category'
        '</a>: <a href="/wiki/Category:Ferries">Ferries</a></div></article>'
    )
    assert categories(page("", body)) == ["Ferries"]


# --- breadcrumbs: the last resort ------------------------------------------------------------


def breadcrumb_ld(*names: str) -> str:
    items = ",".join(
        f'{{"@type":"ListItem","position":{i},"item":{{"@id":"/{i}","name":"{n}"}}}}'
        for i, n in enumerate(names, 1)
    )
    return ld(
        f'{{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{items}]}}'
    )


def test_jsonld_breadcrumbs_give_the_first_section_after_home() -> None:
    head = ld('{"@type":"NewsArticle","headline":"Ferry strike ends"}') + breadcrumb_ld(
        "Home", "Politics", "Europe", "Ferry strike ends"
    )
    assert categories(page(head, "<h1>Ferry strike ends</h1>")) == ["Politics"]


def bar(*steps: str) -> str:
    links = "".join(f'<a href="{href}">{text}</a> › ' for text, href in steps)
    return f'<nav aria-label="Breadcrumb" class="trail">{links}</nav>'


ARTICLE_HEAD = '<meta property="og:type" content="article">'


def test_breadcrumb_bar_gives_the_first_section_on_an_article_page() -> None:
    trail = bar(("Home", "/"), ("Wirtschaft", "/wirtschaft/"), ("Häfen", "/wirtschaft/haefen/"))
    html = page(ARTICLE_HEAD, trail + "<article><h1>Neue Kräne</h1><p>Text.</p></article>")
    assert categories(html, "https://news.example/wirtschaft/haefen/kraene") == ["Wirtschaft"]


def test_breadcrumb_bar_skips_the_site_name_dates_and_the_headline() -> None:
    trail = bar(
        ("Harbour Times", "https://harbourtimes.example/index.html"),
        ("2023/43", "/2023/43/"),
        ("Neue Kräne", "/k"),
        ("Disko", "/disko/"),
    )
    html = page(
        ARTICLE_HEAD + '<meta property="og:site_name" content="Harbour Times">',
        trail + "<article><h1>Neue Kräne</h1><p>Text.</p></article>",
    )
    assert categories(html, "https://harbourtimes.example/a/1") == ["Disko"]


def test_breadcrumb_bar_is_not_read_on_a_page_that_is_no_dated_item() -> None:
    # A shop's or a forum's trail is the site's structure, not an item's category.
    trail = bar(("Home", "/"), ("Kaffee", "/kaffee/"))
    html = page("", trail + "<main><h1>Bohnen 500 g</h1><p>In den Warenkorb</p></main>")
    assert categories(html, "https://shop.example/kaffee/bohnen") == []


def test_breadcrumb_bar_comes_after_the_posts_own_categories() -> None:
    trail = bar(("Home", "/"), ("Blog", "/blog/"))
    body = trail + (
        '<article><h1>T</h1><p>Posted in <a rel="category tag" href="/c/r">Rail</a></p></article>'
    )
    assert categories(page(ARTICLE_HEAD, body)) == ["Rail"]


def test_breadcrumb_bar_with_a_time_element_counts_as_an_item_page() -> None:
    trail = bar(("Start", "/"), ("Kultur", "/kultur/"))
    body = trail + '<article><h1>T</h1><time datetime="2024-01-02">2. Januar</time></article>'
    assert categories(page("", body), "https://x.example/kultur/t") == ["Kultur"]


# --- the URL's section, named by the page's own link -----------------------------------------


def test_url_section_named_by_the_pages_link_to_it() -> None:
    nav = '<nav><a href="/">Start</a><a href="/innenpolitik/">Innenpolitik</a></nav>'
    html = page(ARTICLE_HEAD, nav + "<article><h1>Haushalt</h1><p>Text.</p></article>")
    url = "https://zeitung.example/innenpolitik/haushalt-2024"
    assert categories(html, url) == ["Innenpolitik"]


def test_url_section_link_may_shorten_or_transliterate_the_slug() -> None:
    nav = (
        '<nav><a href="https://mag.example/environment-and-conservation">Environment</a>'
        '<a href="/gesundheit/">Gesundheit</a></nav>'
    )
    html = page(ARTICLE_HEAD, nav + "<article><h1>T</h1></article>")
    url = "https://mag.example/environment-and-conservation/2020/01/goats"
    assert categories(html, url) == ["Environment"]


def test_url_section_needs_a_link_text_that_spells_the_segment() -> None:
    # A menu item whose text is not the section's name ("Sign up" to /newsletters/) is not
    # the section; nor is a date segment or a link elsewhere.
    nav = '<nav><a href="/newsletters/">Sign up</a><a href="/2020/">2020</a></nav>'
    html = page(ARTICLE_HEAD, nav + "<article><h1>T</h1></article>")
    assert categories(html, "https://n.example/newsletters/issue-7") == []
    assert categories(html, "https://n.example/2020/issue-7") == []
    other = page(ARTICLE_HEAD, '<a href="https://other.example/sport/">Sport</a><h1>T</h1>')
    assert categories(other, "https://n.example/sport/match") == []


def test_url_section_is_not_read_on_a_page_that_is_no_dated_item() -> None:
    nav = '<nav><a href="/products/">Products</a></nav>'
    html = page("", nav + "<main><h1>Desktop</h1></main>")
    assert categories(html, "https://vendor.example/products/desktop/") == []


# --- rel="category" links and the post's meta line ------------------------------------------


def test_rel_category_links_in_a_meta_line_classed_comments_or_social_count() -> None:
    # The theme's meta line shows the date, the comment count and share buttons too.
    body = (
        '<article class="post"><h1>T</h1><p>Text.</p>'
        '<div class="date-comments"><a href="/c/harbour/" rel="category tag">Harbour</a></div>'
        '<div class="tags-categories-social"><a href="/c/fish/" rel="category tag">Fish</a>'
        "</div></article>"
    )
    assert categories(page("", body)) == ["Harbour", "Fish"]


def test_rel_category_links_in_a_widget_or_related_loop_still_do_not_count() -> None:
    body = (
        '<article class="post"><h1>T</h1><p>Text.</p>'
        '<div class="related-posts"><a href="/c/x/" rel="category tag">Other</a></div>'
        "</article>"
        '<aside class="sidebar"><div class="widget recent-posts">'
        '<a href="/c/y/" rel="category tag">Elsewhere</a></div></aside>'
    )
    assert categories(page("", body)) == []


def test_rel_category_links_in_a_side_column_count_when_the_post_has_none() -> None:
    # The theme shows the post's meta in a column beside it.
    body = (
        '<div class="content"><h1>T</h1><p>Text.</p></div>'
        '<section class="meta" id="sidebar"><aside class="post-info">'
        '<a href="/c/blog/" rel="category tag">Blog</a>, '
        '<a href="/c/news/" rel="category tag">News</a></aside></section>'
    )
    assert categories(page("", body)) == ["Blog", "News"]


def test_rel_category_links_in_the_post_outrank_those_in_a_side_column() -> None:
    body = (
        '<article><h1>T</h1><p>In <a href="/c/rail/" rel="category tag">Rail</a></p></article>'
        '<div class="sidebar"><a href="/c/x/" rel="category tag">Elsewhere</a></div>'
    )
    assert categories(page("", body)) == ["Rail"]


def test_the_trail_outranks_a_jsonld_article_section_naming_a_sub_topic() -> None:
    # SEO plugins list all the post's categories in articleSection, in the CMS's order.
    head = ld('{"@type":"NewsArticle","headline":"T","articleSection":["Transfers","Sport"]}')
    trail = bar(("Home", "/"), ("Sport", "/sport/"), ("Transfers", "/sport/transfers/"))
    html = page(ARTICLE_HEAD + head, trail + "<article><h1>T</h1><p>Text.</p></article>")
    assert categories(html, "https://news.example/sport/transfers/t") == ["Sport"]


def test_a_jsonld_article_section_the_page_links_counts_without_a_trail() -> None:
    head = ld('{"@type":"NewsArticle","headline":"T","articleSection":"Transfers"}')
    body = '<nav><a href="/t/">Transfers</a></nav><article><h1>T</h1><p>Text.</p></article>'
    assert categories(page(head, body), "https://news.example/a/1") == ["Transfers"]


# --- a category container outside the post's element (the last resort) ----------------------


def test_a_category_box_after_the_article_element_gives_its_links() -> None:
    body = (
        "<article><h1>Clean water</h1><p>Text.</p></article>"
        '<div class="blog-info"><div class="entry-categories">'
        '<a href="/info/">Infos</a></div></div>'
    )
    assert categories(page(ARTICLE_HEAD, body)) == ["Infos"]


def test_a_long_category_list_outside_the_post_is_the_sites_menu() -> None:
    links = "".join(f'<a href="/c/{n}/">Section {n}</a>' for n in range(13))
    body = f'<article><h1>T</h1><p>Text.</p></article><div class="categories">{links}</div>'
    assert categories(page(ARTICLE_HEAD, body)) == []


def test_a_category_box_outside_the_post_ranks_below_the_breadcrumb_trail() -> None:
    trail = bar(("Home", "/"), ("Kultur", "/kultur/"))
    body = (
        trail + "<article><h1>T</h1><p>Text.</p></article>"
        '<div class="categories"><a href="/c/x/">Other</a></div>'
    )
    assert categories(page(ARTICLE_HEAD, body), "https://x.example/kultur/t") == ["Kultur"]


def test_links_to_tag_pages_after_a_category_label_are_no_categories() -> None:
    # "Filed under" on a news site introduces its topic tags.
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Filed under <a href="/tag/ferries/">ferries</a>, '
        '<a href="/tag/strikes/">strikes</a></p></article>'
    )
    assert categories(page("", body)) == []


def test_a_name_in_both_lists_stays_a_category() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Kategorien: <a href="/kategorie/land/">Sri Lanka</a>, '
        '<a href="/kategorie/leute/">Menschen</a>. Schlagwörter: <a href="/tag/sri-lanka/">Sri Lanka</a>'
        "</p></article>"
    )
    assert categories(page("", body)) == ["Sri Lanka", "Menschen"]


def test_a_category_class_named_after_a_region_is_the_sites_list() -> None:
    body = (
        '<div class="wrap"><h1>T</h1><p>Text.</p>'
        '<div id="side_categories"><a href="/c/a/">Hotels</a><a href="/c/b/">Links</a></div>'
        '<div class="footer__categories"><a href="/c/d/">Dogs</a></div>'
        '<div class="post-categories"><a href="/c/c/">Travel</a></div></div>'
    )
    assert categories(page("", body)) == ["Travel"]


def test_a_category_class_in_the_page_header_is_the_items_own() -> None:
    body = (
        '<main><header class="page-header"><div class="page-header__categories">'
        '<a href="/wiki/Category:Spells">Spells</a></div><h1>T</h1></header>'
        "<p>Text.</p></main>"
    )
    assert categories(page("", body)) == ["Spells"]


def test_pager_and_toggle_links_are_no_list_items() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Kategorien: <a href="/kategorie/bern/">Bern</a> '
        '<a href="/a/2">Nächster ❯</a></p><p>Tags: <a href="/tag/a/">Unfall</a> '
        '<a href="/tags/">and 6 more</a> <a href="/p/1">Previous Post</a></p></article>'
    )
    meta = extract_metadata(page("", body))
    assert (meta.categories, meta.tags) == (["Bern"], ["Unfall"])


def test_links_to_tag_pages_in_a_categories_container_are_no_categories() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><div class="categories">'
        '<a href="mot/justice">Justice</a>, <a href="tags/macron">Macron</a></div>'
        '<div class="post-categories"><a href="/rubrique/politique/">Politique</a></div>'
        "</article>"
    )
    meta = extract_metadata(page("", body))
    assert meta.categories == ["Politique"]


def test_relative_and_spip_keyword_links_are_tag_pages() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><ul class="links">'
        '<li><a href="mot/justice">Justice</a></li><li><a href="tags/macron">Macron</a></li>'
        "</ul></article>"
    )
    assert extract_metadata(page("", body)).tags == ["Justice", "Macron"]


def test_a_category_label_counts_only_when_the_page_confirms_the_list() -> None:
    # "Filed under" before topic pages, an award's "Kategorie:" in plain text.
    body = (
        '<article><h1>T</h1><p>Text.</p><p>Filed Under: <a href="/news/gop">GOP</a>, '
        '<a href="/news/retirement">Retirement</a></p>'
        "<p>Kategorie: <i>Kinder- &amp; Jugendbuch</i></p></article>"
    )
    assert categories(page("", body)) == []


def test_plain_text_after_a_label_counts_inside_a_category_container() -> None:
    body = (
        '<article><h1>T</h1><p>Text.</p><footer><span class="cat-links">Kategorien: '
        "Allgemein</span></footer></article>"
    )
    assert categories(page("", body)) == ["Allgemein"]


def test_every_category_class_word_holds_one_of_the_xpath_hints() -> None:
    # The whole-page search filters elements on these hints before the regex runs.
    from archiver import meta_rules as R

    for alternative in R.CATEGORY_CLASS.pattern.split("|"):
        assert any(hint in alternative.casefold() for hint in R.CATEGORY_CLASS_HINTS)


def test_anchors_without_a_target_after_a_category_label_count() -> None:
    body = "<article><h1>T</h1><p>Text.</p><p>Filed under: <a>Travel</a>, <a>Rail</a></p></article>"
    assert categories(page("", body)) == ["Travel", "Rail"]
