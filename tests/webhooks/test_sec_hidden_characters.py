"""Issue 14, item 12: hidden characters must not hide a consent keyword."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.gateway import gateway_app, storage_of, text_in
from helpers.twilio_requests import messages
from webhooks.consent_keywords import HELP, OPT_IN, OPT_OUT, classify
from webhooks.sms_text import clean_inbound

PHONE = "+15085550142"

HIDDEN_STOPS = ["ST\u200bOP", "\ufeffSTOP", "S\u00adTOP", "STOP\u200d", "S\u2060T\u2060O\u2060P", "\u202eSTOP",
                "ST\x00OP", "OPT\u200b OUT"]


@pytest.mark.parametrize("text", HIDDEN_STOPS)
def test_opt_out_with_hidden_characters(text: str) -> None:
    assert classify(text) == OPT_OUT


def test_other_keywords_with_hidden_characters() -> None:
    assert classify("STA\u200bRT") == OPT_IN
    assert classify("HE\u00adLP") == HELP


def test_line_breaks_still_separate_words() -> None:
    assert classify("OPT\nOUT") == OPT_OUT
    assert classify("stop\nsending me texts") is None


def test_dialogue_and_gate_read_the_same_text() -> None:
    for text in HIDDEN_STOPS:
        cleaned, _ = clean_inbound(text)
        assert classify(cleaned) == classify(text) == OPT_OUT


def test_zero_width_stop_opts_the_number_out(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    [reply] = messages(text_in(app, PHONE, "ST\u200bOP"))
    assert "unsubscribed" in reply
    st = storage_of(app)
    assert st.consent.load(st.token(PHONE)).opted_out
    assert messages(text_in(app, PHONE, "my car broke down")) == []
