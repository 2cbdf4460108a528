"""Issue 14, item 1: a withheld-number caller can't take over, or opt in, someone else's number.

Rasa is not running here, so each spoken turn takes the Rasa-down path
(escalation to a person); tests/e2e/test_sec_hidden_number_caller.py plays
the same attack against the whole stack.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from helpers.gateway import call_post, gateway_app, spoken, storage_of, text_in
from storage.call_token import call_token
from storage.phone_token import phone_token
from storage.services import Storage

VICTIM = "+15085550142"
CALL = "CA" + "9" * 32


@pytest.fixture
def app(redis_url: str, redis_client: Any) -> Flask:
    return gateway_app(redis_url, redis_client)


def _anonymous_call_keys_in(app: Flask, phone: str, call_sid: str = CALL) -> None:
    first = call_post(app, "/twilio/voice", "anonymous", call_sid)
    assert "key in a number" in spoken(first)
    after = call_post(app, "/twilio/voice/callback-number?retries=0&turn=1", "anonymous", call_sid,
                      Digits=phone[2:])
    assert "Where is your car" in spoken(after)


def test_call_tokens_live_in_their_own_namespace(app: Flask) -> None:
    st = storage_of(app)
    token = call_token(CALL, st.token_key)
    assert token == call_token(CALL, st.token_key) != call_token("CA" + "8" * 32, st.token_key)
    assert re.fullmatch(r"[0-9a-f]{32}", st.token(VICTIM))
    assert not re.fullmatch(r"[0-9a-f]{32}", token)  # can never be a phone token
    assert token != phone_token("+" + CALL.encode().hex()[:14], st.token_key)


def test_keyed_in_number_never_reaches_the_customers_conversation(app: Flask) -> None:
    st = storage_of(app)
    victim = st.token(VICTIM)
    text_in(app, VICTIM, "flat tire at 12 Elm St, Stamford CT")  # Rasa down: escalated, handed to a person
    contact_before = st.records.client.get(f"roadside:contact:{{{victim}}}")
    consent_before = st.consent.load(victim).to_json()
    escalations_before = len(st.escalations.read_all())

    _anonymous_call_keys_in(app, VICTIM)
    root = call_post(app, "/twilio/voice/gather?retries=0&turn=2", "anonymous", CALL, SpeechResult="hello",
                     Confidence="0.9")
    # The victim's conversation is with a person; the anonymous call is not put through to it.
    assert "slow right now" in spoken(root)

    own = call_token(CALL, st.token_key)
    assert st.contacts.load(own).phone == VICTIM  # type: ignore[union-attr]
    [new] = st.escalations.read_all()[escalations_before:]
    assert new.payload["token"] == own and new.payload["phone"] == VICTIM
    assert st.records.client.get(f"roadside:contact:{{{victim}}}") == contact_before
    assert st.consent.load(victim).to_json() == consent_before


def test_anonymous_yes_to_texts_changes_nobodys_consent(app: Flask) -> None:
    st = storage_of(app)
    text_in(app, VICTIM, "STOP")
    before = st.consent.load(st.token(VICTIM)).to_json()
    _anonymous_call_keys_in(app, VICTIM)
    root = call_post(app, "/twilio/voice/sms-consent?ref=RS-7K3Q9", "anonymous", CALL, Digits="1")
    assert "number you gave" in spoken(root) and root.find("Hangup") is not None
    assert st.consent.load(st.token(VICTIM)).to_json() == before
    assert st.consent.load(call_token(CALL, st.token_key)).status == "unknown"
    assert not [e for e in st.dispatch.read_all() if e.fields.get("type") == "update"]


def test_anonymous_caller_never_resumes_an_existing_conversation(app: Flask) -> None:
    st: Storage = storage_of(app)
    st.client.set(f"roadside:tracker:{{{st.token(VICTIM)}}}", b"x")  # the victim has a conversation
    _anonymous_call_keys_in(app, VICTIM)
    root = call_post(app, "/twilio/voice", "anonymous", CALL)  # Twilio asks again for the same call
    assert "Welcome back" not in spoken(root)


@pytest.mark.parametrize("answer", [{"Digits": "1"}, {"SpeechResult": "Yes please."}])
def test_spoofed_caller_id_yes_never_undoes_an_sms_stop(app: Flask, answer: dict[str, str]) -> None:
    st = storage_of(app)
    text_in(app, VICTIM, "STOP")
    before = st.consent.load(st.token(VICTIM)).to_json()
    root = call_post(app, "/twilio/voice/sms-consent?ref=RS-7K3Q9", VICTIM, CALL, **answer)
    assert "text START" in spoken(root)
    assert st.consent.load(st.token(VICTIM)).to_json() == before
    assert not [e for e in st.dispatch.read_all() if e.fields.get("type") == "update"]


def test_shown_caller_id_yes_still_opts_in_a_number_that_never_chose(app: Flask) -> None:
    st = storage_of(app)
    root = call_post(app, "/twilio/voice/sms-consent?ref=RS-7K3Q9", VICTIM, CALL, Digits="1")
    assert "we'll text you updates" in spoken(root)
    rec = st.consent.load(st.token(VICTIM))
    assert rec.status == "opted_in" and rec.history[-1]["how"] == "voice_yes"
