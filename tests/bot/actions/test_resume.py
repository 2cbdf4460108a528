"""Issue 11 item 5: after a hand-off, the intake resumes from what is known (pure)."""

from __future__ import annotations

from bot.actions.resume import facts_from_texts, resume_events, slots_of

ISSUE_KNOWN = [{"event": "slot", "name": "issue", "value": "battery dead"},
               {"event": "slot", "name": "issue_category", "value": "battery"},
               {"event": "slot", "name": "tow_required", "value": False},
               {"event": "active_loop", "name": None},
               {"event": "slot", "name": "requested_slot", "value": None}]


def test_texts_to_the_agent_fill_slots_and_the_form_asks_what_is_missing() -> None:
    events = resume_events(ISSUE_KNOWN, ["hello?", "I'm on I-95 N at exit 12 in Stamford", "thanks"], now=5.0)
    assert events == [
        {"event": "slot", "timestamp": 5.0, "name": "pickup", "value": "I'm on I-95 N at exit 12 in Stamford"},
        {"event": "active_loop", "timestamp": 5.0, "name": "intake_form"},
        {"event": "slot", "timestamp": 5.0, "name": "requested_slot", "value": "vehicle"},
    ]


def test_nothing_new_still_resumes_at_the_first_missing_question() -> None:
    events = resume_events([], ["ok"], now=1.0)
    assert [(e["event"], e.get("value", e.get("name"))) for e in events] == [
        ("active_loop", "intake_form"), ("slot", "pickup")]


def test_known_slots_are_not_overwritten_and_a_sent_request_is_left_alone() -> None:
    slots = slots_of([*ISSUE_KNOWN, {"event": "slot", "name": "pickup", "value": "55 Oak Ave Worcester"}])
    assert "pickup" not in facts_from_texts(slots, ["I can wait at 12 Elm St"]), "a known place stays"
    assert facts_from_texts(slots, ["actually I'm at 12 Elm St now"])["pickup"] == "12 Elm St", "unless corrected"
    assert resume_events([*ISSUE_KNOWN, {"event": "slot", "name": "request_id", "value": "RS-7K3Q9"}],
                         ["2014 honda civic"], now=1.0) == []
    assert slots_of([*ISSUE_KNOWN, {"event": "restart"}]) == {}
