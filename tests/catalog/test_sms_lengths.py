"""What every text costs in SMS segments, in every language (Vietnamese and Russian go out as UCS-2)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog import message_ids, placeholders, text
from facts.languages import SUPPORTED
from facts.sms_segments import is_gsm7, segments
from webhooks.twiml import reply_bodies

ROOT = Path(__file__).resolve().parents[2]
# The longest values the gateway fills in (a 20-character service name, a real-length privacy link).
FIELDS = {"service": "Roadside Assist Team", "privacy_url": "https://roadside.example.com/privacy",
          "emergency_number": "911"}
SMS_IDS = sorted(i for i in message_ids("en") if i.startswith("sms."))
# The help text says what carriers require: it may take the two segments it takes in English too.
BUDGET = 2


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("message_id", SMS_IDS)
def test_every_gateway_text_fits_two_segments_in_every_language(message_id: str, language: str) -> None:
    said = text(message_id, language, **{f: FIELDS[f] for f in placeholders(message_id, language)})
    assert segments(said) <= BUDGET, f"{language} {message_id}: {segments(said)} segments, {len(said)} characters"
    # Vietnamese and Russian really are UCS-2; Indonesian and English stay GSM-7 (160 a segment).
    assert is_gsm7(said) is (language in ("en", "id")), said


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_first_reply_with_its_notice_is_split_counting_ucs2(language: str) -> None:
    notice = text("sms.first_contact", language, service=FIELDS["service"], privacy_url=FIELDS["privacy_url"])
    bodies = reply_bodies([text("sms.empty_message", language)], max_parts=3, notices=[notice])
    assert sum(segments(b) for b in bodies) <= 4
    assert all(segments(b) <= 3 for b in bodies)


def _domain() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))
    return loaded


def _language_of(variation: dict[str, Any]) -> str | None:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return None


def test_every_domain_response_fits_its_budget_in_every_language_it_has() -> None:
    long_value = "x" * 20
    for name, variations in _domain()["responses"].items():
        for variation in variations:
            if variation.get("channel") == "voice" or "text" not in variation:
                continue
            said = re.sub(r"\{(\w+)\}", long_value, variation["text"])
            limit = 3 if name in {"utter_summary", "utter_summary_tow", "utter_privacy"} else 2
            assert segments(said) <= limit, (name, _language_of(variation), segments(said))


def test_every_domain_response_has_every_language() -> None:
    responses = _domain()["responses"]
    languages = {_language_of(v) for variations in responses.values() for v in variations} - {None}
    if not languages:
        pytest.skip("the domain has no language variations yet (written on the lang branch)")
    for name, variations in responses.items():
        for channel in {v.get("channel") for v in variations}:
            present = {_language_of(v) or "en" for v in variations if v.get("channel") == channel}
            assert present >= set(SUPPORTED), (name, channel, set(SUPPORTED) - present)


# What the console fills in: the longest ETA an agent may set, a request reference, a four-digit emergency number.
CONSOLE_FIELDS = {**FIELDS, "request_id": "RS-7K3Q9", "ref": "RS-7K3Q9", "eta": "600", "emergency_number": "1669"}
CONSOLE_IDS = sorted(i for i in message_ids("en") if i.split(".")[0] in ("status", "closed", "canned"))


def test_the_console_texts_are_in_the_catalog() -> None:
    assert {"status.assigned", "status.assigned_eta", "status.en_route", "status.arrived", "status.completed",
            "canned.location", "canned.vehicle", "canned.will_call"} <= set(CONSOLE_IDS)


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("message_id", CONSOLE_IDS)
def test_every_console_text_fits_two_segments_in_every_language(message_id: str, language: str) -> None:
    said = text(message_id, language, **{f: CONSOLE_FIELDS[f] for f in placeholders(message_id, language)})
    assert segments(said) <= BUDGET, f"{language} {message_id}: {segments(said)} segments, {len(said)} characters"
    assert is_gsm7(said) is (language in ("en", "id")), said
