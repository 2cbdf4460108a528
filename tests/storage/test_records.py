from __future__ import annotations

from typing import Any

import pytest

from storage.contacts import Contact
from storage.dedupe import first_delivery
from storage.errors import DecryptError
from storage.keys import consent_key, contact_key
from storage.services import Storage


def test_contact_round_trip_with_conversation_ttl(storage: Storage, redis_client: Any) -> None:
    tok = storage.token("+15085550142")
    storage.contacts.save(tok, Contact("+15085550142", "sms", "en", "US"))
    assert storage.contacts.load(tok) == Contact("+15085550142", "sms", "en", "US")
    ttl = redis_client.ttl(contact_key(tok))
    assert 3590 < ttl <= 3600
    assert b"5085550142" not in redis_client.get(contact_key(tok))


def test_missing_contact_is_none(storage: Storage) -> None:
    assert storage.contacts.load("0" * 32) is None


def test_consent_never_expires_and_keeps_history(storage: Storage, redis_client: Any) -> None:
    tok = storage.token("+15085550142")
    storage.consent.opt_out(tok, channel="sms", how="STOP")
    storage.consent.opt_in(tok, channel="sms", how="START")
    storage.consent.opt_out(tok, channel="sms", how="twilio:21610")
    rec = storage.consent.load(tok)
    assert rec.opted_out
    assert [h["event"] for h in rec.history] == ["opt_out", "opt_in", "opt_out"]
    assert rec.history[0]["how"] == "STOP" and rec.history[0]["policy_version"]
    assert redis_client.ttl(consent_key(tok)) == -1


def test_erase_keeps_only_the_fact_of_an_opt_out(storage: Storage) -> None:
    tok = storage.token("+15085550142")
    storage.consent.opt_out(tok, channel="sms", how="STOP")
    storage.consent.note_blocked_send(tok, "agent_reply")
    assert storage.consent.forget_except_opt_out(tok)
    rec = storage.consent.load(tok)
    assert rec.opted_out and len(rec.history) == 1 and "how" not in rec.history[0]


def test_duplicate_guard(redis_client: Any) -> None:
    assert first_delivery(redis_client, "SM123")
    assert not first_delivery(redis_client, "SM123")
    assert first_delivery(redis_client, "SM124")
    assert 86000 < redis_client.ttl("roadside:seen:SM123") <= 86400


def test_corrupt_value_reported_with_key_and_left_in_place(storage: Storage, redis_client: Any) -> None:
    tok = storage.token("+15085550142")
    key = contact_key(tok)
    redis_client.set(key, b"v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    with pytest.raises(DecryptError) as info:
        storage.contacts.load(tok)
    assert info.value.key == key
    assert redis_client.get(key) == b"v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def test_value_swapped_between_customers_is_refused(storage: Storage, redis_client: Any) -> None:
    a, b = storage.token("+15085550142"), storage.token("+15085550199")
    storage.contacts.save(a, Contact("+15085550142"))
    redis_client.set(contact_key(b), redis_client.get(contact_key(a)))
    with pytest.raises(DecryptError):
        storage.contacts.load(b)


def test_handoff_and_inbox(storage: Storage) -> None:
    tok = storage.token("+15085550142")
    assert not storage.handoff.active(tok)
    storage.handoff.start(tok, "asked_for_agent", "ES-1")
    storage.handoff.add_message(tok, "customer", "still waiting on exit 12")
    assert storage.handoff.active(tok)
    assert [m["text"] for m in storage.handoff.messages(tok)] == ["still waiting on exit 12"]
    storage.handoff.release(tok)
    assert not storage.handoff.active(tok)
