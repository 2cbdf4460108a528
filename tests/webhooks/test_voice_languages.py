"""Calls in each language: the caller's country code, the greeting's one-key switch, voices and speech hints.

Signed requests to the real voice webhooks and a real Redis; Rasa is not running (a turn that reaches the
bot gets the honest "system slow" answer, in the call's language).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from flask import Flask

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.twilio_requests import PUBLIC_BASE, post_signed
from server.app import create_app
from storage.consent import OPTED_IN
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

CALL = "CA" + "7" * 32
# What a caller hears first in each language, and how the call listens and speaks.
CALLS = {
    "en": ("+15085550142", "Where is your car", "en-US", "Polly.Joanna", "flat tire"),
    "vi": ("+84912345678", "Xe của bạn đang ở đâu", "vi-VN", "Google.vi-VN-Standard-A", "thủng lốp"),
    "id": ("+6281234567890", "Di mana mobil Anda", "id-ID", "Google.id-ID-Standard-A", "ban bocor"),
    "ru": ("+79161234567", "Где ваша машина", "ru-RU", "Polly.Tatyana", "пробил колесо"),
}
MENU = [("For English, press 1.", "Polly.Joanna", "en-US"), ("Tiếng Việt, bấm 2.", "Google.vi-VN-Standard-A", "vi-VN"),
        ("Bahasa Indonesia, tekan 3.", "Google.id-ID-Standard-A", "id-ID"),
        ("Русский язык — нажмите 4.", "Polly.Tatyana", "ru-RU")]


@pytest.fixture
def app(redis_url: str, redis_client: Any) -> Flask:
    env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_URL=f"http://127.0.0.1:{free_port()}",
                   RASA_TIMEOUT_SECONDS="1", ROADSIDE_AGENT_PHONE="+15085550100")
    settings = Settings.from_env(env)
    return create_app(settings, storage=Storage.from_settings(settings, client=redis_client))


@pytest.fixture
def st(app: Flask) -> Storage:
    storage: Storage = app.extensions["roadside"].storage
    return storage


def call(app: Flask, path: str, sender: str, **params: str) -> ET.Element:
    form = {"CallSid": CALL, "From": sender, "To": "+15005550006", **params}
    resp = post_signed(app.test_client(), path, form, TEST_TWILIO_TOKEN)
    assert resp.status_code == 200, resp.data
    return ET.fromstring(resp.data)


@pytest.mark.parametrize("language", CALLS)
def test_the_callers_country_code_picks_the_language(app: Flask, st: Storage, language: str) -> None:
    phone, question, listens, voice, hint = CALLS[language]
    root = call(app, "/twilio/voice", phone)
    greeting = root.find("Say")
    assert greeting is not None and greeting.attrib["voice"] == voice and greeting.attrib["language"] == listens
    gather = root.find("Gather")
    assert gather is not None and gather.attrib["language"] == listens
    local_make = {"en": "Toyota", "vi": "VinFast", "id": "Daihatsu", "ru": "Лада"}[language]
    assert hint in gather.attrib["hints"] and local_make in gather.attrib["hints"]
    says = gather.findall("Say")
    assert [(s.text, s.attrib["voice"], s.attrib["language"]) for s in says[:4]] == MENU
    assert question in (says[-1].text or "") and says[-1].attrib["voice"] == voice
    contact = st.contacts.load(st.token(phone))
    assert contact is not None and contact.language == language and not contact.language_settled


@pytest.mark.parametrize("key, language", [("1", "en"), ("2", "vi"), ("3", "id"), ("4", "ru")])
def test_one_key_switches_the_call_and_the_conversation(app: Flask, st: Storage, key: str, language: str) -> None:
    caller = "+15085550142" if language != "en" else "+84912345678"
    call(app, "/twilio/voice", caller)
    root = call(app, "/twilio/voice/gather?menu=1&retries=0&turn=1", caller, Digits=key)
    _, question, listens, voice, _ = CALLS[language]
    gather = root.find("Gather")
    assert gather is not None and gather.attrib["language"] == listens
    assert "menu=1" not in gather.attrib["action"]  # the switch is offered once
    [say] = gather.findall("Say")
    assert question in (say.text or "") and say.attrib["voice"] == voice
    contact = st.contacts.load(st.token(caller))
    assert contact is not None and (contact.language, contact.language_settled) == (language, True)
    # The next turn is in the chosen language too (Rasa is down here: the honest answer, in that language).
    slow = call(app, "/twilio/voice/gather?retries=0&turn=2", caller, SpeechResult="xe toi bi hong", Confidence="0.9")
    first = slow.find("Say")
    assert first is not None and first.attrib["voice"] == voice


def test_a_key_after_the_greeting_is_an_answer_not_a_language(app: Flask, st: Storage) -> None:
    call(app, "/twilio/voice", "+84912345678")
    root = call(app, "/twilio/voice/gather?retries=0&turn=2", "+84912345678", Digits="2")
    contact = st.contacts.load(st.token("+84912345678"))
    assert contact is not None and not contact.language_settled
    assert root.find("Say") is not None and root.find("Say").attrib["voice"] == "Google.vi-VN-Standard-A"  # type: ignore[union-attr]


def test_a_language_settled_by_text_is_kept_when_the_number_calls(app: Flask, st: Storage) -> None:
    st.contacts.save(st.token("+15085550142"), Contact("+15085550142", "sms", "ru", "US", True))
    root = call(app, "/twilio/voice", "+15085550142")
    assert root.find("Gather").attrib["language"] == "ru-RU"  # type: ignore[union-attr]
    contact = st.contacts.load(st.token("+15085550142"))
    assert contact is not None and (contact.language, contact.language_settled) == ("ru", True)


@pytest.mark.parametrize("answer, language, texts", [("có", "vi", True), ("vâng ạ", "vi", True), ("iya", "id", True),
                                                     ("да", "ru", True), ("нет", "ru", False), ("1", "ru", True),
                                                     ("yes", "vi", True), ("không", "vi", False)])
def test_yes_to_text_updates_in_the_callers_language(app: Flask, st: Storage, answer: str, language: str,
                                                     texts: bool) -> None:
    phone = CALLS[language][0]
    st.contacts.save(st.token(phone), Contact(phone, "voice", language, None, True))
    root = call(app, "/twilio/voice/sms-consent?ref=RS-ABCDE", phone, SpeechResult=answer)
    assert root.find("Hangup") is not None
    assert (st.consent.load(st.token(phone)).status == OPTED_IN) is texts
