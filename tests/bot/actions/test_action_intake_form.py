"""validate_intake_form: facts from free text, vague pickups, tow drop-off, danger."""

from __future__ import annotations

import asyncio
from typing import Any

from conftest import TOKEN, make_tracker, responses, slot_values
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.intake_form import ValidateIntakeForm

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


def run_form(domain: dict[str, Any], **kwargs: Any) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(domain, **kwargs)
    events = asyncio.run(ValidateIntakeForm().run(dispatcher, tracker, domain))
    return events, dispatcher


def test_multi_fact_first_message_fills_pickup_issue_and_vehicle(domain, backend):
    events, dispatcher = run_form(domain, text="flat on I-95 N by exit 12, 2014 honda civic")

    values = slot_values(events)
    assert values["pickup"] == "I-95 N by exit 12"
    assert values["issue_category"] == "flat_tire"
    assert values["tow_required"] is False
    assert values["vehicle_year"] == 2014
    assert values["vehicle_make"] == "Honda"
    assert values["vehicle_model"] == "Civic"
    assert "dropoff" not in values
    assert dispatcher.messages == []
    assert backend.escalated == []


def test_only_the_missing_facts_are_left_to_ask(domain, backend):
    events, _ = run_form(domain, text="batery ded")

    values = slot_values(events)
    assert values["issue"] == "batery ded"
    assert values["issue_category"] == "battery"
    assert "pickup" not in values
    assert "vehicle" not in values


def test_vague_pickup_is_rejected_with_a_helpful_re_ask(domain, backend):
    for vague in ("idk", "here", "on the highway"):
        events, dispatcher = run_form(domain, text=vague, requested_slot="pickup")

        assert SlotSet("pickup", None) in events, vague
        assert slot_values(events)["pickup"] is None
        assert responses(dispatcher) == ["utter_pickup_too_vague"], vague


def test_requested_pickup_takes_the_whole_answer(domain, backend):
    events, dispatcher = run_form(domain, text="behind the walmart on route 9", requested_slot="pickup")

    assert "walmart on route 9" in slot_values(events)["pickup"]
    assert dispatcher.messages == []


def test_street_address_answer_fills_pickup(domain, backend):
    events, _ = run_form(domain, text="123 main st", requested_slot="pickup")

    assert slot_values(events)["pickup"].lower() == "123 main st"


def test_map_link_fills_pickup_with_a_point(domain, backend):
    events, _ = run_form(domain, text="https://maps.google.com/?q=41.0534,-73.5387", requested_slot="pickup")

    values = slot_values(events)
    assert values["pickup_lat"] == 41.0534
    assert values["pickup_lng"] == -73.5387
    assert values["pickup"]


def test_plain_coordinates_fill_pickup_with_a_point(domain, backend):
    events, _ = run_form(domain, text="40.7128, -74.0060", requested_slot="pickup")

    values = slot_values(events)
    assert values["pickup_lat"] == 40.7128
    assert values["pickup_lng"] == -74.006


def test_tow_needed_asks_for_the_dropoff_next(domain, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("issue") and k != "tow_required"}
    events, _ = run_form(domain, text="it needs a tow, transmission is gone", requested_slot="issue", slots=slots)

    values = slot_values(events)
    assert values["tow_required"] is True
    assert values["requested_slot"] == "dropoff"


def test_no_tow_means_no_dropoff_question(domain, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("issue") and k != "tow_required"}
    events, _ = run_form(domain, text="flat tire", requested_slot="issue", slots=slots)

    values = slot_values(events)
    assert values["issue_category"] == "flat_tire"
    assert values["tow_required"] is False
    assert values.get("requested_slot") is None
    assert "dropoff" not in values


def test_dropoff_answer_completes_a_tow_request(domain, backend):
    slots = {**FILLED, "issue": "need a tow", "issue_category": "tow", "tow_required": True}
    events, _ = run_form(domain, text="joes garage on 5th st", requested_slot="dropoff", slots=slots)

    values = slot_values(events)
    assert values["dropoff"] == "joes garage on 5th st"
    assert values["requested_slot"] is None


def test_control_messages_fill_nothing_so_the_form_steps_aside(domain, backend):
    for text, intent in (
        ("change the address", "change_field"),
        ("what do you do with my number", "ask_privacy"),
        ("talk to a person", "ask_agent"),
    ):
        events, dispatcher = run_form(domain, text=text, intent=intent, requested_slot="pickup")

        assert events == [], text
        assert dispatcher.messages == []


def test_unrecognised_text_is_not_taken_as_an_answer(domain, backend):
    events, _ = run_form(domain, text="zxqv blorp", intent="nlu_fallback", requested_slot="vehicle", slots=FILLED | {"vehicle": None})

    assert events == []


def test_filled_slot_is_not_overwritten_by_a_later_answer(domain, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    events, _ = run_form(domain, text="2018 toyota camry", requested_slot="vehicle", slots=slots)

    values = slot_values(events)
    assert values["vehicle_make"] == "Toyota"
    assert values["vehicle_model"] == "Camry"
    assert values.get("pickup", slots["pickup"]) == slots["pickup"]


def test_danger_in_any_answer_gives_the_number_first_then_escalates_urgently(domain, backend):
    events, dispatcher = run_form(domain, text="car is on fire on I-95 N by exit 12", requested_slot="pickup")

    assert responses(dispatcher)[0] == "utter_emergency_number"
    assert dispatcher.messages[0]["emergency_number"] == "911"
    assert responses(dispatcher)[-1] == "utter_emergency_handoff"
    assert len(backend.escalated) == 1
    token, reason, priority, summary = backend.escalated[0]
    assert (token, reason, priority) == (TOKEN, "emergency", "urgent")
    assert "exit 12" in summary["pickup"]
    assert SlotSet("emergency_reported", True) in events
    assert events[-2:] == [ActiveLoop(None), FollowupAction("action_listen")]


def test_danger_is_escalated_once(domain, backend):
    events, dispatcher = run_form(
        domain, text="smoke coming from the hood", requested_slot="vehicle", slots={"emergency_reported": True}
    )

    assert backend.escalated == []
    assert "utter_emergency_number" not in responses(dispatcher)
