"""The ``language`` slot follows the language the gateway sends with each message."""

from __future__ import annotations

from typing import Any

import pytest

from bot.actions.language import ValidateSlotMappings


def test_the_action_is_the_one_rasa_runs_after_every_message(domain: dict[str, Any]) -> None:
    assert ValidateSlotMappings().name() == "action_validate_slot_mappings"
    assert "action_validate_slot_mappings" in domain["actions"]
    slot = domain["slots"]["language"]
    assert slot["values"] == ["en", "vi", "id", "ru"] and slot["influence_conversation"] is False


@pytest.mark.parametrize("active_loop", [None, "intake_form"])
@pytest.mark.parametrize("language", ["vi", "id", "ru", "en"])
def test_the_slot_is_set_from_the_metadata_in_and_out_of_the_form(run_action, language: str,
                                                                  active_loop: str | None) -> None:
    outcome = run_action(ValidateSlotMappings(), text="xe toi bi hong", metadata={"language": language},
                         slots={"language": "en" if language != "en" else "ru"}, active_loop=active_loop)
    assert outcome.slots == {"language": language}
    assert outcome.messages == []


@pytest.mark.parametrize("metadata", [{}, {"language": "fr"}, {"language": 7}, {"region": "VN"}])
def test_no_or_an_unknown_language_leaves_the_slot_alone(run_action, metadata: dict[str, Any]) -> None:
    outcome = run_action(ValidateSlotMappings(), text="ok", metadata=metadata, slots={"language": "vi"})
    assert outcome.slots == {}


def test_the_same_language_sets_nothing(run_action) -> None:
    outcome = run_action(ValidateSlotMappings(), text="ok", metadata={"language": "ru"}, slots={"language": "ru"})
    assert outcome.events == []


def test_other_custom_slots_are_not_touched(run_action) -> None:
    outcome = run_action(ValidateSlotMappings(), text="ok", metadata={"language": "id"},
                         slots={"language": "en", "confirming": "summary", "pickup_accuracy": 12.0})
    assert outcome.slots == {"language": "id"}

