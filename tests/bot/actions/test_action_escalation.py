"""Hand-off to a person: on request, after two misunderstandings in a row, on danger."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from bot.actions.asides import ActionHandleMisunderstanding
from bot.actions.emergency import ActionHandleEmergency
from bot.actions.escalation import ActionEscalateToAgent, consecutive_misunderstandings
from storage.contacts import Contact


def user(intent):
    return {"event": "user", "text": "...", "parse_data": {"intent": {"name": intent}}}


def action(name):
    return {"event": "action", "name": name}


def missed(count):
    return {"event": "slot", "name": "misunderstandings", "value": float(count)}


def test_asking_for_an_agent_escalates_normally_with_what_we_have(run_action, backend, token):
    out = run_action(
        ActionEscalateToAgent(),
        text="talk to a person",
        intent="ask_agent",
        slots={"pickup": "123 Main St", "issue_category": "battery"},
        requested_slot="vehicle",
    )

    assert backend.escalated == [
        (token, "asked_for_agent", "normal", {"stage": "vehicle", "pickup": "123 Main St", "issue_category": "battery"})
    ]
    assert out.responses == ["utter_handoff_agent"]
    assert out.signals == {"handoff": "asked_for_agent"}
    assert out.events == [ActiveLoop(None), SlotSet("requested_slot", None)]


def test_agent_request_before_any_answer_still_sends_a_summary(run_action, backend):
    run_action(ActionEscalateToAgent(), text="agent", intent="ask_agent", active_loop=None)

    assert backend.escalated[0][3] == {"stage": "start"}


def test_failed_escalation_is_told_honestly(run_action, backend):
    backend.fail.add("escalate")
    out = run_action(ActionEscalateToAgent(), text="agent", intent="ask_agent")

    assert out.responses == ["utter_handoff_failed"]
    assert out.signals == {}  # no hand-off to act on


def test_counting_misunderstandings_in_a_row():
    misunderstood = [user("nlu_fallback"), action("action_handle_misunderstanding"), missed(1)]
    understood = [user("inform"), action("intake_form"), missed(0)]

    assert consecutive_misunderstandings([user("nlu_fallback")]) == 1
    assert consecutive_misunderstandings([*misunderstood, user("nlu_fallback")]) == 2
    assert consecutive_misunderstandings([*misunderstood, *understood, user("out_of_scope")]) == 1
    assert consecutive_misunderstandings([*misunderstood, *misunderstood, user("nlu_fallback")]) == 3


def test_first_misunderstanding_at_the_summary_says_so_and_repeats_the_question(run_action, backend):
    out = run_action(ActionHandleMisunderstanding(), text="zxqv", intent="nlu_fallback", active_loop=None,
                     slots={"confirming": "summary"})

    assert out.responses == ["utter_didnt_get", "utter_confirm_reminder"]
    assert out.events == [SlotSet("misunderstandings", 1.0)]
    assert backend.escalated == []


def test_second_misunderstanding_in_a_row_hands_over(run_action, backend):
    history = [user("out_of_scope"), action("action_handle_misunderstanding"), missed(1)]
    out = run_action(
        ActionHandleMisunderstanding(),
        text="blorp",
        intent="nlu_fallback",
        active_loop=None,
        slots={"confirming": "summary"},
        events=history,
    )

    assert [(r, p) for _, r, p, _ in backend.escalated] == [("misunderstood", "normal")]
    assert out.responses == ["utter_handoff_misunderstood"]
    assert out.signals == {"handoff": "misunderstood"}
    assert out.events == [
        SlotSet("misunderstandings", 0.0),
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        FollowupAction("action_listen"),
    ]


@pytest.mark.parametrize(
    ("region", "number", "spoken"),
    [("US", "911", "9 1 1"), ("GB", "999", "9 9 9"), ("DE", "112", "1 1 2")],
)
def test_emergency_tells_the_local_number_first_then_escalates_urgently(run_action, backend, region, number, spoken):
    backend.contact = Contact(phone="+15085550142", region=region)
    out = run_action(ActionHandleEmergency(), text="someone is hurt", intent="emergency", slots={"pickup": "exit 12"})

    assert out.responses == ["utter_emergency_number", "utter_emergency_handoff"]
    assert out.signals == {"handoff": "emergency"}
    assert out.messages[0]["emergency_number"] == number
    assert out.messages[0]["emergency_number_spoken"] == spoken
    assert [(r, p) for _, r, p, _ in backend.escalated] == [("emergency", "urgent")]
    assert out.events == [SlotSet("emergency_reported", True), ActiveLoop(None), SlotSet("requested_slot", None)]


def test_emergency_number_is_given_even_when_the_contact_lookup_fails(run_action, backend):
    backend.fail.add("lookup_contact")
    out = run_action(ActionHandleEmergency(), text="car on fire", intent="emergency")

    assert out.responses[0] == "utter_emergency_number"
    assert out.messages[0]["emergency_number"] in {"911", "112"}


def test_misunderstood_message_that_mentions_danger_is_an_emergency(run_action, backend):
    out = run_action(
        ActionHandleMisunderstanding(), text="he is bleeding bad", intent="nlu_fallback", requested_slot="pickup"
    )

    assert out.responses == ["utter_emergency_number", "utter_emergency_handoff"]
    assert out.signals == {"handoff": "emergency"}
    assert [(r, p) for _, r, p, _ in backend.escalated] == [("emergency", "urgent")]
    assert out.events[-1] == FollowupAction("action_listen")
