"""The encrypted consent record: opt-in/out state and its history.

It never expires: an opt-out must outlive every conversation TTL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from storage import cas
from storage.keys import consent_key
from storage.records import EncryptedRecords

POLICY_VERSION = "2026-11"
OPTED_IN = "opted_in"
OPTED_OUT = "opted_out"
UNKNOWN = "unknown"


@dataclass
class ConsentRecord:
    status: str = UNKNOWN
    history: list[dict[str, Any]] = field(default_factory=list)
    blocked_sends: int = 0

    @property
    def opted_out(self) -> bool:
        return self.status == OPTED_OUT

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "history": self.history, "blocked_sends": self.blocked_sends}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConsentRecord:
        return cls(data.get("status", UNKNOWN), list(data.get("history", [])), int(data.get("blocked_sends", 0)))


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ConsentStore:
    def __init__(self, records: EncryptedRecords) -> None:
        self.records = records

    def load(self, token: str) -> ConsentRecord:
        data = self.records.get(consent_key(token))
        return ConsentRecord() if data is None else ConsentRecord.from_json(data)

    def is_opted_out(self, token: str) -> bool:
        return self.load(token).opted_out

    def opt_out(self, token: str, *, channel: str, how: str) -> ConsentRecord:
        """Record an opt-out (idempotent on state, every request kept in history)."""
        return self._change(token, OPTED_OUT, {"event": "opt_out", "channel": channel, "how": how})

    def opt_in(self, token: str, *, channel: str, how: str) -> ConsentRecord:
        return self._change(token, OPTED_IN, {"event": "opt_in", "channel": channel, "how": how})

    def opt_in_if_unknown(self, token: str, *, channel: str, how: str) -> str:
        """Move ``unknown`` to opted-in in one compare-and-set; the status found before.

        Never overwrites an opt-out that landed after the caller last read the
        record: the change applies only to the value it was computed from.
        """
        key = consent_key(token)

        def apply(raw: bytes | None) -> tuple[bytes | str | None, str]:
            rec = ConsentRecord() if raw is None else ConsentRecord.from_json(self.records.open(key, raw))
            if rec.status != UNKNOWN:
                return raw, rec.status  # written back unchanged
            rec.status = OPTED_IN
            rec.history.append({"event": "opt_in", "channel": channel, "how": how, "at": _now(),
                                "policy_version": POLICY_VERSION})
            return self.records.seal(key, rec.to_json()), UNKNOWN

        return cas.update(self.records.client, key, apply)

    def note_blocked_send(self, token: str, kind: str) -> ConsentRecord:
        """Count an outbound message that the opt-out stopped."""

        def change(rec: ConsentRecord) -> None:
            rec.blocked_sends += 1
            rec.history.append({"event": "blocked_send", "kind": kind, "at": _now()})

        return self.update(token, change)

    def forget_except_opt_out(self, token: str) -> bool:
        """Erase the record, keeping only the fact of an opt-out. True if kept."""
        rec = self.load(token)
        if not rec.opted_out:
            self.records.delete(consent_key(token))
            return False
        last = [h for h in rec.history if h.get("event") == "opt_out"][-1:]
        keep = ("event", "at", "policy_version", "channel")
        kept = ConsentRecord(OPTED_OUT, [{k: v for k, v in h.items() if k in keep} for h in last])
        self.records.put(consent_key(token), kept.to_json(), None)
        return True

    def _change(self, token: str, status: str, event: dict[str, Any]) -> ConsentRecord:
        def change(rec: ConsentRecord) -> None:
            rec.status = status
            rec.history.append({**event, "at": _now(), "policy_version": POLICY_VERSION})

        return self.update(token, change)

    def update(self, token: str, change: Callable[[ConsentRecord], None]) -> ConsentRecord:
        """Read-modify-write with compare-and-set so concurrent changes are not lost."""
        key = consent_key(token)

        def apply(raw: bytes | None) -> tuple[str, ConsentRecord]:
            rec = ConsentRecord() if raw is None else ConsentRecord.from_json(self.records.open(key, raw))
            change(rec)
            return self.records.seal(key, rec.to_json()), rec

        return cas.update(self.records.client, key, apply)
