"""The local outbox: texts kept (sealed) in Redis when no Twilio credentials are configured."""

from __future__ import annotations

from typing import Any

from storage.keys import OUTBOX_KEY
from storage.records import EncryptedRecords

OUTBOX_LIMIT = 500


class Outbox:
    """The newest ``OUTBOX_LIMIT`` texts that would have gone to Twilio, newest first."""

    def __init__(self, records: EncryptedRecords) -> None:
        self.records = records

    def add(self, item: dict[str, Any]) -> None:
        client = self.records.client
        client.lpush(OUTBOX_KEY, self.records.seal(OUTBOX_KEY, item))
        client.ltrim(OUTBOX_KEY, 0, OUTBOX_LIMIT - 1)

    def items(self) -> list[dict[str, Any]]:
        return [self.records.open(OUTBOX_KEY, raw) for raw in self.records.client.lrange(OUTBOX_KEY, 0, -1)]
