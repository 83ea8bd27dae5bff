"""Author rules: each test is one named rule, on a page fragment written for it.

The general author behaviour (ranked evidence, comments and sidebars ignored) is specified
in test_metadata.py; this file covers the byline rules of ``meta_authors`` and the author
section of ``metadata``.
"""

from __future__ import annotations

import pytest

from archiver.meta_authors import clean_authors, is_plausible_name
from archiver.metadata import extract_metadata


def page(head: str = "", body: str = "", lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head>{head}</head><body>{body}</body></html>"


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def authors(body: str, head: str = "", url: str | None = None, lang: str = "") -> list[str]:
    return extract_metadata(page(head, body, lang), url).authors


# --- a person on their own domain ------------------------------------------------------------


def test_rule_owner_of_a_personal_domain_is_the_author() -> None:
    byline = '<article><h1>T</h1><p class="byline">By <span class="author">Ravi Kessler</span>'
    body = byline + "</p><p>Text.</p></article>"
    # kessler.example is Ravi Kessler's own site: his byline names him.
    assert authors(body, url="https://kessler.example/2020/post") == ["Ravi Kessler"]
    # The same site's desk is no owner; the byline credits the desk ("Kessler Redaktion").
    desk = body.replace("Ravi Kessler", "Kessler Redaktion")
    assert authors(desk, url="https://kessler.example/2020/post") == ["Kessler Redaktion"]
    assert clean_authors(["Kessler Redaktion"], reject={"kessler"}) == []
    # Weak evidence (not the post's byline) never takes a name that holds the site's.
    assert clean_authors(["Ravi Kessler"], reject={"kessler"}) == []
    assert clean_authors(["Ravi Kessler"], reject={"kessler"}, shown=True) == ["Ravi Kessler"]


POST = "<article><h1>Herbstwanderung</h1><p>Wir gingen am Sonntag auf den Berg.</p></article>"


@pytest.mark.parametrize(
    ("footer", "url", "expected"),
    [
        # The page shows the name its address spells, without a byline: the owner wrote it.
        ("<footer>Günter Pilger</footer>", "https://guenter-pilger.example/p", ["Günter Pilger"]),
        ("<footer>Jana Roth</footer>", "https://janaroth.wordpress.com/p", ["Jana Roth"]),
        # Text after a script (its tail) is the page's; the script's own text is not.
        ("<div><script>x()</script>Jana Roth</div>", "https://janaroth.example/p", ["Jana Roth"]),
        ("<script>var owner = 'Jana Roth';</script>", "https://janaroth.example/p", []),
        # Hidden text, a brand without a given name, and another domain name no one.
        ("<div hidden>Jana Roth</div>", "https://janaroth.example/p", []),
        ("<footer>Berg Werke</footer>", "https://bergwerke.example/p", []),
        ("<footer>Jana Roth</footer>", "https://wanderblog.example/p", []),
    ],
)
def test_rule_owner_of_a_personal_domain_shown_on_the_page(
    footer: str, url: str, expected: list[str]
) -> None:
    assert authors(POST + footer, url=url) == expected


def test_rule_site_name_written_as_a_domain_is_compared_without_it() -> None:
    # "LaVoz.example" (og:site_name) and the byline "La Voz" name the same site.
    head = '<meta property="og:site_name" content="LaVoz.ex">'
    body = '<article><h1>T</h1><a href="/autor/la-voz/">La Voz</a><p>Texto.</p></article>'
    assert authors(body, head, url="https://lavoz.ex/a") == []
    # Accents do not hide the site's name either.
    assert clean_authors(["Diário Sul"], reject={"Diario Sul"}, shown=True) == []


# --- roles, degrees and repeats ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Lena Park, PhD", ["Lena Park"]),  # a degree is no co-author
        ("Tom Reed, M.D. and Ada Lin", ["Tom Reed", "Ada Lin"]),
        ("Rasender Reporter", ["Rasender Reporter"]),  # a pen name keeps its role word
        ("Mia Sol Senior Writer", ["Mia Sol"]),  # a role after a full name goes
        ("Staff Writer", []),  # a role alone names no one
        ("Jan Roth, Kolumnist", ["Jan Roth"]),
        ("Olek Brandt Olek Brandt", ["Olek Brandt"]),  # link text and alt text repeated
    ],
)
def test_rule_roles_degrees_and_repeats_are_not_names(byline: str, expected: list[str]) -> None:
    assert clean_authors([byline]) == expected


