"""Release to the bot: the intake resumes from what is known (the tracker's slots and the hand-off texts)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from bot.actions.resume import resume_events
from console.transcript import load_tracker
from storage.keys import tracker_key
from storage.services import Storage


@dataclass(frozen=True)
class Resumed:
    learned: tuple[str, ...]  # slots the hand-off texts filled
    next_question: str | None  # the slot the bot asks next (None: it reads the request back)


def handoff_texts(storage: Storage, token: str) -> list[str]:
    """What the customer wrote since this hand-off began (the inbox also keeps earlier hand-offs)."""
    started = float((storage.handoff.get(token) or {}).get("since") or 0)
    return [str(m["text"]) for m in storage.handoff.messages(token)
            if m.get("sender") == "customer" and m.get("text") and float(m.get("at") or 0) >= started]


def resume_intake(storage: Storage, token: str, ttl_seconds: int) -> Resumed | None:
    """Append the events that resume the intake form to the stored tracker; None when there is nothing to resume.

    Called while the hand-off still holds the conversation, so no bot turn runs on this tracker meanwhile.
    """
    tracker = load_tracker(storage, token)
    if tracker is None:
        return None
    events = list(tracker.get("events") or [])
    added = resume_events(events, handoff_texts(storage, token), time.time())
    if not added:
        return None
    tracker["events"] = [*events, *added]
    key = tracker_key(token)
    storage.client.set(key, storage.keyring.encrypt(json.dumps(tracker).encode(), key), ex=ttl_seconds)
    learned = tuple(e["name"] for e in added if e["event"] == "slot" and e["name"] in ("pickup", "issue", "vehicle",
                                                                                        "dropoff"))
    return Resumed(learned, next(e["value"] for e in added if e.get("name") == "requested_slot"))
