"""What a queue row shows at a glance: last words, place, car, channel, language, wait colour (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREVIEW_CHARS = 60
PLACE_CHARS = 48


@dataclass(frozen=True)
class WaitTargets:
    """Seconds after which a waiting item turns amber, then red (urgent items have their own).

    The defaults are ConsoleSettings' (storage/settings.py, CONSOLE_WAIT_*_SECONDS).
    """

    urgent_amber: int
    urgent_red: int
    normal_amber: int
    normal_red: int

    def for_priority(self, priority: str) -> tuple[int, int]:
        if priority == "urgent":
            return self.urgent_amber, self.urgent_red
        return self.normal_amber, self.normal_red

    def colour(self, priority: str, waited_seconds: int) -> str:
        amber, red = self.for_priority(priority)
        return "red" if waited_seconds >= red else "amber" if waited_seconds >= amber else "ok"


@dataclass(frozen=True)
class Triage:
    last_message: str = ""
    place: str = ""
    vehicle: str = ""
    channel: str = ""
    language: str = ""


def shortened(text: Any, limit: int) -> str:
    """One line, at most ``limit`` characters (an ellipsis marks the cut)."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def last_customer_text(messages: list[Mapping[str, Any]]) -> str:
    """The newest message the customer sent (inbox order is oldest first)."""
    return next((str(m.get("text") or "") for m in reversed(messages) if m.get("sender") == "customer"), "")


def triage(payload: Mapping[str, Any], inbox: list[Mapping[str, Any]]) -> Triage:
    """The row summary of one queue entry's (decrypted) payload and hand-off inbox."""
    request = payload.get("request")
    if isinstance(request, Mapping):
        last = last_customer_text(inbox) or (request.get("issue") or {}).get("text")
        return Triage(shortened(last, PREVIEW_CHARS), shortened((request.get("pickup") or {}).get("text"), PLACE_CHARS),
                      shortened((request.get("vehicle") or {}).get("text"), PLACE_CHARS),
                      str(request.get("channel") or ""), str(request.get("language") or ""))
    found = payload.get("summary")
    summary: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    last = last_customer_text(inbox) or payload.get("message")
    return Triage(shortened(last, PREVIEW_CHARS), shortened(summary.get("pickup"), PLACE_CHARS),
                  shortened(summary.get("vehicle"), PLACE_CHARS), str(payload.get("channel") or ""),
                  str(payload.get("language") or ""))
