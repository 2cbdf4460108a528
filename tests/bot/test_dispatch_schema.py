"""The published roadside.dispatch/v1 JSON Schema and the request builder agree."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path

import jsonschema
import pytest

from bot.actions.dispatch_request import build_dispatch_request, utc_timestamp
from facts.references import ALPHABET as ID_ALPHABET
from facts.references import new_request_id

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "roadside.dispatch.v1.schema.json"
DESIGN_EXAMPLE = {
    "schema": "roadside.dispatch/v1",
    "id": "RS-7K3Q9",
    "created_at": "2026-11-21T23:05:11Z",
    "channel": "sms",
    "language": "en",
    "priority": "normal",
    "customer": {"phone": "+15085550142", "sms_updates": True},
    "pickup": {"text": "I-95 N near exit 12, Stamford", "lat": None, "lng": None},
    "issue": {"category": "battery", "text": "won't start, clicking"},
    "vehicle": {"text": "silver 2014 honda civic", "year": 2014, "make": "Honda", "model": "Civic"},
    "tow_required": False,
    "dropoff": None,
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_design_example_is_valid(validator):
    validator.validate(DESIGN_EXAMPLE)


def test_builder_reproduces_the_design_example(validator):
    slots = {
        "pickup": "I-95 N near exit 12, Stamford",
        "issue": "won't start, clicking",
        "issue_category": "battery",
        "vehicle": "silver 2014 honda civic",
        "vehicle_year": 2014.0,
        "vehicle_make": "Honda",
        "vehicle_model": "Civic",
        "tow_required": False,
        "dropoff": "ignored without a tow",
    }
    request = build_dispatch_request(
        slots,
        request_id="RS-7K3Q9",
        created_at="2026-11-21T23:05:11Z",
        channel="sms",
        language="en",
        phone="+15085550142",
    )

    assert request == DESIGN_EXAMPLE
    validator.validate(request)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("id",), "RS-0O1IL"),
        (("id",), "7K3Q9"),
        (("created_at",), "2026-11-21 23:05:11"),
        (("channel",), "whatsapp"),
        (("priority",), "high"),
        (("customer", "phone"), "508-555-0142"),
        (("issue", "category"), "engine"),
        (("pickup", "lat"), 123.0),
        (("tow_required",), True),  # a tow without a drop-off
    ],
)
def test_schema_rejects_bad_requests(validator, path, value):
    request = copy.deepcopy(DESIGN_EXAMPLE)
    target = request
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value

    assert not validator.is_valid(request)


def test_schema_rejects_unknown_fields(validator):
    assert not validator.is_valid({**DESIGN_EXAMPLE, "notes": "x"})


def test_request_ids_use_only_unambiguous_characters():
    ids = {new_request_id() for _ in range(200)}

    assert len(ids) > 190
    for request_id in ids:
        assert request_id.startswith("RS-") and len(request_id) == 8
        assert set(request_id[3:]) <= set(ID_ALPHABET)
    assert not set("01ILOU") & set(ID_ALPHABET)


def test_request_id_with_a_fixed_choice():
    assert new_request_id(choice=lambda alphabet: alphabet[0]) == "RS-22222"


def test_timestamp_is_utc_with_z():
    moment = datetime.datetime(2026, 11, 21, 18, 5, 11, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))

    assert utc_timestamp(moment) == "2026-11-21T23:05:11Z"
