"""Issue 14, item 1, against the whole stack: the attack from the review, and a withheld-number intake."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.phone_call import Caller, said
from storage.call_token import call_token
from storage.keys import contact_key, tracker_key
from storage.services import Storage

pytestmark = pytest.mark.e2e

OTHER_CUSTOMERS_FACTS = ("Elm", "Stamford", "Honda", "Accord", "2015", "Is that right")


def _snapshot(store: Storage, token: str) -> tuple[Any, Any, Any]:
    return (store.client.get(tracker_key(token)), store.client.get(contact_key(token)),
            store.consent.load(token).to_json())


def test_withheld_number_keying_in_a_customers_number_hears_nothing_of_theirs(new_driver: Any,
                                                                              store: Storage) -> None:
    victim = new_driver()
    victim.say("Flat tire at 12 Elm St, Stamford CT. 2015 honda accord")
    before = _snapshot(store, victim.token)
    assert before[0] is not None  # the victim has a conversation to steal

    caller = Caller(victim.stack, "anonymous")
    assert "key in a number" in said(caller.start())
    caller.press(victim.phone[2:])
    heard = said(caller.speak("hello"))
    assert heard
    for fact in OTHER_CUSTOMERS_FACTS:
        assert fact not in heard
    assert _snapshot(store, victim.token) == before
    assert victim.dispatched() == []


def test_withheld_number_yes_to_texts_never_undoes_stop(new_driver: Any, store: Storage) -> None:
    victim = new_driver()
    victim.text("STOP")
    consent = store.consent.load(victim.token).to_json()
    caller = Caller(victim.stack, "anonymous")
    caller.start()
    caller.press(victim.phone[2:])
    caller.speak("I have a flat tire on I-95 north by exit 12")
    caller.speak("a 2014 honda civic")
    done = caller.press("1")
    assert "Help is on the way" in said(done)
    # Whether or not the call asks about texts, a yes to them changes nothing.
    caller.post("/twilio/voice/sms-consent?ref=RS-AAAAA", Digits="1")
    assert store.consent.load(victim.token).to_json() == consent
    assert victim.text("my car broke down") == []  # still opted out: no answer

    # The request reaches dispatch with the keyed-in number as the customer's phone.
    own = call_token(caller.call_sid, store.token_key)
    [request] = [e.payload["request"] for e in store.dispatch.read_all()
                 if e.payload.get("token") == own and e.fields.get("type") == "request"]
    assert request["customer"]["phone"] == victim.phone and request["channel"] == "voice"
