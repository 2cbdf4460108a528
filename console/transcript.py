"""A conversation as an agent reads it: the bot's tracker plus the hand-off inbox."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from storage import trackers
from storage.services import Storage

_SENDERS = {"user": "customer", "bot": "bot"}


@dataclass(frozen=True)
class Line:
    sender: str  # customer, bot, agent, or event (an earlier item ended)
    text: str
    at: float
    ref: str = ""  # for an event: the earlier item's reference

    @property
    def time(self) -> str:
        """Date, time and zone (UTC); the page shows it in the agent's own zone."""
        return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.at))

    @property
    def iso(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.at))


def tracker_lines(tracker: dict[str, Any] | None) -> list[Line]:
    """User and bot turns of a serialised Rasa tracker, in order."""
    lines = []
    for event in (tracker or {}).get("events") or []:
        sender = _SENDERS.get(str(event.get("event")))
        text = event.get("text")
        if sender and text:
            lines.append(Line(sender, str(text), float(event.get("timestamp") or 0)))
    return lines


def inbox_lines(messages: list[dict[str, Any]]) -> list[Line]:
    """Messages kept while an agent held the conversation (customer and agent)."""
    return [Line(str(m.get("sender", "customer")), str(m.get("text", "")), float(m.get("at") or 0))
            for m in messages if m.get("text")]


def merge(*parts: list[Line]) -> list[Line]:
    """One list ordered by time; ties keep their original order."""
    return sorted((line for part in parts for line in part), key=lambda line: line.at)


def load_tracker(storage: Storage, token: str) -> dict[str, Any] | None:
    """The decrypted tracker, or None when the conversation expired or was erased."""
    return trackers.load_tracker(storage.client, storage.keyring, token)


def transcript(storage: Storage, token: str) -> list[Line]:
    """The whole conversation for one customer token (decrypts; the caller audits)."""
    return merge(tracker_lines(load_tracker(storage, token)), inbox_lines(storage.handoff.messages(token)))
