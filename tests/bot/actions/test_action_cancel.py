"""'Cancel my tow' withdraws the request; it is not an SMS opt-out."""

from __future__ import annotations

import asyncio

from conftest import TOKEN, make_tracker, responses
from rasa_sdk.events import ActiveLoop, AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.cancel import ActionCancelRequest


def cancel(domain, slots):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(domain, text="cancel my tow", intent="cancel_request", slots=slots)
    return asyncio.run(ActionCancelRequest().run(dispatcher, tracker, domain)), dispatcher


def test_cancel_after_submit_withdraws_the_request(domain, backend):
    events, dispatcher = cancel(domain, {"request_id": "RS-7K3Q9", "pickup": "123 Main St"})

    assert backend.cancelled == [(TOKEN, "RS-7K3Q9")]
    assert responses(dispatcher) == ["utter_cancelled"]
    assert dispatcher.messages[0]["request_id"] == "RS-7K3Q9"
    assert dispatcher.messages[0]["request_id_spoken"] == "R S 7 K 3 Q 9"
    assert events == [ActiveLoop(None), AllSlotsReset()]


def test_cancel_before_submit_stops_the_form_and_sends_nothing(domain, backend):
    events, dispatcher = cancel(domain, {"pickup": "123 Main St"})

    assert backend.cancelled == []
    assert responses(dispatcher) == ["utter_cancelled_nothing_sent"]
    assert events == [ActiveLoop(None), AllSlotsReset()]


def test_failed_cancel_keeps_the_request_id_for_another_try(domain, backend):
    backend.fail.add("cancel_dispatch")
    events, dispatcher = cancel(domain, {"request_id": "RS-7K3Q9"})

    assert responses(dispatcher) == ["utter_cancel_failed"]
    assert events == [ActiveLoop(None)]
