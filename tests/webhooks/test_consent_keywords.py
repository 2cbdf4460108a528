from __future__ import annotations

import pytest

from webhooks.consent_keywords import HELP, OPT_IN, OPT_OUT, classify, classify_opt_out_type, keyword_language

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


# Opt-outs in every language we serve (issue: an opt-out we miss is the worst failure there is).
FOREIGN = [
    ("DỪNG", OPT_OUT, "vi"), ("dừng", OPT_OUT, "vi"), ("Dung", OPT_OUT, "vi"), ("dừng lại!", OPT_OUT, "vi"),
    ("NGỪNG", OPT_OUT, "vi"), ("ngung", OPT_OUT, "vi"), ("HỦY", OPT_OUT, "vi"), ("huỷ", OPT_OUT, "vi"),
    ("huy", OPT_OUT, "vi"), ("BẮT ĐẦU", OPT_IN, "vi"), ("bat dau", OPT_IN, "vi"), ("trợ giúp", HELP, "vi"),
    ("BERHENTI", OPT_OUT, "id"), ("berhenti.", OPT_OUT, "id"), ("UNREG", OPT_OUT, "id"), ("unreg", OPT_OUT, "id"),
    ("MULAI", OPT_IN, "id"), ("bantuan", HELP, "id"),
    ("СТОП", OPT_OUT, "ru"), ("стоп", OPT_OUT, "ru"), ("Стоп!", OPT_OUT, "ru"), ("ОТПИСАТЬСЯ", OPT_OUT, "ru"),
    ("отписка", OPT_OUT, "ru"), ("СТАРТ", OPT_IN, "ru"), ("помощь", HELP, "ru"),
    ("stop", OPT_OUT, "en"), ("ＳＴＯＰ", OPT_OUT, "en"),
]
FOREIGN_ORDINARY = [
    "đúng", "Đúng rồi", "dung roi", "xe của tôi không nổ máy", "dừng xe ở đâu", "Ban mobil saya bocor di jalan tol",
    "berhenti di jalan tol", "машина сломалась", "стоп машина", "да", "ok",
]


@pytest.mark.parametrize("text, kind, language", FOREIGN)
def test_keywords_in_every_language(text: str, kind: str, language: str) -> None:
    assert classify(text) == kind
    assert keyword_language(text) == language


@pytest.mark.parametrize("text", FOREIGN_ORDINARY)
def test_ordinary_foreign_text_is_not_a_keyword(text: str) -> None:
    assert classify(text) is None
