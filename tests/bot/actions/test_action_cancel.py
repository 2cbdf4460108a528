"""'Cancel my tow' withdraws the request; it is not an SMS opt-out."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, AllSlotsReset

from bot.actions.cancel import ActionCancelRequest


def cancel(run_action, slots):
    return run_action(ActionCancelRequest(), text="cancel my tow", intent="cancel_request", slots=slots)


def test_cancel_after_submit_withdraws_the_request(run_action, backend, token):
    out = cancel(run_action, {"request_id": "RS-7K3Q9", "pickup": "123 Main St"})

    assert backend.cancelled == [(token, "RS-7K3Q9")]
    assert out.responses == ["utter_cancelled"]
    assert out.messages[0]["request_id"] == "RS-7K3Q9"
    assert out.messages[0]["request_id_spoken"] == "R S 7 K 3 Q 9"
    assert out.events == [ActiveLoop(None), AllSlotsReset()]


def test_cancel_before_submit_stops_the_form_and_sends_nothing(run_action, backend):
    out = cancel(run_action, {"pickup": "123 Main St"})

    assert backend.cancelled == []
    assert out.responses == ["utter_cancelled_nothing_sent"]
    assert out.events == [ActiveLoop(None), AllSlotsReset()]


def test_failed_cancel_keeps_the_request_id_for_another_try(run_action, backend):
    backend.fail.add("cancel_dispatch")
    out = cancel(run_action, {"request_id": "RS-7K3Q9"})

    assert out.responses == ["utter_cancel_failed"]
    assert out.events == [ActiveLoop(None)]
