"""Language identification by script and stopword profiles."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from archiver.language import detect_language

# Sentences we wrote, one per language.
SAMPLES = [
    ("en", "The island council voted on Tuesday to open a seed library in the old cottage."),
    ("de", "Die Gemeinde hat am Dienstag eine Bibliothek für Saatgut im alten Bahnhof eröffnet."),
    (
        "fr",
        "Le conseil de l'île a voté mardi pour ouvrir une bibliothèque de semences dans la maison.",
    ),
    (
        "es",
        "El consejo de la isla votó el martes para abrir una biblioteca de semillas en la casa.",
    ),
    (
        "it",
        "Il consiglio dell'isola ha votato martedì per aprire una biblioteca dei semi nella casa.",
    ),
    (
        "pt",
        "O conselho da ilha votou na terça-feira para abrir uma biblioteca de sementes na casa.",
    ),
    (
        "nl",
        "De gemeenteraad van het eiland heeft dinsdag besloten om een zadenbibliotheek te openen.",
    ),
    (
        "pl",
        "Rada wyspy zdecydowała we wtorek, że w starym domu jest miejsce na bibliotekę nasion i że to dobry pomysł.",
    ),
    (
        "sv",
        "Öns fullmäktige beslutade på tisdagen att det ska finnas ett fröbibliotek i den gamla stugan och att det är bra.",
    ),
    (
        "tr",
        "Ada meclisi salı günü eski evde bir tohum kütüphanesi açmak için oy verdi ve bu çok güzel bir karar olarak görüldü.",
    ),
    (
        "id",
        "Dewan pulau memutuskan pada hari Selasa untuk membuka perpustakaan benih di rumah yang lama dan itu akan berguna.",
    ),
    ("ru", "Совет острова во вторник проголосовал за открытие библиотеки семян в старом доме."),
    (
        "uk",
        "Рада острова у вівторок проголосувала за відкриття бібліотеки насіння в старому будинку, і це її рішення.",
    ),
    ("ko", "섬 의회는 화요일 옛 등대지기 집에 씨앗 도서관을 열기로 의결했다."),
    ("ja", "島の議会は火曜日、古い灯台守の家に種の図書館を開くことを決めた。"),
    ("zh", "岛议会周二投票决定在旧灯塔看守人的小屋里开设一座种子图书馆。"),
    ("el", "Το συμβούλιο του νησιού αποφάσισε την Τρίτη να ανοίξει μια βιβλιοθήκη σπόρων."),
    ("ar", "صوّت مجلس الجزيرة يوم الثلاثاء على فتح مكتبة للبذور في البيت القديم."),
    ("he", "מועצת האי הצביעה ביום שלישי על פתיחת ספריית זרעים בבית הישן."),
    ("th", "สภาเกาะลงมติเมื่อวันอังคารให้เปิดห้องสมุดเมล็ดพันธุ์ในบ้านหลังเก่า"),
]


@pytest.mark.parametrize(("code", "text"), SAMPLES)
def test_detects_the_language(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_korean_with_some_han_characters_is_korean() -> None:
    assert (
        detect_language("北韓 당국은 화요일 새로운 경제 정책을 발표했다고 관영 매체가 전했다.")
        == "ko"
    )


@pytest.mark.parametrize("text", ["", "   ", "OK", "12345 67890 !!!", "Hello there"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_reads_a_bounded_prefix_of_huge_text() -> None:
    text = "The council said that the seed library was a good idea for the island. " * 50_000
    assert detect_language(text) == "en"


def test_scripts_with_as_many_letters_go_to_the_one_met_first() -> None:
    greek, cyrillic = "αβγδεζηθικλμνξοπρστυ", "абвгдежзийклмнопрсту"
    assert detect_language(f"{greek} {cyrillic}") == "el"
    assert detect_language(f"{cyrillic} {greek}") == "ru"
    # ASCII letters count for the Latin script from the first one, before or after accents.
    latin = "abcdefghijklmnopqrs" + "é"
    assert detect_language(f"1 {latin} {greek}") is None  # Latin first: too few words
    assert detect_language(f"{greek} {latin}") == "el"


def test_stopwords_are_counted_whatever_their_case() -> None:
    assert detect_language("DER Die UND das IST nicht EIN eine ZU den VON mit") == "de"


def _regex_words(text: str) -> list[str]:
    from archiver.language import _WORD

    return [word.lower() for word in _WORD.findall(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The council's budget — “rock'n'roll” isn't 'quoted' x''y dogs' 40m",
        "Ærø façade ÉLAN Œuvre ŠKODA Ÿ µ ª º ß 3x4 snake_case",
        "Der Bürgermeister sagte am Dienstag, dass die Straße gesperrt bleibt.",
        "Warszawa: się, żółć — “cudzysłów” (not windows-1252)",
        "",
    ],
)
def test_lowered_words_are_the_word_patterns_matches(text: str) -> None:
    from archiver.language import _lowered_words

    assert _lowered_words(text) == _regex_words(text)


@settings(max_examples=300)
@given(st.text(alphabet="aB 'x’É1_.-ßŸŠœž\u0081żΩ", max_size=30))
def test_lowered_words_equal_the_word_pattern_on_any_mix(text: str) -> None:
    from archiver.language import _lowered_words

    assert _lowered_words(text) == _regex_words(text)


def _script_counts_one_by_one(text: str) -> list[tuple[str, int]]:
    """The plain definition: every letter's script, scripts in order of first letter."""
    from archiver.language import _SCRIPTS

    counts: dict[str, int] = {}
    for char in text:
        code = ord(char)
        for name, ranges in _SCRIPTS:
            if any(lo <= code <= hi for lo, hi in ranges):
                counts[name] = counts.get(name, 0) + 1
                break
    return list(counts.items())


SCRIPT_SAMPLES = (
    "aZ é ñ Å ÿ ḁ — “ ” € 한국어 日本語 カタカナ ｦ 漢字 Ω λ ж щ ә ע ب پ ไทย हिन्दी Ա ა ᄀ ㄱ 0 . \n"
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(SCRIPT_SAMPLES.split(" ")), max_size=30),
    st.integers(min_value=1, max_value=40),
)
def test_script_counts_are_each_letters_script_in_order_of_first_letter(
    pieces: list[str], repeat: int
) -> None:
    from archiver.language import _FEW_CHARACTERS, _script_counts

    # Repeated, the non-ASCII characters pass the size at which they are counted by runs.
    text = " ".join(pieces) * repeat
    assert list(_script_counts(text).items()) == _script_counts_one_by_one(text)
    long_text = "Korean news 한국어 뉴스 " * (_FEW_CHARACTERS // 4) + text
    assert list(_script_counts(long_text).items()) == _script_counts_one_by_one(long_text)


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.characters(exclude_categories=()) | st.sampled_from("\ud800\udfff"), max_size=60
    )
)
@example("caf\u00e9 \ud800 \U0001f600 \udfff \x7f\x80")
def test_non_ascii_characters_are_kept_in_order_lone_surrogates_too(text: str) -> None:
    from archiver.language import _non_ascii

    assert _non_ascii(text) == "".join(char for char in text if ord(char) >= 0x80)
