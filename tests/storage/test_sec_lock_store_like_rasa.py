"""Issue 14, item 18: the lock store behaves like Rasa's own where it matters."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.lock_store import LockError

from storage.keys import lock_key
from storage.lock_store import KEY_MARGIN_SECONDS, AtomicRedisLockStore


def test_finish_serving_keeps_the_lock_with_an_empty_queue(redis_client: Any) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    ticket = store.issue_ticket("conv-a")
    store.finish_serving("conv-a", ticket)
    lock = store.get_lock("conv-a")
    assert lock is not None and not lock.is_someone_waiting()
    assert redis_client.pttl(lock_key("conv-a")) > 0  # kept, and still expires


def test_cleanup_deletes_the_lock_once_nobody_waits(redis_client: Any) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    first, second = store.issue_ticket("conv-b"), store.issue_ticket("conv-b")
    store.cleanup("conv-b", first)
    assert store.get_lock("conv-b") is not None  # the second ticket still waits
    store.cleanup("conv-b", second)
    assert redis_client.exists(lock_key("conv-b")) == 0


@pytest.mark.parametrize("value", [b"{not json", b"[1, 2]", b'{"conversation_id": "x", "tickets": [{"n": 1}]}'])
def test_a_corrupt_lock_value_raises_lock_error(redis_client: Any, value: bytes) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    redis_client.set(lock_key("conv-c"), value)
    with pytest.raises(LockError):
        store.get_lock("conv-c")
    with pytest.raises(LockError):
        store.issue_ticket("conv-c")
    with pytest.raises(LockError):
        store.finish_serving("conv-c", 0)


def test_lock_key_lives_at_least_as_long_as_a_long_lock_lifetime(redis_client: Any) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    store.issue_ticket("conv-d", lock_lifetime=600)
    assert redis_client.pttl(lock_key("conv-d")) >= 600 * 1000
    # A later, shorter ticket must not cut the key's life short of the first one's.
    store.issue_ticket("conv-d", lock_lifetime=5)
    assert redis_client.pttl(lock_key("conv-d")) >= 590 * 1000
    store.update_lock("conv-d")
    assert redis_client.pttl(lock_key("conv-d")) >= 590 * 1000


def test_short_lifetimes_keep_the_default_margin(redis_client: Any) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    store.issue_ticket("conv-e", lock_lifetime=1)
    assert redis_client.pttl(lock_key("conv-e")) > KEY_MARGIN_SECONDS * 1000
