"""The parsers read Vietnamese, Indonesian and Russian as drivers text them: with and without diacritics,
inflected, slangy. Each case is a message a driver could send; the expected value is what a truck needs."""

from __future__ import annotations

import pytest

from bot.actions.form_filling import fill_slots
from bot.actions.parsing.answers import read_facts
from bot.actions.parsing.asides import aside_kind
from bot.actions.parsing.fields import field_named_in, field_with_new_value
from bot.actions.parsing.issue import categorise_issue, needs_tow
from bot.actions.parsing.vehicle import parse_vehicle

PROBLEMS = [
    # Vietnamese, with and without diacritics
    ("Xe của tôi không nổ máy", "battery", False),
    ("xe ko no may", "battery", False),
    ("ắc quy hết điện rồi", "battery", False),
    ("Xe tôi bị xẹp lốp", "flat_tire", False),
    ("lop bi thung roi", "flat_tire", False),
    ("thủng lốp mà không có lốp dự phòng", "flat_tire", True),
    ("hết xăng giữa đường", "fuel", False),
    ("het xang roi", "fuel", False),
    ("quên chìa khóa trong xe", "lockout", False),
    ("bị tai nạn trên cao tốc", "accident", True),
    ("xe bi dam tu phia sau", "accident", True),
    ("xe sa lầy ngoài ruộng", "winch", False),
    ("xe toi bi hong", "tow", True),
    ("xe chết máy, bốc khói", "tow", True),
    ("cần xe kéo", "tow", True),
    # Indonesian, formal and slang
    ("Ban mobil saya bocor di jalan tol", "flat_tire", False),
    ("ban kempes, gak ada ban serep", "flat_tire", True),
    ("aki soak, mobil gak mau nyala", "battery", False),
    ("mobil tidak bisa distarter", "battery", False),
    ("bensin habis", "fuel", False),
    ("kehabisan bensin di tol", "fuel", False),
    ("kunci ketinggalan di dalam mobil", "lockout", False),
    ("mobil saya ditabrak dari belakang", "accident", True),
    ("mobil masuk parit", "winch", False),
    ("mesin overheat keluar asap", "tow", True),
    ("mobil mogok, perlu derek", "tow", True),
    ("mobilnya rusak", "other", False),
    # Russian, inflected, with and without ё
    ("машина сломалась", "tow", True),
    ("аккумулятор сел, нужно прикурить", "battery", False),
    ("сел аккумулятор", "battery", False),
    ("машина не заводится", "battery", False),
    ("пробил колесо, запаски нет", "flat_tire", True),
    ("спустило колесо", "flat_tire", False),
    ("кончился бензин", "fuel", False),
    ("бензин закончился на трассе", "fuel", False),
    ("захлопнул ключи в машине", "lockout", False),
    ("попал в аварию", "accident", True),
    ("в меня врезались на светофоре", "accident", True),
    ("застрял в снегу", "winch", False),
    ("съехал с дороги в кювет", "winch", False),
    ("двигатель перегрелся, пар идёт", "tow", True),
    ("нужен эвакуатор", "tow", True),
    ("что-то с машиной, проблема", "other", False),
]


@pytest.mark.parametrize(("text", "category", "tow"), PROBLEMS)
def test_problems_in_every_language(text: str, category: str, tow: bool) -> None:
    assert categorise_issue(text) == category
    assert needs_tow(category, text) is tow


@pytest.mark.parametrize("text", [
    "điện thoại sắp hết pin", "hp saya lowbat", "телефон сел", "123 Nguyễn Huệ, Quận 1", "Jl. Sudirman No. 5, Jakarta",
    "ул. Ленина 10, Казань", "Toyota Avanza 2019", "Лада Веста", "vâng", "iya", "да", "đợi chút", "подождите",
    "xe Honda City màu hồng",
])
def test_no_problem_in_places_cars_and_small_talk(text: str) -> None:
    assert categorise_issue(text) is None


