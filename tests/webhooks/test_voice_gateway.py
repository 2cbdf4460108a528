"""Voice webhooks' own duties (TwiML shape, retries, transfer), Rasa not running."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from flask import Flask

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.twilio_requests import PUBLIC_BASE, post_signed
from server.app import create_app
from storage.call_token import call_token
from storage.services import Storage
from storage.settings import Settings

PHONE = "+15085550142"


@pytest.fixture
def app(redis_url: str, redis_client: Any) -> Flask:
    env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_URL=f"http://127.0.0.1:{free_port()}",
                   RASA_TIMEOUT_SECONDS="1", ROADSIDE_AGENT_PHONE="+15085550100")
    settings = Settings.from_env(env)
    return create_app(settings, storage=Storage.from_settings(settings, client=redis_client))


def call(app: Flask, path: str, sender: str = PHONE, **params: str) -> ET.Element:
    form = {"CallSid": "CA" + "1" * 32, "From": sender, "To": "+15005550006", **params}
    resp = post_signed(app.test_client(), path, form, TEST_TWILIO_TOKEN)
    assert resp.status_code == 200, resp.data
    assert resp.mimetype == "text/xml"
    return ET.fromstring(resp.data)


def test_greeting_gathers_speech_and_digits(app: Flask) -> None:
    root = call(app, "/twilio/voice")
    say = root.find("Say")
    assert say is not None and "only to help with this breakdown" in (say.text or "")
    gather = root.find("Gather")
    assert gather is not None
    assert gather.attrib["input"] == "speech dtmf"
    assert gather.attrib["action"] == "/twilio/voice/gather?menu=1&retries=0&turn=1"
    assert gather.attrib["speechTimeout"] == "auto" and gather.attrib["language"] == "en-US"
    assert "mile marker" in gather.attrib["hints"] and "Honda" in gather.attrib["hints"]
    assert "Where is your car" in (gather.findall("Say")[-1].text or "")
    assert root.find("Redirect") is not None  # silence comes back as an empty result


def test_unsigned_call_is_403(app: Flask) -> None:
    resp = app.test_client().post("/twilio/voice", data={"CallSid": "CA1", "From": PHONE})
    assert resp.status_code == 403


def test_empty_result_reasks_twice_then_offers_a_person(app: Flask) -> None:
    first = call(app, "/twilio/voice/gather?retries=0", SpeechResult="")
    assert "didn't catch that" in ET.tostring(first, encoding="unicode")
    assert first.find("Gather").attrib["action"].endswith("retries=1&turn=1")  # type: ignore[union-attr]
    low = call(app, "/twilio/voice/gather?retries=1", SpeechResult="exit twelve", Confidence="0.2")
    assert "I think I heard: exit twelve" in ET.tostring(low, encoding="unicode")
    last = call(app, "/twilio/voice/gather?retries=2", SpeechResult="")
    assert "Press 0 to talk to a person" in ET.tostring(last, encoding="unicode")


def test_zero_transfers_to_the_agent_number_and_escalates(app: Flask) -> None:
    call(app, "/twilio/voice")
    root = call(app, "/twilio/voice/gather?retries=0", Digits="0")
    dial = root.find("Dial")
    assert dial is not None and (dial.text or "").strip() == "+15085550100"
    st: Storage = app.extensions["roadside"].storage
    [entry] = st.escalations.read_all()
    assert entry.fields["reason"] == "asked_for_agent" and entry.payload["channel"] == "voice"
    assert st.handoff.active(st.token(PHONE))


def test_rasa_down_on_a_call_transfers(app: Flask) -> None:
    root = call(app, "/twilio/voice/gather?retries=0", SpeechResult="flat tire on I-95", Confidence="0.9")
    text = ET.tostring(root, encoding="unicode")
    assert "slow right now" in text and root.find("Dial") is not None
    st: Storage = app.extensions["roadside"].storage
    assert st.escalations.read_all()[0].payload["message"] == "flat tire on I-95"


def test_anonymous_caller_is_asked_for_a_callback_number(app: Flask) -> None:
    root = call(app, "/twilio/voice", sender="anonymous")
    gather = root.find("Gather")
    assert gather is not None and gather.attrib["input"] == "dtmf"
    assert gather.attrib["action"].startswith("/twilio/voice/callback-number")
    bad = call(app, "/twilio/voice/callback-number?retries=0", sender="anonymous", Digits="12345")
    assert "didn't sound like a full phone number" in ET.tostring(bad, encoding="unicode")
    good = call(app, "/twilio/voice/callback-number?retries=1", sender="anonymous", Digits="5085550142")
    assert "Where is your car" in ET.tostring(good, encoding="unicode")
    st: Storage = app.extensions["roadside"].storage
    # The keyed-in number is contact data of this call's own conversation only.
    contact = st.contacts.load(call_token("CA" + "1" * 32, st.token_key))
    assert contact is not None and contact.phone == "+15085550142" and contact.channel == "voice"
    assert st.contacts.load(st.token("+15085550142")) is None


def test_sms_consent_recorded_only_on_yes(app: Flask) -> None:
    st: Storage = app.extensions["roadside"].storage
    no = call(app, "/twilio/voice/sms-consent", Digits="2")
    assert no.find("Hangup") is not None
    assert st.consent.load(st.token(PHONE)).status == "unknown"
    yes = call(app, "/twilio/voice/sms-consent", SpeechResult="Yes please.")
    assert yes.find("Hangup") is not None
    rec = st.consent.load(st.token(PHONE))
    assert rec.status == "opted_in" and rec.history[-1]["how"] == "voice_yes"