def test_rule_a_login_is_only_a_lone_name() -> None:
    # "deutscher" after a full name describes him; it is not a second (login) author.
    assert clean_authors(["Jan Roth, deutscher Kolumnist"], handles=True) == ["Jan Roth"]
    assert clean_authors(["Jan Roth, deutscher"], handles=True) == ["Jan Roth"]
    assert clean_authors(["jroth"], handles=True) == ["jroth"]


def test_rule_next_field_label_is_cut_from_the_name() -> None:
    assert clean_authors(["Ida Berg Kategorie"]) == ["Ida Berg"]
    assert clean_authors(["Ida Berg Comments"]) == ["Ida Berg"]


def test_rule_organisations_are_not_authors() -> None:
    # The rest of an organisation's name after "and" is no person either.
    assert clean_authors(["U.S. Customs and Border Protection"]) == []
    assert clean_authors(["Bundesverband Solarwärme"]) == []
    assert clean_authors(["Acme Solutions Germany"]) == []
    assert clean_authors(["Landeszeitung"]) == []


def test_rule_quoted_post_names_someone_else() -> None:
    body = '<article><h1>T</h1><div class="author">Zitat von BigFan</div><p>Text.</p></article>'
    assert authors(body) == []
    assert clean_authors(["Originally Posted by Kai"], handles=True) == []


# --- bylines in running text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Text von Rina Moll Illustration von Ute Kahl", ["Rina Moll"]),
        ("Autoren Eva Linde und Tom Kraus", ["Eva Linde", "Tom Kraus"]),
        ("Redaktion: Ole Hahn (Pressesprecher)", ["Ole Hahn"]),
        ("Words by Cleo Hart", ["Cleo Hart"]),
        ("von Marianne1 am 20.09.2020", ["Marianne1"]),
    ],
)
def test_rule_byline_lines(line: str, expected: list[str]) -> None:
    assert authors(f"<article><h1>T</h1><p>{line}</p><p>Text.</p></article>") == expected


def test_rule_byline_names_stop_at_a_lower_case_conjunction() -> None:
    # "und" is no name word: the second name is whole, not "Eva Linde und Tom".
    body = "<article><h1>T</h1><p>Von Eva Linde und Tom Kraus</p><p>Text.</p></article>"
    assert authors(body) == ["Eva Linde", "Tom Kraus"]


def test_rule_a_sentence_starting_with_von_is_no_byline() -> None:
    # A headline "Von Mob mit Macheten ermordet" / a name cut short "By Ana bint".
    body = "<article><h1>T</h1><p>Von Mob mit Macheten bedroht</p><p>Text.</p></article>"
    assert authors(body) == []
    body = "<article><h1>T</h1><p>By Mobasir hassan</p><p>Text.</p></article>"
    assert authors(body) == []


# --- Chinese and Japanese reporter lines ---------------------------------------------------------


def test_rule_chinese_reporter_name_follows_the_word_for_reporter() -> None:
    body = "<article><h1>标题</h1><p>本报记者 李明</p><p>正文。</p></article>"
    assert authors(body, lang="zh") == ["李明"]
    # The agency before "记者" is not the name.
    body = "<article><h1>标题</h1><p>新华社记者王强</p><p>正文。</p></article>"
    assert authors(body, lang="zh") == ["王强"]


