from __future__ import annotations

import pytest

from webhooks.consent_keywords import HELP, OPT_IN, OPT_OUT, classify, classify_opt_out_type

OPT_OUTS = ["STOP", "stop", "Stop.", " stop ", "STOP!", "stopall", "Unsubscribe", "cancel", "END", "quit",
            "revoke", "optout", "opt out", "Opt-Out", "OPT  OUT", "stop 🛑", "«stop»", "ＳＴＯＰ"]
OPT_INS = ["START", "start", "Yes", "yes!", "UNSTOP", " unstop. "]
HELPS = ["HELP", "help?", "Info", "INFO."]
ORDINARY = ["stop sending me texts", "cancel my tow", "please stop", "help me my car broke down",
            "yes that's right", "", "   ", "stopp", "the end of the road", "I-95 exit 12"]


@pytest.mark.parametrize("text", OPT_OUTS)
def test_opt_out_spellings(text: str) -> None:
    assert classify(text) == OPT_OUT


@pytest.mark.parametrize("text", OPT_INS)
def test_opt_in_spellings(text: str) -> None:
    assert classify(text) == OPT_IN


@pytest.mark.parametrize("text", HELPS)
def test_help_spellings(text: str) -> None:
    assert classify(text) == HELP


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_a_keyword(text: str) -> None:
    assert classify(text) is None


def test_none_body() -> None:
    assert classify(None) is None


@pytest.mark.parametrize(
    "value, expected", [("STOP", OPT_OUT), ("START", OPT_IN), ("HELP", HELP), ("", None), (None, None)]
)
def test_twilio_opt_out_type(value: str | None, expected: str | None) -> None:
    assert classify_opt_out_type(value) == expected
