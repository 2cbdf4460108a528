"""Every response speaks every language, and every intent has examples in every language (YAML only)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from facts.sms_segments import segments
from helpers.nlu_examples import intent_examples

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("vi", "id", "ru")
MIN_EXAMPLES = 25
PLACEHOLDER = re.compile(r"\{(\w+)\}")

# The longest values the bot puts in (as tests/bot/actions/test_response_lengths.py).
LONG_VALUES = {
    "pickup": "p" * 80, "issue": "i" * 80, "vehicle": "v" * 80, "dropoff": "d" * 80,
    "request_id": "RS-7K3Q9", "retention_days": "365", "privacy_url": "https://example.com/privacy",
    "emergency_number": "911", "location_link": "https://roadside.example.com/l/" + "x" * 32,
}
# Vietnamese and Russian go out as UCS-2 (67 characters a segment when split): the read-back
# alone carries up to 240-320 characters of the driver's own words, so it may take more.
BUDGETS = {"utter_summary": {"en": 3, "id": 3, "vi": 5, "ru": 5},
           "utter_summary_tow": {"en": 3, "id": 3, "vi": 6, "ru": 6},
           "utter_privacy": {"en": 3, "id": 3, "vi": 3, "ru": 3}}
ASIDES = ("utter_ack", "utter_got_it", "utter_didnt_get", "utter_answer_eta", "utter_take_your_time")
ASKS = ("utter_ask_pickup", "utter_reask_pickup", "utter_ask_issue", "utter_ask_vehicle")


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "bot" / "domain.yml").read_text(encoding="utf-8"))


def language_of(variation: dict[str, Any]) -> str:
    conditions = variation.get("condition") or []
    values = [c["value"] for c in conditions if c.get("type") == "slot" and c.get("name") == "language"]
    assert len(values) == len(conditions) <= 1, f"unexpected condition {conditions}"
    return values[0] if values else "en"


def variations_by_key(variations: list[dict[str, Any]]) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    keyed: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for variation in variations:
        keyed.setdefault((language_of(variation), variation.get("channel")), []).append(variation)
    return keyed


def placeholders(variations: list[dict[str, Any]]) -> set[str]:
    return {name for v in variations for name in PLACEHOLDER.findall(v["text"])}


def sms_text(domain: dict[str, Any], name: str, language: str) -> str:
    return variations_by_key(domain["responses"][name])[(language, None)][0]["text"]


def test_the_language_slot_is_categorical_and_not_featurised(domain):
    slot = domain["slots"]["language"]
    assert slot["type"] == "categorical"
    assert slot["influence_conversation"] is False
    assert set(slot["values"]) == {"en", *LANGUAGES}
    assert slot["mappings"] == [{"type": "custom"}]


def test_every_response_has_every_language_on_every_channel_english_has(domain):
    for name, variations in domain["responses"].items():
        keyed = variations_by_key(variations)
        english_channels = {channel for (language, channel) in keyed if language == "en"}
        assert None in english_channels, f"{name}: no unconditioned English text"
        for language in LANGUAGES:
            channels = {channel for (lang, channel) in keyed if lang == language}
            assert channels == english_channels, f"{name} [{language}]: {channels} != {english_channels}"


def test_every_translation_keeps_the_english_placeholders(domain):
    for name, variations in domain["responses"].items():
        keyed = variations_by_key(variations)
        for (language, channel), group in keyed.items():
            english = placeholders(keyed[("en", channel)])
            assert placeholders(group) == english, f"{name} [{language}, {channel}]"


def test_translations_are_not_the_english_text(domain):
    for name, variations in domain["responses"].items():
        keyed = variations_by_key(variations)
        for (language, channel), group in keyed.items():
            if language == "en" or PLACEHOLDER.fullmatch(group[0]["text"]):
                continue
            assert group[0]["text"] != keyed[("en", channel)][0]["text"], f"{name} [{language}] is English"


def test_every_sms_text_fits_its_segment_budget_in_every_language(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            if variation.get("channel") == "voice":
                continue
            language = language_of(variation)
            filled = PLACEHOLDER.sub(lambda m: LONG_VALUES.get(m.group(1), "x" * 20), variation["text"])
            budget = BUDGETS.get(name, {}).get(language, 2)
            assert segments(filled) <= budget, f"{name} [{language}]: {segments(filled)} segments"


def test_a_question_with_its_short_answer_fits_two_segments_in_every_language(domain):
    for language in LANGUAGES:
        for aside in ASIDES:
            for ask in ASKS:
                text = sms_text(domain, aside, language) + "\n" + sms_text(domain, ask, language)
                assert segments(text) <= 2, (language, aside, ask, segments(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_enough_distinct_examples_in_each_language(domain, language):
    examples = intent_examples(ROOT / "nlu" / f"{language}.yml")
    assert set(examples) <= set(domain["intents"]), set(examples) - set(domain["intents"])
    for intent in domain["intents"]:
        distinct = {e.casefold() for e in examples.get(intent, [])}
        assert len(distinct) >= MIN_EXAMPLES, f"{language} {intent}: {len(distinct)} examples"


def test_no_example_is_given_two_intents():
    seen: dict[str, str] = {}
    for path in sorted((ROOT / "nlu").glob("*.yml")):
        for intent, lines in intent_examples(path).items():
            for line in lines:
                key = line.casefold()
                assert seen.setdefault(key, intent) == intent, f"{line!r}: {seen[key]} and {intent}"