def test_rule_cjk_photo_credit_and_press_conference_are_no_byline() -> None:
    body = "<article><h1>标题</h1><p>新华社记者 李明 摄</p><p>正文。</p></article>"
    assert authors(body, lang="zh") == []
    body = "<article><h1>标题</h1><p>昨天举行签约记者会</p><p>正文。</p></article>"
    assert authors(body, lang="zh") == []


def test_rule_japanese_reporter_name_comes_first() -> None:
    body = "<article><h1>見出し</h1><p>佐藤花子記者</p><p>本文。</p></article>"
    assert authors(body, lang="ja") == ["佐藤花子"]
    body = "<article><h1>見出し</h1><p>共同通信社記者会見</p><p>本文。</p></article>"
    assert authors(body, lang="ja") == []


def test_rule_date_first_byline_line() -> None:
    body = "<article><h1>T</h1><p>06.11.2023 13:30 von Olga</p><p>Text.</p></article>"
    assert authors(body) == ["Olga"]


def test_rule_wordpress_posted_in_by_line_shows_the_login() -> None:
    line = "Posted in Allgemein by kleinerbaer on May 3, 2019"
    body = f'<article><h1>T</h1><div class="postinfo">{line}</div><p>Text.</p></article>'
    assert authors(body) == ["kleinerbaer"]
    line = "Posted by Jo Berg under Misc | 2 comments"
    body = f'<article><h1>T</h1><div class="postinfo">{line}</div><p>Text.</p></article>'
    assert authors(body) == ["Jo Berg"]


def test_rule_affiliation_and_place_after_an_organisation_are_dropped() -> None:
    assert clean_authors(["Nia Cole, Harbor News, New York"]) == ["Nia Cole"]
    assert clean_authors(["Nia Cole, Harbor Post, New York"], reject={"Harbor Post"}) == [
        "Nia Cole"
    ]


def test_rule_quotation_and_review_authors_are_not_the_posts() -> None:
    quote = '<blockquote>Words.</blockquote><span class="zitat-author">Eva Maier, Autorin</span>'
    assert authors(f"<article><h1>T</h1>{quote}<p>Text.</p></article>") == []
    review = (
        '<div itemscope itemtype="https://schema.org/Review">'
        '<span itemprop="author">Georg N.</span><p>Gut.</p></div>'
    )
    assert authors(f"<article><h1>Produkt</h1><p>Text.</p>{review}</article>") == []


def test_rule_weekday_of_a_date_line_is_no_name() -> None:
    body = '<article><h1>T</h1><footer class="submitted">الجمعة 8 فيفري 2019</footer></article>'
    assert authors(body, lang="ar") == []


def test_rule_agency_codes_are_refused() -> None:
    assert clean_authors(["AgE"]) == []
    assert clean_authors(["dts"], handles=True) == []


def test_rule_byline_lists_all_authors_structured_data_only_the_first() -> None:
    head = ld('{"@type": "NewsArticle", "headline": "T", "author": {"name": "Ana Roth"}}')
    body = (
        '<article><h1>T</h1><p class="byline">Von <span class="author">Ana Roth, Ben Lee</span>'
        "</p><p>Text.</p></article>"
    )
    assert authors(body, head) == ["Ana Roth", "Ben Lee"]
    # A byline naming someone else does not replace the structured author.
    other = body.replace("Ana Roth, Ben Lee", "Ben Lee, Cara Diaz") + "<p>Ana Roth</p>"
    assert authors(other, head) == ["Ana Roth"]


def test_rule_author_box_gives_its_heading_not_the_biography() -> None:
    bio = "Mara Holm writes about energy and climate. " * 4
    box = f'<div class="author-bio"><h3>Mara Holm</h3><p>{bio}</p><a href="/">Alles von Mara Holm</a></div>'
    assert authors(f"<article><h1>T</h1><p>Text.</p>{box}</article>") == ["Mara Holm"]
    # A slider of the author's other articles is no author box: its heading is a headline.
    items = "".join(f"<h3>Legende {n}</h3><p>{bio}</p>" for n in range(2))
    slider = f'<div class="author-materials-slider">{items}</div>'
    assert authors(f"<article><h1>T</h1><p>Text.</p>{slider}</article>") == []


