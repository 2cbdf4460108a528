"""Issue 14, item 11: the token key must not equal any data key."""

from __future__ import annotations

import base64
import os

import pytest

from conftest import make_env
from storage.crypto import new_key_spec
from storage.errors import ConfigError
from storage.settings import Settings


def test_start_refused_when_token_key_equals_the_current_data_key(redis_url: str) -> None:
    raw = os.urandom(32)
    env = make_env(redis_url, ROADSIDE_DATA_KEYS=f"k2:{base64.b64encode(raw).decode()}",
                   ROADSIDE_TOKEN_KEY=base64.b64encode(raw).decode())
    with pytest.raises(ConfigError, match=r"ROADSIDE_TOKEN_KEY must differ from every data key.*'k2'"):
        Settings.from_env(env)


def test_start_refused_when_token_key_equals_an_older_data_key(redis_url: str) -> None:
    old = os.urandom(32)
    spec = f"{new_key_spec('k2')},k1:{base64.urlsafe_b64encode(old).decode()}"
    env = make_env(redis_url, ROADSIDE_DATA_KEYS=spec, ROADSIDE_TOKEN_KEY=base64.b64encode(old).decode())
    with pytest.raises(ConfigError, match="'k1'"):
        Settings.from_env(env)


def test_separate_keys_start(redis_url: str) -> None:
    assert Settings.from_env(make_env(redis_url)).data_keys.current_kid == "k1"
