"""The form's questions: plain the first time, rephrased after, none after "wait", a link for rough places."""

from __future__ import annotations

from bot.actions.ask_slot import ActionAskDropoff, ActionAskIssue, ActionAskPickup, ActionAskVehicle


def test_first_ask_is_plain_and_remembered(run_action, backend):
    out = run_action(ActionAskVehicle(), text="2014", requested_slot="vehicle")

    assert out.responses == ["utter_ask_vehicle"]
    assert out.slots == {"last_asked": "vehicle"}


def test_asking_the_same_slot_again_rephrases(run_action, backend):
    for action, slot in ((ActionAskPickup(), "pickup"), (ActionAskIssue(), "issue"),
                         (ActionAskVehicle(), "vehicle"), (ActionAskDropoff(), "dropoff")):
        out = run_action(action, text="ok", slots={"last_asked": slot})

        assert out.responses == [f"utter_reask_{slot}"]


def test_after_wait_the_question_is_not_asked_again(run_action, backend):
    out = run_action(ActionAskPickup(), text="wait",
                     after=[{"event": "slot", "name": "turn", "value": "wait"}])

    assert out.messages == []


def test_a_rough_pickup_gets_the_follow_up_with_a_location_link(run_action, backend, monkeypatch):
    from bot.actions import backend as real_backend

    monkeypatch.setattr(real_backend, "location_link", lambda token, channel: "https://r.example/l/abc123")
    out = run_action(ActionAskPickup(), text="on the mass pike", slots={"pickup_hint": "on the mass pike"})

    assert out.responses == ["utter_ask_pickup_detail_link"]
    assert out.messages[0]["location_link"] == "https://r.example/l/abc123"
    assert out.slots["pickup_detail_asked"] is True


def test_on_a_call_the_follow_up_has_no_link(run_action, backend):
    out = run_action(ActionAskPickup(), text="I 95", slots={"pickup_hint": "I 95"}, channel="voice")

    assert out.responses == ["utter_ask_pickup_detail"]