@pytest.mark.parametrize(
    ("link_text", "expected"),
    [
        ("Alles von Mara Holm", ["Mara Holm"]),
        ("More posts by Mara Holm", ["Mara Holm"]),
        ("Mara Holm Follow", ["Mara Holm"]),
        ("Mara Holm Date", ["Mara Holm"]),
    ],
)
def test_rule_link_labels_around_the_name_are_cut(link_text: str, expected: list[str]) -> None:
    assert clean_authors([link_text]) == expected


# --- the block that holds the headline ----------------------------------------------------------

_LONG = "<p>" + "Der Gemeinderat hat am Abend lange über den Haushalt beraten. " * 12 + "</p>"


def test_rule_byline_in_the_headline_header_outside_the_post() -> None:
    # The theme puts the headline and its byline in a banner beside the <article>: the
    # region rules take a banner for an advert, but the one holding the headline is the
    # item's own header.
    body = (
        '<header class="site-header"><a href="/">Stadtblatt</a></header>'
        '<div class="wrap"><div class="title-banner"><h1>Der Haushalt ist beschlossen</h1>'
        '<span class="author vcard"><a class="url fn">Mara Lindqvist</a></span></div>'
        f"<article class='post'>{_LONG}{_LONG}</article></div>"
    )
    assert authors(body, url="https://stadtblatt.example/haushalt") == ["Mara Lindqvist"]


def test_rule_byline_line_next_to_the_headline_outside_a_misjudged_post() -> None:
    # The element taken for the post is a teaser box; the "Von ..." line under the headline
    # is still read.
    body = (
        '<div class="hero"><h1>Wärmepumpen im Altbau</h1>'
        '<ul class="hero-meta"><li><span class="label">von Jonas Brandt</span></li></ul></div>'
        f"<div class='text'>{_LONG}</div>"
        f"<article class='cta-box'>{_LONG}{_LONG}{_LONG}</article>"
    )
    assert authors(body) == ["Jonas Brandt"]


# --- a meta line of a date and a name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("11.12.2019 - Amelie Sandvik", ["Amelie Sandvik"]),
        ("04.02.2022 | 13:10 Uhr | Uta Brenneke", ["Uta Brenneke"]),
        ("March 3, 2021 · Jane van Doorn", ["Jane van Doorn"]),
        # A label in capitals, a one-word place, a section before the date: no name.
        ("04. November 2021 | PAID CONTENT", []),
        ("12.03.2020 - Berlin", []),
        ("Auto Thema | 05. November 2021 | 08:02 Uhr", []),
    ],
)
def test_rule_date_then_name_meta_line(line: str, expected: list[str]) -> None:
    body = f'<article><h1>Ein Titel für den Test</h1><p class="meta">{line}</p>{_LONG}</article>'
    assert authors(body) == expected


# --- the copyright holder of a personal site -----------------------------------------------------


def test_rule_copyright_holder_named_as_the_domain_is_the_author() -> None:
    body = (
        f"<article><h1>Reflections on a long migration</h1>{_LONG}</article>"
        "<footer><p>Copyright (c) 2012- Tomas Wendt. All rights reserved.</p></footer>"
    )
    # tomaswendt.example is Tomas Wendt's own site.
    assert authors(body, url="https://tomaswendt.example/blog/2020/post") == ["Tomas Wendt"]
    # The holder may be the next element's text.
    linked = body.replace("Copyright (c) 2012- Tomas Wendt.", "© 2020 <a href='/'>Tomas Wendt</a>")
    assert authors(linked, url="https://tomaswendt.example/blog/2020/post") == ["Tomas Wendt"]
    # On anyone else's site the copyright holder is the publisher, not the author.
    assert authors(body, url="https://citynews.example/2020/post") == []
    # A brand in capitals or named as the site is no person, even on its own domain.
    brand = body.replace("Tomas Wendt", "WEISSER TURM")
    assert authors(brand, url="https://weisserturm.example/a") == []
    named = page('<meta property="og:site_name" content="Hafen Innovation">', body)
    named = named.replace("Tomas Wendt", "Hafen Innovation")
    assert extract_metadata(named, "https://hafen-innovation.example/a").authors == []


