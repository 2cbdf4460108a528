"""Issue 14, item 14: a possible E.164 sender that phonenumbers does not list is served, with a warning."""

from __future__ import annotations

import logging
from typing import Any

import phonenumbers
import pytest

from facts.phone import sender_e164
from helpers.gateway import call_post, gateway_app, spoken, storage_of, text_in
from helpers.twilio_requests import messages

UNLISTED_UK_MOBILE = "+447911923456"  # possible, but outside the library's +44 7911 ranges


def test_the_number_is_possible_but_not_listed() -> None:
    number = phonenumbers.parse(UNLISTED_UK_MOBILE)
    assert phonenumbers.is_possible_number(number) and not phonenumbers.is_valid_number(number)


def test_unlisted_sender_gets_served_and_the_log_keeps_the_number_out(redis_url: str, redis_client: Any,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    app = gateway_app(redis_url, redis_client)
    with caplog.at_level(logging.WARNING):
        resp = text_in(app, UNLISTED_UK_MOBILE, "STOP")
    assert resp.status_code == 200
    assert "unsubscribed" in messages(resp)[0]
    st = storage_of(app)
    assert st.consent.load(st.token(UNLISTED_UK_MOBILE)).opted_out
    assert "outside phonenumbers' known ranges" in caplog.text
    assert "7911" not in caplog.text and "923456" not in caplog.text


def test_unlisted_caller_is_not_treated_as_withheld(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    root = call_post(app, "/twilio/voice", UNLISTED_UK_MOBILE, "CA" + "7" * 32)
    assert "Your number is hidden" not in spoken(root)
    assert "Where is your car" in spoken(root)



@pytest.mark.parametrize("sender", ["12345", "864321", "ROADSIDE", "Roadside Co", "+1508555", "whatsapp:+15085550142",
                                    "anonymous", ""])
def test_short_codes_alphanumeric_and_other_channels_stay_rejected(sender: str, redis_url: str,
                                                                   redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    assert sender_e164(sender) is None
    assert text_in(app, sender, "hello").status_code == 400


def test_twilio_21610_for_an_unlisted_number_records_the_opt_out(redis_url: str, redis_client: Any) -> None:
    from conftest import TEST_TWILIO_TOKEN
    from helpers.twilio_requests import post_signed

    app = gateway_app(redis_url, redis_client)
    params = {"MessageSid": "SM1", "MessageStatus": "undelivered", "ErrorCode": "21610",
              "To": UNLISTED_UK_MOBILE, "From": "+15005550006"}
    assert post_signed(app.test_client(), "/twilio/status", params, TEST_TWILIO_TOKEN).status_code == 204
    st = storage_of(app)
    assert st.consent.load(st.token(UNLISTED_UK_MOBILE)).opted_out


def test_written_e164_is_taken_as_twilio_gives_it_and_loose_input_stays_strict() -> None:
    from facts.phone import to_e164

    assert to_e164(UNLISTED_UK_MOBILE) == UNLISTED_UK_MOBILE  # e.g. `roadside erase --phone +447911923456`
    assert to_e164("07911 923456", "GB") is None  # keyed or spoken digits must be a listed number
    assert to_e164("12345") is None and to_e164("+1508555") is None
