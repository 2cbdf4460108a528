"""Which language a driver writes in: real-looking texts in each language, neutral texts, switches."""

from __future__ import annotations

import pytest

from facts.language_detection import detect, next_language, prior, requested

WRITTEN = {
    "en": ["my car broke down", "Flat tire on I-95 near exit 12", "the engine won't start",
           "I ran out of gas on the highway", "battery is dead, can you send someone", "stuck in a ditch on route 9",
           "car overheating, smoke from the hood", "locked my keys in the car",
           "hi my car wont start at walmart parking lot", "need a tow please", "yeah that's right",
           "I'm on the shoulder of the freeway", "can you hurry", "we are at the mall", "where are you"],
    "vi": ["Xe của tôi không nổ máy", "xe toi bi hong", "xe bi xit lop", "lop xe bi thung o cau Sai Gon",
           "xe chet may giua duong", "het xang roi", "binh ac quy het dien", "xe em bi hu o quan 7",
           "toi bi ket xe tren cao toc", "giup toi voi", "xe không nổ máy được", "Tôi đang ở gần cầu Sài Gòn",
           "bể bánh xe rồi", "xe bị thủng lốp", "vâng", "dạ đúng rồi", "khoa xe bi ket", "xe toi khong chay duoc",
           "cho minh hoi"],
    "id": ["Ban mobil saya bocor di jalan tol", "mobil saya mogok", "aki soak tidak bisa distarter",
           "mobil mogok di tol cikampek", "bensin habis di jalan", "tolong kirim derek",
           "ban kempes di depan indomaret", "mesin panas keluar asap", "kunci ketinggalan di dalam mobil",
           "mobilnya nggak bisa nyala", "mobil saya mogok pak", "iya betul", "Terima kasih banyak"],
    "ru": ["машина сломалась", "машина не заводится", "пробил колесо на трассе", "сел аккумулятор",
           "кончился бензин", "застрял в кювете", "спасибо", "я на МКАДе, 45 км", "ключи в машине захлопнулись",
           "Машина не едет, стою на обочине"],
}
NEUTRAL = ["ok", "OK", "Ok thanks", "yes", "yes please", "ok ok", "thanks", "lol", "hmm", "no", "ya", "??", "",
           "123 Main St", "Jl. Sudirman 12", "Jl. Gatot Subroto", "ул. Ленина 5", "B 1234 XYZ", "51A-123.45",
           "https://maps.app.goo.gl/abc123", "https://www.google.com/maps/place/10.77,106.70", "10.7769, 106.7009",
           "-6.2088, 106.8456", "I-95 exit 12", "Toyota Camry", "Honda", "toyota vios 2019", "Hyundai Accent",
           "Avanza", "Nguyen Hue"]


@pytest.mark.parametrize("language, text", [(lang, t) for lang, texts in WRITTEN.items() for t in texts])
def test_a_message_with_enough_signal_is_detected(language: str, text: str) -> None:
    found = detect(text)
    assert found is not None and found.language == language


@pytest.mark.parametrize("text", NEUTRAL)
def test_short_or_neutral_texts_carry_no_signal(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("phone, language", [("+84912345678", "vi"), ("+6281234567890", "id"),
                                             ("+79161234567", "ru"), ("+77011234567", "ru"),
                                             ("+15085550142", "en"), ("+447911123456", "en"), (None, "en")])
def test_the_phone_country_is_the_prior(phone: str | None, language: str) -> None:
    assert prior(phone) == language


@pytest.mark.parametrize("text, language", [
    ("English please", "en"), ("english", "en"), ("in English please", "en"), ("Tiếng Anh", "en"),
    ("bahasa inggris", "en"), ("по-английски", "en"),
    ("tiếng Việt", "vi"), ("tieng viet", "vi"), ("Tiếng Việt nhé", "vi"), ("nói tiếng Việt đi", "vi"),
    ("Vietnamese please", "vi"), ("tiếng Việt được không", "vi"),
    ("bahasa Indonesia", "id"), ("pakai bahasa indonesia", "id"), ("Bahasa Indonesia saja", "id"),
    ("по-русски", "ru"), ("по-русски пожалуйста", "ru"), ("Можно по-русски?", "ru"), ("Russian", "ru"),
    ("на русском", "ru"),
    ("I don't speak english", None), ("my friend is russian and we are stuck", None),
    ("english muffin shop on main street by the lake", None),
])
def test_an_explicit_request_switches(text: str, language: str | None) -> None:
    assert requested(text) == language


def test_the_first_message_with_signal_settles_the_language_and_neutral_ones_do_not() -> None:
    # A +84 number: Vietnamese until it writes something telling.
    assert next_language("ok", "vi", settled=False) == ("vi", False)
    assert next_language("my car broke down", "vi", settled=False) == ("en", True)
    for neutral in ["ok", "yes", "123 Main St", "10.7769, 106.7009", "51A-123.45", "https://maps.app.goo.gl/x"]:
        assert next_language(neutral, "en", settled=True) == ("en", True)


def test_a_settled_language_keeps_a_pasted_street_or_a_short_aside() -> None:
    assert next_language("Flat tire on I-95 near exit 12", "vi", settled=True) == ("vi", True)
    assert next_language("да", "en", settled=True) == ("en", True)
    assert next_language("iya betul", "en", settled=True) == ("en", True)


def test_a_settled_language_changes_on_a_request_or_a_whole_sentence_in_another() -> None:
    assert next_language("English please", "vi", settled=True) == ("en", True)
    assert next_language("по-русски", "en", settled=True) == ("ru", True)
    assert next_language("xe toi khong chay duoc", "en", settled=True) == ("vi", True)
    assert next_language("Машина не едет, стою на обочине", "id", settled=True) == ("ru", True)


@pytest.mark.parametrize("text", ["ban bocor", "aki soak", "mobil mogok", "tolong saya", "bensin habis"])
def test_two_short_indonesian_words_are_indonesian(text: str) -> None:
    found = detect(text)
    assert found is not None and found.language == "id"


@pytest.mark.parametrize("text", ["ban the car", "ok thanks", "no gas", "di Jl. Sudirman No. 5, Jakarta"])
def test_short_english_or_a_street_alone_is_not_indonesian(text: str) -> None:
    found = detect(text)
    assert found is None or found.language != "id"
