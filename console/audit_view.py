"""The supervisors' audit page: filtered by agent, item and action, newest first, a page at a time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from storage.keys import AUDIT_STREAM

PAGE_SIZE = 100
CHUNK = 500
SCAN_LIMIT = 50_000  # entries looked at per page: a rare filter shows what it found so far


@dataclass(frozen=True)
class AuditFilter:
    agent: str = ""
    item: str = ""
    action: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> AuditFilter:
        return cls(*(str(args.get(k) or "").strip()[:64] for k in ("agent", "item", "action")))

    def keeps(self, entry: Mapping[str, str]) -> bool:
        actor = entry.get("actor", "")
        return ((not self.agent or actor in (self.agent, f"agent:{self.agent}"))
                and (not self.item or self.item.lower() in entry.get("subject", "").lower())
                and (not self.action or entry.get("action") == self.action))

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in (("agent", self.agent), ("item", self.item), ("action", self.action)) if v}


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _newest_first(client: Any, before: str | None) -> Iterator[dict[str, str]]:
    upper = f"({before}" if before else "+"
    seen = 0
    while seen < SCAN_LIMIT:
        rows = client.xrevrange(AUDIT_STREAM, max=upper, min="-", count=CHUNK)
        for entry_id, fields in rows:
            yield {"entry_id": _text(entry_id), **{_text(k): _text(v) for k, v in fields.items()}}
        if len(rows) < CHUNK:
            return
        seen += len(rows)
        upper = f"({_text(rows[-1][0])}"


def audit_page(client: Any, wanted: AuditFilter, before: str | None = None,
               size: int = PAGE_SIZE) -> tuple[list[dict[str, str]], str | None]:
    """One page of matching entries, and the entry id to continue from (None on the last page)."""
    found: list[dict[str, str]] = []
    for entry in _newest_first(client, before):
        if wanted.keeps(entry):
            found.append(entry)
            if len(found) > size:
                return found[:size], found[size - 1]["entry_id"]
    return found, None
