"""Whole phone calls in Vietnamese, Indonesian and Russian over signed Twilio Voice webhooks (issue 10).

The caller's country code picks the language, or a key of the greeting's language menu does. Every <Say>
and <Gather> after that carries the language's voice settings; the caller speaks the problem, the place and
the car, confirms, and the dispatch entry is checked field by field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from catalog.texts import text
from facts.languages import MENU, menu_key
from helpers.phone_call import Caller, said

pytestmark = pytest.mark.e2e

VOICE_LANGUAGE = {"en": "en-US", "vi": "vi-VN", "id": "id-ID", "ru": "ru-RU"}
ENGLISH_PROBLEMS = ("flat tire", "dead battery", "needs a tow", "locked out", "out of gas")


def assert_in_language(root: ET.Element, language: str, *, menu: bool = False) -> None:
    """Every <Gather> listens for ``language``; every <Say> speaks it (the greeting's menu options aside)."""
    code = VOICE_LANGUAGE[language]
    for gather in root.iter("Gather"):
        assert gather.attrib["language"] == code, ET.tostring(root, encoding="unicode")
    options = {text("voice.language_option", option, key=menu_key(option)) for option in MENU} if menu else set()
    says = [el for el in root.iter("Say") if el.text not in options]
    assert says, ET.tostring(root, encoding="unicode")
    for say in says:
        assert say.attrib["language"] == code, ET.tostring(root, encoding="unicode")


def assert_for_the_ear(root: ET.Element) -> None:
    spoken = said(root)
    assert "http" not in spoken and "YES" not in spoken and "Reply" not in spoken
    assert not [p for p in ENGLISH_PROBLEMS if p in spoken.lower()], spoken  # the problem, in the call's language


def finish_the_call(driver: Any, caller: Caller, language: str, yes: str) -> dict[str, Any]:
    """Confirm the spoken summary, accept text updates; the one dispatch request of this caller."""
    done = caller.speak(yes)
    assert_in_language(done, language)
    assert text("voice.sms_updates_question", language) in said(done)
    gather = done.find("Gather")
    assert gather is not None and gather.attrib["action"].startswith("/twilio/voice/sms-consent")
    bye = caller.speak(yes)
    assert_in_language(bye, language)
    assert text("voice.help_on_the_way", language) in said(bye) and bye.find("Hangup") is not None
    [request] = driver.dispatched()
    assert " ".join(request["id"][3:]) in said(done)  # the reference, read out one character at a time
    assert request["channel"] == "voice" and request["language"] == language
    assert request["customer"]["phone"] == driver.phone
    [update] = [e for e in driver.store.dispatch.read_all() if e.fields.get("type") == "update"
                and e.payload.get("token") == driver.token]
    assert update.fields["request_id"] == request["id"] and update.payload["customer"] == {"sms_updates": True}
    return request


def test_whole_call_in_vietnamese_by_country_code(new_driver: Any) -> None:
    driver = new_driver("+84912346101")
    caller = Caller(driver.stack, driver.phone)
    greeting = caller.start()
    assert_in_language(greeting, "vi", menu=True)
    assert text("voice.first_question", "vi") in said(greeting)
    reply = caller.speak("xe tôi bị thủng lốp ở 123 Nguyễn Huệ quận 1")
    assert_in_language(reply, "vi")
    assert "Tôi nghe: xe tôi bị thủng lốp" in said(reply) and "Xe gì?" in said(reply)
    summary = caller.speak("toyota vios 2016")
    assert_in_language(summary, "vi")
    assert_for_the_ear(summary)
    assert "Đúng không?" in said(summary) and "123 Nguyễn Huệ" in said(summary)
    request = finish_the_call(driver, caller, "vi", "có")
    assert request["pickup"]["text"] == "123 Nguyễn Huệ quận 1"
    assert request["issue"]["category"] == "flat_tire"
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == (
        2016, "Toyota", "Vios")
    assert request["tow_required"] is False and request["dropoff"] is None


def test_whole_call_in_indonesian_by_key_press(new_driver: Any) -> None:
    driver = new_driver()  # a +1 number: the call starts in English
    caller = Caller(driver.stack, driver.phone)
    greeting = caller.start()
    assert_in_language(greeting, "en", menu=True)
    assert text("voice.language_option", "id", key="3") in said(greeting)
    chosen = caller.press(menu_key("id"))
    assert_in_language(chosen, "id")
    assert text("voice.first_question", "id") in said(chosen)
    reply = caller.speak("aki mobil saya soak di jalan sudirman nomor 5 jakarta")
    assert_in_language(reply, "id")
    assert "Mobilnya apa?" in said(reply)
    summary = caller.speak("toyota avanza 2019")
    assert_in_language(summary, "id")
    assert_for_the_ear(summary)
    assert "Sudah benar?" in said(summary)
    request = finish_the_call(driver, caller, "id", "ya")
    assert request["issue"]["category"] == "battery"
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == (
        2019, "Toyota", "Avanza")
    assert request["pickup"]["text"] == "jalan sudirman nomor 5 jakarta"


def test_whole_call_in_russian_by_country_code(new_driver: Any) -> None:
    driver = new_driver("+79161235101")
    caller = Caller(driver.stack, driver.phone)
    greeting = caller.start()
    assert_in_language(greeting, "ru", menu=True)
    assert text("voice.first_question", "ru") in said(greeting)
    reply = caller.speak("у меня сел аккумулятор, улица Ленина 10 Казань")
    assert_in_language(reply, "ru")
    assert "Какая машина?" in said(reply)
    summary = caller.speak("киа рио 2017")
    assert_in_language(summary, "ru")
    assert_for_the_ear(summary)
    assert "Всё верно?" in said(summary) and "Kia Rio" in said(summary)
    request = finish_the_call(driver, caller, "ru", "да")
    assert request["issue"]["category"] == "battery"
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == (
        2017, "Kia", "Rio")
    assert request["pickup"]["text"] == "улица Ленина 10 Казань"


@pytest.mark.parametrize("language", ["vi", "id", "ru"])
def test_a_menu_key_switches_a_us_caller(new_driver: Any, language: str) -> None:
    driver = new_driver()
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    chosen = caller.press(menu_key(language))
    assert_in_language(chosen, language)
    assert said(chosen) == text("voice.first_question", language)
    contact = driver.store.contacts.load(driver.token)
    assert contact is not None and (contact.language, contact.language_settled) == (language, True)


@pytest.mark.parametrize(("phone", "language"), [("+84912346201", "vi"), ("+6281234568201", "id"),
                                                  ("+79161235201", "ru")])
def test_the_country_code_picks_the_greeting_language(new_driver: Any, phone: str, language: str) -> None:
    driver = new_driver(phone)
    greeting = Caller(driver.stack, driver.phone).start()
    assert_in_language(greeting, language, menu=True)
    assert text("voice.greeting", language, service="Roadside Assist") in said(greeting)
