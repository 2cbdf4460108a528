"""Issue 14, item 2, at the outbound guard: no text to a number that never agreed to texts."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from helpers.fake_twilio import FakeTwilio
from messaging.outbound import NoSmsConsent, OutboundSms
from messaging.proactive import held_count, send_or_hold
from storage.contacts import Contact

CALLER = "+12125550166"
NIGHT = datetime(2026, 7, 2, 7, 0, tzinfo=timezone.utc)  # 03:00 in New York


@pytest.fixture
def outbound(outbound_for: Any) -> OutboundSms:
    # A caller who said no to text updates: reached by voice, consent still unknown.
    return outbound_for(Contact(CALLER, "voice", "en", "US"))


@pytest.mark.parametrize("kind", ["agent", "status", "bot"])
def test_a_caller_who_declined_gets_no_text(outbound: OutboundSms, twilio_api: FakeTwilio, kind: str) -> None:
    token = outbound.storage.token(CALLER)
    assert not outbound.may_send(token)
    with pytest.raises(NoSmsConsent):
        outbound.send(token, "Your truck is 20 minutes away.", kind)
    assert twilio_api.sent == []


def test_a_proactive_text_to_a_caller_who_declined_is_neither_sent_nor_held(outbound: OutboundSms,
                                                                          twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(CALLER)
    for now in (NIGHT, NIGHT.replace(hour=16)):
        with pytest.raises(NoSmsConsent):
            send_or_hold(outbound, token, "How did we do?", "survey", now=now)
    assert held_count(outbound) == 0 and twilio_api.sent == []


def test_once_the_number_opts_in_by_text_it_is_texted(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(CALLER)
    outbound.storage.consent.opt_in(token, channel="sms", how="START")
    outbound.send(token, "Your truck is 20 minutes away.", "status")
    assert twilio_api.bodies_to(CALLER) == ["Your truck is 20 minutes away."]


def test_a_number_that_texted_us_in_this_conversation_is_answered(outbound: OutboundSms,
                                                                 twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(CALLER)
    outbound.storage.contacts.save(token, Contact(CALLER, "sms", "en", "US"))  # written by an inbound text
    outbound.send(token, "An agent will reply here.", "agent")
    assert twilio_api.bodies_to(CALLER) == ["An agent will reply here."]
