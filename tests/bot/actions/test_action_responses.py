"""Every response the bot can say exists for SMS and for the ear."""

from __future__ import annotations

import re
from pathlib import Path

ACTIONS_DIR = Path(__file__).resolve().parents[3] / "bot" / "actions"


def test_every_response_has_an_sms_and_a_voice_variation(domain):
    for name, variations in domain["responses"].items():
        channels = [v.get("channel") for v in variations]
        assert None in channels, name + " has no default (SMS) text"
        assert "voice" in channels, name + " has no voice variation"


def test_voice_answers_have_no_links_emoji_or_reply_keywords(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            if variation.get("channel") != "voice":
                continue
            text = variation["text"]
            assert "http" not in text and "{privacy_url}" not in text, name
            assert not re.search(r"\bReply\b|\bYES\b|\bSTOP\b|\bAGENT\b", text), name
            assert all(ord(ch) < 0x2000 for ch in text), name + " has an emoji or symbol"
            assert "\n" not in text, name


def test_sms_answers_fit_a_small_screen(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            if variation.get("channel") is None:
                assert len(variation["text"]) <= 320, name


def test_responses_uttered_by_actions_exist_in_the_domain(domain):
    uttered = set()
    for path in ACTIONS_DIR.glob("*.py"):
        uttered |= set(re.findall(r'response="(utter_\w+)"', path.read_text(encoding="utf-8")))
    assert uttered, "no responses found"
    assert uttered <= set(domain["responses"]), uttered - set(domain["responses"])
