"""One honest update for a customer whose escalation nobody has claimed in time.

Run by the scheduler (`roadside send-held --every N`). An escalation still in
the pool after ``escalation_wait_seconds`` gets one text: still waiting, and
what to do if in danger. A marker per stream entry (no personal data, kept as
long as the stream) makes sure it is sent once, whichever process runs it.
"""

from __future__ import annotations

import logging
from typing import Protocol

from console.claims import ClaimBoard, QueueItem
from facts.emergency_numbers import emergency_number
from messaging.outbound import OptedOut, OutboundSms
from storage.reminders import first_reminder
from storage.services import Storage

log = logging.getLogger(__name__)


class WaitingText(Protocol):
    """The customer-facing wording of the reminder (the gateway's notices)."""

    def still_waiting(self, emergency_number: str, language: str = ...) -> str: ...


def overdue(items: list[QueueItem], wait_seconds: int) -> list[QueueItem]:
    """Unclaimed escalations that have waited at least ``wait_seconds``."""
    return [item for item in items if item.owner is None and item.waiting_seconds >= wait_seconds]


def remind_unclaimed(storage: Storage, outbound: OutboundSms, notices: WaitingText, wait_seconds: int,
                     idle_limit_ms: int = 15 * 60 * 1000) -> int:
    """Text each overdue, unclaimed escalation's customer once; returns how many were texted."""
    board = ClaimBoard(storage.escalations, idle_limit_ms)
    sent = 0
    retention = storage.escalations.retention_ms // 1000
    for item in overdue(board.items(), wait_seconds):
        if not first_reminder(storage.client, item.entry_id, retention):
            continue  # already reminded (or another scheduler got there first)
        entry = storage.escalations.entry(item.entry_id)
        if entry is None:
            continue
        token = str(entry.payload.get("token") or "")
        contact = storage.contacts.load(token) if token else None
        if contact is None:
            continue
        try:
            outbound.send(token, notices.still_waiting(emergency_number(contact.region), contact.language), "status")
        except (OptedOut, LookupError):
            log.info("waiting update not sent: opted out or no contact")
            continue
        sent += 1
    return sent
