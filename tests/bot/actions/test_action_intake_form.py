"""validate_intake_form: facts from free text, vague pickups, tow drop-off, danger."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from bot.actions.intake_form import ValidateIntakeForm, dropoff_place

FILLED = {
    "pickup": "123 Main St, Springfield",
    "issue": "flat tire",
    "issue_category": "flat_tire",
    "tow_required": False,
    "vehicle": "2014 Honda Civic",
    "vehicle_year": 2014,
    "vehicle_make": "Honda",
    "vehicle_model": "Civic",
}
WITHOUT_ISSUE = {k: v for k, v in FILLED.items() if not k.startswith("issue") and k != "tow_required"}


def test_multi_fact_first_message_fills_pickup_issue_and_vehicle(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="flat on I-95 N by exit 12, 2014 honda civic")

    assert out.slots["pickup"] == "I-95 N by exit 12"
    assert out.slots["issue_category"] == "flat_tire"
    assert out.slots["tow_required"] is False
    assert out.slots["vehicle_year"] == 2014
    assert out.slots["vehicle_make"] == "Honda"
    assert out.slots["vehicle_model"] == "Civic"
    assert "dropoff" not in out.slots
    assert out.messages == []
    assert backend.escalated == []


def test_only_the_missing_facts_are_left_to_ask(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="batery ded")

    assert out.slots["issue"] == "batery ded"
    assert out.slots["issue_category"] == "battery"
    assert "pickup" not in out.slots
    assert "vehicle" not in out.slots


def test_vague_pickup_is_rejected_with_a_helpful_re_ask(run_action, backend):
    for vague in ("idk", "here", "on the highway"):
        out = run_action(ValidateIntakeForm(), text=vague, requested_slot="pickup")

        assert SlotSet("pickup", None) in out.events, vague
        assert out.slots["pickup"] is None, vague
        assert out.responses == ["utter_pickup_too_vague"], vague


def test_requested_pickup_takes_the_whole_answer(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="behind the walmart on route 9", requested_slot="pickup")

    assert out.slots["pickup"] == "behind the walmart on route 9"
    assert out.messages == []


def test_street_address_answer_keeps_the_town(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="123 main st springfield", requested_slot="pickup")

    assert out.slots["pickup"] == "123 main st springfield"


def test_pickup_answer_with_other_facts_takes_only_the_location_part(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="I-95 N by exit 12, 2014 honda civic", requested_slot="pickup")

    assert out.slots["pickup"] == "I-95 N by exit 12"
    assert out.slots["vehicle_make"] == "Honda"


def test_map_link_fills_pickup_with_a_point(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="https://maps.google.com/?q=41.0534,-73.5387", requested_slot="pickup")

    assert out.slots["pickup_lat"] == 41.0534
    assert out.slots["pickup_lng"] == -73.5387
    assert out.slots["pickup"]


def test_plain_coordinates_fill_pickup_with_a_point(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="40.7128, -74.0060", requested_slot="pickup")

    assert out.slots["pickup_lat"] == 40.7128
    assert out.slots["pickup_lng"] == -74.006


def test_tow_needed_asks_for_the_dropoff_next(run_action, backend):
    out = run_action(
        ValidateIntakeForm(), text="it needs a tow, transmission is gone", requested_slot="issue", slots=WITHOUT_ISSUE
    )

    assert out.slots["tow_required"] is True
    assert out.slots["requested_slot"] == "dropoff"


def test_no_tow_means_no_dropoff_question(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="flat tire", requested_slot="issue", slots=WITHOUT_ISSUE)

    assert out.slots["issue_category"] == "flat_tire"
    assert out.slots["tow_required"] is False
    assert out.slots.get("requested_slot") is None
    assert "dropoff" not in out.slots


def test_dropoff_answer_completes_a_tow_request(run_action, backend):
    slots = {**FILLED, "issue": "need a tow", "issue_category": "tow", "tow_required": True}
    out = run_action(
        ValidateIntakeForm(), text="tow it to joes garage on 5th st", requested_slot="dropoff", slots=slots
    )

    assert out.slots["dropoff"] == "joes garage on 5th st"
    assert out.slots["requested_slot"] is None


def test_control_messages_fill_nothing_so_the_form_steps_aside(run_action, backend):
    for text, intent in (
        ("change the address", "change_field"),
        ("what do you do with my number", "ask_privacy"),
        ("talk to a person", "ask_agent"),
    ):
        out = run_action(ValidateIntakeForm(), text=text, intent=intent, requested_slot="pickup")

        assert out.events == [], text
        assert out.messages == []


def test_unrecognised_text_is_not_taken_as_an_answer(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    out = run_action(
        ValidateIntakeForm(), text="zxqv blorp", intent="nlu_fallback", requested_slot="vehicle", slots=slots
    )

    assert out.events == []


def test_vehicle_answer_fills_year_make_model_and_leaves_pickup_alone(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    out = run_action(ValidateIntakeForm(), text="2018 toyota camry", requested_slot="vehicle", slots=slots)

    assert out.slots["vehicle_year"] == 2018
    assert out.slots["vehicle_make"] == "Toyota"
    assert out.slots["vehicle_model"] == "Camry"
    assert "pickup" not in out.slots


def test_danger_in_any_answer_gives_the_number_first_then_escalates_urgently(run_action, backend, token):
    out = run_action(ValidateIntakeForm(), text="car is on fire on I-95 N by exit 12", requested_slot="pickup")

    assert out.responses[0] == "utter_emergency_number"
    assert out.messages[0]["emergency_number"] == "911"
    assert out.responses[-1] == "utter_emergency_handoff"
    assert len(backend.escalated) == 1
    sender, reason, priority, summary = backend.escalated[0]
    assert (sender, reason, priority) == (token, "emergency", "urgent")
    assert "exit 12" in summary["pickup"]
    assert SlotSet("emergency_reported", True) in out.events
    assert out.events[-2:] == [ActiveLoop(None), FollowupAction("action_listen")]


def test_danger_is_escalated_once(run_action, backend):
    out = run_action(
        ValidateIntakeForm(),
        text="smoke coming from the hood",
        requested_slot="vehicle",
        slots={"emergency_reported": True},
    )

    assert backend.escalated == []
    assert "utter_emergency_number" not in out.responses


@pytest.mark.parametrize(
    ("answer", "place"),
    [
        ("tow it to joes garage on 5th st", "joes garage on 5th st"),
        ("take my car to 88 oak ave", "88 oak ave"),
        ("to firestone on broadway", "firestone on broadway"),
        ("pep boys on main st", "pep boys on main st"),
        ("to", "to"),
    ],
)
def test_dropoff_place_drops_the_lead_in(answer, place):
    assert dropoff_place(answer) == place
