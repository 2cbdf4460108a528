"""Pure pieces: transcript lines from a tracker, status texts."""

from __future__ import annotations

import pytest

from console.status import StatusError, StatusUpdate, customer_text, parse
from console.transcript import Line, inbox_lines, merge, tracker_lines


def test_tracker_turns_become_transcript_lines() -> None:
    tracker = {"events": [
        {"event": "action", "name": "action_listen", "timestamp": 1.0},
        {"event": "user", "text": "batery ded on i95", "timestamp": 2.0},
        {"event": "slot", "name": "issue", "value": "battery", "timestamp": 2.1},
        {"event": "bot", "text": "Sorry to hear that. Where is the car?", "timestamp": 3.0},
        {"event": "bot", "text": None, "timestamp": 3.5},
    ]}
    assert tracker_lines(tracker) == [Line("customer", "batery ded on i95", 2.0),
                                      Line("bot", "Sorry to hear that. Where is the car?", 3.0)]
    assert tracker_lines(None) == []


def test_inbox_messages_merge_in_time_order() -> None:
    bot = tracker_lines({"events": [{"event": "user", "text": "agent", "timestamp": 10.0}]})
    inbox = inbox_lines([{"sender": "customer", "text": "hello?", "at": 12},
                         {"sender": "agent", "text": "Hi, I'm here", "at": 11}])
    assert [line.text for line in merge(bot, inbox)] == ["agent", "Hi, I'm here", "hello?"]


@pytest.mark.parametrize(("status", "eta", "text"), [
    ("assigned", None, "Roadside Assist: a truck is assigned to your request RS-7K3Q9."),
    ("en_route", "25", "Roadside Assist: the truck for your request RS-7K3Q9 is on the way, about 25 min."),
    ("arrived", "", "Roadside Assist: the truck for your request RS-7K3Q9 has arrived."),
    ("completed", None, "Roadside Assist: your request RS-7K3Q9 is complete. Thank you."),
])
def test_status_texts(status: str, eta: str | None, text: str) -> None:
    assert customer_text("Roadside Assist", "RS-7K3Q9", parse(status, eta)) == text


@pytest.mark.parametrize(("status", "eta", "message"), [
    ("en_route", "", "needs an ETA"), ("en_route", "soon", "needs an ETA"), ("en_route", "0", "between 1"),
    ("towed", None, "Choose"),
])
def test_bad_status_is_refused(status: str, eta: str | None, message: str) -> None:
    with pytest.raises(StatusError, match=message):
        parse(status, eta)


def test_status_order_and_eta_rules() -> None:
    from console.status import check_order

    assert parse("assigned", " 30 ") == StatusUpdate("assigned", 30)
    with pytest.raises(StatusError, match="Completed takes no ETA"):
        parse("completed", "5")
    check_order(None, StatusUpdate("arrived"), step_back_confirmed=False)
    check_order("en_route", StatusUpdate("en_route", 10), step_back_confirmed=False)
    with pytest.raises(StatusError, match="only moves forward"):
        check_order("arrived", StatusUpdate("en_route", 5), step_back_confirmed=False)
    with pytest.raises(StatusError, match="already Assigned"):
        check_order("assigned", StatusUpdate("assigned"), step_back_confirmed=True)
    check_order("arrived", StatusUpdate("assigned"), step_back_confirmed=True)


def test_a_place_shows_its_coordinates_once() -> None:
    from console.places import place, tel_uri

    assert place("42.2793, -71.4162", 42.2793, -71.4162).text == ""
    assert place("(42.2793,-71.4162)", "42.2793", "-71.4162").coordinates == "42.2793, -71.4162"
    near = place("Main St by the gas station", 42.1, -71.25)
    assert (near.text, near.coordinates, near.geo_uri) == ("Main St by the gas station", "42.1, -71.25",
                                                           "geo:42.1,-71.25")
    assert place("exit 12", None, None).web_map == "" and tel_uri("+12125550100") == "tel:+12125550100"
