"""Proactive texts held (sealed) until the customer's quiet hours end: a sorted set scored by the due time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storage.keys import HELD_KEY
from storage.records import EncryptedRecords


class HeldMessages:
    def __init__(self, records: EncryptedRecords) -> None:
        self.records = records

    def hold(self, item: dict[str, Any], due: float) -> None:
        """Keep ``item`` until the Unix time ``due``."""
        self.records.client.zadd(HELD_KEY, {self.records.seal(HELD_KEY, item): due})

    def take_due(self, now: float) -> Iterator[dict[str, Any]]:
        """Each item due by ``now``, removed as it is taken (an item another worker took is skipped)."""
        client = self.records.client
        for sealed in client.zrangebyscore(HELD_KEY, "-inf", now):
            if client.zrem(HELD_KEY, sealed):
                yield self.records.open(HELD_KEY, sealed)

    def count(self) -> int:
        return int(self.records.client.zcard(HELD_KEY))
