"""decode(): bytes of any news page -> the text a browser would show, and the codec used."""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.decode import _utf8_sequences, decode, meta_charset, normalize_label

KOREAN = "북한 노동자 5만 명이 해외에서 일하며 외화를 벌고 있다고 정부가 밝혔다. 똠방각하 펲시콜라"
JAPANESE = "東京で記者会見が開かれ、政府は新しい経済政策を発表した。髙橋氏は①番目に発言した。"
RUSSIAN = "Правительство объявило о новых мерах поддержки экономики в понедельник вечером."
FRENCH = "Le président a déclaré « nous sommes prêts » — à l’été prochain, a-t-il ajouté."
CHINESE = "朝鲜政府宣布了新的经济政策，外国记者被邀请参加发布会。镕基与𠀀字也在其中。"


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"
    )


@pytest.mark.parametrize(
    ("label", "text", "python_codec", "expected"),
    [
        # EUC-KR pages routinely use cp949-only syllables (똠, 펲): browsers decode as cp949.
        ("euc-kr", KOREAN, "cp949", "cp949"),
        # Shift_JIS pages use Windows-31J extensions (髙, ①).
        ("shift_jis", JAPANESE, "cp932", "cp932"),
        ("windows-1251", RUSSIAN, "cp1251", "cp1251"),
        # ISO-8859-1 is decoded as windows-1252: curly quotes and dashes survive.
        ("iso-8859-1", FRENCH, "cp1252", "cp1252"),
        # GB2312 pages decoded as GB18030 (its superset) keep rare characters.
        ("gb2312", CHINESE, "gb18030", "gb18030"),
    ],
)
def test_meta_charset_is_mapped_as_browsers_do(
    label: str, text: str, python_codec: str, expected: str
) -> None:
    data = page(text, f'<meta charset="{label}">').encode(python_codec)
    decoded, used = decode(data)
    assert text in decoded
    assert used == expected


def test_http_equiv_content_type_is_read_too() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">'
    decoded, used = decode(page(KOREAN, head).encode("cp949"))
    assert KOREAN in decoded and used == "cp949"


@pytest.mark.parametrize(
    ("text", "python_codec"),
    [(KOREAN, "cp949"), (JAPANESE, "cp932"), (RUSSIAN, "cp1251"), (CHINESE, "gb18030")],
)
def test_unlabelled_legacy_pages_are_detected(text: str, python_codec: str) -> None:
    decoded, _ = decode(page(text * 3).encode(python_codec))
    assert text in decoded


@pytest.mark.parametrize(
    ("text", "python_codec"),
    [
        ("Президент России заявил во вторник, что правительство рассмотрит бюджет. ", "koi8-r"),
        ("Ο πρωθυπουργός δήλωσε την Τρίτη ότι η κυβέρνηση θα εξετάσει τον προϋπολογισμό. ",
         "iso8859_7"),
        ("Prezydent powiedział we wtorek, że rząd rozważy budżet. Zażółć gęślą jaźń. ", "cp1250"),
        ("政府週二表示，將在下個月審議預算，並聽取各地居民的意見。", "big5hkscs"),
        ("政府は火曜日、来月に予算を審議すると発表した。住民の意見も聞く。", "euc_jp"),
        ("הממשלה הודיעה ביום שלישי כי תדון בתקציב בחודש הבא. ", "cp1255"),
        ("قالت الحكومة يوم الثلاثاء إنها ستناقش الميزانية الشهر المقبل. ", "cp1256"),
        ("รัฐบาลกล่าวเมื่อวันอังคารว่าจะพิจารณางบประมาณในเดือนหน้า ", "cp874"),
    ],
)  # fmt: skip
def test_detection_chooses_among_the_encodings_browsers_decode(
    text: str, python_codec: str
) -> None:
    from archiver.decode import DETECTABLE_CODECS

    decoded, used = decode((text * 5).encode(python_codec))
    assert decoded == text * 5
    assert used in DETECTABLE_CODECS


def test_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + page(KOREAN).encode("utf-16-le")
    decoded, used = decode(data)
    assert KOREAN in decoded and not decoded.startswith("\ufeff")
    assert used == "utf-16-le"


def test_utf8_bom_beats_a_wrong_meta() -> None:
    data = codecs.BOM_UTF8 + page(FRENCH, '<meta charset="windows-1251">').encode("utf-8")
    decoded, used = decode(data)
    assert FRENCH in decoded and used == "utf-8"


def test_meta_that_lies_falls_through_to_the_real_encoding() -> None:
    # Declares UTF-8, but the bytes are windows-1252: the strict UTF-8 decode fails, so the
    # label is rejected and detection finds windows-1252.
    data = page(FRENCH, '<meta charset="utf-8">').encode("cp1252")
    decoded, used = decode(data)
    assert FRENCH in decoded
    assert used == "cp1252"


def test_http_charset_overrides_meta() -> None:
    data = page(KOREAN, '<meta charset="gb2312">').encode("cp949")
    decoded, used = decode(data, declared_charset="EUC-KR")
    assert KOREAN in decoded and used == "cp949"


def test_http_charset_that_fails_strictly_is_ignored() -> None:
    data = page(JAPANESE, '<meta charset="shift_jis">').encode("cp932")
    decoded, used = decode(data, declared_charset="utf-8")
    assert JAPANESE in decoded and used == "cp932"


def test_valid_utf8_beats_a_single_byte_label() -> None:
    # Servers often send a default "ISO-8859-1" header for UTF-8 pages.
    data = page(FRENCH).encode("utf-8")
    decoded, used = decode(data, declared_charset="ISO-8859-1")
    assert FRENCH in decoded and used == "utf-8"


