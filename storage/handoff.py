"""Human hand-off state: while set, the bot stays quiet for that customer."""

from __future__ import annotations

import time
from typing import Any

from redis.exceptions import RedisError

from storage.cas import push_capped
from storage.errors import StoreUnavailable
from storage.keys import handoff_key, inbox_key
from storage.records import EncryptedRecords

INBOX_LIMIT = 200


class HandoffStore:
    """Hand-off flag plus an encrypted inbox of messages that await an agent."""

    def __init__(self, records: EncryptedRecords, ttl: int) -> None:
        self.records = records
        self.ttl = ttl

    def start(self, token: str, reason: str, escalation_id: str) -> None:
        self.records.put(handoff_key(token), {"reason": reason, "escalation_id": escalation_id,
                                              "since": int(time.time())}, self.ttl)

    def get(self, token: str) -> dict[str, Any] | None:
        value = self.records.get(handoff_key(token))
        return value if isinstance(value, dict) else None

    def active(self, token: str) -> bool:
        return self.get(token) is not None

    def release(self, token: str) -> None:
        self.records.delete(handoff_key(token))

    def add_message(self, token: str, sender: str, text: str) -> None:
        """Keep a message for the agent (sender: customer, agent or bot)."""
        key = inbox_key(token)
        item = {"sender": sender, "text": text, "at": int(time.time())}
        try:
            push_capped(self.records.client, key, self.records.seal(key, item), INBOX_LIMIT, self.ttl)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis inbox write failed: {exc.__class__.__name__}") from exc

    def messages(self, token: str) -> list[dict[str, Any]]:
        key = inbox_key(token)
        try:
            raw = self.records.client.lrange(key, 0, -1)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis inbox read failed: {exc.__class__.__name__}") from exc
        return [self.records.open(key, item) for item in raw]

    def inbox_count(self, token: str) -> int:
        """How many messages wait in this customer's inbox for the agent."""
        try:
            return int(self.records.client.llen(inbox_key(token)))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis inbox read failed: {exc.__class__.__name__}") from exc
