"""Whole SMS conversations against the real stack: Redis, Rasa, action server, web app."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest

from cli.stack import ROOT
from conftest import TEST_TWILIO_TOKEN
from helpers.redis_scan import dump_everything
from helpers.stack import RunningStack
from storage.keys import tracker_key
from storage.services import Storage

pytestmark = pytest.mark.e2e

SCHEMA = __import__("json").loads((ROOT / "schema" / "roadside.dispatch.v1.schema.json").read_text())
REF = re.compile(r"\bRS-[2-9A-HJKMNP-Z]{5}\b")


def reference_in(text: str) -> str:
    match = REF.search(text)
    assert match, f"no reference id in {text!r}"
    return match.group(0)


def test_first_message_with_several_facts_fills_them_all(driver: Any) -> None:
    first = driver.text("flat on I-95 N by exit 12, 2014 honda civic")
    joined = "\n".join(first)
    assert "Reply STOP to opt out" in joined  # one-line notice on the first reply
    assert "Please check:" in joined and "I-95 N" in joined and "Civic" in joined
    done = driver.say("yes")
    ref = reference_in(done)
    [request] = driver.dispatched()
    jsonschema.validate(request, SCHEMA)
    assert request["id"] == ref
    assert request["schema"] == "roadside.dispatch/v1"
    assert request["channel"] == "sms" and request["language"] == "en" and request["priority"] == "normal"
    assert request["customer"] == {"phone": driver.phone, "sms_updates": True}
    assert "I-95 N" in request["pickup"]["text"] and "exit 12" in request["pickup"]["text"]
    assert request["issue"]["category"] == "flat_tire"
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == (2014, "Honda",
                                                                                                     "Civic")
    assert request["tow_required"] is False and request["dropoff"] is None
    assert request["created_at"].endswith("Z")


def test_step_by_step_with_typos(driver: Any) -> None:
    assert "Where is the car" in driver.say("hi")
    assert "What's wrong" in driver.say("123 Main St, Springfield")
    assert "Which car" in driver.say("batery ded")
    summary = driver.say("toyta camry 09")
    assert "Please check:" in summary and "Toyota" in summary
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert request["issue"]["category"] == "battery"
    assert request["pickup"]["text"].startswith("123 Main St")
    assert (request["vehicle"]["year"], request["vehicle"]["make"], request["vehicle"]["model"]) == (2009, "Toyota",
                                                                                                     "Camry")


def test_tow_asks_for_a_dropoff(driver: Any) -> None:
    reply = driver.say("my car broke down and needs a tow")
    assert "Where is the car" in reply
    assert "Which car" in driver.say("rte 9 by the shell station in Framingham")
    assert "Where should we tow it" in driver.say("2016 ford f150")
    summary = driver.say("Smith Auto, 45 Elm St, Natick")
    assert "Tow to:" in summary and "Smith Auto" in summary
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert request["tow_required"] is True and "Smith Auto" in request["dropoff"]["text"]
    assert request["issue"]["category"] == "tow"


def test_vague_pickup_gets_a_helpful_reask(driver: Any) -> None:
    driver.say("flat tire")
    reply = driver.say("idk")
    assert "exit" in reply and "mile marker" in reply and "/l/" in reply  # a one-time location link
    assert "Which car" in driver.say("I-84 E mile marker 112")


def test_a_road_without_an_exit_gets_one_follow_up_then_the_answer_is_taken(driver: Any) -> None:
    driver.say("battery died")
    follow_up = driver.say("on the mass pike")
    assert "Which exit, mile marker" in follow_up
    assert "Which car" in driver.say("near exit 15")
    driver.say("2019 subaru outback")
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert request["pickup"]["text"] == "on the mass pike, near exit 15"


def test_map_link_fills_pickup_coordinates(driver: Any) -> None:
    driver.say("I'm locked out of my car")
    driver.say("https://maps.google.com/?q=41.0534,-73.5387")
    summary = driver.say("2019 subaru outback")
    assert "Please check:" in summary
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert request["pickup"]["lat"] == pytest.approx(41.0534) and request["pickup"]["lng"] == pytest.approx(-73.5387)
    assert request["issue"]["category"] == "lockout"


def test_change_the_address_at_the_summary(driver: Any) -> None:
    summary = driver.say("ran out of gas on I-90 W exit 20 in my 2012 honda accord")
    assert "Please check:" in summary
    assert "Where is the car" in driver.say("change the address")
    summary = driver.say("I-90 W exit 22")
    assert "Please check:" in summary and "exit 22" in summary
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert "exit 22" in request["pickup"]["text"] and request["issue"]["category"] == "fuel"


def test_cancel_my_tow_cancels_but_does_not_opt_out(driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    ref = reference_in(driver.say("yes"))
    reply = driver.say("cancel my tow")
    assert "cancelled" in reply and ref in reply
    cancels = [e for e in store.dispatch.read_all() if e.fields.get("type") == "cancel"
               and e.payload.get("token") == driver.token]
    assert [e.fields["request_id"] for e in cancels] == [ref]
    assert not store.consent.is_opted_out(driver.token)


def test_dont_text_me_anymore_while_waiting_says_how_to_stop_and_keeps_the_truck(driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    reference_in(driver.say("yes"))
    reply = driver.say("dont text me anymore")
    assert "reply STOP" in reply and "cancelled" not in reply
    assert not [e for e in store.dispatch.read_all() if e.fields.get("type") == "cancel"
                and e.payload.get("token") == driver.token]


def test_after_a_cancel_thanks_and_ok_close_the_exchange_and_only_facts_start_anew(driver: Any) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    reference_in(driver.say("yes"))
    assert "cancelled" in driver.say("cancel my tow")
    assert driver.say("thanks") == "You're welcome. Stay safe."  # not the first question of a new intake
    assert driver.say("ok") == "OK. Text us if anything changes or you need help."
    again = driver.say("actually battery died at 55 Oak Ave Worcester")
    assert "car" in again.lower() and "Oak Ave" not in again  # a new intake, asking what is left


def test_asking_for_a_person_escalates_and_the_bot_goes_quiet(driver: Any, store: Storage) -> None:
    driver.say("battery dead at 55 Oak Ave Worcester")
    reply = driver.say("can I talk to a person")
    assert "passing you to a person" in reply
    [escalation] = driver.escalations()
    assert escalation.fields["reason"] == "asked_for_agent" and escalation.fields["priority"] == "normal"
    assert escalation.payload["phone"] == driver.phone
    assert driver.text("hello? anyone there") == []
    assert [m["text"] for m in store.handoff.messages(driver.token)] == ["hello? anyone there"]


def test_danger_first_names_911_then_escalates_urgent(driver: Any) -> None:
    replies = driver.text("we crashed on rte 1 and my friend is bleeding")
    assert "call 911" in replies[0]
    [escalation] = driver.escalations()
    assert escalation.fields["priority"] == "urgent" and escalation.fields["reason"] == "emergency"


def test_privacy_question_then_the_form_goes_on(driver: Any) -> None:
    driver.say("flat tire")
    reply = driver.say("what do you do with my number")
    assert "never for marketing" in reply and "STOP" in reply
    assert "Where exactly is the car" in reply  # asked again, in other words


def test_two_misunderstandings_in_a_row_escalate(driver: Any) -> None:
    driver.say("flat tire")
    first = driver.say("who won the game last night")
    assert "didn't get that" in first and "Where" in first
    reply = driver.say("zxqv blorp")
    assert "passing you to a person" in reply
    assert driver.escalations()[0].fields["reason"] == "misunderstood"


def test_stop_after_submitting_leaves_the_request_with_dispatch(driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    ref = reference_in(driver.say("yes"))
    driver.text("STOP")
    assert [r["id"] for r in driver.dispatched()] == [ref]  # a truck may already be coming
    assert not [e for e in store.dispatch.read_all() if e.fields.get("type") == "cancel"
                and e.payload.get("token") == driver.token]


def test_stop_mid_intake_then_start(driver: Any, store: Storage) -> None:
    driver.say("flat tire on I-95 N exit 12")
    [confirm] = driver.text("STOP")
    assert "unsubscribed" in confirm and "START" in confirm
    assert driver.text("2014 honda civic") == []
    assert store.client.get(tracker_key(driver.token)) is None  # the open conversation is closed
    [back] = driver.text("START")
    assert "subscribed again" in back
    reply = driver.say("hello")
    assert "Where is the car" in reply  # a fresh intake, not the old form resuming
    assert driver.dispatched() == []


def test_stop_sending_me_texts_explains_how(driver: Any, store: Storage) -> None:
    reply = driver.say("stop sending me texts")
    assert "reply STOP" in reply
    assert not store.consent.is_opted_out(driver.token)


def test_rasa_keeps_trackers_encrypted_in_redis(driver: Any, store: Storage) -> None:
    driver.say("flat tire on I-95 N exit 12")
    raw = store.client.get(tracker_key(driver.token))
    assert raw is not None and raw.startswith(b"v1.")
    assert 0 < store.client.ttl(tracker_key(driver.token)) <= 3600
    assert b"I-95" not in raw


def test_strange_input_never_breaks(new_driver: Any) -> None:
    for text in ["🚗💥🔥?", "машина не заводится", "車が動かない", "a" * 5000, "<Response>&amp;</Response>"]:
        replies = new_driver().text(text)
        assert replies, text


def test_bad_signature_over_http(stack: RunningStack) -> None:
    import requests

    resp = requests.post(f"{stack.web_url}/twilio/sms", data={"From": "+15085550142", "Body": "hi",
                                                               "MessageSid": "SMx"},
                         headers={"X-Twilio-Signature": "forged"}, timeout=10)
    assert resp.status_code == 403


def test_readyz_when_everything_is_up(stack: RunningStack) -> None:
    import requests

    resp = requests.get(f"{stack.web_url}/readyz", timeout=10)
    assert resp.status_code == 200 and resp.json()["checks"] == {"redis": "ok", "rasa": "ok", "action_server": "ok"}


def test_no_personal_data_in_redis_or_logs(stack: RunningStack, store: Storage, new_driver: Any) -> None:
    d = new_driver("+15085557777")
    d.say("flat on I-95 N by exit 12 Stamford, silver 2014 honda civic")
    d.say("yes")
    blob = dump_everything(store.client)
    for needle in ("5085557777", "stamford", "honda civic", "exit 12"):
        assert needle.encode() not in blob, needle
    logs = stack.log_text().lower()
    for needle in ("5085557777", "stamford", "honda civic"):
        assert needle not in logs, needle
    assert TEST_TWILIO_TOKEN not in logs


def test_a_question_about_a_shop_or_a_broken_phone_is_not_taken_for_the_place_or_the_problem(driver: Any) -> None:
    assert "Where is the car" in driver.say("hi")
    reply = driver.say("is walmart open")
    assert "Where" in reply and "Please check" not in reply
    assert "What's wrong" in driver.say("I-95 N near exit 12")
    reply = driver.say("my phone keeps crashing")
    assert "Which car" not in reply and "Please check" not in reply  # not taken as the car's problem
    assert "Which car" in driver.say("my battery died")
    assert "Please check:" in driver.say("2014 honda civic")
    reference_in(driver.say("yes"))
    [request] = driver.dispatched()
    assert request["pickup"]["text"].startswith("I-95 N near exit 12")
    assert request["issue"]["category"] == "battery"


def test_asking_for_the_tow_after_sending_does_not_cancel_it(driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    reference_in(driver.say("yes"))
    reply = driver.say("tow truck needed")
    assert "cancelled" not in reply.lower()
    assert not [e for e in store.dispatch.read_all() if e.fields.get("type") == "cancel"
                and e.payload.get("token") == driver.token]
