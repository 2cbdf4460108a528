"""Issue 14, item 15: the signature check sees every value of a repeated form parameter."""

from __future__ import annotations

from typing import Any

from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from conftest import TEST_TWILIO_TOKEN
from helpers.gateway import gateway_app
from helpers.twilio_requests import PUBLIC_BASE, messages, sms_params
from webhooks.signature import is_valid_signature

PHONE = "+15085550142"


def _form_with_repeated_key() -> MultiDict[str, str]:
    form = MultiDict(sms_params(PHONE, "HELP", NumMedia="2"))
    form.add("MediaUrl", "https://api.twilio.com/media/1")
    form.add("MediaUrl", "https://api.twilio.com/media/2")
    return form


def test_genuine_signature_over_a_repeated_key_is_accepted(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    form = _form_with_repeated_key()
    # Signed by twilio's own validator, over every value, as Twilio signs it.
    signature = RequestValidator(TEST_TWILIO_TOKEN).compute_signature(f"{PUBLIC_BASE}/twilio/sms", form)
    resp = app.test_client().post("/twilio/sms", data=form, headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 200
    assert "Msg&data rates may apply" in messages(resp)[0]


def test_dropping_one_of_the_repeated_values_breaks_the_signature(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    form = _form_with_repeated_key()
    signature = RequestValidator(TEST_TWILIO_TOKEN).compute_signature(f"{PUBLIC_BASE}/twilio/sms", form)
    tampered = MultiDict([(k, v) for k, v in form.items(multi=True) if v != "https://api.twilio.com/media/2"])
    resp = app.test_client().post("/twilio/sms", data=tampered, headers={"X-Twilio-Signature": signature})
    assert resp.status_code == 403


def test_pure_check_reads_multi_mappings() -> None:
    form = MultiDict([("a", "1"), ("a", "2"), ("b", "3")])
    url = "https://example.com/twilio/sms"
    signature = RequestValidator("secret-token").compute_signature(url, form)
    assert is_valid_signature("secret-token", url, form, signature)
    assert not is_valid_signature("secret-token", url, {"a": "1", "b": "3"}, signature)
