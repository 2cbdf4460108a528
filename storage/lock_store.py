"""A Rasa lock store whose every update is atomic and whose keys expire.

Rasa 3.6's ``RedisLockStore`` updates a lock with a plain GET then SET and
never sets an expiry: fine for one Rasa process, racy for several. Here each
read-modify-write is a single-key compare-and-set (works on Redis Cluster too),
and lock keys carry a TTL so a crashed worker cannot leave a conversation
locked forever. The TTL is never shorter than the longest ticket's lifetime.

Otherwise it behaves like Rasa's: ``finish_serving`` keeps the lock (with an
empty queue) after the last ticket, ``cleanup`` deletes it when nobody waits,
and anything wrong with a stored lock (unreadable JSON, bad shape) or with
Redis raises ``LockError``.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from redis.exceptions import RedisError

from storage import cas
from storage.errors import StoreUnavailable
from storage.keys import lock_key
from storage.rasa_endpoint import redis_from_endpoint

T = TypeVar("T")
KEY_MARGIN_SECONDS = 60
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def parse_lock(raw: bytes | str) -> TicketLock:
    """A stored lock, or LockError when the value is not one."""
    try:
        return TicketLock.from_dict(json.loads(raw))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise LockError(f"corrupt lock value ({exc.__class__.__name__})") from None


class AtomicRedisLockStore(LockStore):
    def __init__(self, endpoint_config: Any = None, *, client: Any = None) -> None:
        if client is None:
            options = dict(getattr(endpoint_config, "kwargs", None) or {})
            client = redis_from_endpoint("lock_store", getattr(endpoint_config, "url", None), options,
                                         os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
        self.client = client
        super().__init__()

    def _key_ttl_ms(self, lock: TicketLock | None) -> int:
        """Long enough for the default lifetime and for every ticket still in the lock."""
        last_expiry = max((t.expires for t in lock.tickets), default=0.0) if lock else 0.0
        seconds = max(LOCK_LIFETIME, last_expiry - time.time()) + KEY_MARGIN_SECONDS
        return math.ceil(seconds * 1000)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        try:
            raw = self.client.get(lock_key(conversation_id))
        except RedisError as exc:
            raise LockError(f"Error while reading lock: {exc.__class__.__name__}") from exc
        return parse_lock(raw) if raw else None

    def delete_lock(self, conversation_id: str) -> None:
        self.client.delete(lock_key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        self.client.set(lock_key(lock.conversation_id), lock.dumps(), px=self._key_ttl_ms(lock))

    def _atomic(self, conversation_id: str,
                change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Read, change and write one lock atomically; the key TTL follows the tickets."""
        ttl: dict[str, int] = {}

        def apply(raw: bytes | None) -> tuple[str | None, T]:
            lock, result = change(parse_lock(raw) if raw else None)
            ttl["px"] = self._key_ttl_ms(lock)
            return (None if lock is None else lock.dumps()), result

        key = lock_key(conversation_id)
        try:
            # The TTL depends on the new value, so each try computes it before its write.
            for _ in range(50):
                current = self.client.get(key)
                new, result = apply(current)
                if cas.compare_and_set(self.client, key, current, new, mode=cas.PX, px=ttl["px"]):
                    return result
        except (RedisError, StoreUnavailable) as exc:
            raise LockError(f"Error while updating lock: {exc.__class__.__name__}") from exc
        raise LockError(f"lock for {conversation_id!r} kept changing; gave up")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        return self._atomic(conversation_id, change)

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomic(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Drop the ticket and keep the lock, even with an empty queue (as Rasa does)."""

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._atomic(conversation_id, change)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Drop the ticket; delete the lock when nobody else is waiting (one atomic step)."""

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomic(conversation_id, change)
