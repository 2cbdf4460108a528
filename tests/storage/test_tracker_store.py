from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from rasa.shared.core.events import UserUttered

from helpers.trackers import DOMAIN, make_tracker
from storage.crypto import KeyRing
from storage.errors import DecryptError
from storage.keys import tracker_key
from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def store(storage: Storage) -> EncryptedRedisTrackerStore:
    return EncryptedRedisTrackerStore(DOMAIN, client=storage.client, keyring=storage.keyring, record_exp=3600)


def test_save_retrieve_keys_with_a_long_tracker(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "a" * 32
    tracker = make_tracker(tok, 100)  # 403 events
    assert len(tracker.events) > 400
    run(store.save(tracker))
    back = run(store.retrieve(tok))
    assert back is not None
    assert [e.as_dict() for e in back.events] == [e.as_dict() for e in tracker.events]
    assert back.get_slot("pickup") == "I-95 N by exit 99"
    assert list(run(store.keys())) == [tok]
    raw = redis_client.get(tracker_key(tok))
    assert raw.startswith(b"v1.k1.") and b"I-95" not in raw


def test_ttl_is_set_and_refreshed_on_every_save(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "b" * 32
    run(store.save(make_tracker(tok, 1)))
    redis_client.expire(tracker_key(tok), 100)
    tracker = run(store.retrieve(tok))
    tracker.update(UserUttered("2014 honda civic"))
    run(store.save(tracker))
    assert 3590 < redis_client.ttl(tracker_key(tok)) <= 3600


def test_missing_or_expired_conversation_is_none(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "c" * 32
    assert run(store.retrieve(tok)) is None
    run(store.save(make_tracker(tok, 1)))
    redis_client.pexpire(tracker_key(tok), 1)
    time.sleep(0.01)
    assert run(store.retrieve(tok)) is None


def test_corrupt_tracker_raises_and_is_not_overwritten(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "d" * 32
    other = KeyRing.generate("k1")
    foreign = other.encrypt(b"{}", tracker_key(tok))
    redis_client.set(tracker_key(tok), foreign)
    with pytest.raises(DecryptError, match="roadside:tracker"):
        run(store.retrieve(tok))
    with pytest.raises(DecryptError):
        run(store.save(make_tracker(tok, 1)))
    assert redis_client.get(tracker_key(tok)).decode() == foreign


def test_rejects_sender_ids_that_would_break_the_hash_tag(store: EncryptedRedisTrackerStore) -> None:
    with pytest.raises(ValueError):
        run(store.retrieve("a}{b"))


def test_rasa_builds_our_store_from_endpoints(tmp_path: Any, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.tracker_store import create_tracker_store
    from rasa.utils.endpoints import read_endpoint_config

    from conftest import make_env

    for key, value in make_env(redis_url).items():
        monkeypatch.setenv(key, value)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: storage.tracker_store.EncryptedRedisTrackerStore\n")
    config = read_endpoint_config(str(endpoints), "tracker_store")
    store = create_tracker_store(config, DOMAIN)
    assert isinstance(store, EncryptedRedisTrackerStore)
