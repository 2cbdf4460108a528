"""A customer's earlier console items, so a reopened conversation shows its whole story.

Closing an escalation deletes the bot's conversation (the bot starts afresh next
time). Before it goes, its lines are kept here, sealed under the customer's hash
tag (so export and erasure find them) for the retention period, together with
the reference of the item that ended and how. Released and completed items are
remembered too (without lines: the bot's conversation goes on), so a new item
links every earlier one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from console.transcript import Line, merge, transcript
from storage.cas import push_capped
from storage.keys import history_key
from storage.services import Storage

HISTORY_LIMIT = 20  # earlier items kept per customer
ENDINGS = {"close": "closed", "release_to_bot": "released to the bot", "completed": "completed"}


@dataclass(frozen=True)
class EarlierItem:
    ref: str
    ending: str  # closed, released to the bot, completed
    by: str
    at: float
    lines: tuple[Line, ...] = ()

    @property
    def anchor(self) -> str:
        return f"earlier-{self.ref}"

    @property
    def marker(self) -> Line:
        """The line the transcript shows where this item ended."""
        return Line("event", f"{self.ref} {self.ending} by {self.by}", self.at, ref=self.ref)


def remember(storage: Storage, token: str, done: EarlierItem, ttl_seconds: int) -> None:
    """Keep an item that has just ended (with the conversation lines about to be deleted, if any)."""
    key = history_key(token)
    item = {"ref": done.ref, "ending": done.ending, "by": done.by, "at": done.at,
            "lines": [[line.sender, line.text, line.at] for line in done.lines]}
    push_capped(storage.client, key, storage.records.seal(key, item), HISTORY_LIMIT, ttl_seconds)


def ended(ref: str, action: str, agent: str, lines: list[Line] | None = None) -> EarlierItem:
    """An item ending now (``action``: close, release_to_bot, completed)."""
    return EarlierItem(ref, ENDINGS.get(action, action), agent, time.time(), tuple(lines or ()))


def earlier_items(storage: Storage, token: str) -> list[EarlierItem]:
    """The customer's earlier items, oldest first (decrypts; the caller audits)."""
    key = history_key(token)
    return [_item(storage.records.open(key, raw)) for raw in storage.client.lrange(key, 0, -1)]


def _item(data: dict[str, Any]) -> EarlierItem:
    lines = tuple(Line(str(s), str(t), float(a)) for s, t, a in data.get("lines") or [])
    return EarlierItem(str(data["ref"]), str(data["ending"]), str(data["by"]), float(data["at"]), lines)


def history_lines(items: list[EarlierItem]) -> list[Line]:
    """The kept conversation lines of earlier items, each item's marker after its lines."""
    return [line for item in items for line in (*item.lines, item.marker)]


def whole_conversation(storage: Storage, token: str) -> tuple[list[Line], list[EarlierItem]]:
    """Earlier items' kept lines, the bot's conversation and the hand-off messages, in time order."""
    earlier = earlier_items(storage, token)
    return merge(history_lines(earlier), transcript(storage, token)), earlier
