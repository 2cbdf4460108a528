"""Whole SMS conversations in Vietnamese, Indonesian and Russian against the real stack (issue 10).

Drivers text as native speakers do: short, no diacritics in some, local places and cars. Each conversation
ends with the dispatch entry checked field by field; consent keywords are checked in each language.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import requests

from catalog.texts import text
from conftest import TEST_TWILIO_TOKEN
from helpers.fake_twilio import FakeTwilio
from storage.services import Storage
from webhooks.signature import sign

pytestmark = pytest.mark.e2e

SERVICE = "Roadside Assist"
PRIVACY = "https://example.com/privacy"
REF = re.compile(r"\bRS-[2-9A-HJKMNP-Z]{5}\b")

# Words of the bot's own questions (bot/domain.yml), per language.
ASK_PLACE = {"vi": "Xe đang ở đâu", "id": "Mobilnya di mana", "ru": "Где машина"}
ASK_CAR = {"vi": "Xe gì?", "id": "Mobilnya apa?", "ru": "Какая машина?"}
ASK_DROPOFF = {"vi": "Kéo xe đi đâu?", "id": "diderek ke mana?", "ru": "Куда отвезти машину?"}
SUMMARY = {"vi": "Kiểm tra:", "id": "Mohon dicek:", "ru": "Проверьте:"}
SUBMITTED = {"vi": "Cứu hộ đang đến", "id": "Bantuan sedang menuju", "ru": "Помощь едет"}


def reference_in(reply: str) -> str:
    match = REF.search(reply)
    assert match, f"no reference id in {reply!r}"
    return match.group(0)


def only_request(driver: Any) -> dict[str, Any]:
    requests_sent = driver.dispatched()
    assert len(requests_sent) == 1, requests_sent
    return requests_sent[0]


def assert_vehicle(request: dict[str, Any], year: int, make: str, model: str) -> None:
    vehicle = request["vehicle"]
    assert (vehicle["year"], vehicle["make"], vehicle["model"]) == (year, make, model)


def post_sms(driver: Any, body: str) -> requests.Response:
    """One signed inbound SMS; the raw HTTP answer (to see an empty ``<Response/>``)."""
    form = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": driver.phone,
            "To": "+15005550006", "Body": body, "NumMedia": "0"}
    url = f"{driver.stack.env['PUBLIC_BASE_URL']}/twilio/sms"
    resp = requests.post(f"{driver.stack.web_url}/twilio/sms", data=form,
                         headers={"X-Twilio-Signature": sign(TEST_TWILIO_TOKEN, url, form)}, timeout=20)
    assert resp.status_code == 200, resp.text
    return resp


# --- Vietnamese -------------------------------------------------------------------------------------------


def test_vi_from_a_vietnamese_number_step_by_step(new_driver: Any) -> None:
    driver = new_driver("+84912345101")
    first = driver.say("xe toi bi xep lop")
    assert ASK_PLACE["vi"] in first and "DỪNG" in first  # the first-contact notice, in Vietnamese
    assert ASK_CAR["vi"] in driver.say("123 Nguyễn Huệ, Quận 1")
    summary = driver.say("toyota vios 2016")
    assert SUMMARY["vi"] in summary and "123 Nguyễn Huệ, Quận 1" in summary and "Toyota Vios" in summary
    done = driver.say("có")
    assert SUBMITTED["vi"] in done
    request = only_request(driver)
    assert request["id"] == reference_in(done)
    assert request["language"] == "vi" and request["channel"] == "sms"
    assert request["customer"] == {"phone": driver.phone, "sms_updates": True}
    assert request["pickup"]["text"] == "123 Nguyễn Huệ, Quận 1"
    assert request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2016, "Toyota", "Vios")
    assert request["tow_required"] is False and request["dropoff"] is None


def test_vi_from_a_us_number_needs_a_tow(new_driver: Any) -> None:
    driver = new_driver()  # +1, writing in Vietnamese
    first = driver.say("xe chết máy giữa đường, cần kéo xe")
    assert "Xe" in first and ("ở đâu" in first or "gần" in first)  # asked where the car is, in Vietnamese
    assert ASK_CAR["vi"] in driver.say("Km 15 quốc lộ 1A, Bình Chánh")
    assert ASK_DROPOFF["vi"] in driver.say("Honda City 2019")
    summary = driver.say("Gara Minh Phát, 45 Lê Lợi, Quận 3")
    assert SUMMARY["vi"] in summary and "Kéo về: Gara Minh Phát" in summary
    done = driver.say("đúng rồi")
    assert SUBMITTED["vi"] in done
    request = only_request(driver)
    assert request["language"] == "vi"
    assert request["customer"]["phone"] == driver.phone
    assert request["pickup"]["text"] == "Km 15 quốc lộ 1A, Bình Chánh"
    assert request["issue"]["category"] == "tow"
    assert_vehicle(request, 2019, "Honda", "City")
    assert request["tow_required"] is True
    assert request["dropoff"]["text"] == "Gara Minh Phát, 45 Lê Lợi, Quận 3"


def test_vi_correction_at_the_summary(new_driver: Any) -> None:
    driver = new_driver("+84912345102")
    assert ASK_PLACE["vi"] in driver.say("het binh, ko no may duoc")
    assert ASK_CAR["vi"] in driver.say("ngã tư Lê Duẩn - Pasteur, Quận 1")
    assert "2016" in driver.say("Mazda 6 2016")
    summary = driver.say("à không, xe là Mazda 3 2018")
    assert SUMMARY["vi"] in summary and "2018" in summary and "2016" not in summary
    assert SUBMITTED["vi"] in driver.say("ok")
    request = only_request(driver)
    assert request["language"] == "vi"
    assert request["pickup"]["text"] == "ngã tư Lê Duẩn - Pasteur, Quận 1"
    assert request["issue"]["category"] == "battery"
    assert_vehicle(request, 2018, "Mazda", "Mazda3")
    assert request["tow_required"] is False and request["dropoff"] is None


# --- Indonesian -------------------------------------------------------------------------------------------


def test_id_from_an_indonesian_number_with_a_correction(new_driver: Any) -> None:
    driver = new_driver("+6281234567101")
    first = driver.say("ban bocor")
    assert ASK_PLACE["id"] in first and "BERHENTI" in first
    assert ASK_CAR["id"] in driver.say("Jl. Sudirman No. 5, Jakarta")
    assert "Toyota Rush" in driver.say("Toyota Rush 2019")
    summary = driver.say("eh salah, mobilnya Avanza 2019")
    assert SUMMARY["id"] in summary and "Avanza" in summary and "Rush" not in summary
    done = driver.say("ya")
    assert SUBMITTED["id"] in done
    request = only_request(driver)
    assert request["id"] == reference_in(done)
    assert request["language"] == "id" and request["customer"]["phone"] == driver.phone
    assert request["pickup"]["text"] == "Jl. Sudirman No. 5, Jakarta"
    assert request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2019, "Toyota", "Avanza")
    assert request["tow_required"] is False and request["dropoff"] is None


def test_id_from_a_us_number_needs_a_tow(new_driver: Any) -> None:
    driver = new_driver()  # +1, writing in Indonesian
    assert ASK_PLACE["id"] in driver.say("mobil mogok, harus diderek")
    assert ASK_CAR["id"] in driver.say("tol Jagorawi km 23 arah Bogor")
    assert ASK_DROPOFF["id"] in driver.say("Daihatsu Xenia 2017")
    summary = driver.say("Bengkel Jaya Motor, Jl. Raya Bogor No. 12")
    assert SUMMARY["id"] in summary and "Derek ke: Bengkel Jaya Motor" in summary
    assert SUBMITTED["id"] in driver.say("ya")
    request = only_request(driver)
    assert request["language"] == "id"
    assert request["pickup"]["text"] == "tol Jagorawi km 23 arah Bogor"
    assert request["issue"]["category"] == "tow"
    assert_vehicle(request, 2017, "Daihatsu", "Xenia")
    assert request["tow_required"] is True
    assert request["dropoff"]["text"] == "Bengkel Jaya Motor, Jl. Raya Bogor No. 12"


def test_id_several_facts_in_the_first_text(new_driver: Any) -> None:
    driver = new_driver("+6281234567102")
    assert ASK_CAR["id"] in driver.say("aki soak mobil ga bisa nyala di Jl. Malioboro No. 52, Yogyakarta")
    summary = driver.say("honda jazz 2012")
    assert SUMMARY["id"] in summary
    assert SUBMITTED["id"] in driver.say("iya")
    request = only_request(driver)
    assert request["language"] == "id"
    assert request["issue"]["category"] == "battery"
    assert_vehicle(request, 2012, "Honda", "Jazz")
    # The pickup is the place as written, not the whole message (the problem is not an address).
    assert request["pickup"]["text"] == "Jl. Malioboro No. 52, Yogyakarta"


# --- Russian ----------------------------------------------------------------------------------------------


def test_ru_from_a_russian_number_step_by_step(new_driver: Any) -> None:
    driver = new_driver("+79161234101")
    first = driver.say("аккумулятор сел")
    assert ASK_PLACE["ru"] in first and "СТОП" in first
    assert ASK_CAR["ru"] in driver.say("ул. Ленина 10, Казань")
    summary = driver.say("Тойота Камри 2015")
    assert SUMMARY["ru"] in summary and "Toyota Camry" in summary
    done = driver.say("да")
    assert SUBMITTED["ru"] in done
    request = only_request(driver)
    assert request["id"] == reference_in(done)
    assert request["language"] == "ru" and request["customer"]["phone"] == driver.phone
    assert request["pickup"]["text"] == "ул. Ленина 10, Казань"
    assert request["issue"]["category"] == "battery"
    assert_vehicle(request, 2015, "Toyota", "Camry")
    assert request["tow_required"] is False and request["dropoff"] is None


def test_ru_from_a_us_number_needs_a_tow(new_driver: Any) -> None:
    driver = new_driver()  # +1, writing in Russian
    assert ASK_PLACE["ru"] in driver.say("машина сломалась, нужен эвакуатор")
    assert ASK_CAR["ru"] in driver.say("трасса М7, 45 км")
    assert ASK_DROPOFF["ru"] in driver.say("Lada Granta 2020")
    summary = driver.say("автосервис на ул. Победы 3, Казань")
    assert SUMMARY["ru"] in summary and "Куда: автосервис на ул. Победы 3" in summary
    assert SUBMITTED["ru"] in driver.say("да")
    request = only_request(driver)
    assert request["language"] == "ru"
    assert request["pickup"]["text"] == "трасса М7, 45 км"
    assert request["issue"]["category"] == "tow"
    assert_vehicle(request, 2020, "Lada", "Granta")
    assert request["tow_required"] is True
    assert request["dropoff"]["text"] == "автосервис на ул. Победы 3, Казань"


def test_ru_correction_at_the_summary(new_driver: Any) -> None:
    driver = new_driver("+79161234102")
    assert ASK_PLACE["ru"] in driver.say("пробил колесо")
    assert ASK_CAR["ru"] in driver.say("ул. Гагарина 15, Самара")
    assert "Hyundai Solaris" in driver.say("Hyundai Solaris 2016")
    summary = driver.say("ой, нет, машина Kia Rio 2017")
    assert SUMMARY["ru"] in summary and "Kia Rio" in summary and "Solaris" not in summary
    assert SUBMITTED["ru"] in driver.say("да")
    request = only_request(driver)
    assert request["language"] == "ru"
    assert request["pickup"]["text"] == "ул. Гагарина 15, Самара"
    assert request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2017, "Kia", "Rio")


def test_ru_nevsky_prospekt_is_a_place(new_driver: Any) -> None:
    driver = new_driver("+79161234103")
    assert ASK_PLACE["ru"] in driver.say("пробил колесо")
    assert ASK_CAR["ru"] in driver.say("Невский проспект 28, Санкт-Петербург")
    summary = driver.say("Hyundai Solaris 2016")
    assert SUMMARY["ru"] in summary and "Невский проспект 28" in summary
    assert SUBMITTED["ru"] in driver.say("да")
    assert only_request(driver)["pickup"]["text"] == "Невский проспект 28, Санкт-Петербург"


# --- Coordinates, map links and "wait" in each language ------------------------------------------------------


def test_vi_coordinates_and_a_wait(new_driver: Any) -> None:
    driver = new_driver("+84912345104")
    assert ASK_PLACE["vi"] in driver.say("xe bi het binh")
    assert ASK_CAR["vi"] in driver.say("10.7769, 106.7009")
    assert driver.say("đợi chút") == "Cứ từ từ. Khi nào xong thì nhắn tôi."  # take your time
    summary = driver.say("kia morning 2012")
    assert SUMMARY["vi"] in summary and "Kia Morning" in summary
    assert SUBMITTED["vi"] in driver.say("ok")
    request = only_request(driver)
    assert request["language"] == "vi" and request["issue"]["category"] == "battery"
    assert request["pickup"]["lat"] == pytest.approx(10.7769) and request["pickup"]["lng"] == pytest.approx(106.7009)
    assert_vehicle(request, 2012, "Kia", "Morning")


def test_id_google_maps_link_and_a_wait(new_driver: Any) -> None:
    driver = new_driver("+6281234567104")
    assert ASK_PLACE["id"] in driver.say("kunci ketinggalan di dalam mobil")
    assert ASK_CAR["id"] in driver.say("https://maps.google.com/?q=-6.2088,106.8456")
    assert driver.say("tunggu ya") == "Santai saja. Kabari kalau sudah siap."
    summary = driver.say("Suzuki Ertiga 2018")
    assert SUMMARY["id"] in summary and "Suzuki Ertiga" in summary
    assert "Shared location" not in summary  # the pin, named in Indonesian
    assert SUBMITTED["id"] in driver.say("ya")
    request = only_request(driver)
    assert request["language"] == "id" and request["issue"]["category"] == "lockout"
    assert request["pickup"]["lat"] == pytest.approx(-6.2088) and request["pickup"]["lng"] == pytest.approx(106.8456)
    assert_vehicle(request, 2018, "Suzuki", "Ertiga")


def test_ru_highway_km_and_a_wait(new_driver: Any) -> None:
    driver = new_driver("+79161234105")
    assert ASK_PLACE["ru"] in driver.say("бензин кончился")
    assert driver.say("подождите") == "Не спешите. Напишите, когда будете готовы."
    assert ASK_CAR["ru"] in driver.say("М4 Дон, 120 км")
    summary = driver.say("лада веста 2019")
    assert SUMMARY["ru"] in summary and "Lada Vesta" in summary
    assert SUBMITTED["ru"] in driver.say("да")
    request = only_request(driver)
    assert request["language"] == "ru" and request["issue"]["category"] == "fuel"
    assert request["pickup"]["text"] == "М4 Дон, 120 км"
    assert_vehicle(request, 2019, "Lada", "Vesta")


def test_vi_several_facts_in_one_text(new_driver: Any) -> None:
    driver = new_driver("+84912345105")
    summary = driver.say("xe toi bi xep lop o 123 Nguyễn Huệ, Quận 1, toyota vios 2016")
    assert SUMMARY["vi"] in summary and "Toyota Vios" in summary
    assert SUBMITTED["vi"] in driver.say("có")
    request = only_request(driver)
    assert request["pickup"]["text"] == "123 Nguyễn Huệ, Quận 1" and request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2016, "Toyota", "Vios")


def test_vi_place_typed_without_diacritics(new_driver: Any) -> None:
    driver = new_driver("+84912345106")
    assert ASK_PLACE["vi"] in driver.say("xe bi thung lop")
    assert ASK_CAR["vi"] in driver.say("123 nguyen hue q1")  # "123 Nguyễn Huệ, Quận 1" as typed in a hurry
    assert SUMMARY["vi"] in driver.say("vinfast fadil 2021")
    assert SUBMITTED["vi"] in driver.say("dung roi")
    request = only_request(driver)
    assert request["pickup"]["text"] == "123 nguyen hue q1" and request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2021, "VinFast", "Fadil")


def test_ru_city_first_and_a_short_street_name(new_driver: Any) -> None:
    driver = new_driver("+79161234106")
    assert ASK_PLACE["ru"] in driver.say("не заводится машина")
    assert ASK_CAR["ru"] in driver.say("Питер, Невский 28")
    assert SUMMARY["ru"] in driver.say("солярис 2016")
    assert SUBMITTED["ru"] in driver.say("ага")
    request = only_request(driver)
    assert request["pickup"]["text"] == "Питер, Невский 28" and request["issue"]["category"] == "battery"
    assert_vehicle(request, 2016, "Hyundai", "Solaris")


# --- Danger, changing the address, cancelling: in each language ----------------------------------------------


@pytest.mark.parametrize(("phone", "body", "first_reply"), [
    ("+84912345401", "tai nạn trên quốc lộ 1A, bạn tôi bị thương chảy máu", "gọi 115 ngay"),
    ("+6281234567401", "tabrakan di tol cikampek, ada yg luka", "segera telepon 112"),
    ("+79161234401", "авария на М7, водитель ранен", "звоните 112"),
], ids=["vi", "id", "ru"])
def test_danger_first_names_the_local_emergency_number_then_escalates(new_driver: Any, phone: str, body: str,
                                                                      first_reply: str) -> None:
    driver = new_driver(phone)
    replies = driver.text(body)
    assert replies and first_reply in replies[0], replies
    [escalation] = driver.escalations()
    assert escalation.fields["priority"] == "urgent" and escalation.fields["reason"] == "emergency"


@pytest.mark.parametrize(("language", "phone", "texts", "change", "new_place"), [
    ("vi", "+84912345402", ["xe toi bi xep lop", "123 Nguyễn Huệ, Quận 1", "toyota vios 2016"], "sửa địa chỉ",
     "45 Lê Lợi, Quận 1"),
    ("id", "+6281234567402", ["ban bocor", "Jl. Sudirman No. 5, Jakarta", "Toyota Avanza 2019"], "ganti alamat",
     "Jl. Thamrin No. 1, Jakarta"),
    ("ru", "+79161234402", ["аккумулятор сел", "ул. Ленина 10, Казань", "киа рио 2017"], "поменяйте адрес",
     "ул. Баумана 5, Казань"),
], ids=["vi", "id", "ru"])
def test_change_the_address_at_the_summary(new_driver: Any, language: str, phone: str, texts: list[str],
                                           change: str, new_place: str) -> None:
    driver = new_driver(phone)
    for body in texts:
        driver.say(body)
    asked = driver.say(change)
    assert "?" in asked
    summary = driver.say(new_place)
    assert SUMMARY[language] in summary and new_place in summary  # the new place, read back
    driver.say({"vi": "có", "id": "ya", "ru": "да"}[language])
    assert only_request(driver)["pickup"]["text"] == new_place  # the truck goes to the new place


@pytest.mark.parametrize(("language", "phone", "texts", "cancel"), [
    ("vi", "+84912345403", ["xe toi bi xep lop", "123 Nguyễn Huệ, Quận 1", "toyota vios 2016", "có"],
     "hủy yêu cầu"),
    ("id", "+6281234567403", ["ban bocor", "Jl. Sudirman No. 5, Jakarta", "Toyota Avanza 2019", "ya"],
     "batalkan permintaan saya"),
    ("ru", "+79161234403", ["аккумулятор сел", "ул. Ленина 10, Казань", "киа рио 2017", "да"], "отмените заявку"),
], ids=["vi", "id", "ru"])
def test_cancel_my_request_cancels_but_is_not_an_opt_out(new_driver: Any, store: Storage, language: str,
                                                         phone: str, texts: list[str], cancel: str) -> None:
    driver = new_driver(phone)
    for body in texts[:-1]:
        driver.say(body)
    ref = reference_in(driver.say(texts[-1]))
    reply = driver.say(cancel)
    assert ref in reply and "Roadside Assist:" not in reply  # the bot's answer, not the opt-out confirmation
    cancels = [e for e in store.dispatch.read_all() if e.fields.get("type") == "cancel"
               and e.payload.get("token") == driver.token]
    assert [e.fields["request_id"] for e in cancels] == [ref]
    assert not store.consent.is_opted_out(driver.token)
    # Still texted, in the same language, and a thank-you after a cancel starts no new intake.
    assert driver.say({"vi": "cảm ơn", "id": "makasih", "ru": "спасибо"}[language]) == {
        "vi": "Không có gì. Giữ an toàn nhé.", "id": "Sama-sama. Hati-hati ya.",
        "ru": "Пожалуйста. Берегите себя."}[language]


# --- The summary's own words --------------------------------------------------------------------------------

ENGLISH_PROBLEMS = ("flat tire", "dead battery", "needs a tow", "locked out", "keys locked", "out of gas",
                    "out of fuel")


@pytest.mark.parametrize(("phone", "texts"), [
    ("+84912345103", ["xe toi bi xep lop", "123 Nguyễn Huệ, Quận 1", "toyota vios 2016"]),
    ("+6281234567103", ["ban bocor", "Jl. Sudirman No. 5, Jakarta", "Toyota Avanza 2019"]),
    ("+79161234104", ["аккумулятор сел", "ул. Ленина 10, Казань", "Kia Rio 2017"]),
], ids=["vi", "id", "ru"])
def test_the_summary_is_wholly_in_the_conversation_language(new_driver: Any, phone: str, texts: list[str]) -> None:
    driver = new_driver(phone)
    for body in texts[:-1]:
        driver.say(body)
    summary = driver.say(texts[-1])
    assert any(word in summary for word in SUMMARY.values()), summary
    assert not [p for p in ENGLISH_PROBLEMS if p in summary.lower()], summary


# --- STOP, HELP, START in each language ----------------------------------------------------------------------


@pytest.mark.parametrize(("language", "phone", "problem", "help_word", "stop_word", "start_word"), [
    ("vi", "+84912345201", "xe toi bi xep lop", "Trợ giúp", "DỪNG", "bat dau"),
    ("vi", "+84912345202", "het xang roi", "huong dan", "Hủy", "ĐĂNG KÝ"),
    ("id", "+6281234567201", "ban bocor", "BANTUAN", "berhenti", "Mulai"),
    ("id", "+6281234567202", "aki soak", "bantuan", "UNREG", "DAFTAR"),
    ("ru", "+79161234201", "аккумулятор сел", "помощь", "СТОП", "старт"),
    ("ru", "+79161234202", "колесо пробил", "Справка", "отписаться", "ВОЗОБНОВИТЬ"),
], ids=["vi-DUNG", "vi-HUY", "id-BERHENTI", "id-UNREG", "ru-STOP", "ru-OTPISATSYA"])
def test_help_stop_start_in_the_language(new_driver: Any, store: Storage, twilio_api: FakeTwilio, language: str,
                                         phone: str, problem: str, help_word: str, stop_word: str,
                                         start_word: str) -> None:
    driver = new_driver(phone)
    assert ASK_PLACE[language] in driver.say(problem)

    assert driver.text(help_word) == [text("sms.help", language, service=SERVICE)]
    assert not store.consent.is_opted_out(driver.token)

    [confirmation] = driver.text(stop_word)
    assert confirmation == text("sms.opted_out", language, service=SERVICE)
    assert store.consent.is_opted_out(driver.token)

    sent_before = len(twilio_api.bodies_to(driver.phone))
    silent = post_sms(driver, "alo? 123")
    assert ET.fromstring(silent.text).tag == "Response" and len(ET.fromstring(silent.text)) == 0, silent.text
    assert driver.text(problem) == []
    assert len(twilio_api.bodies_to(driver.phone)) == sent_before  # nothing went out through the API either
    assert driver.dispatched() == []

    assert driver.text(start_word) == [text("sms.opted_in", language, service=SERVICE)]
    assert not store.consent.is_opted_out(driver.token)
    assert ASK_PLACE[language] in driver.say(problem)  # texts again, in the same language


# --- Mixed: the number's country against the language written ----------------------------------------------


@pytest.mark.parametrize(("language", "problem"), [
    ("vi", "xe toi bi xep lop"), ("id", "ban mobil saya bocor nih, tolong"), ("ru", "аккумулятор сел")])
def test_a_us_number_writing_in_a_language_gets_replies_in_it(new_driver: Any, language: str, problem: str) -> None:
    driver = new_driver()
    first = driver.say(problem)
    assert ASK_PLACE[language] in first
    assert text("sms.first_contact", language, service=SERVICE, privacy_url=PRIVACY) in first
    assert "Where is the car" not in first and "Reply STOP" not in first


def test_two_short_indonesian_texts_from_a_us_number_get_indonesian(new_driver: Any) -> None:
    driver = new_driver()
    driver.say("ban bocor")  # two words: may still be answered in English
    reply = driver.say("di Jl. Sudirman No. 5, Jakarta")
    assert ASK_CAR["id"] in reply and "Which car" not in reply


def test_a_vietnamese_number_writing_english_gets_english(new_driver: Any) -> None:
    driver = new_driver("+84912345301")
    first = driver.say("flat tire on I-95 N exit 12")
    assert "Which car is it?" in first and "Reply STOP to opt out" in first
    assert "Xe" not in first
    assert "Please check:" in driver.say("2014 honda civic")
    reference_in(driver.say("yes"))
    request = only_request(driver)
    assert request["language"] == "en" and request["customer"]["phone"] == driver.phone
    assert request["pickup"]["text"] == "I-95 N exit 12" and request["issue"]["category"] == "flat_tire"
    assert_vehicle(request, 2014, "Honda", "Civic")


def test_po_russki_switches_an_english_conversation_to_russian(new_driver: Any) -> None:
    driver = new_driver()
    assert "Which car is it?" in driver.say("flat tire on I-95 N exit 12")
    switched = driver.say("по-русски")
    assert "Марка и модель" in switched or ASK_CAR["ru"] in switched  # the car, asked again in Russian
    assert "не понимаю" not in switched  # a language switch is understood
    summary = driver.say("Kia Rio 2017")
    assert SUMMARY["ru"] in summary
    assert SUBMITTED["ru"] in driver.say("да")
    request = only_request(driver)
    assert request["language"] == "ru"
    assert_vehicle(request, 2017, "Kia", "Rio")


@pytest.mark.parametrize(("phone", "language", "problem", "place", "category"), [
    ("+79161234301", "ru", "аккумулятор сел", "ул. Гагарина 15, Самара", "battery"),
    ("+84912345302", "vi", "xe toi bi xep lop", "123 Nguyễn Huệ, Quận 1", "flat_tire"),
], ids=["ru", "vi"])
def test_english_please_switches_the_conversation_to_english(new_driver: Any, phone: str, language: str,
                                                              problem: str, place: str, category: str) -> None:
    driver = new_driver(phone)
    assert ASK_PLACE[language] in driver.say(problem)
    switched = driver.say("English please")
    assert "Where" in switched and "passing you to a person" not in switched  # the place, asked in English
    assert driver.escalations() == []
    assert "Which car" in driver.say(place)
    assert "Please check:" in driver.say("2015 kia rio")
    reference_in(driver.say("yes"))
    request = only_request(driver)
    assert request["language"] == "en"
    assert request["pickup"]["text"] == place and request["issue"]["category"] == category


@pytest.mark.parametrize(("phone", "first", "switch", "answer"), [
    ("+79161234302", "аккумулятор сел", "можно на английском?", "Where exactly is the car?"),
    ("+84912345303", "xe toi bi xep lop", "tiếng Anh được không", "Where exactly is the car?"),
    ("+6281234567302", "ban bocor", "pakai bahasa inggris aja", "Where exactly is the car?"),
    (None, "flat tire on I-95 N exit 12", "tiếng việt đi", "Xe hãng gì, dòng gì?"),
    (None, "flat tire on I-95 N exit 12", "bahasa indonesia saja", "Merek dan tipe mobilnya apa?"),
    (None, "flat tire on I-95 N exit 12", "на русском пожалуйста", "Марка и модель?"),
], ids=["ru-to-en", "vi-to-en", "id-to-en", "en-to-vi", "en-to-id", "en-to-ru"])
def test_asking_for_another_language_in_other_words(new_driver: Any, phone: str | None, first: str, switch: str,
                                                    answer: str) -> None:
    driver = new_driver(phone)
    driver.say(first)
    switched = driver.text(switch)
    assert len(switched) == 1 and answer in switched[0]  # the current question again, in the new language
    assert driver.escalations() == []
