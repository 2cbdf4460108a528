from __future__ import annotations

import pytest

from conftest import make_env
from storage.errors import ConfigError
from storage.settings import Settings


def test_valid_env(redis_url: str) -> None:
    s = Settings.from_env(make_env(redis_url, CONVERSATION_TTL_SECONDS="7200"))
    assert s.conversation_ttl == 7200
    assert s.data_keys.current_kid == "k1"
    s.require_web_secrets()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"ROADSIDE_DATA_KEYS": ""}, "ROADSIDE_DATA_KEYS"),
        ({"ROADSIDE_TOKEN_KEY": ""}, "ROADSIDE_TOKEN_KEY"),
        ({"ROADSIDE_TOKEN_KEY": "c2hvcnQ="}, "at least 32"),
        ({"CONVERSATION_TTL_SECONDS": "soon"}, "whole number"),
    ],
)
def test_missing_or_weak_secrets_refused(redis_url: str, change: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(make_env(redis_url, **change))


def test_web_refuses_weak_twilio_token(redis_url: str) -> None:
    s = Settings.from_env(make_env(redis_url, TWILIO_AUTH_TOKEN="short"))
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        s.require_web_secrets()
