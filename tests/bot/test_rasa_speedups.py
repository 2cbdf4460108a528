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


def test_rasa_finds_event_classes_with_the_cached_look_up() -> None:
    from rasa.shared.core.events import Event

    from bot.rasa_speedups import resolve_by_type
    assert Event.resolve_by_type is resolve_by_type


EVENT_NAMES = ["user", "bot", "slot", "action", "active_loop", "loop_interrupted", "session_started", "restart",
               "followup", "reminder", "pause", "resume", "rewind", "undo", "export", "user_featurization",
               "entities", "action_execution_rejected", "agent"]


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_every_event_name_gives_the_class_rasa_gives(name: str) -> None:
    from bot.rasa_speedups import _ORIGINAL_RESOLVE, resolve_by_type
    expected = _ORIGINAL_RESOLVE(name)
    assert resolve_by_type(name) is expected
    assert resolve_by_type(name) is expected  # and again, from the cache


def test_unknown_names_behave_as_in_rasa() -> None:
    from rasa.shared.core.events import SlotSet

    from bot.rasa_speedups import resolve_by_type
    assert resolve_by_type("topic") is None
    assert resolve_by_type("no-such-event", SlotSet) is SlotSet
    assert resolve_by_type("no-such-event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no-such-event'"):
        resolve_by_type("no-such-event")


def test_a_stored_tracker_reads_back_the_same_events() -> None:
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    events = [ActionExecuted("action_listen"), UserUttered("flat tire", {"name": "inform", "confidence": 1.0}),
              SlotSet("issue", "flat tire"), ActionExecuted("intake_form")]
    tracker = DialogueStateTracker.from_events("t", events)
    back = DialogueStateTracker.from_dict("t", tracker.current_state(EventVerbosity.ALL)["events"])
    assert list(back.events) == list(tracker.events)
