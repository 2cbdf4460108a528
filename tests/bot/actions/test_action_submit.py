"""YES to the summary: a valid roadside.dispatch/v1 request reaches the backend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from bot.actions.submit import ActionSubmitRequest
from storage.contacts import Contact

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "schema" / "roadside.dispatch.v1.schema.json").read_text(encoding="utf-8")
)
SLOTS = {
    "pickup": "I-95 N by exit 12",
    "pickup_lat": 41.0534,
    "pickup_lng": -73.5387,
    "issue": "batery ded wont start",
    "issue_category": "battery",
    "tow_required": False,
    "vehicle": "silver 2014 honda civic",
    "vehicle_year": 2014.0,
    "vehicle_make": "Honda",
    "vehicle_model": "Civic",
    "confirming": "summary",
}


@pytest.fixture
def submit(run_action):
    def run(slots=SLOTS, channel="sms"):
        return run_action(
            ActionSubmitRequest(), text="yes", intent="affirm", slots=slots, active_loop=None, channel=channel
        )

    return run


def test_submit_publishes_a_valid_request_with_the_drivers_facts(submit, backend, token):
    submit()

    assert len(backend.submitted) == 1
    request = backend.submitted[0]
    jsonschema.Draft202012Validator(SCHEMA).validate(request)
    assert re.fullmatch(r"RS-[2-9A-HJKMNP-TW-Z]{5}", request["id"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", request["created_at"])
    assert request["channel"] == "sms"
    assert request["language"] == "en"
    assert request["priority"] == "normal"
    assert request["customer"] == {"phone": "+15085550142", "sms_updates": True}
    assert request["pickup"] == {"text": "I-95 N by exit 12", "lat": 41.0534, "lng": -73.5387}
    assert request["issue"] == {"category": "battery", "text": "batery ded wont start"}
    assert request["vehicle"] == {"text": "silver 2014 honda civic", "year": 2014, "make": "Honda", "model": "Civic"}
    assert request["tow_required"] is False
    assert request["dropoff"] is None
    assert backend.submitted_tokens == [token]


def test_driver_gets_the_reference_and_the_slot_is_set(submit, backend):
    out = submit()
    request_id = backend.submitted[0]["id"]

    assert out.responses == ["utter_submitted"]
    assert out.messages[0]["request_id"] == request_id
    assert out.signals == {"reference": request_id}  # the gateway reads it here, not from the text
    assert out.messages[0]["request_id_spoken"] == " ".join(request_id.replace("-", ""))
    assert out.events == [SlotSet("request_id", request_id), SlotSet("confirming", None)]


def test_tow_request_carries_the_dropoff(submit, backend):
    slots = {**SLOTS, "issue_category": "tow", "tow_required": True, "dropoff": "Joe's Garage, 5th St"}
    submit(slots)

    request = backend.submitted[0]
    jsonschema.Draft202012Validator(SCHEMA).validate(request)
    assert request["tow_required"] is True
    assert request["dropoff"] == {"text": "Joe's Garage, 5th St"}


def test_voice_caller_gets_no_sms_updates_flag(submit, backend):
    backend.contact = Contact(phone="+15085550142", channel="voice", language="vi", region="US")
    submit(channel="voice")

    request = backend.submitted[0]
    assert request["channel"] == "voice"
    assert request["language"] == "vi"
    assert request["customer"]["sms_updates"] is False


def test_danger_earlier_in_the_conversation_makes_it_urgent(submit, backend):
    submit({**SLOTS, "emergency_reported": True})

    assert backend.submitted[0]["priority"] == "urgent"


def test_corrected_request_replaces_the_one_sent_before(submit, backend, token):
    out = submit({**SLOTS, "request_id": "RS-7K3Q9"})

    assert backend.cancelled == [(token, "RS-7K3Q9")]
    assert out.slots["request_id"] == backend.submitted[0]["id"] != "RS-7K3Q9"


def test_failed_submit_says_so_and_keeps_the_summary_for_a_retry(submit, backend):
    backend.fail.add("submit_dispatch")
    out = submit()

    assert out.events == [FollowupAction("action_listen")]
    assert out.responses == ["utter_submit_failed"]


def test_missing_contact_record_sends_nothing(submit, backend):
    backend.contact = None
    out = submit()

    assert backend.submitted == []
    assert out.events == [FollowupAction("action_listen")]
    assert out.responses == ["utter_submit_failed"]


def test_an_unclear_emoji_is_not_a_yes_to_sending_a_truck(run_action, backend):
    for text in ("😅", "?", "..."):
        out = run_action(ActionSubmitRequest(), text=text, intent="affirm", slots=SLOTS, active_loop=None)

        assert backend.submitted == [], text
        assert out.responses == ["utter_confirm_reminder"], text


def test_a_thumbs_up_is_a_yes(run_action, backend):
    run_action(ActionSubmitRequest(), text="👍", intent="affirm", slots=SLOTS, active_loop=None)

    assert len(backend.submitted) == 1


@pytest.mark.parametrize("slot, contact, expected", [("ru", "en", "ru"), (None, "id", "id"), ("vi", "vi", "vi"),
                                                     (None, "es", "en")])
def test_the_dispatch_language_is_the_conversations(submit, backend, slot, contact, expected):
    backend.contact = Contact(phone="+15085550142", language=contact, region="US")
    submit(slots={**SLOTS, "language": slot})
    assert backend.submitted[0]["language"] == expected
