"""Correcting one field of the summary clears just that field."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction

from bot.actions.change_field import ActionChangeField
from bot.actions.parsing.fields import field_named_in

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


@pytest.fixture
def change(run_action):
    def run(text, intent="change_field"):
        return run_action(ActionChangeField(), text=text, intent=intent, slots=SLOTS, active_loop=None)

    return run


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


def test_change_the_address_clears_pickup_and_its_point(change):
    out = change("change the address")

    assert out.slots == {
        "field_to_change": "pickup",
        "confirming": None,
        "pickup": None,
        "pickup_lat": None,
        "pickup_lng": None,
    }
    assert out.responses == ["utter_will_change"]


def test_wrong_car_clears_only_the_vehicle(change):
    values = change("wrong car").slots
    assert values["field_to_change"] == "vehicle"
    assert {k for k, v in values.items() if v is None} == {
        "confirming",
        "vehicle",
        "vehicle_year",
        "vehicle_make",
        "vehicle_model",
    }


def test_different_problem_clears_issue_category_and_tow(change):
    values = change("the problem is different").slots

    assert values["field_to_change"] == "issue"
    assert values["issue"] is None and values["issue_category"] is None and values["tow_required"] is None


def test_changing_the_dropoff_means_a_tow(change):
    values = change("change the drop off").slots

    assert values["dropoff"] is None
    assert values["tow_required"] is True


def test_unclear_change_asks_which_field_and_waits(change):
    out = change("i want to change something")

    assert out.events == [FollowupAction("action_listen")]
    assert out.responses == ["utter_ask_what_to_change"]


def test_a_new_fact_at_the_summary_replaces_that_field(change):
    out = change("its actually a 2015 toyota camry", intent="inform")

    assert out.slots["field_to_change"] == "vehicle"
    assert out.slots["vehicle"] is None
    assert out.messages == []
