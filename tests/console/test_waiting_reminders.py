"""An escalation nobody claims in time: the customer gets one honest update, and the console flags it."""

from __future__ import annotations

import dataclasses

import pytest

from console.claims import ClaimBoard
from console.reminders import remind_unclaimed
from messaging.outbound import OutboundSms
from storage import queues
from storage.consent import UNKNOWN
from storage.contacts import Contact
from webhooks.notices import Notices

NOTICES = Notices("Roadside Assist", "https://example.com/privacy")


@pytest.fixture
def outbound(settings, storage):
    """Without Twilio credentials texts go to the local outbox, which the test reads."""
    return OutboundSms(dataclasses.replace(settings, twilio_account_sid=""), storage)


def _customer(storage, phone="+15085550177"):
    token = storage.token(phone)
    storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
    if storage.consent.load(token).status == UNKNOWN:
        storage.consent.opt_in(token, channel="sms", how="first_message")
    return token


def test_unclaimed_escalation_gets_one_update_with_the_emergency_number(outbound, storage):
    token = _customer(storage)
    queues.escalate(storage, token, reason="misunderstood", priority="normal", summary={"stage": "pickup"})

    assert remind_unclaimed(storage, outbound, NOTICES, wait_seconds=0) == 1
    assert remind_unclaimed(storage, outbound, NOTICES, wait_seconds=0) == 0

    [item] = outbound.outbox()
    assert item["token"] == token and item["kind"] == "status"
    assert "a person from our team will text you" in item["body"] and "call 911" in item["body"]


def test_a_fresh_or_claimed_escalation_gets_no_update(outbound, storage):
    token = _customer(storage)
    queues.escalate(storage, token, reason="asked_for_agent", priority="normal", summary={"stage": "start"})

    assert remind_unclaimed(storage, outbound, NOTICES, wait_seconds=3600) == 0
    board = ClaimBoard(storage.escalations, 15 * 60 * 1000)
    [item] = board.items()
    board.claim(item, "alice")
    assert remind_unclaimed(storage, outbound, NOTICES, wait_seconds=0) == 0
    assert outbound.outbox() == []


def test_an_opted_out_customer_is_not_texted(outbound, storage):
    token = _customer(storage)
    storage.consent.opt_out(token, channel="sms", how="STOP")
    queues.escalate(storage, token, reason="misunderstood", priority="normal", summary={"stage": "pickup"})

    assert remind_unclaimed(storage, outbound, NOTICES, wait_seconds=0) == 0
    assert outbound.outbox() == []
