"""One marker per escalation entry whose customer was told they are still waiting (no personal data)."""

from __future__ import annotations

from typing import Any

from storage.keys import PREFIX


def reminder_key(entry_id: str) -> str:
    return f"{PREFIX}escalation-reminded:{entry_id}"


def first_reminder(client: Any, entry_id: str, ttl: int) -> bool:
    """Set the marker for this entry; True only for the one caller that set it first."""
    return bool(client.set(reminder_key(entry_id), "1", nx=True, ex=ttl))
