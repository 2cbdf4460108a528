"""Rasa's check of the action server's answers, with the schema checked once: same verdicts, same errors."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import bot.channels  # noqa: F401  (loading our channels installs the faster check, as in the Rasa server)
from bot.rasa_speedups import _ORIGINAL, validate_action_result

GOOD = [
    {"events": [{"event": "slot", "name": "pickup", "value": "I-95 exit 12"}], "responses": [{"text": "Which car?"}]},
    {"events": [], "responses": []},
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"name": "pickup"}]},  # an event without its type
    {"responses": {"text": "not a list"}},
]


def test_rasa_uses_the_faster_check() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


@pytest.mark.parametrize("answer", GOOD)
def test_valid_answers_pass_both_checks(answer: dict) -> None:
    action = RemoteAction("action_x", None)
    assert validate_action_result(action, answer) is True
    assert _ORIGINAL(action, answer) is True


@pytest.mark.parametrize("answer", BAD)
def test_invalid_answers_fail_both_checks_with_the_same_message(answer: dict) -> None:
    action = RemoteAction("action_x", None)
    with pytest.raises(ValidationError) as ours:
        validate_action_result(action, answer)
    with pytest.raises(ValidationError) as theirs:
        _ORIGINAL(action, answer)
    assert ours.value.message == theirs.value.message
    assert "Failed to validate Action server response" in ours.value.message
