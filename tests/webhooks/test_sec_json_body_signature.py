"""Issue 14, item 16: a JSON body is checked against the signed bodySHA256, and then refused."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from twilio.request_validator import RequestValidator

from conftest import TEST_TWILIO_TOKEN
from helpers.gateway import gateway_app, storage_of
from helpers.twilio_requests import PUBLIC_BASE

PATHS = ["/twilio/sms", "/twilio/voice", "/twilio/voice/gather", "/twilio/status"]
BODY = json.dumps({"MessageSid": "SM1", "From": "+15085550142", "Body": "STOP"}).encode()


def _signed_json(path: str, body: bytes) -> tuple[str, str]:
    """The query and signature Twilio sends with a JSON body (as twilio's validator expects them)."""
    validator = RequestValidator(TEST_TWILIO_TOKEN)
    query = f"bodySHA256={validator.compute_hash(body.decode())}"
    return query, validator.compute_signature(f"{PUBLIC_BASE}{path}?{query}", {})


@pytest.mark.parametrize("path", PATHS)
def test_json_body_with_genuine_body_hash_is_refused_as_not_a_form(path: str, redis_url: str,
                                                                    redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    query, signature = _signed_json(path, BODY)
    assert RequestValidator(TEST_TWILIO_TOKEN).validate(f"{PUBLIC_BASE}{path}?{query}", BODY.decode(), signature)
    resp = app.test_client().post(f"{path}?{query}", data=BODY, content_type="application/json",
                                  headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 415
    assert b"form-encoded" in resp.data
    assert list(storage_of(app).client.scan_iter()) == []  # nothing ran: no duplicate guard, no consent


@pytest.mark.parametrize("path", PATHS)
def test_json_body_that_does_not_match_its_hash_is_403(path: str, redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    query, signature = _signed_json(path, b'{"Body": "hello"}')
    assert not RequestValidator(TEST_TWILIO_TOKEN).validate(f"{PUBLIC_BASE}{path}?{query}", BODY.decode(),
                                                            signature)
    resp = app.test_client().post(f"{path}?{query}", data=BODY, content_type="application/json",
                                  headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 403


def test_json_body_without_a_body_hash_is_403(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    signature = RequestValidator(TEST_TWILIO_TOKEN).compute_signature(f"{PUBLIC_BASE}/twilio/sms", {})
    resp = app.test_client().post("/twilio/sms", data=BODY, content_type="application/json",
                                  headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 403


def test_pure_body_check_matches_twilio() -> None:
    from webhooks.signature import is_valid_body_signature

    url = f"{PUBLIC_BASE}/twilio/sms?bodySHA256={hashlib.sha256(BODY).hexdigest()}"
    signature = RequestValidator("secret-token").compute_signature(url, {})
    assert is_valid_body_signature("secret-token", url, BODY, signature)
    assert not is_valid_body_signature("secret-token", url, BODY + b" ", signature)
    assert not is_valid_body_signature("other-token", url, BODY, signature)
