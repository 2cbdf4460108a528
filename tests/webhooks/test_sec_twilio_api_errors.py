"""Issue 14, item 6: Twilio API errors on outbound texts.

A synchronous 21610 records the opt-out; only Twilio's error code is logged,
never its message (which can hold the number); every send asks Twilio for
status callbacks at PUBLIC_BASE_URL/twilio/status.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from conftest import make_env
from helpers.fake_twilio import FakeTwilio
from messaging.outbound import OptedOut, OutboundSms, SendFailed
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

PHONE = "+12125550142"
BASE = "https://roadside.example.com"


@pytest.fixture
def outbound(outbound_for: Any) -> OutboundSms:
    sender = outbound_for(Contact(PHONE, "sms", "en", "US"), PUBLIC_BASE_URL=BASE)
    sender.storage.consent.opt_in(sender.storage.token(PHONE), channel="sms", how="first_message")
    return sender


def test_every_send_asks_for_status_callbacks(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    outbound.send(outbound.storage.token(PHONE), "Your truck is 20 minutes away.", "status")
    [sent] = twilio_api.sent
    assert sent["StatusCallback"] == f"{BASE}/twilio/status"


def test_a_21610_records_the_opt_out_and_blocks_later_texts(outbound: OutboundSms, twilio_api: FakeTwilio) -> None:
    token = outbound.storage.token(PHONE)
    twilio_api.refuse_unsubscribed(PHONE)
    with pytest.raises(OptedOut):
        outbound.send(token, "We are on it.", "agent")
    consent = outbound.storage.consent.load(token)
    assert consent.opted_out and consent.history[-1]["how"] == "twilio:21610"
    with pytest.raises(OptedOut):
        outbound.send(token, "Second try.", "agent")
    assert len(twilio_api.refused) == 1  # the second one never reached Twilio


def test_only_the_error_code_is_logged(outbound: OutboundSms, twilio_api: FakeTwilio,
                                       caplog: pytest.LogCaptureFixture) -> None:
    twilio_api.refuse[PHONE] = (400, 21211, f"The 'To' number {PHONE} is not a valid phone number.")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SendFailed) as raised:
        outbound.send(outbound.storage.token(PHONE), "hello", "agent")
    assert raised.value.code == 21211
    assert "21211" in caplog.text
    assert PHONE not in caplog.text and PHONE[2:] not in caplog.text
    assert PHONE not in str(raised.value)


def test_an_unreachable_twilio_is_a_send_failure_not_a_crash(redis_url: str, redis_client: Any) -> None:
    from cli.redis_server import free_port

    settings = Settings.from_env(make_env(redis_url, TWILIO_API_BASE=f"http://127.0.0.1:{free_port()}"))
    st = Storage.from_settings(settings, client=redis_client)
    token = st.token(PHONE)
    st.contacts.save(token, Contact(PHONE, "sms", "en", "US"))
    with pytest.raises(SendFailed):
        OutboundSms(settings, st).send(token, "hello", "agent")
