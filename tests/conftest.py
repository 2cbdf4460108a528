"""Fixtures shared by every test: a private Redis and fresh settings."""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cli.redis_server import private_redis  # noqa: E402
from storage.crypto import KeyRing, new_key_spec  # noqa: E402
from storage.redis_client import connect  # noqa: E402
from storage.services import Storage  # noqa: E402
from storage.settings import Settings  # noqa: E402

TEST_TWILIO_TOKEN = "test-auth-token-0123456789abcdef"


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis only these tests use: REDIS_URL if given, else a private server."""
    given = os.environ.get("REDIS_URL")
    if given:
        yield given
        return
    with private_redis() as url:
        yield url


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[Any]:
    client = connect(redis_url)
    client.flushdb()
    yield client
    client.close()


def make_env(redis_url: str, **extra: str) -> dict[str, str]:
    """A complete, valid environment with fresh keys."""
    env = {
        "ROADSIDE_DATA_KEYS": new_key_spec("k1"),
        "ROADSIDE_TOKEN_KEY": base64.b64encode(os.urandom(32)).decode(),
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": TEST_TWILIO_TOKEN,
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_FROM_NUMBER": "+15005550006",
        "ROADSIDE_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "CONVERSATION_TTL_SECONDS": "3600",
    }
    env.update(extra)
    return env


@pytest.fixture
def settings(redis_url: str) -> Settings:
    return Settings.from_env(make_env(redis_url))


@pytest.fixture
def storage(settings: Settings, redis_client: Any) -> Storage:
    return Storage.from_settings(settings, client=redis_client)


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing.generate("k1")
