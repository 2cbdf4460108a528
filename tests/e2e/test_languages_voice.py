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


def place_call(driver: Any, language: str, key: str | None) -> Caller:
    """Ring; the country code picks ``language``, or (``key``) the greeting's menu does."""
    caller = Caller(driver.stack, driver.phone)
    greeting = caller.start()
    if key is None:
        assert_in_language(greeting, language, menu=True)
        assert text("voice.first_question", language) in said(greeting)
    else:
        assert_in_language(greeting, "en", menu=True)
        assert text("voice.language_option", language, key=key) in said(greeting)
        chosen = caller.press(key)
        assert_in_language(chosen, language)
        assert said(chosen) == text("voice.first_question", language)
    return caller


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


# (language, phone or None for a +1 caller, menu key or None, problem, place, car, yes, what the bot asks for
#  the place / the car / at the summary, category, (year, make, model))
CALLS = [
    ("vi", "+84912346101", None, "xe tôi bị thủng lốp", "123 Nguyễn Huệ quận 1", "toyota vios 2016", "có",
     ("Xe đang ở đâu?", "Xe gì?", "Đúng không?"), "flat_tire", (2016, "Toyota", "Vios")),
    ("id", None, "3", "ban mobil saya bocor", "jalan sudirman nomor 5 jakarta", "toyota avanza 2019", "ya",
     ("Mobilnya di mana", "Mobilnya apa?", "Sudah benar?"), "flat_tire", (2019, "Toyota", "Avanza")),
    ("ru", "+79161235101", None, "сел аккумулятор", "улица Ленина 10 Казань", "киа рио 2017", "да",
     ("Где сейчас машина?", "Какая машина?", "Всё верно?"), "battery", (2017, "Kia", "Rio")),
]


@pytest.mark.parametrize(("language", "phone", "key", "problem", "place", "car", "yes", "asks", "category",
                          "vehicle"), CALLS, ids=["vi-by-country-code", "id-by-key-press", "ru-by-country-code"])
def test_whole_call_step_by_step(new_driver: Any, language: str, phone: str | None, key: str | None, problem: str,
                                 place: str, car: str, yes: str, asks: tuple[str, str, str], category: str,
                                 vehicle: tuple[int, str, str]) -> None:
    driver = new_driver(phone)
    caller = place_call(driver, language, key)
    reply = caller.speak(problem)
    assert_in_language(reply, language)
    assert said(reply).startswith(text("voice.heard", language, speech=problem, reply=""))  # "I heard: …"
    assert asks[0] in said(reply)
    reply = caller.speak(place)
    assert_in_language(reply, language)
    assert asks[1] in said(reply)
    summary = caller.speak(car)
    assert_in_language(summary, language)
    assert_for_the_ear(summary)
    assert asks[2] in said(summary) and place in said(summary)
    request = finish_the_call(driver, caller, language, yes)
    assert request["pickup"]["text"] == place
    assert request["issue"]["category"] == category and request["issue"]["text"] == problem
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == vehicle
    assert request["tow_required"] is False and request["dropoff"] is None


# The problem and the place in one breath, as the greeting asks ("Where is your car, and what's wrong with it?").
ONE_BREATH = [
    ("vi", "+84912346102", None, "xe tôi bị thủng lốp ở 123 Nguyễn Huệ quận 1", "123 Nguyễn Huệ quận 1",
     "toyota vios 2016", "có", ("Xe gì?", "Đúng không?"), "flat_tire", (2016, "Toyota", "Vios")),
    ("id", None, "3", "aki mobil saya soak di jalan sudirman nomor 5 jakarta", "jalan sudirman nomor 5 jakarta",
     "toyota avanza 2019", "ya", ("Mobilnya apa?", "Sudah benar?"), "battery", (2019, "Toyota", "Avanza")),
    ("ru", "+79161235102", None, "у меня сел аккумулятор, улица Ленина 10 Казань", "улица Ленина 10 Казань",
     "киа рио 2017", "да", ("Какая машина?", "Всё верно?"), "battery", (2017, "Kia", "Rio")),
]


@pytest.mark.parametrize(("language", "phone", "key", "first", "place", "car", "yes", "asks", "category", "vehicle"),
                         ONE_BREATH, ids=["vi-by-country-code", "id-by-key-press", "ru-by-country-code"])
def test_whole_call_problem_and_place_in_one_breath(new_driver: Any, language: str, phone: str | None,
                                                     key: str | None, first: str, place: str, car: str, yes: str,
                                                     asks: tuple[str, str], category: str,
                                                     vehicle: tuple[int, str, str]) -> None:
    driver = new_driver(phone)
    caller = place_call(driver, language, key)
    reply = caller.speak(first)
    assert_in_language(reply, language)
    assert asks[0] in said(reply)  # the car next: the place needs no follow-up
    summary = caller.speak(car)
    assert_in_language(summary, language)
    assert asks[1] in said(summary)
    request = finish_the_call(driver, caller, language, yes)
    assert request["pickup"]["text"] == place  # the place as said, not the whole sentence
    assert request["issue"]["category"] == category
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == vehicle


@pytest.mark.parametrize(("language", "phone", "key", "problem", "place", "car"),
                         [(c[0], c[1] and c[1][:-3] + "999", *c[2:6]) for c in CALLS], ids=["vi", "id", "ru"])
def test_the_spoken_summary_names_the_problem_in_the_call_language(new_driver: Any, language: str,
                                                                    phone: str | None, key: str | None,
                                                                    problem: str, place: str, car: str) -> None:
    driver = new_driver(phone)
    caller = place_call(driver, language, key)
    caller.speak(problem)
    caller.speak(place)
    summary = said(caller.speak(car))
    assert not [p for p in ENGLISH_PROBLEMS if p in summary.lower()], summary


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


@pytest.mark.parametrize(("phone", "language", "problem"), [
    ("+84912346301", "vi", "xe tôi hết bình"), ("+6281234568301", "id", "aki mobil saya soak"),
    ("+79161235301", "ru", "сел аккумулятор")], ids=["vi", "id", "ru"])
@pytest.mark.parametrize("how", ["key", "speech"])
def test_zero_puts_the_caller_through_to_a_person_in_the_language(new_driver: Any, phone: str, language: str,
                                                                   problem: str, how: str) -> None:
    """The greeting says "press 0 at any time to talk to a person"; a recogniser may hear that as "0" too."""
    driver = new_driver(phone if how == "key" else phone[:-3] + "302")
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    caller.speak(problem)
    root = caller.press("0") if how == "key" else caller.speak("0")
    assert_in_language(root, language)
    assert text("voice.connecting", language) in said(root)
    assert root.find("Enqueue") is not None or root.find("Dial") is not None
    [escalation] = driver.escalations()
    assert escalation.fields["reason"] == "asked_for_agent" and escalation.fields["priority"] == "normal"


def test_a_russian_caller_says_the_year_in_words(new_driver: Any) -> None:
    """number-parser turns "две тысячи четырнадцать" into 2014; the summary and the request carry the year."""
    driver = new_driver("+79161235311")
    caller = place_call(driver, "ru", None)
    caller.speak("сел аккумулятор")
    caller.speak("улица Ленина 10 Казань")
    summary = caller.speak("моя газель две тысячи четырнадцать")
    assert_in_language(summary, "ru")
    assert "Всё верно?" in said(summary) and "2014" in said(summary)
    request = finish_the_call(driver, caller, "ru", "да")
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == \
        (2014, "GAZ", "Gazelle")
