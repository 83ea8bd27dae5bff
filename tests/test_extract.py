"""extract(): any bytes -> Article(text, metadata, encoding, warnings), or a clear InputError."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.extract import extract, extract_meta, extract_text
from archiver.model import InputError
from archiver.sniff import binary_kind, sniff_media_type

DATA = Path(__file__).parent / "data" / "html"

# Four paragraphs per language, written for these tests.
LEGACY = {
    "ko": (
        "EUC-KR",
        "cp949",
        [
            "서울시는 월요일 한강 다리 세 곳의 보수 공사를 다음 달부터 시작한다고 밝혔다. 공사는 "
            "약 여섯 달 동안 진행될 예정이다.",
            "시 관계자는 출퇴근 시간에는 차로를 모두 열어 두고 야간에만 작업을 하겠다고 설명했다. "
            "시민들의 불편을 줄이기 위한 조치다.",
            "이번 공사에는 모두 백이십억 원이 들어가며, 다리 난간과 조명도 함께 교체된다. 똠방각하 "
            "같은 드문 글자도 그대로 보여야 한다.",
            "시는 공사 일정과 우회 도로를 누리집과 지하철역 안내판을 통해 알릴 계획이라고 덧붙였다.",
        ],
    ),
    "ja": (
        "Shift_JIS",
        "cp932",
        [
            "横浜市は月曜日、港の近くにある古い倉庫を図書館に改装する計画を発表した。工事は来年の春に"
            "始まる予定だ。",
            "市の担当者によると、建物の外観はそのまま残し、内部に閲覧室と子ども向けの部屋を設ける。"
            "屋上には港を見渡せる小さな庭も作られる。",
            "総工費はおよそ三十億円で、髙橋市長は①地域の歴史を伝える場所にしたいと話した。",
            "市民からは駐車場が足りないのではないかという声も上がっており、市は対策を検討している。"
            "開館は再来年の秋を目指している。",
        ],
    ),
    "ru": (
        "windows-1251",
        "cp1251",
        [
            "В понедельник городской совет утвердил план ремонта старой набережной, который обсуждали "
            "почти два года.",
            "Работы начнутся весной и продлятся до конца осени. На это время часть улиц закроют для "
            "движения транспорта.",
            "По словам депутатов, на набережной появятся новые скамейки, освещение и велосипедная "
            "дорожка вдоль реки.",
            "Жители ближайших домов попросили власти проводить самые шумные работы только в дневное "
            "время.",
        ],
    ),
    "fr": (
        "ISO-8859-1",
        "cp1252",
        [
            "Le conseil municipal a voté lundi la rénovation du vieux marché couvert, fermé depuis "
            "l’hiver dernier.",
            "Les travaux commenceront en mai et dureront environ huit mois, a précisé l’adjointe "
            "chargée de l’urbanisme.",
            "« Nous voulons que les producteurs locaux retrouvent leur place au cœur du quartier », "
            "a-t-elle déclaré — une promesse déjà faite en 2019.",
            "Pendant le chantier, les étals seront installés sur la place de l’église, deux matinées "
            "par semaine.",
        ],
    ),
    "zh": (
        "GB2312",
        "gb18030",
        [
            "市政府星期一宣布，将在明年春天开始改造城北的旧火车站，把它变成一座公共图书馆。"
            "这座车站建于上世纪三十年代，已经停用了将近二十年。",
            "负责这项工程的官员说，车站的外墙和钟楼将被保留，内部会增加阅览室和儿童活动区。"
            "旧站台将改建成一个可以举办展览和音乐会的广场。",
            "整个工程预计耗资三亿元，工期大约两年。镕基这样的罕见字也必须正确显示。",
            "附近居民希望政府在施工期间控制噪音，并增加周边的停车位。"
            "市政府表示，将在下个月举行听证会，听取市民的意见。",
        ],
    ),
}


def legacy_page(lang: str, label_in_meta: bool = True) -> tuple[bytes, list[str]]:
    label, codec, paragraphs = LEGACY[lang]
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        f"<!DOCTYPE html><html lang='{lang}'><head>{meta if label_in_meta else ''}"
        f"<title>{paragraphs[0][:20]}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><main><article><h1>{paragraphs[0][:20]}</h1>"
        f"<div class='entry-content'>{body}</div></article></main></body></html>"
    )
    return page.encode(codec), paragraphs


@pytest.mark.parametrize("lang", sorted(LEGACY))
def test_legacy_encoded_pages_give_correct_text(lang: str) -> None:
    data, paragraphs = legacy_page(lang)
    article = extract(data, url="https://news.example/item")
    assert article.encoding == LEGACY[lang][1]
    for paragraph in paragraphs:
        assert paragraph in article.text
    assert article.text.count("\n\n") == len(paragraphs) - 1


def test_http_charset_is_used_when_the_page_has_none() -> None:
    data, paragraphs = legacy_page("ko", label_in_meta=False)
    article = extract(data, media_type="text/html; charset=EUC-KR", declared_charset="EUC-KR")
    assert article.encoding == "cp949"
    assert paragraphs[2] in article.text


def test_a_page_is_parsed_once_for_its_metadata_and_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import archiver.clean.html as clean_html
    import archiver.metadata as metadata

    parsed: list[object] = []
    read: list[object] = []
    load_tree, parse_page = clean_html.load_tree, metadata.parse_page

    def counted_load(html: str) -> object:
        parsed.append(load_tree(html))
        return parsed[-1]

    def recorded_page(html: str, url: str | None = None, tree: object = None) -> object:
        page = parse_page(html, url, tree)
        read.append(page.tree if page else None)
        return page

    monkeypatch.setattr(clean_html, "load_tree", counted_load)
    monkeypatch.setattr(metadata, "parse_page", recorded_page)
    paragraphs = "".join(
        f"<p>The council approved the harbour budget on Tuesday after debate number {n}.</p>"
        for n in range(4)
    )
    page = (
        "<html><head><title>Port budget</title></head><body><article><h1>Port budget</h1>"
        f"{paragraphs}</article></body></html>"
    )
    article = extract(page.encode(), media_type="text/html")
    assert article.metadata.title == "Port budget" and "harbour budget" in article.text
    assert len(parsed) == 1 and read == parsed  # the metadata rules read the same tree
    # (A page whose first extraction is too short is parsed again for trafilatura's recall
    # run, which needs the page as it was: tests/test_handover.py.)


def test_the_metadata_rules_leave_the_shared_tree_as_they_found_it() -> None:
    from lxml.etree import tostring

    from archiver.clean.html import load_tree
    from archiver.metadata import extract_metadata

    html = (DATA / next(p.name for p in sorted(DATA.iterdir()) if p.suffix == ".html")).read_text(
        encoding="utf-8", errors="replace"
    )
    tree = load_tree(html)
    before = tostring(tree)
    extract_metadata(html, None, tree)
    assert tostring(tree) == before


def test_extract_does_not_modify_the_bytes() -> None:
    data, _ = legacy_page("ja")
    before = bytes(data)
    extract(data)
    assert data == before


def test_lying_meta_is_recorded_as_a_warning_free_decode_or_a_warning() -> None:
    data, paragraphs = legacy_page("fr")
    lying = data.replace(b"charset=ISO-8859-1", b"charset=utf-8")
    article = extract(lying)
    assert article.encoding == "cp1252"
    assert paragraphs[2] in article.text


def test_mostly_utf8_page_with_stray_bytes_warns() -> None:
    page = (DATA / "news-site.html").read_bytes()
    damaged = page.replace(b"Friday", b"Fri\xe9day")
    article = extract(damaged)
    assert article.encoding == "utf-8"
    assert "Friéday" in article.text
    assert any("windows-1252" in warning for warning in article.warnings)


def test_html_article_has_metadata_and_language() -> None:
    article = extract((DATA / "news-site.html").read_bytes(), url="https://ledger.example/a")
    assert article.text.startswith("Dock workers at the container terminal")
    assert article.metadata.language is not None
    assert article.metadata.language.startswith("en")
    assert article.to_dict()["text"] == article.text


def test_language_is_detected_from_the_body_when_the_page_declares_none() -> None:
    data, _ = legacy_page("ru")
    data = data.replace(b" lang='ru'", b"")
    assert extract(data).metadata.language == "ru"


def test_text_dump_goes_to_the_text_cleaner() -> None:
    dump = (
        b"Harbour ferry returns\n\n"
        b"The ferry between the quay and the northern bank is running again after repairs.\n\n"
        b"Commuters welcomed the eleven-minute crossing on its first morning.\n"
    )
    article = extract(dump, url="https://blog.example/ferry", media_type="text/plain")
    assert "Commuters welcomed" in article.text
    assert article.metadata.url == "https://blog.example/ferry"


# ----------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive (or an office document)"),
        (gzip.compress(b"<html></html>"), "gzip-compressed file"),
        (bytes(range(256)) * 64, "control bytes no text encoding uses"),
    ],
)
def test_binary_input_is_refused_with_a_clear_error(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    with pytest.raises(InputError) as raised:
        extract(data, subject="upload.bin")
    assert raised.value.subject == "upload.bin"
    assert raised.value.message == f"binary file ({kind}), not an HTML page or a text dump"
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        extract(data)


def test_utf16_without_bom_is_not_mistaken_for_binary() -> None:
    data = "<html><body><p>Hello from a UTF-16 page</p></body></html>".encode("utf-16-le")
    assert binary_kind(data) is None
    assert binary_kind(codecs.BOM_UTF16_LE + data) is None


def test_html_with_nul_bytes_is_extracted() -> None:
    page = (
        (DATA / "wp-classic.html").read_bytes().replace(b"spring, a group", b"spring,\x00 a group")
    )
    article = extract(page)
    assert "Over six weekends this spring, a group" in article.text


def test_size_guard_skips_extraction_with_a_warning() -> None:
    page = (DATA / "news-site.html").read_bytes()
    article = extract(page, url="https://ledger.example/a", max_extract_bytes=1000)
    assert article.text == ""
    assert article.metadata.url == "https://ledger.example/a"
    assert any("extraction limit" in warning for warning in article.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>" + b"<div>" * 20000 + b"deep" + b"</div>" * 20000 + b"</body></html>",
        b"<html><body><p>\xff\xfe\xfd broken \x80\x81</p></body></html>",
        b"<<<>>><!-- unterminated",
        b"<html>" + b"a" * 200000 + b"</html>",
        b"\x1b[31mterminal colours\x1b[0m plain text",
    ],
)
def test_odd_text_never_raises(data: bytes) -> None:
    article = extract(data)
    assert isinstance(article.text, str)


# ----------------------------------------------------------------- sniffing and adapters


def test_sniff_media_type() -> None:
    assert sniff_media_type(b"anything", "page.HTM") == "text/html"
    assert sniff_media_type(b"<html>", "notes.txt") == "text/plain"
    assert sniff_media_type(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "text/html"
    assert sniff_media_type("<html><body>".encode("utf-16")) == "text/html"
    assert sniff_media_type(b"Title\n\nA post.") == "text/plain"


def test_scorer_adapters() -> None:
    page = (DATA / "news-site.html").read_bytes()
    assert extract_text(page, "https://ledger.example/a").startswith("Dock workers")
    assert extract_text(b"%PDF-1.4", "") == ""
    meta = extract_meta(page, "https://ledger.example/a")
    assert set(meta) == {"title", "author", "date", "sitename", "categories", "tags"}
    assert isinstance(meta["categories"], list) and isinstance(meta["tags"], list)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_give_an_article_or_an_input_error(data: bytes) -> None:
    try:
        article = extract(b"<html><body><p>" + data + b"</p></body></html>")
    except InputError:
        return
    assert isinstance(article.text, str)
    assert isinstance(article.warnings, list)


def test_a_dump_asks_for_its_language_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import archiver.clean.text as dump_module
    import archiver.language as language_module

    calls: list[str] = []
    real = language_module.detect_language

    def counting(text: str) -> str | None:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language_module, "detect_language", counting)
    monkeypatch.setattr(dump_module, "detect_language", counting)
    undetermined = "Zyx qwv plor.\n\n" + "Blorf snarg wibble quonk zept. " * 12
    article = extract(undetermined.encode(), media_type="text/plain")
    assert article.text and article.metadata.language is None
    assert len(calls) == 1
    english = "Harbour news\n\n" + "The council said that it would repair the wall this year. " * 8
    assert extract(english.encode(), media_type="text/plain").metadata.language == "en"
