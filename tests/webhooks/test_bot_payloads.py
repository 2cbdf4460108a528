"""The gateway acts on what the bot's payloads say, never on what its text looks like (stand-in Rasa)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from flask import Flask

from conftest import TEST_TWILIO_TOKEN
from helpers.fake_rasa import FakeRasa
from helpers.gateway import call_post, gateway_app, spoken, text_in
from helpers.twilio_requests import post_signed
from storage.contacts import Contact
from storage.erasure import request_erasure
from storage.keys import tracker_key
from storage.services import Storage

PHONE = "+15085550142"
CALL = "CA" + "3" * 32



@pytest.fixture
def app(redis_url: str, redis_client: Any, rasa: FakeRasa) -> Flask:
    return gateway_app(redis_url, redis_client, RASA_URL=rasa.url, ROADSIDE_AGENT_PHONE="+15085550100")


@pytest.fixture
def st(app: Flask) -> Storage:
    storage: Storage = app.extensions["roadside"].storage
    return storage


def say_on_call(app: Flask, speech: str, turn: int = 1) -> ET.Element:
    return call_post(app, f"/twilio/voice/gather?retries=0&turn={turn}", PHONE, CALL, SpeechResult=speech,
                     Confidence="0.9")


def test_voice_offers_text_updates_for_the_reference_in_the_payload(app: Flask, rasa: FakeRasa) -> None:
    rasa.replies = ["Done, it's with dispatch."]  # no reference in the text at all
    rasa.payloads = [{"reference": "RS-7K3Q9"}]
    root = say_on_call(app, "yes")
    gather = root.find("Gather")
    assert gather is not None and gather.attrib["action"].startswith("/twilio/voice/sms-consent?ref=RS-7K3Q9")
    assert "text message updates" in spoken(root)


def test_voice_does_not_scrape_a_reference_out_of_the_text(app: Flask, rasa: FakeRasa) -> None:
    rasa.replies = ["Your old request RS-7K3Q9 was cancelled. Where is your car?"]
    root = say_on_call(app, "cancel it")
    gather = root.find("Gather")
    assert gather is not None and gather.attrib["action"].startswith("/twilio/voice/gather")
    assert "R S 7 K 3 Q 9" in spoken(root)


def test_voice_emergency_handoff_from_the_payload_sends_the_caller_to_911(app: Flask, rasa: FakeRasa,
                                                                         st: Storage) -> None:
    rasa.replies = ["Please call 911 if anyone is hurt. A person from our team is on it."]
    rasa.payloads = [{"handoff": "emergency"}]
    root = say_on_call(app, "there's smoke coming out")
    assert "Please hang up and dial 9 1 1 now" in spoken(root)
    assert root.find("Hangup") is not None and root.find("Dial") is None


def test_voice_agent_handoff_from_the_payload_puts_the_caller_through(app: Flask, rasa: FakeRasa) -> None:
    rasa.replies = ["I'll get a person for you."]
    rasa.payloads = [{"handoff": "asked_for_agent"}]
    root = say_on_call(app, "can I talk to someone")
    assert "Connecting you to a person now" in spoken(root)
    dial = root.find("Dial")
    assert dial is not None and (dial.text or "").strip() == "+15085550100"


def test_erasure_needs_the_payload_and_the_bots_mark(app: Flask, rasa: FakeRasa, st: Storage) -> None:
    token = st.token(PHONE)
    rasa.replies = ["Your details are deleted."]
    rasa.payloads = [{"erase": True, "end": True}]
    text_in(app, PHONE, "flat tire on I-95")
    assert st.contacts.load(token) is not None  # a payload alone (no confirmed erasure stored) erases nothing
    request_erasure(st, token)  # what action_erase_customer_data records
    reply = text_in(app, PHONE, "yes")
    assert "Your details are deleted." in reply.get_data(as_text=True)
    assert st.contacts.load(token) is None and not st.client.exists(tracker_key(token))


def test_a_call_ends_after_the_erasure(app: Flask, rasa: FakeRasa, st: Storage) -> None:
    st.contacts.save(st.token(PHONE), Contact(PHONE, "voice", "en", "US"))
    request_erasure(st, st.token(PHONE))
    rasa.replies = ["Your details are deleted."]
    rasa.payloads = [{"erase": True, "end": True}]
    root = say_on_call(app, "yes")
    assert "Your details are deleted." in spoken(root) and root.find("Hangup") is not None
    assert st.contacts.load(st.token(PHONE)) is None


def test_the_conversations_language_is_kept_and_the_call_listens_in_it(app: Flask, rasa: FakeRasa, st: Storage) -> None:
    text_in(app, PHONE, "flat tire")
    contact = st.contacts.load(st.token(PHONE))
    assert contact is not None and contact.language == "en" and contact.channel == "sms"
    resp = post_signed(app.test_client(), "/twilio/voice", {"CallSid": CALL, "From": PHONE, "To": "+15005550006"},
                       TEST_TWILIO_TOKEN)
    gather = ET.fromstring(resp.data).find("Gather")
    assert gather is not None and gather.attrib["language"] == "en-US"
    assert rasa.received[0]["metadata"] == {"region": "US", "language": "en"}
