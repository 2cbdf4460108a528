"""A Rasa lock store whose every update is atomic and whose keys expire.

Rasa 3.6's ``RedisLockStore`` updates a lock with a plain GET then SET and
never sets an expiry: fine for one Rasa process, racy for several. Here each
read-modify-write is a single-key compare-and-set (works on Redis Cluster too),
and lock keys carry a TTL so a crashed worker cannot leave a conversation
locked forever.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from redis.exceptions import RedisError

from storage import cas
from storage.errors import StoreUnavailable
from storage.keys import lock_key
from storage.redis_client import connect

T = TypeVar("T")
KEY_MARGIN_SECONDS = 60


class AtomicRedisLockStore(LockStore):
    def __init__(self, endpoint_config: Any = None, *, client: Any = None) -> None:
        url = getattr(endpoint_config, "url", None) or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        self.client = client if client is not None else connect(url)
        self.key_ttl_ms = int((LOCK_LIFETIME + KEY_MARGIN_SECONDS) * 1000)
        super().__init__()

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        raw = self.client.get(lock_key(conversation_id))
        return TicketLock.from_dict(json.loads(raw)) if raw else None

    def delete_lock(self, conversation_id: str) -> None:
        self.client.delete(lock_key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        self.client.set(lock_key(lock.conversation_id), lock.dumps(), px=self.key_ttl_ms)

    def _atomic(self, conversation_id: str,
                change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        def apply(raw: bytes | None) -> tuple[str | None, T]:
            lock, result = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            return (None if lock is None else lock.dumps()), result

        return cas.update(self.client, lock_key(conversation_id), apply, mode=cas.PX, px=self.key_ttl_ms)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomic(conversation_id, change)
        except (RedisError, StoreUnavailable) as exc:
            raise LockError(f"Error while acquiring lock: {exc.__class__.__name__}") from exc

    def update_lock(self, conversation_id: str) -> None:
        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomic(conversation_id, change)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Drop the ticket; delete the lock when nobody else is waiting."""

        def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomic(conversation_id, change)