def test_rule_text_and_photos_label_names_the_writer() -> None:
    body = (
        "<main><h1>Winterhechte im See</h1><table><tr>"
        '<td class="sub">Text &amp; Fotos: Ivo Marten</td></tr></table>'
        f"{_LONG}</main>"
    )
    assert authors(body) == ["Ivo Marten"]
    # A photo credit alone names no writer.
    assert authors(body.replace("Text &amp; Fotos:", "Fotos:")) == []


# --- the site's desk ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    ["Redaktion Polizeimelder Schweiz", "Redacción Diario Sur", "Die Redaktion von Diario Sur"],
)
def test_rule_desk_of_the_site_in_the_posts_byline_is_the_author(byline: str) -> None:
    # Desk words and the site's name (and what follows it, "Schweiz"): the post credits
    # the site's desk, an author of its own like a bare "Redaktion".
    site = ["Polizeimelder", "polizeimelder", "Diario Sur"]
    assert clean_authors([byline], reject=site, shown=True) == [byline]
    # Structured data or page-wide meta naming the same is still the site's default.
    assert clean_authors([byline], reject=site) == []


@pytest.mark.parametrize(
    "byline",
    [
        "Adam Roe Diario Sur Staff",  # a person before the site's name: no desk
        "Diario Sur",  # the site's name alone is the publisher's credit
    ],
)
def test_rule_site_name_without_a_desk_word_stays_refused(byline: str) -> None:
    assert clean_authors([byline], reject=["Diario Sur", "diariosur"], shown=True) == []


def test_rule_desk_written_with_the_sites_domain() -> None:
    site = ["auto-motor.ex", "automotor"]
    byline = "auto-motor.ex Redaktion"
    assert clean_authors([byline], reject=site, shown=True) == [byline]
    # A domain without a desk word is still an organisation's credit.
    assert clean_authors(["kfz-welt.ex"], reject=site, shown=True) == []


# --- logins and weekdays ------------------------------------------------------------------------


def test_rule_login_ending_in_a_number_from_explicit_author_markup() -> None:
    assert clean_authors(["freeman1984"], handles=True) == ["freeman1984"]
    # Without explicit author markup three digits are a date's or a count's.
    assert clean_authors(["freeman1984"]) == []
    assert not is_plausible_name("Heft 2019", handles=True)


def test_rule_login_from_an_author_page_link() -> None:
    body = '<article><h1>T</h1><p>by <a href="/profile/142450/">delta201</a></p><p>X.</p></article>'
    assert authors(body) == ["delta201"]


def test_rule_weekday_is_no_name() -> None:
    line = "Donnerstag, 4. November 2021 von Example Redaktion in Rubrik: Autos"
    assert clean_authors([line], handles=True, shown=True) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thread starter <a class='username'>tiberius7</a> Start date Sep 18, 2020", ["tiberius7"]),
        ("Themenstarter <span>Pepemaus</span> Beginndatum 27. September 2018", ["Pepemaus"]),
    ],
)
def test_rule_forum_thread_starter_is_the_threads_author(line: str, expected: list[str]) -> None:
    body = f"<div class='p-body-header'><h1>Patchnotes 4.47</h1><ul><li>{line}</li></ul></div>"
    assert authors(body + "<article><p>Text of the first post.</p></article>") == expected


