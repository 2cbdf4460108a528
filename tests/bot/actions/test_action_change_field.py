"""Correcting one field of the summary clears just that field."""

from __future__ import annotations

import asyncio

import pytest
from conftest import make_tracker, responses, slot_values
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.change_field import ActionChangeField, field_named_in

SLOTS = {
    "pickup": "I-95 N by exit 12",
    "pickup_lat": 41.05,
    "pickup_lng": -73.53,
    "issue": "flat tire",
    "issue_category": "flat_tire",
    "tow_required": False,
    "vehicle": "2014 honda civic",
    "vehicle_year": 2014,
    "vehicle_make": "Honda",
    "vehicle_model": "Civic",
    "confirming": "summary",
}


def change(domain, text, intent="change_field"):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(domain, text=text, intent=intent, slots=SLOTS, active_loop=None)
    return asyncio.run(ActionChangeField().run(dispatcher, tracker, domain)), dispatcher


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("change the address", "pickup"),
        ("wrong location", "pickup"),
        ("wrong car", "vehicle"),
        ("the year is wrong", "vehicle"),
        ("the problem is different", "issue"),
        ("change the drop off", "dropoff"),
        ("tow it somewhere else", "dropoff"),
        ("i want to change something", None),
    ],
)
def test_field_named_in_a_correction(text, field):
    assert field_named_in(text) == field


def test_change_the_address_clears_pickup_and_its_point(domain):
    events, dispatcher = change(domain, "change the address")

    assert slot_values(events) == {
        "field_to_change": "pickup",
        "confirming": None,
        "pickup": None,
        "pickup_lat": None,
        "pickup_lng": None,
    }
    assert responses(dispatcher) == ["utter_will_change"]


def test_wrong_car_clears_only_the_vehicle(domain):
    events, _ = change(domain, "wrong car")

    values = slot_values(events)
    assert values["field_to_change"] == "vehicle"
    assert {k for k, v in values.items() if v is None} == {
        "confirming",
        "vehicle",
        "vehicle_year",
        "vehicle_make",
        "vehicle_model",
    }


def test_different_problem_clears_issue_category_and_tow(domain):
    values = slot_values(change(domain, "the problem is different")[0])

    assert values["field_to_change"] == "issue"
    assert values["issue"] is None and values["issue_category"] is None and values["tow_required"] is None


def test_changing_the_dropoff_means_a_tow(domain):
    values = slot_values(change(domain, "change the drop off")[0])

    assert values["dropoff"] is None
    assert values["tow_required"] is True


def test_unclear_change_asks_which_field_and_waits(domain):
    events, dispatcher = change(domain, "i want to change something")

    assert events == [FollowupAction("action_listen")]
    assert responses(dispatcher) == ["utter_ask_what_to_change"]


def test_a_new_fact_at_the_summary_replaces_that_field(domain):
    events, dispatcher = change(domain, "its actually a 2015 toyota camry", intent="inform")

    values = slot_values(events)
    assert values["field_to_change"] == "vehicle"
    assert values["vehicle"] is None
    assert dispatcher.messages == []