def test_a_drivable_car_needs_no_tow_in_every_language() -> None:
    assert needs_tow("winch", "mobil masuk parit, masih bisa jalan") is False
    assert needs_tow("winch", "застрял в грязи, но на ходу") is False
    assert needs_tow("winch", "застрял в грязи, машина не на ходу") is True
    assert needs_tow("flat_tire", "xẹp lốp, không cần xe kéo") is False


@pytest.mark.parametrize(("text", "kind"), [
    ("vâng", "ack"), ("dạ", "ack"), ("ok ạ", "ack"), ("cảm ơn", "ack"), ("không", "ack"), ("iya", "ack"),
    ("oke pak", "ack"), ("makasih", "ack"), ("gak", "ack"), ("да", "ack"), ("ок, спасибо", "ack"), ("нет", "ack"),
    ("ладно", "ack"),
    ("đợi chút", "wait"), ("chờ tí nhé", "wait"), ("doi xiu", "wait"), ("để tôi xem", "wait"), ("tunggu", "wait"),
    ("sebentar ya", "wait"), ("bentar", "wait"), ("saya cek dulu", "wait"), ("подождите", "wait"),
    ("погоди", "wait"), ("секунду", "wait"), ("сейчас посмотрю", "wait"), ("минутку...", "wait"),
    ("không biết", "dont_know"), ("ko biet", "dont_know"), ("gak tau", "dont_know"), ("tidak tahu", "dont_know"),
    ("не знаю", "dont_know"), ("хз", "dont_know"),
    ("bao lâu nữa?", "eta"), ("khi nào xe tới", "eta"), ("berapa lama?", "eta"), ("kapan sampai?", "eta"),
    ("сколько ждать?", "eta"), ("когда приедут?", "eta"),
    ("bao nhiêu tiền?", "cost"), ("bảo hiểm có trả không", "cost"), ("berapa biayanya", "cost"),
    ("ditanggung asuransi?", "cost"), ("сколько стоит?", "cost"), ("это покрывает страховка?", "cost"),
    ("bạn là robot à?", "bot"), ("kamu bot ya?", "bot"), ("ты бот?", "bot"), ("я говорю с роботом?", "bot"),
    ("mã yêu cầu của tôi là gì", "reference"), ("nomor referensi saya?", "reference"), ("номер заявки?", "reference"),
    ("gọi cho tôi được không", "callback"), ("telepon saya aja", "callback"), ("перезвоните мне", "callback"),
])
def test_asides_in_every_language(text: str, kind: str) -> None:
    assert aside_kind(text) == kind


@pytest.mark.parametrize("text", ["машина сломалась", "ул. Ленина 10", "xe toi bi hong", "Chờ xe cứu hộ ở đâu",
                                  "đường Lê Lợi, gần chợ Bến Thành", "Toyota Avanza 2019"])
def test_facts_are_not_asides(text: str) -> None:
    assert aside_kind(text) is None


@pytest.mark.parametrize(("text", "year", "make", "model"), [
    ("Тойота Камри 2015", 2015, "Toyota", "Camry"),
    ("у меня лада веста", None, "Lada", "Vesta"),
    ("Хендай Солярис 2017 белый", 2017, "Hyundai", "Solaris"),
    ("Хёндай Крета", None, "Hyundai", "Creta"),
    ("на тойоте королле", None, "Toyota", "Corolla"),
    ("Нива 2010", 2010, "Lada", "Niva"),
    ("УАЗ Патриот 2016", 2016, "UAZ", "Patriot"),
    ("фольксваген поло 2019", 2019, "Volkswagen", "Polo"),
    ("ой, нет, машина Kia Rio 2017", 2017, "Kia", "Rio"),
    ("Toyota Avanza 2019", 2019, "Toyota", "Avanza"),
    ("Daihatsu Xenia 2018 hitam", 2018, "Daihatsu", "Xenia"),
    ("Avanza putih 2019", 2019, "Toyota", "Avanza"),
    ("Xpander 2020", 2020, "Mitsubishi", "Xpander"),
    ("Wuling Air ev", None, "Wuling", "Air ev"),
    ("xe VinFast Fadil", None, "VinFast", "Fadil"),
    ("VinFast VF8 2023", 2023, "VinFast", "VF 8"),
    ("xe toyota vios 2018 mau bac", 2018, "Toyota", "Vios"),
    ("xe Honda City màu trắng", None, "Honda", "City"),
    ("моя газель", None, "GAZ", "Gazelle"),
    ("на моей газели", None, "GAZ", "Gazelle"),
    ("у меня веста", None, "Lada", "Vesta"),
    ("шкода октавия 2019г", 2019, "Skoda", "Octavia"),
    ("моя гранта 2012 года", 2012, "Lada", "Granta"),
    ("ayla saya mogok", None, "Daihatsu", "Ayla"),
])
def test_cars_as_drivers_write_them(text: str, year: int | None, make: str, model: str) -> None:
    vehicle = parse_vehicle(text)
    assert vehicle is not None
    assert (vehicle.year, vehicle.make, vehicle.model) == (year, make, model)


