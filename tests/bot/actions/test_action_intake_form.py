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


def test_vague_pickup_gets_one_follow_up_instead_of_being_taken(run_action, backend):
    for vague in ("idk", "here", "on the highway", "on the mass pike", "I-95", "in stamford"):
        out = run_action(ValidateIntakeForm(), text=vague, requested_slot="pickup")

        assert "pickup" not in out.slots, vague
        assert out.slots["pickup_hint"] is not None, vague
        assert out.slots["turn"] == "rough", vague
        assert out.slots["requested_slot"] == "pickup", vague
        assert out.messages == [], vague  # action_ask_pickup asks the follow-up


def test_after_the_follow_up_the_answer_is_joined_to_the_rough_place(run_action, backend):
    slots = {"pickup_hint": "on the mass pike", "pickup_detail_asked": True}
    out = run_action(ValidateIntakeForm(), text="exit 12", requested_slot="pickup", slots=slots)

    assert out.slots["pickup"] == "on the mass pike, exit 12"
    assert out.slots["pickup_hint"] is None
    assert out.slots["requested_slot"] == "issue"


def test_after_the_follow_up_a_rough_answer_is_accepted(run_action, backend):
    slots = {"pickup_hint": "on the mass pike", "pickup_detail_asked": True}
    out = run_action(ValidateIntakeForm(), text="idk", requested_slot="pickup", slots=slots)

    assert out.slots["pickup"] == "on the mass pike"


def test_driver_who_twice_does_not_know_where_they_are_gets_a_person(run_action, backend):
    slots = {"pickup_hint": "", "pickup_detail_asked": True}
    out = run_action(ValidateIntakeForm(), text="no idea", requested_slot="pickup", slots=slots)

    assert out.responses == ["utter_handoff_location"]
    assert [r for _, r, _, _ in backend.escalated] == ["location_unknown"]
    assert out.events[-1] == FollowupAction("action_listen")


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


def test_messages_that_leave_the_form_reject_it_so_their_rules_run(run_action, backend):
    for text, intent in (
        ("change the address", "change_field"),
        ("talk to a person", "ask_agent"),
        ("cancel my tow", "cancel_request"),
        ("delete my data", "delete_my_data"),
    ):
        out = run_action(ValidateIntakeForm(), text=text, intent=intent, requested_slot="pickup")

        assert out.events == [], text
        assert out.messages == []


@pytest.mark.parametrize(
    ("text", "intent", "responses", "turn"),
    [
        ("yes", "affirm", ["utter_ack"], "ack"),
        ("ok", "affirm", ["utter_ack"], "ack"),
        ("no", "deny", ["utter_ack"], "ack"),
        ("👍", "nlu_fallback", ["utter_ack"], "ack"),
        ("?", "nlu_fallback", ["utter_ack"], "ack"),
        ("thanks", "thanks", ["utter_youre_welcome"], "ack"),
        ("wait", "wait", ["utter_take_your_time"], "wait"),
        ("hold on let me look", "ask_agent", ["utter_take_your_time"], "wait"),
        ("how long will it take?", "ask_privacy", ["utter_answer_eta"], "question"),
        ("is my insurance covering this", "out_of_scope", ["utter_answer_cost"], "question"),
        ("are you a bot", "bot_challenge", ["utter_iamabot"], "question"),
        ("what's my reference", "ask_reference", ["utter_no_reference_yet"], "question"),
        ("what do you do with my number", "ask_privacy", ["utter_privacy"], "question"),
    ],
)
def test_asides_get_a_short_answer_and_the_form_stays_on_the_question(run_action, backend, text, intent, responses,
                                                                      turn):
    out = run_action(ValidateIntakeForm(), text=text, intent=intent, requested_slot="pickup")

    assert out.responses == responses
    assert out.slots["turn"] == turn
    assert out.slots["requested_slot"] == "pickup"
    assert "pickup" not in out.slots
    assert backend.escalated == []


