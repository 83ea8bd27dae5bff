"""bytes -> str: BOM, HTTP and <meta> charsets (mapped as browsers do), strict UTF-8, detection.

The order follows the HTML standard's encoding sniffing, with one archival safeguard: a label
is only trusted when the bytes decode strictly with it, so a page whose ``<meta>`` lies falls
through to the next piece of evidence instead of becoming mojibake. The input bytes are never
changed: the archive keeps them exactly as received.
"""

from __future__ import annotations

import codecs
import re
import warnings
from typing import Any

# BOMs, longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG Encoding Standard labels -> the Python codec that decodes what browsers decode.
# Browsers treat the "legacy" labels as their superset encodings: a page labelled EUC-KR is
# decoded as windows-949, Shift_JIS as windows-31J, ISO-8859-1 and ASCII as windows-1252,
# GB2312 and GBK as GB18030. Labels not listed here go through Python's codec lookup.
WHATWG_LABELS: dict[str, str] = {
    # Unicode
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    # A <meta> cannot really declare UTF-16 (the prescan read it as ASCII); browsers use UTF-8.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "unicode": "utf-8",
    # windows-1252 family
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso88591": "cp1252",
    "iso_8859-1": "cp1252",
    "iso_8859-1:1987": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "cp819": "cp1252",
    "ibm819": "cp1252",
    "csisolatin1": "cp1252",
    "iso-ir-100": "cp1252",
    "windows-1252": "cp1252",
    "x-cp1252": "cp1252",
    "cp1252": "cp1252",
    # Other single-byte Windows code pages that supersede an ISO one
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "windows-1254": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "dos-874": "cp874",
    "windows-1251": "cp1251",
    "x-cp1251": "cp1251",
    "cp1251": "cp1251",
    "koi8-r": "koi8-r",
    "koi8r": "koi8-r",
    "koi8-u": "koi8-u",
    "koi8-ru": "koi8-u",
    "windows-1250": "cp1250",
    "windows-1253": "cp1253",
    "windows-1255": "cp1255",
    "windows-1256": "cp1256",
    "windows-1257": "cp1257",
    "windows-1258": "cp1258",
    # Korean
    "euc-kr": "cp949",
    "euckr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601-1989": "cp949",
    "ksc5601": "cp949",
    "ksc_5601": "cp949",
    "korean": "cp949",
    "csksc56011987": "cp949",
    "iso-ir-149": "cp949",
    "windows-949": "cp949",
    "cp949": "cp949",
    "uhc": "cp949",
    # Japanese
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "ms932": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "iso-2022-jp": "iso2022_jp",
    "csiso2022jp": "iso2022_jp",
    # Chinese
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "iso-ir-58": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    # Browsers decode this one as Latin-1 with the high half in the private use area; cp1252
    # is the readable approximation.
    "x-user-defined": "cp1252",
}

SINGLE_BYTE = {
    "cp1250",
    "cp1251",
    "cp1252",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
    "koi8-r",
    "koi8-u",
}

