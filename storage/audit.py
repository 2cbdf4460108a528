"""The audit stream: who read or changed which record, and when."""

from __future__ import annotations

import time
from typing import Any

from redis.exceptions import RedisError

from storage.errors import StoreUnavailable
from storage.keys import AUDIT_STREAM


class AuditLog:
    """Entries hold only non-personal fields: actor, action, subject id, time."""

    def __init__(self, client: Any, retention_days: int = 365) -> None:
        self.client = client
        self.retention_ms = retention_days * 86400 * 1000

    def record(self, actor: str, action: str, subject: str, **detail: str) -> str:
        entry = {"actor": actor, "action": action, "subject": subject,
                 "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **detail}
        min_id = f"{max(0, int(time.time() * 1000) - self.retention_ms)}-0"
        try:
            entry_id = self.client.xadd(AUDIT_STREAM, entry, minid=min_id, approximate=True)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis audit write failed: {exc.__class__.__name__}") from exc
        return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)

    def entries(self, count: int = 200) -> list[dict[str, str]]:
        """Newest first."""
        try:
            rows = self.client.xrevrange(AUDIT_STREAM, count=count)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis audit read failed: {exc.__class__.__name__}") from exc
        return [{"entry_id": i.decode(), **{k.decode(): v.decode() for k, v in f.items()}} for i, f in rows]