@pytest.mark.parametrize("text", ["машина сломалась", "ул. Ленина 10", "Honda Center", "Ford City", "газ не работает",
                                  "sedang di jalan tol"])
def test_not_a_car(text: str) -> None:
    assert parse_vehicle(text) is None


def test_a_russian_problem_sent_when_the_place_was_asked_fills_the_problem_and_asks_the_place_again() -> None:
    slots = {"requested_slot": "pickup"}
    facts = read_facts("машина сломалась", "pickup", intent="inform")
    values, turn = fill_slots(slots, facts, "машина сломалась", "inform")
    assert values["issue_category"] == "tow" and values.get("pickup") is None and turn == "other_fact"


def test_a_russian_car_sent_when_the_problem_was_asked_is_the_car() -> None:
    facts = read_facts("Тойота Камри 2015", "issue", intent="inform")
    assert facts.vehicle is not None and facts.issue is None


@pytest.mark.parametrize("text", [
    "ул. Ленина 10, Казань", "трасса М4, 45 км", "МКАД 47 км внешняя сторона", "возле Ашана на Ленинском проспекте",
    "Ленинградское шоссе, 25 км, у заправки", "съезд на Химки с М11",
    "123 Nguyễn Huệ, Quận 1", "cao tốc Long Thành km 15", "gần chợ Bến Thành", "QL1A km 1234",
    "đường Nguyễn Trãi gần ngã tư Sở", "gan cho Ben Thanh",
    "Jl. Sudirman No. 5, Jakarta", "tol Jagorawi km 23", "Jalan Gatot Subroto dekat Semanggi",
    "di depan Alfamart Jl. Raya Bogor",
])
def test_findable_places_are_kept_as_written(text: str) -> None:
    facts = read_facts(text, "pickup", intent="inform")
    assert facts.pickup == text and facts.rough_pickup is None and facts.issue is None


@pytest.mark.parametrize(("text", "hint"), [
    ("đường Lê Lợi", "đường Lê Lợi"), ("trên cao tốc", "trên cao tốc"), ("quốc lộ 1A", "quốc lộ 1A"),
    ("di jalan tol", "di jalan tol"), ("на трассе", ""), ("я не знаю где я", ""), ("ở đây", ""),
    ("di pinggir jalan", ""), ("здесь", ""),
])
def test_a_road_alone_or_here_gets_one_follow_up(text: str, hint: str) -> None:
    facts = read_facts(text, "pickup", intent="inform")
    assert facts.pickup is None and facts.rough_pickup == hint


@pytest.mark.parametrize("text", ["gần hết xăng", "mobil gak bisa jalan", "аккумулятор сел", "у меня лада веста",
                                  "2015 Toyota Vios"])
def test_problem_and_car_words_are_not_places(text: str) -> None:
    facts = read_facts(text, "pickup", intent="inform")
    assert facts.pickup is None and facts.rough_pickup is None


@pytest.mark.parametrize("text", ["bengkel dekat rumah", "в сервис на Ленина 5", "về nhà", "gara Thành Công", "домой"])
def test_drop_offs_in_every_language(text: str) -> None:
    assert read_facts(text, "dropoff", intent="inform").dropoff == text