@pytest.mark.parametrize(("text", "language"), [("idk", "en"), ("ko biet", "vi"), ("gak tau", "id"), ("не знаю", "ru")])
def test_dont_know_is_met_with_no_problem_not_a_yes(run_action, backend, text, language):
    out = run_action(ValidateIntakeForm(), text=text, intent="out_of_scope", requested_slot="vehicle",
                     slots={**WITHOUT_ISSUE, "language": language})

    assert out.responses == ["utter_no_problem"]
    assert out.slots["requested_slot"] == "issue" and "vehicle" not in out.slots
    assert backend.escalated == []


def test_callback_request_is_recorded_for_the_dispatch_request(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="can you call me instead", intent="ask_callback",
                     requested_slot="vehicle", slots=WITHOUT_ISSUE)

    assert out.responses == ["utter_callback_noted"]
    assert out.slots["callback_requested"] is True
    assert out.slots["requested_slot"] == "issue"


def test_an_answer_to_another_question_fills_its_own_slot(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="my battery died", requested_slot="pickup")

    assert out.slots["issue_category"] == "battery"
    assert "pickup" not in out.slots
    assert out.responses == ["utter_got_it"]
    assert out.slots["requested_slot"] == "pickup"


def test_a_place_sent_when_the_car_was_asked_is_not_the_car(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle") and not k.startswith("pickup")}
    out = run_action(ValidateIntakeForm(), text="I'm at 12 Elm St", requested_slot="vehicle", slots=slots)

    assert out.slots["pickup"] == "12 Elm St"
    assert "vehicle" not in out.slots
    assert out.slots["requested_slot"] == "vehicle"


def test_unrecognised_text_is_not_taken_as_an_answer(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    out = run_action(
        ValidateIntakeForm(), text="zxqv blorp", intent="nlu_fallback", requested_slot="vehicle", slots=slots
    )

    assert "vehicle" not in out.slots
    assert out.responses == ["utter_didnt_get"]
    assert out.slots["misunderstandings"] == 1.0
    assert out.slots["requested_slot"] == "vehicle"


def test_second_miss_in_a_row_hands_over_to_a_person(run_action, backend):
    history = [{"event": "user", "text": "x"}, {"event": "slot", "name": "misunderstandings", "value": 1.0}]
    out = run_action(ValidateIntakeForm(), text="zxqv blorp", intent="nlu_fallback", requested_slot="pickup",
                     events=history)

    assert out.responses == ["utter_handoff_misunderstood"]
    assert [r for _, r, _, _ in backend.escalated] == ["misunderstood"]
    assert ActiveLoop(None) in out.events


def test_a_year_with_a_body_type_is_a_car(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    out = run_action(ValidateIntakeForm(), text="2015 red suv", requested_slot="vehicle", slots=slots)

    assert out.slots["vehicle"] == "2015 red suv"
    assert out.slots["vehicle_year"] == 2015


def test_a_correction_replaces_a_filled_slot(run_action, backend):
    out = run_action(ValidateIntakeForm(), text="sorry, it's actually a 2016 toyota camry", requested_slot="dropoff",
                     slots={**FILLED, "tow_required": True})

    assert out.slots["vehicle_make"] == "Toyota"
    assert out.slots["vehicle_year"] == 2016


def test_free_text_is_stored_at_most_200_characters(run_action, backend):
    long_text = "my car makes a strange grinding noise " * 20
    out = run_action(ValidateIntakeForm(), text=long_text, requested_slot="issue", slots=WITHOUT_ISSUE)

    assert 150 < len(out.slots["issue"]) <= 200


def test_spoken_year_on_a_call_is_read(run_action, backend):
    slots = {k: v for k, v in FILLED.items() if not k.startswith("vehicle")}
    out = run_action(ValidateIntakeForm(), text="twenty fourteen honda civic", requested_slot="vehicle",
                     slots=slots, channel="voice")

    assert out.slots["vehicle_year"] == 2014
    assert out.slots["vehicle_make"] == "Honda"


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
