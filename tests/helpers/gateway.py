"""A web app over a real Redis with Rasa not running, and signed Twilio posts to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from flask import Flask

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.twilio_requests import PUBLIC_BASE, post_signed, sms_params
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings


def gateway_app(redis_url: str, client: Any, **env: str) -> Flask:
    """The web app; unless ``RASA_URL`` is given, Rasa's URL is a closed port (every turn takes the Rasa-down path)."""
    defaults = {"PUBLIC_BASE_URL": PUBLIC_BASE}
    if "RASA_URL" not in env:
        defaults.update(RASA_URL=f"http://127.0.0.1:{free_port()}", RASA_TIMEOUT_SECONDS="1")
    settings = Settings.from_env(make_env(redis_url, **{**defaults, **env}))
    return create_app(settings, storage=Storage.from_settings(settings, client=client))


def storage_of(app: Flask) -> Storage:
    st: Storage = app.extensions["roadside"].storage
    return st


def text_in(app: Flask, sender: str, body: str | None, **extra: str) -> Any:
    """One signed inbound SMS; the Flask response."""
    return post_signed(app.test_client(), "/twilio/sms", sms_params(sender, body, **extra), TEST_TWILIO_TOKEN)


def call_post(app: Flask, path: str, sender: str, call_sid: str, **params: str) -> ET.Element:
    """One signed voice webhook; the TwiML root (asserts a 200 XML answer)."""
    form = {"CallSid": call_sid, "From": sender, "To": "+15005550006", **params}
    resp = post_signed(app.test_client(), path, form, TEST_TWILIO_TOKEN)
    assert resp.status_code == 200, resp.data
    return ET.fromstring(resp.data)


def spoken(root: ET.Element) -> str:
    return " ".join((el.text or "") for el in root.iter("Say"))
