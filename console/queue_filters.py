"""Queue tabs and search (pure): which items a dispatcher asked to see."""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.claims import QueueItem

TABS = ("all", "escalations", "dispatch", "recent")
RECENT_SECONDS = 24 * 3600
ENDED = {"close": "closed", "status_completed": "completed", "release_to_bot": "released to the bot"}
_DIGITS = re.compile(r"\D")
_PHONEISH = re.compile(r"[+\d\s().-]+")


def tab_of(value: str | None) -> str:
    return value if value in TABS else "all"


def _phone_of(payload: Mapping[str, Any]) -> str:
    request = payload.get("request")
    customer = request.get("customer") if isinstance(request, Mapping) else None
    phone = customer.get("phone") if isinstance(customer, Mapping) else payload.get("phone")
    return str(phone or "")


def _place_of(payload: Mapping[str, Any]) -> str:
    request = payload.get("request")
    if isinstance(request, Mapping):
        return str((request.get("pickup") or {}).get("text") or "")
    summary = payload.get("summary")
    return str(summary.get("pickup") or "") if isinstance(summary, Mapping) else ""


def matches(item: QueueItem, query: str) -> bool:
    """A reference, a phone number (4+ digits, any spacing) or words of the place."""
    words = query.strip().lower()
    if not words:
        return True
    if words in item.ref.lower():
        return True
    digits = _DIGITS.sub("", words)
    if _PHONEISH.fullmatch(words) and len(digits) >= 4 and digits in _DIGITS.sub("", _phone_of(item.payload)):
        return True
    return words in _place_of(item.payload).lower()


@dataclass(frozen=True)
class Ended:
    ref: str
    how: str
    by: str
    at: str


def recent(entries: list[dict[str, str]], now: float | None = None) -> list[Ended]:
    """Items completed, closed or released in the last 24 h, newest first, from the audit stream."""
    since = (now if now is not None else time.time()) - RECENT_SECONDS
    found = []
    for e in entries:
        if e.get("action") not in ENDED:
            continue
        at = calendar.timegm(time.strptime(e.get("at", ""), "%Y-%m-%dT%H:%M:%SZ"))
        if at < since:
            break  # newest first: the rest are older
        found.append(Ended(e.get("subject", ""), ENDED[e["action"]], e.get("actor", "").removeprefix("agent:"),
                           e.get("at", "")))
    return found
