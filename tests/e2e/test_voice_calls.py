"""Whole phone calls over signed Twilio Voice webhooks against the real stack."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from helpers.phone_call import Caller, said
from storage.call_token import call_token

pytestmark = pytest.mark.e2e


def assert_fit_for_the_ear(root: ET.Element) -> None:
    text = said(root)
    assert "http" not in text and "Reply" not in text and "YES" not in text
    assert all(ord(ch) < 0x2600 for ch in text)


def test_whole_call_speech_and_keypad(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    greeting = caller.start()
    assert "only to help with this breakdown" in said(greeting)
    reply = caller.speak("I have a flat tire on I-95 north by exit 12")
    assert "I heard: I have a flat tire on I-95 north by exit 12" in said(reply)
    assert "Which car" in said(reply)
    assert_fit_for_the_ear(reply)
    summary = caller.speak("a 2014 honda civic")
    assert "Is that right? Say yes" in said(summary)
    assert_fit_for_the_ear(summary)
    done = caller.press("1")
    text = said(done)
    assert "Help is on the way" in text and "R S " in text
    gather = done.find("Gather")
    assert gather is not None and gather.attrib["action"].startswith("/twilio/voice/sms-consent")
    bye = caller.speak("yes please")
    assert bye.find("Hangup") is not None
    [request] = driver.dispatched()
    assert request["channel"] == "voice" and request["issue"]["category"] == "flat_tire"
    assert request["customer"]["phone"] == driver.phone
    assert (request["vehicle"]["make"], request["vehicle"]["model"], request["vehicle"]["year"]) == ("Honda", "Civic",
                                                                                                     2014)
    assert " ".join(request["id"][3:]) in text  # the reference read out one character at a time
    assert driver.store.consent.load(driver.token).history[-1]["how"] == "voice_yes"
    [update] = [e for e in driver.store.dispatch.read_all() if e.fields.get("type") == "update"
                and e.payload.get("token") == driver.token]
    assert update.fields["request_id"] == request["id"] and update.payload["customer"] == {"sms_updates": True}


def test_low_confidence_and_silence_reask_then_continue(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    assert "didn't catch that" in said(caller.speak(""))
    assert "I think I heard" in said(caller.speak("flat tire I-95", confidence="0.2"))
    reply = caller.speak("flat tire on I-95 north by exit 12")
    assert "Which car" in said(reply)


def test_agent_transfer_by_voice(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    root = caller.speak("agent")
    assert root.find("Dial") is not None or root.find("Enqueue") is not None
    assert driver.escalations()[0].fields["reason"] == "asked_for_agent"


def test_danger_on_a_call(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    root = caller.speak("my car is on fire and my son is hurt")
    text = said(root)
    assert "dial 9 1 1" in text
    assert root.find("Hangup") is not None
    assert driver.escalations()[0].fields["priority"] == "urgent"


def test_anonymous_caller_gives_a_callback_number(new_driver: Any) -> None:
    driver = new_driver()
    caller = Caller(driver.stack, "anonymous")
    first = caller.start()
    assert "key in a number" in said(first)
    caller.press(driver.phone[2:])  # ten digits, as keyed
    reply = caller.speak("battery dead at 55 Oak Ave Worcester")
    assert "Which car" in said(reply)
    # The keyed-in number is contact data of this call's own conversation (issue 14, item 1).
    own = driver.store.contacts.load(call_token(caller.call_sid, driver.store.token_key))
    assert own.phone == driver.phone and own.channel == "voice"
    assert driver.store.contacts.load(driver.token) is None


def test_caller_who_texted_first_continues_the_same_request(driver: Any) -> None:
    assert "Which car" in driver.say("flat tire on I-95 N exit 12")
    caller = Caller(driver.stack, driver.phone)
    assert "Welcome back" in said(caller.start())
    summary = caller.speak("2014 honda civic")
    assert "I-95" in said(summary) and "Is that right" in said(summary)