def test_a_byline_element_with_a_name_classed_part_gives_that_part() -> None:
    # A badge ("Example") and the name sit in one author element: the name-classed part is
    # the name, not the badge glued to it ("Example Jane Roe").
    body = (
        "<article><h1>Harbour reopens</h1><div class='author'>"
        "<span class='label'>Example</span><img alt='' src='/a.png'>"
        "<span class='author__info--name'>Jane Roe</span></div>"
        "<p>The harbour reopened on Monday after the storm, officials said.</p></article>"
    )
    assert authors(body, url="https://example.org/news/harbour") == ["Jane Roe"]


def test_a_picture_credit_in_a_caption_is_no_author() -> None:
    body = (
        "<article><h1>Harbour reopens</h1><figure><img src='/p.jpg'><figcaption>"
        "The harbour at dawn. <span class='img-author'>Mike Lens/Agency files</span>"
        "</figcaption></figure>"
        "<p>The harbour reopened on Monday after the storm, officials said.</p></article>"
    )
    assert authors(body, url="https://example.org/news/harbour") == []


@pytest.mark.parametrize("value", ["wordpressadmin", "Agencies", "Collectif", "vor", "seit"])
def test_template_words_and_default_accounts_are_no_names(value: str) -> None:
    # A CMS's default account, or a word a template prints where the name would go
    # ("Agencies" under a wire story, "vor" of "vor 3 Jahren"), even from explicit markup.
    assert not is_plausible_name(value, handles=True, shown=True)


@pytest.mark.parametrize(
    "line", ["Pressemitteilung von Katja Kipping", "Press release from Katja Kipping"]
)
def test_a_press_release_label_is_no_part_of_the_name(line: str) -> None:
    assert clean_authors([line], shown=True) == ["Katja Kipping"]


def test_the_meta_publisher_standing_in_for_the_author_is_no_author() -> None:
    head = (
        '<meta name="publisher" content="Northern Broadcasting (www.nb.example)">'
        '<meta name="author" content="Northern Broadcasting (www.nb.example)">'
    )
    body = "<article><h1>Elephants return</h1><p>Herds came back to the valley.</p>"
    footer = "<footer>© 2021 Northern Broadcasting</footer>"  # the name is shown, as a brand
    url = "https://www.nb.example/en/elephants/a-1"
    assert authors(body + "</article>" + footer, head, url=url) == []
    byline = "<p class='author'>Author: Jane Roe</p>"
    assert authors(body + byline + "</article>" + footer, head, url=url) == ["Jane Roe"]


# --- a lone first name made whole by the page ---------------------------------------------------


def test_rule_lone_first_name_takes_the_full_name_a_byline_field_shows() -> None:
    head = ld('{"@type": "NewsArticle", "headline": "T", "author": {"name": "Todd"}}')
    body = (
        '<article><h1>T</h1><div><p class="label"><strong>By</strong></p></div>'
        '<div><p class="full-name">Todd Roe</p></div><p>Text of the item.</p></article>'
    )
    assert authors(body, head) == ["Todd Roe"]


def test_rule_lone_first_name_takes_the_full_name_an_author_bio_starts_with() -> None:
    body = (
        '<article><h1>T</h1><span class="byline">Von <a rel="author">Stefanus</a></span>'
        "<p>Text of the item.</p>"
        '<div class="author-box-bio">Stefanus Brandt - Maschinenbauer und Radfahrer.</div>'
        "</article>"
    )
    assert authors(body) == ["Stefanus Brandt"]