@pytest.mark.parametrize(("text", "place"), [
    ("aki soak mobil ga bisa nyala di Jl. Malioboro No. 52, Yogyakarta", "Jl. Malioboro No. 52, Yogyakarta"),
    ("у меня сел аккумулятор, улица Ленина 10 Казань", "улица Ленина 10 Казань"),
    ("xe tôi bị hết bình ở km 15 quốc lộ 1A bình chánh", "km 15 quốc lộ 1A bình chánh"),
    ("xe toi bi xep lop o 123 Nguyễn Huệ, Quận 1, toyota vios 2016", "123 Nguyễn Huệ, Quận 1"),
    ("xe tôi bị thủng lốp ở 123 Nguyễn Huệ quận 1", "123 Nguyễn Huệ quận 1"),
    ("aki mobil saya soak di jalan sudirman nomor 5 jakarta", "jalan sudirman nomor 5 jakarta"),
    ("машина сломалась на трассе М4, 45 км", "трассе М4, 45 км"),
])
def test_the_place_part_of_a_message_that_also_names_the_problem_or_car(text: str, place: str) -> None:
    assert read_facts(text, None, intent="inform").pickup == place


@pytest.mark.parametrize("text", ["Невский проспект 28, Санкт-Петербург", "Невский пр. 28, Питер", "Питер, Невский 28",
                                  "Тверская 5, Москва", "123 nguyen hue q1", "45 le loi p7",
                                  "пробил колесо, стою на Невском проспекте 28, Питер", "đường Lê Lợi số 45"])
def test_a_house_number_after_the_street_is_findable(text: str) -> None:
    facts = read_facts(text, "pickup", intent="inform")
    assert facts.pickup is not None and facts.rough_pickup is None


def test_after_the_follow_up_the_drivers_words_are_taken() -> None:
    slots = {"requested_slot": "pickup", "pickup_hint": "đường Lê Lợi", "pickup_detail_asked": True}
    text = "phía sau nhà kho màu xanh"
    values, turn = fill_slots(slots, read_facts(text, "pickup", intent="inform"), text, "inform")
    assert values["pickup"] == "đường Lê Lợi, phía sau nhà kho màu xanh" and turn == "fact"
    # Before the follow-up the same words are not a place.
    values, turn = fill_slots({"requested_slot": "pickup"}, read_facts(text, "pickup", intent="inform"), text,
                              "inform")
    assert "pickup" not in values


@pytest.mark.parametrize(("text", "model"), [("ой, нет, машина Kia Rio 2017", "Rio"),
                                             ("à không, xe là Mazda 3 2018", "Mazda3"),
                                             ("eh salah, mobilnya Avanza 2019", "Avanza")])
def test_a_car_correction_while_another_question_is_asked(text: str, model: str) -> None:
    slots = {"requested_slot": "pickup", "vehicle": "Toyota Vios 2016", "vehicle_model": "Vios"}
    values, _ = fill_slots(slots, read_facts(text, "pickup", intent="inform"), text, "inform")
    assert values["vehicle_model"] == model


@pytest.mark.parametrize(("text", "field"), [("sửa địa chỉ", "pickup"), ("ganti alamat mobil", "pickup"),
                                             ("поменяйте адрес", "pickup"), ("sửa xe", "vehicle"),
                                             ("другая машина", "vehicle"), ("masalahnya beda", "issue"),
                                             ("куда везти", "dropoff")])
def test_fields_named_at_the_summary(text: str, field: str) -> None:
    assert field_named_in(text) == field


@pytest.mark.parametrize("text", ["45 Lê Lợi, Quận 1", "Jl. Thamrin No. 1, Jakarta", "ул. Баумана 5, Казань"])
def test_a_new_place_at_the_summary_is_a_new_pickup(text: str) -> None:
    assert field_with_new_value(text) == "pickup"


def test_a_car_model_with_its_year_is_not_a_russian_street() -> None:
    assert read_facts("Лада Калина 2012", "pickup", intent="inform").pickup is None
