"""Issue 14, item 17: both stores take Rasa's endpoint keys as Rasa's Redis stores do.

Built with Rasa's own factories (``create_tracker_store``, ``LockStore.create``)
from an ``EndpointConfig``, as Rasa does from ``endpoints.yml``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
import redis
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import create_tracker_store
from rasa.utils.endpoints import EndpointConfig

from cli.redis_server import private_redis
from conftest import make_env
from helpers.trackers import DOMAIN, make_tracker
from storage.errors import ConfigError
from storage.keys import lock_key, tracker_key
from storage.lock_store import AtomicRedisLockStore
from storage.tracker_store import EncryptedRedisTrackerStore

TRACKER_TYPE = "storage.tracker_store.EncryptedRedisTrackerStore"
LOCK_TYPE = "storage.lock_store.AtomicRedisLockStore"
PASSWORD = "s3cret-for-this-test-only"


@pytest.fixture
def locked_redis() -> Iterator[tuple[str, int]]:
    """A private Redis that wants a password: (host, port)."""
    with private_redis() as url:
        parts = urlparse(url)
        host, port = str(parts.hostname), int(parts.port or 6379)
        redis.Redis(host=host, port=port).config_set("requirepass", PASSWORD)
        yield host, port


@pytest.fixture
def env(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in make_env(redis_url).items():
        monkeypatch.setenv(key, value)


def _unwrap(store: Any) -> Any:
    return getattr(store, "_tracker_store", store)


def test_tracker_store_takes_host_port_db_and_password(env: None, locked_redis: tuple[str, int]) -> None:
    host, port = locked_redis
    config = EndpointConfig(url=host, type=TRACKER_TYPE, port=port, db=3, password=PASSWORD)
    store = _unwrap(create_tracker_store(config, DOMAIN))
    assert isinstance(store, EncryptedRedisTrackerStore)
    asyncio.run(store.save(make_tracker("tok-endpoint", 1)))
    db3 = redis.Redis(host=host, port=port, db=3, password=PASSWORD)
    db0 = redis.Redis(host=host, port=port, db=0, password=PASSWORD)
    assert db3.exists(tracker_key("tok-endpoint")) == 1
    assert db0.exists(tracker_key("tok-endpoint")) == 0


def test_tracker_store_with_a_wrong_password_fails_at_first_use(env: None, locked_redis: tuple[str, int]) -> None:
    host, port = locked_redis
    store = _unwrap(create_tracker_store(EndpointConfig(url=host, type=TRACKER_TYPE, port=port, password="nope"),
                                         DOMAIN))
    with pytest.raises(redis.exceptions.AuthenticationError):
        store.client.ping()


def test_tracker_store_still_takes_a_whole_redis_url(env: None, redis_url: str, redis_client: Any) -> None:
    store = _unwrap(create_tracker_store(EndpointConfig(url=redis_url, type=TRACKER_TYPE), DOMAIN))
    asyncio.run(store.save(make_tracker("tok-url", 1)))
    assert redis_client.exists(tracker_key("tok-url")) == 1


def test_lock_store_takes_host_port_db_and_password(env: None, locked_redis: tuple[str, int]) -> None:
    host, port = locked_redis
    store = LockStore.create(EndpointConfig(url=host, type=LOCK_TYPE, port=port, db=2, password=PASSWORD))
    assert isinstance(store, AtomicRedisLockStore)
    store.issue_ticket("conv-endpoint")
    assert redis.Redis(host=host, port=port, db=2, password=PASSWORD).exists(lock_key("conv-endpoint")) == 1


@pytest.mark.parametrize("extra, message", [
    ({"key_prefix": "tenant1"}, "key_prefix is not supported"),
    ({"prot": 6380}, r"unknown option\(s\) prot"),
])
def test_options_we_cannot_honour_are_refused_by_name(env: None, extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        create_tracker_store(EndpointConfig(url="localhost", type=TRACKER_TYPE, **extra), DOMAIN)
    with pytest.raises(ConfigError, match=message):
        LockStore.create(EndpointConfig(url="localhost", type=LOCK_TYPE, **extra))


def test_port_beside_a_whole_url_is_refused(env: None, redis_url: str) -> None:
    with pytest.raises(ConfigError, match="whole Redis URL"):
        LockStore.create(EndpointConfig(url=redis_url, type=LOCK_TYPE, port=6380))
