"""Outside the form: answer the aside, then repeat whatever question is open."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet

from bot.actions.asides import ActionHandleAside


def test_a_question_before_anything_is_answered_then_the_intake_starts(run_action, backend):
    out = run_action(ActionHandleAside(), text="how much does this cost", intent="ask_cost", active_loop=None)

    assert out.responses == ["utter_answer_cost"]
    assert out.messages[0]["cost_policy"] == "Your plan covers the tow."
    assert out.events[-1] == FollowupAction("intake_form")


def test_a_question_at_the_summary_repeats_the_summary_question(run_action, backend):
    out = run_action(ActionHandleAside(), text="how long will it take", intent="ask_eta", active_loop=None,
                     slots={"confirming": "summary"})

    assert out.responses == ["utter_answer_eta", "utter_confirm_reminder"]


def test_wait_at_the_summary_only_says_take_your_time(run_action, backend):
    out = run_action(ActionHandleAside(), text="hold on", intent="wait", active_loop=None,
                     slots={"confirming": "summary"})

    assert out.responses == ["utter_take_your_time"]


def test_ok_after_the_request_is_sent_closes_the_exchange(run_action, backend):
    out = run_action(ActionHandleAside(), text="ok", intent="affirm", active_loop=None,
                     slots={"request_id": "RS-7K3Q9"})

    assert out.responses == ["utter_ok"]


def test_call_me_after_the_request_is_sent_tells_dispatch(run_action, backend, token):
    out = run_action(ActionHandleAside(), text="can you call me instead", intent="ask_callback", active_loop=None,
                     slots={"request_id": "RS-7K3Q9"})

    assert backend.callbacks == [(token, "RS-7K3Q9")]
    assert out.responses == ["utter_callback_noted"]
    assert SlotSet("callback_requested", True) in out.events


def test_reference_question_after_sending_gives_the_reference(run_action, backend):
    out = run_action(ActionHandleAside(), text="whats my reference number", intent="ask_reference",
                     active_loop=None, slots={"request_id": "RS-7K3Q9"})

    assert out.responses == ["utter_answer_reference"]
    assert out.messages[0]["request_id"] == "RS-7K3Q9"


def test_facts_nlu_was_unsure_of_start_the_intake(run_action, backend):
    out = run_action(ActionHandleAside(), text="i95 exit 12 batt dead", intent="nlu_fallback", active_loop=None)

    assert out.messages == []
    assert out.events == [FollowupAction("intake_form")]


def test_an_unreadable_first_message_still_starts_the_intake(run_action, backend):
    out = run_action(ActionHandleAside(), text="qwxz", intent="nlu_fallback", active_loop=None)

    assert out.responses == ["utter_greet"]
    assert out.events == [FollowupAction("intake_form")]


def test_without_a_configured_wording_the_cost_answer_is_the_catalogs_in_the_customers_language(run_action, backend):
    out = run_action(ActionHandleAside(), text="сколько стоит?", intent="ask_cost", active_loop=None,
                     slots={"language": "ru"})
    assert out.messages[0]["cost_policy"].startswith("Стоимость зависит от вашего тарифа")
