"""The outbound guard and the real twilio client against a local Messages API."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from conftest import make_env
from helpers.fake_twilio import FakeTwilio
from messaging.outbound import OptedOut, OutboundSms
from messaging.proactive import held_count, release_due, send_or_hold
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

PHONE = "+12125550100"


@pytest.fixture
def outbound(outbound_for: Any) -> OutboundSms:
    return outbound_for(Contact(PHONE, "sms", "en", "US"))


def test_sends_through_real_twilio_client(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(PHONE)
    result = outbound.send(token, "Your truck is 20 minutes away.", "status")
    assert result.via == "twilio" and result.sid.startswith("SM")
    [sent] = twilio_api.sent
    assert sent == {"To": PHONE, "From": "+15005550006", "Body": "Your truck is 20 minutes away."}


@pytest.mark.parametrize("kind", ["bot", "agent", "status"])
def test_opted_out_number_gets_nothing_and_attempt_is_recorded(outbound: OutboundSms, twilio_api: FakeTwilio,
                                                                 kind: str) -> None:
    token = outbound.storage.token(PHONE)
    outbound.storage.consent.opt_out(token, channel="sms", how="STOP")
    with pytest.raises(OptedOut):
        outbound.send(token, "hello", kind)
    assert twilio_api.sent == []
    rec = outbound.storage.consent.load(token)
    assert rec.blocked_sends == 1 and rec.history[-1] == {**rec.history[-1], "event": "blocked_send", "kind": kind}


def test_without_credentials_messages_go_to_the_outbox(redis_url: str, redis_client: Any) -> None:
    settings = Settings.from_env(make_env(redis_url, TWILIO_ACCOUNT_SID=""))
    st = Storage.from_settings(settings, client=redis_client)
    st.contacts.save(st.token(PHONE), Contact(PHONE))
    out = OutboundSms(settings, st)
    assert out.send(st.token(PHONE), "hi there", "agent").via == "outbox"
    assert [m["body"] for m in out.outbox()] == ["hi there"]
    assert b"hi there" not in b"".join(redis_client.lrange("roadside:outbox", 0, -1))


def test_survey_at_night_is_held_until_8am_local_then_sent(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(PHONE)
    night = datetime(2026, 7, 2, 3, 0, tzinfo=timezone.utc)  # 23:00 in New York
    assert send_or_hold(outbound, token, "How did we do?", "survey", now=night) == "held"
    assert twilio_api.sent == [] and held_count(outbound) == 1
    assert release_due(outbound, now=datetime(2026, 7, 2, 11, 59, tzinfo=timezone.utc)) == 0
    assert release_due(outbound, now=datetime(2026, 7, 2, 12, 0, tzinfo=timezone.utc)) == 1
    assert twilio_api.bodies_to(PHONE) == ["How did we do?"] and held_count(outbound) == 0


def test_survey_in_the_day_goes_at_once(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    noon = datetime(2026, 7, 2, 16, 0, tzinfo=timezone.utc)
    assert send_or_hold(outbound, outbound.storage.token(PHONE), "Quick survey?", "survey", now=noon) == "sent"
    assert twilio_api.bodies_to(PHONE) == ["Quick survey?"]