PRESCAN_BYTES = 4096
_META_RE = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTR_RE = re.compile(rb"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)
_BARE_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]*?\scharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE
)
_HTTP_EQUIV_RE = re.compile(rb"""http-equiv\s*=\s*["']?\s*content-type""", re.IGNORECASE)
_CONTENT_RE = re.compile(rb"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _whatwg_c1(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the five bytes cp1252 leaves undefined as the C1 controls, as browsers do."""
    chunk = error.object[error.start : error.end]
    return "".join(chr(byte) for byte in chunk), error.end


codecs.register_error("archiver-whatwg-c1", _whatwg_c1)


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejects as windows-1252 (pages pasted together from two sources)."""
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="archiver-whatwg-c1"), error.end


codecs.register_error("archiver-cp1252-fallback", _cp1252_fallback)


def _utf8_classes() -> bytes:
    """A ``bytes.translate`` table naming each byte's part in a UTF-8 sequence: ``2``, ``3``,
    ``4`` the lead byte of a sequence of that length, ``x`` a continuation byte, ``z`` any
    other non-ASCII byte, ``.`` ASCII."""
    table = bytearray(b"." * 128 + b"z" * 128)
    table[0x80:0xC0] = b"x" * 0x40
    table[0xC2:0xE0] = b"2" * (0xE0 - 0xC2)
    table[0xE0:0xF0] = b"3" * 0x10
    table[0xF0:0xF5] = b"4" * 5
    return bytes(table)


_UTF8_CLASSES = _utf8_classes()
# The (loose) UTF-8 sequences: a lead byte and its continuation bytes. None can overlap
# another (each starts with a lead byte, which is no continuation byte), so counting each
# shape in the classified bytes finds every one: the same sequences a left-to-right regex
# scan ``[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}``
# finds, in C passes over the bytes instead of the regex engine's byte-at-a-time scan
# (4.5-7 x faster: 0.58 -> 0.13 ms a legacy Korean or Japanese text dump of ~10 KB).
_UTF8_SHAPES = ((b"2x", 2), (b"3xx", 3), (b"4xxx", 4))


def _utf8_sequences(data: bytes) -> tuple[int, int]:
    """(valid UTF-8 multibyte sequences, non-ASCII bytes outside them) in ``data``."""
    classes = data.translate(_UTF8_CLASSES)
    valid = in_sequences = 0
    for shape, size in _UTF8_SHAPES:
        found = classes.count(shape)
        valid += found
        in_sequences += found * size
    non_ascii = len(data) - classes.count(b".")
    return valid, non_ascii - in_sequences


def _mostly_utf8(data: bytes, declared: bool = False) -> bool:
    """True when valid UTF-8 sequences outnumber the stray non-ASCII bytes around them.

    Legacy single-byte text almost never forms valid UTF-8 sequences, so a page with many
    of them and a few stray bytes is a UTF-8 page with a pasted-in legacy fragment.
    """
    valid, stray = _utf8_sequences(data)
    # A page that declares UTF-8 needs less evidence than an unlabelled one.
    return valid >= stray if declared else valid > 2 * stray


def normalize_label(label: str | None) -> str | None:
    """Map a charset label to the Python codec browsers would use, or None if unknown."""
    if not label:
        return None
    cleaned = label.strip().strip("\"'").strip().lower()
    if not cleaned:
        return None
    if cleaned in WHATWG_LABELS:
        return WHATWG_LABELS[cleaned]
    try:
        name = codecs.lookup(cleaned).name
    except LookupError:
        return None
    # Python's own aliases can also name the narrow legacy codecs: map them the same way.
    return WHATWG_LABELS.get(name.replace("_", "-"), name)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """Return ``(codec, bom_length)`` when ``data`` starts with a Unicode byte order mark."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def meta_charset(data: bytes) -> str | None:
    """The charset label a ``<meta>`` in the first bytes declares (the HTML prescan), or None."""
    head = data[:PRESCAN_BYTES]
    # Comments may hold stale <meta> tags; the prescan skips them.
    head = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    for tag in _META_RE.finditer(head):
        text = tag.group(0)
        if _HTTP_EQUIV_RE.search(text):
            content = _CONTENT_RE.search(text)
            value = next((g for g in content.groups() if g is not None), b"") if content else b""
            inner = _CHARSET_ATTR_RE.search(value)
            if inner:
                return inner.group(1).decode("ascii", "replace")
            continue
        # A bare charset attribute, not one inside a content="..." value (needs http-equiv).
        found = _BARE_CHARSET_RE.search(text)
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def _strict(data: bytes, codec: str) -> str | None:
    """Decode strictly; cp1252 is decoded as WHATWG windows-1252 (never fails)."""
    try:
        if codec == "cp1252":
            return data.decode("cp1252", errors="archiver-whatwg-c1")
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_with_non_ascii(data: bytes) -> str | None:
    """The UTF-8 reading of ``data`` when it is valid UTF-8 and not plain ASCII."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# Code pages for Latin script: they differ in a handful of accented letters, so a short text
# reads almost the same in each and charset-normalizer's "chaos" barely separates them.
LATIN_CODE_PAGES = frozenset(
    {
        "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2",
        "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
        "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish",
        "cp437", "cp850", "cp852", "cp858",
    }
)  # fmt: skip
LATIN_CHAOS_MARGIN = 0.05  # Latin readings this close in chaos are told apart by language
LATIN_COHERENCE_MARGIN = 0.02  # windows-1252 wins a language-fit tie this close


def _codecs_of(match: Any) -> set[str]:
    names = match.could_be_from_charset or [match.encoding]
    return {codecs.lookup(name).name.replace("-", "_") for name in names}


def _latin_choice(matches: list[Any]) -> str | None:
    """Among Latin readings of nearly equal chaos, the one whose language fits best.

    Windows-1252 is by far the most common of them on the web (and the browsers' default
    for unlabelled Western pages), so it wins unless another reading fits the language
    clearly better: Turkish in windows-1254 (ı, ş, ğ) does, French in windows-1257
    ("façade" read as "faēade") does not. None when the best guess is not a Latin code page.
    """
    best = matches[0]
    if not _codecs_of(best) & LATIN_CODE_PAGES:
        return None
    close = [
        m
        for m in matches
        if m.chaos <= best.chaos + LATIN_CHAOS_MARGIN and _codecs_of(m) & LATIN_CODE_PAGES
    ]
    top = max(m.coherence for m in close)
    if any(
        "cp1252" in _codecs_of(m) and m.coherence >= top - LATIN_COHERENCE_MARGIN for m in close
    ):
        return "cp1252"
    fittest = next(m for m in close if m.coherence == top)
    return normalize_label(fittest.encoding) or fittest.encoding


# What detection chooses from: the encodings browsers decode (the WHATWG Encoding Standard's,
# as the Python codecs of WHATWG_LABELS, plus the ISO and Mac pages it also names). A page in
# any other charset would not display in a browser either; leaving the other 60 codecs
# charset-normalizer knows out makes detection a third cheaper.
DETECTABLE_CODECS = frozenset(WHATWG_LABELS.values()) | {
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "mac_roman", "mac_cyrillic", "cp866", "utf_16_le", "utf_16_be",
}  # fmt: skip


def _detect(data: bytes) -> tuple[str, str] | None:
    """Guess with charset-normalizer (imported lazily: it is only needed for unlabelled bytes)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    matches = list(from_bytes(data[: 1 << 20], cp_isolation=sorted(DETECTABLE_CODECS)))
    if not matches:
        return None
    best = matches[0]
    codec = _latin_choice(matches) or normalize_label(best.encoding) or best.encoding
    text = _strict(data, codec)
    return (text, codec) if text is not None else None


def decode(data: bytes, declared_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding_used)``.

    Evidence in order: a byte order mark; ``declared_charset`` (from the HTTP Content-Type
    header); the page's ``<meta charset>`` or ``<meta http-equiv=content-type>`` in the first
    4096 bytes; strict UTF-8; UTF-8 with stray windows-1252 bytes (with a
    :class:`UnicodeWarning`) when valid UTF-8 sequences dominate; detection with
    charset-normalizer; finally windows-1252 with replacement characters and a warning.
    Labels are mapped as browsers map them (EUC-KR -> cp949, Shift_JIS -> cp932, ISO-8859-1 ->
    cp1252, GB2312 -> GB18030) and a label is accepted only when the bytes decode strictly
    with it. A single-byte label loses to valid non-ASCII UTF-8, which such bytes almost never
    are by accident (servers often send a default ISO-8859-1 header for UTF-8 pages).
    ``data`` itself is never modified.
    """
    bom = bom_encoding(data)
    if bom is not None:
        codec, size = bom
        text = _strict(data[size:], codec)
        if text is not None:
            return text, codec

    labels = [normalize_label(declared_charset), normalize_label(meta_charset(data))]
    for codec in labels:
        if codec is None:
            continue
        if codec in SINGLE_BYTE:
            utf8 = _utf8_with_non_ascii(data)
            if utf8 is not None:
                return utf8, "utf-8"
        text = _strict(data, codec)
        if text is not None:
            return text, codec

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    if _mostly_utf8(data, declared="utf-8" in labels):
        warnings.warn(
            "invalid UTF-8 bytes in a UTF-8 page were decoded as windows-1252",
            UnicodeWarning,
            stacklevel=2,
        )
        return data.decode("utf-8", errors="archiver-cp1252-fallback"), "utf-8"

    detected = _detect(data)
    if detected is not None:
        return detected

    warnings.warn(
        "could not determine the text encoding; decoded as windows-1252 with replacements",
        UnicodeWarning,
        stacklevel=2,
    )
    return data.decode("cp1252", errors="replace"), "cp1252"
