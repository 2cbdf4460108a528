"""Issue 14, items 8 and 13 against the whole stack: daily dispatch limit, no REST channel, voice turn dedupe."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from helpers.phone_call import Caller, said
from helpers.stack import RunningStack
from storage.keys import rate_key, tracker_key
from storage.services import Storage

pytestmark = pytest.mark.e2e


def test_rasa_rest_channel_is_not_served(stack: RunningStack) -> None:
    resp = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", json={"sender": "x", "message": "hi"},
                         timeout=10)
    assert resp.status_code == 404
    assert requests.get(f"{stack.rasa_url}/webhooks/sms/", timeout=10).status_code == 200


def _user_texts(store: Storage, token: str) -> list[str]:
    tracker = json.loads(store.keyring.decrypt(store.client.get(tracker_key(token)), tracker_key(token)))
    return [e.get("text") for e in tracker["events"] if e.get("event") == "user"]


def test_a_repeated_voice_turn_runs_once_and_is_answered_the_same(driver: Any, store: Storage) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    path = caller.next_path
    first = caller.post_raw(path, SpeechResult="I have a flat tire on I-95 north by exit 12", Confidence="0.9")
    again = caller.post_raw(path, SpeechResult="I have a flat tire on I-95 north by exit 12", Confidence="0.9")
    assert again.text == first.text
    assert _user_texts(store, driver.token).count("I have a flat tire on I-95 north by exit 12") == 1
    nxt = caller.speak("a 2014 honda civic")
    assert "Is that right" in said(nxt)


def test_dispatch_requests_over_the_daily_limit_go_to_a_person(driver: Any, store: Storage) -> None:
    key = rate_key(driver.token, "dispatch:day")
    store.client.set(key, 5, ex=3600)  # the default limit, already used today
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    reply = driver.say("yes")
    assert "as many requests today" in reply and "RS-" not in reply
    assert driver.dispatched() == []
    assert [e.fields["reason"] for e in driver.escalations()] == ["dispatch_limit"]