def test_undefined_cp1252_bytes_decode_like_browsers() -> None:
    decoded, used = decode(b"<meta charset=latin1><p>a\x81b\x9dc \xe9</p>")
    assert used == "cp1252"
    assert "a\x81b\x9dc é" in decoded


def test_original_bytes_are_not_modified() -> None:
    data = bytearray(page(KOREAN, '<meta charset="euc-kr">').encode("cp949"))
    before = bytes(data)
    decode(bytes(data))
    assert bytes(data) == before


def test_undecodable_bytes_fall_back_with_a_warning() -> None:
    data = bytes(range(256)) * 4
    with pytest.warns(UnicodeWarning):
        decoded, used = decode(data)
    assert used == "cp1252"
    assert len(decoded) == len(data)


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("EUC-KR", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("Shift_JIS", "cp932"),
        ("x-sjis", "cp932"),
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("GB2312", "gb18030"),
        ("GBK", "gb18030"),
        ("windows-874", "cp874"),
        ("tis-620", "cp874"),
        (" 'UTF8' ", "utf-8"),
        ("utf-16", "utf-8"),
        ("no-such-charset", None),
        ("", None),
    ],
)
def test_label_table(label: str, codec: str | None) -> None:
    assert normalize_label(label) == codec


def test_meta_prescan_ignores_comments_and_reads_http_equiv() -> None:
    assert meta_charset(b'<!-- <meta charset="koi8-r"> --><meta charset=utf-8>') == "utf-8"
    content = b"<meta content='text/html; charset=Shift_JIS' http-equiv='content-type'>"
    assert meta_charset(content) == "Shift_JIS"
    assert meta_charset(b"<meta name=x content='charset=koi8-r'>") is None
    assert meta_charset(b" " * 5000 + b"<meta charset=koi8-r>") is None


def _unlabelled(valid: int, stray: int, meta: bytes = b"") -> bytes:
    return meta + b"<p>caf" + "é".encode() * valid + b" na" + b"\xe9" * stray + b"ve</p>"


def test_utf8_page_with_stray_legacy_bytes_needs_twice_as_many_valid_sequences() -> None:
    # Unlabelled: valid UTF-8 sequences must outnumber the stray bytes more than twice.
    with pytest.warns(UnicodeWarning):
        text, used = decode(_unlabelled(valid=3, stray=1))
    assert (used, text) == ("utf-8", "<p>cafééé naéve</p>")
    _, used = decode(_unlabelled(valid=2, stray=1))
    assert used != "utf-8"


def test_declared_utf8_page_with_stray_bytes_needs_as_many_valid_sequences() -> None:
    meta = b'<meta charset="utf-8">'
    with pytest.warns(UnicodeWarning):
        text, used = decode(_unlabelled(valid=2, stray=2, meta=meta))
    assert used == "utf-8"
    assert text.endswith("<p>caféé naééve</p>")
    _, used = decode(_unlabelled(valid=1, stray=2, meta=meta))
    assert used != "utf-8"


# The counting of valid sequences and stray bytes, defined by one left-to-right regex scan.
_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _by_regex_scan(data: bytes) -> tuple[int, int]:
    rest, valid = _SEQUENCE.subn(b"", data)
    return valid, sum(1 for byte in rest if byte >= 0x80)


# Bytes around the edges of the classes, so that sequences, cut sequences and strays mix.
_EDGE_BYTES = st.sampled_from(
    [0x41, 0x7F, 0x80, 0xA9, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_EDGE_BYTES, max_size=40).map(bytes) | st.binary(max_size=200))
def test_valid_sequences_and_strays_are_counted_as_a_regex_scan_counts_them(data: bytes) -> None:
    assert _utf8_sequences(data) == _by_regex_scan(data)


@pytest.mark.parametrize(
    "encoding", ["cp1252", "cp949", "cp932", "gb18030", "big5", "koi8-r", "utf-8"]
)
def test_sequence_counts_on_real_text_in_legacy_encodings(encoding: str) -> None:
    text = "Café “déjà vu” 정부는 화요일 発表した 政府 ОБЩЕСТВО — naïve €40 "
    data = text.encode(encoding, errors="ignore") * 50
    assert _utf8_sequences(data) == _by_regex_scan(data)


# Unlabelled Latin text: windows-1252 unless another code page fits the language clearly better.
WESTERN = (
    "Le gouvernement a annoncé mardi que le budget sera plus élevé ; les ministres verront "
    "à la fin de la semaine les syndicats — « déjà vu », a dit le porte-parole. Façade, "
    "naïve, señor."
)
TURKISH = (
    "Hükümet, gelecek yılın bütçesinin daha büyük olacağını açıkladı ve bakanlar çarşamba "
    "günü sendika temsilcileriyle görüşecek. Şehir ağır kış geçirdi."
)


def test_unlabelled_western_text_is_windows_1252_not_a_baltic_look_alike() -> None:
    # charset-normalizer ranks windows-1257 first here ("façade" would read "faēade"); the
    # readings are as orderly, and windows-1252's fits the language at least as well.
    decoded, used = decode(page(WESTERN).encode("cp1252"))
    assert used == "cp1252"
    assert WESTERN in decoded


def test_unlabelled_turkish_keeps_the_code_page_that_fits_its_language() -> None:
    decoded, used = decode(page(TURKISH).encode("cp1254"))
    assert used == "cp1254"
    assert TURKISH in decoded


def test_latin_tie_break_leaves_other_scripts_alone() -> None:
    decoded, used = decode(page(RUSSIAN * 2).encode("cp1251"))
    assert used == "cp1251"
    assert RUSSIAN in decoded
