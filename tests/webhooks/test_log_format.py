"""LOG_FORMAT=json: the web app logs one JSON object per line, with no phone number in it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.twilio_requests import PUBLIC_BASE, post_signed, sms_params
from server.app import create_app
from storage.errors import ConfigError
from storage.services import Storage
from storage.settings import Settings
from webhooks.log_format import HANDLER_NAME, configure_logging

PHONE = "+15085550142"


@pytest.fixture
def restore_root_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
    root.setLevel(level)


def test_json_logs_are_one_object_per_line_without_numbers(redis_url: str, redis_client: Any, capfd: Any,
                                                            monkeypatch: Any, restore_root_logging: None) -> None:
    monkeypatch.setenv("LOG_FORMAT", "json")
    settings = Settings.from_env(make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE,
                                          RASA_URL=f"http://127.0.0.1:{free_port()}", RASA_TIMEOUT_SECONDS="1"))
    app = create_app(settings, storage=Storage.from_settings(settings, client=redis_client))
    client = app.test_client()
    post_signed(client, "/twilio/sms", sms_params(PHONE, "flat tire at 12 Elm Street"), TEST_TWILIO_TOKEN)
    post_signed(client, "/twilio/sms", sms_params(PHONE, "STOP"), TEST_TWILIO_TOKEN)
    try:  # an exception whose message quotes the number, as some Twilio errors do
        raise RuntimeError(f"Attempt to send to unsubscribed recipient {PHONE}")
    except RuntimeError:
        logging.getLogger("messaging.outbound").exception("send failed for %s", PHONE)

    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one whole JSON object
    assert all(isinstance(r, dict) and {"time", "level", "logger", "message"} <= r.keys() for r in records)
    messages = [r["message"] for r in records]
    assert any("Rasa unavailable" in m for m in messages)
    assert "opt-out recorded" in messages
    [failure] = [r for r in records if r["message"].startswith("send failed")]
    assert failure["level"] == "ERROR" and failure["exc_type"] == "RuntimeError"
    assert any(":test_json_logs_are_one_object_per_line_without_numbers" in w for w in failure["exc_where"])
    for needle in (PHONE, PHONE[1:], PHONE[-10:], "Elm Street", "unsubscribed recipient",
                   Storage.from_settings(settings, client=redis_client).token(PHONE)):
        assert needle not in err


def test_without_log_format_nothing_is_installed(monkeypatch: Any, restore_root_logging: None) -> None:
    assert configure_logging({}) is None
    assert not [h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]


def test_configuring_twice_never_doubles_lines(restore_root_logging: None) -> None:
    configure_logging({"LOG_FORMAT": "json"})
    configure_logging({"LOG_FORMAT": "json"})
    assert len([h for h in logging.getLogger().handlers if h.get_name() == HANDLER_NAME]) == 1


def test_an_unknown_log_format_is_refused() -> None:
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        configure_logging({"LOG_FORMAT": "xml"})