def test_rule_lone_first_name_stays_when_surnames_disagree_or_come_from_comments() -> None:
    body = (
        '<article><h1>T</h1><span class="byline">By <a rel="author">Nadja</a></span>'
        "<p>Text.</p><p>Nadja Kern - a reader.</p><p>Nadja Ostrow - another.</p></article>"
    )
    assert authors(body) == ["Nadja"]  # two different surnames: which one is unknown
    body = (
        '<article><h1>T</h1><span class="byline">By <a rel="author">Nadja</a></span>'
        '<p>Text.</p></article><ol class="comment-list"><li><p>Nadja Kern</p></li></ol>'
    )
    assert authors(body) == ["Nadja"]  # a commenter's name says nothing about the author


# --- a closing signature ------------------------------------------------------------------------

PROSE = (
    "Der Verein hat am Wochenende seine Jahresversammlung abgehalten und einen neuen Vorstand "
    "gewählt."
)


def signature(body: str, reject: tuple[str, ...] = ()) -> list[str]:
    from archiver.meta_authors import authors_from_signature

    return authors_from_signature(body, reject)


def test_rule_signature_name_alone_after_the_last_paragraph() -> None:
    assert signature(f"{PROSE}\n\n{PROSE}\n\nGötz Berger") == ["Götz Berger"]
    assert signature(f"{PROSE}\n\n{PROSE}\n\nDr. Tim Lorenz") == ["Dr. Tim Lorenz"]
    assert signature(f"{PROSE}\n\n{PROSE}\n\nKazım YILMAZ") == ["Kazım YILMAZ"]


def test_rule_signature_may_be_followed_by_role_and_contact_lines() -> None:
    body = (
        f"{PROSE}\n\n{PROSE}\n\n-\n\nAlexandra Brenner\n\nStellvertretende Pressesprecherin"
        "\n\nTel. +49 721 9175 100\n\npresse@verein.example"
    )
    assert signature(body) == ["Alexandra Brenner"]


def test_rule_signature_in_parentheses_after_the_last_sentence() -> None:
    body = f"{PROSE}\n\n{PROSE}\n\nDie Politik im Ort bleibt spannend. (Christian P. Lehner) +++"
    assert signature(body) == ["Christian P. Lehner"]


def test_rule_signature_refuses_phrases_lists_and_the_site() -> None:
    assert signature(f"{PROSE}\n\n{PROSE}\n\nHerzliche Grüße") == []
    assert signature(f"{PROSE}\n\n{PROSE}\n\nWeitere Informationen") == []
    # A list of names (a team, a cast) is not a signature: the name must follow prose.
    assert signature(f"{PROSE}\n\nMit dabei:\n\nAnna Roth\n\nJonas Weber") == []
    # A name in the middle of the text, followed by more prose, is someone the text is about.
    assert signature(f"{PROSE}\n\nAnna Roth\n\n{PROSE}") == []
    assert signature(f"{PROSE}\n\n{PROSE}\n\nPeter Verlag", reject=("Peter Verlag",)) == []


def test_extract_signs_a_page_without_byline_but_never_overrides_one() -> None:
    from archiver.extract import extract

    paragraphs = "".join(f"<p>{number}. {PROSE}</p>" for number in range(1, 4))
    signed = f"<html><body><article><h1>Titel</h1>{paragraphs}<p>Anna Roth</p></article>"
    assert extract(signed.encode(), media_type="text/html").metadata.authors == ["Anna Roth"]
    bylined = signed.replace("<h1>Titel</h1>", '<h1>Titel</h1><p class="byline">Von Jan Roth</p>')
    assert extract(bylined.encode(), media_type="text/html").metadata.authors == ["Jan Roth"]


def test_name_keys_of_hostile_long_values_are_computed_but_not_kept() -> None:
    from archiver.meta_authors import KEY_CACHED_MAX_CHARS, _key, name_key

    kept = _key.cache_info().currsize
    long_name = "Jané Dœ " * (KEY_CACHED_MAX_CHARS // 4)
    assert name_key(long_name) == "janedœ" * (KEY_CACHED_MAX_CHARS // 4)
    assert _key.cache_info().currsize == kept
    assert name_key("LaRepública.pe") == name_key("La Republica") == "larepublica"
