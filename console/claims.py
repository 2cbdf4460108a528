"""Who holds which queue item, kept in the stream's consumer group only.

New stream entries are read into the group by a pool consumer
(``console:queue``): pending under the pool means "waiting". A claim moves
the entry to the agent's consumer (``agent:<name>``) with XCLAIM inside a Lua
script that first checks the current owner, so two agents (on any number of
web workers) cannot both hold it. Every agent action re-claims the entry,
which resets its idle time; a claim idle for longer than the limit goes back
to the pool. Finishing acknowledges the entry (XACK). Nothing lives in
process memory.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from console.queue_notes import change_of
from storage.errors import DecryptError
from storage.streams import EncryptedStream

log = logging.getLogger(__name__)

POOL = "console:queue"
AGENT_PREFIX = "agent:"
LIST_LIMIT = 500
INTAKE_BATCH = 100

# KEYS[1] stream; ARGV group, entry id, consumer, pool, idle limit (ms)
_CLAIM = """
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
if #p == 0 then return {'gone', ''} end
local owner, idle = p[1][2], tonumber(p[1][3])
if owner ~= ARGV[3] and owner ~= ARGV[4] and idle < tonumber(ARGV[5]) then return {'taken', owner} end
local r = redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
if #r == 0 then return {'gone', ''} end
return {'ok', owner}
"""

# KEYS[1] stream; ARGV group, entry id, consumer, action ('touch' | 'ack' | 'pool'), pool
_HOLDER = """
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
if #p == 0 then return {'gone', ''} end
if p[1][2] ~= ARGV[3] then return {'lost', p[1][2]} end
if ARGV[4] == 'ack' then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
elseif ARGV[4] == 'pool' then
  redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[5], 0, ARGV[2], 'JUSTID')
else
  redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'JUSTID')
end
return {'ok', ARGV[3]}
"""

# KEYS[1] stream; ARGV group, pool, idle limit (ms), agent prefix
_SWEEP = """
local rows = redis.call('XPENDING', KEYS[1], ARGV[1], 'IDLE', ARGV[3], '-', '+', 200)
local out = {}
for _, row in ipairs(rows) do
  if string.sub(row[2], 1, #ARGV[4]) == ARGV[4] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], row[1], 'JUSTID')
    table.insert(out, row[1])
    table.insert(out, row[2])
  end
end
return out
"""


class ClaimError(Exception):
    """The item cannot be taken or acted on by this agent; the message says why."""


@dataclass(frozen=True)
class QueueItem:
    ref: str
    entry_id: str
    fields: dict[str, str]
    holder: str | None  # the agent it was last given to, None while in the pool
    stale: bool  # the holder left it idle past the limit: anyone may take it
    change: str = ""  # for an update or cancel entry: what changed, in words (nothing personal)
    payload: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # decrypted; never logged

    @property
    def owner(self) -> str | None:
        """The agent who holds it now, None while it waits for someone."""
        return None if self.stale else self.holder

    @property
    def priority(self) -> str:
        return self.fields.get("priority", "normal")

    @property
    def waiting_seconds(self) -> int:
        """Since the entry was added, from its stream id's timestamp."""
        created_ms = int(self.entry_id.split("-")[0])
        return max(0, int(time.time() * 1000 - created_ms) // 1000)

    @property
    def waiting_minutes(self) -> int:
        return self.waiting_seconds // 60


def consumer_for(agent: str) -> str:
    return f"{AGENT_PREFIX}{agent}"


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class ClaimBoard:
    """Claims on one stream's entries, atomic in Redis."""

    def __init__(self, stream: EncryptedStream, idle_limit_ms: int) -> None:
        self.stream = stream
        self.client: Any = stream.client
        self.idle_limit_ms = idle_limit_ms
        self._claim = self.client.register_script(_CLAIM)
        self._holder = self.client.register_script(_HOLDER)
        self._sweep = self.client.register_script(_SWEEP)

    def intake(self) -> int:
        """Read entries no consumer has seen yet into the pool; returns how many."""
        self.stream.ensure_group()
        total = 0
        for _ in range(10):
            reply = self.client.xreadgroup(self.stream.group, POOL, {self.stream.name: ">"}, count=INTAKE_BATCH)
            rows = reply[0][1] if reply else []
            total += len(rows)
            if len(rows) < INTAKE_BATCH:
                break
        return total

    def release_idle(self) -> list[tuple[str, str]]:
        """Claims idle past the limit go back to the pool: [(entry id, agent)]."""
        self.stream.ensure_group()
        flat = self._sweep(keys=[self.stream.name],
                           args=[self.stream.group, POOL, self.idle_limit_ms, AGENT_PREFIX])
        pairs = [_text(v) for v in flat]
        return [(pairs[i], pairs[i + 1][len(AGENT_PREFIX):]) for i in range(0, len(pairs), 2)]

    def items(self) -> list[QueueItem]:
        """Every unfinished, authentic entry with its holder.

        The payload is authenticated and kept on the item (decrypted, in memory only) for the queue's triage.
        """
        self.intake()
        rows = self.client.xpending_range(self.stream.name, self.stream.group, min="-", max="+", count=LIST_LIMIT)
        if not rows:
            return []
        with self.client.pipeline(transaction=False) as pipe:
            for row in rows:
                pipe.xrange(self.stream.name, min=row["message_id"], max=row["message_id"], count=1)
            found = pipe.execute()
        items = []
        for row, entries in zip(rows, found, strict=True):
            if not entries:
                continue  # deleted (erased) while pending
            try:
                # Authenticates the clear fields too: a copy re-labelled "urgent" is not listed.
                entry = self.stream.decode(row["message_id"], entries[0][1])
            except DecryptError:
                log.error("queue entry %s of %s failed authentication: not listed", _text(row["message_id"]),
                          self.stream.name)
                continue
            consumer = _text(row["consumer"])
            holder = None if consumer == POOL else consumer.removeprefix(AGENT_PREFIX)
            stale = holder is not None and int(row["time_since_delivered"]) >= self.idle_limit_ms
            fields = entry.fields
            items.append(QueueItem(fields.get("id", "?"), _text(row["message_id"]), fields, holder, stale,
                                   change_of(fields, entry.payload), entry.payload))
        return items

    def find(self, ref: str) -> QueueItem | None:
        return next((item for item in self.items() if item.ref == ref), None)

    def claim(self, item: QueueItem, agent: str) -> None:
        """Give ``item`` to ``agent``; ClaimError when someone else holds it."""
        status, owner = (_text(v) for v in self._claim(
            keys=[self.stream.name],
            args=[self.stream.group, item.entry_id, consumer_for(agent), POOL, self.idle_limit_ms]))
        if status == "taken":
            raise ClaimError(f"{item.ref} is already taken by {owner[len(AGENT_PREFIX):] or 'someone else'}.")
        if status == "gone":
            raise ClaimError(f"{item.ref} is no longer in the queue.")

    def reassign(self, item: QueueItem, agent: str) -> None:
        """A supervisor's move: give ``item`` to ``agent`` whoever holds it; ClaimError when it is gone."""
        moved = self.client.xclaim(self.stream.name, self.stream.group, consumer_for(agent), 0, [item.entry_id],
                                   justid=True)
        if not moved:
            raise ClaimError(f"{item.ref} is no longer in the queue.")

    def touch(self, item: QueueItem, agent: str) -> None:
        """Keep the claim fresh (resets its idle time); ClaimError when it was lost."""
        self._act(item, agent, "touch")

    def unclaim(self, item: QueueItem, agent: str) -> None:
        """Put the item back in the queue for someone else."""
        self._act(item, agent, "pool")

    def finish(self, item: QueueItem, agent: str) -> None:
        """Done with it: acknowledge the entry, which leaves the queue."""
        self._act(item, agent, "ack")

    def _act(self, item: QueueItem, agent: str, action: str) -> None:
        status, _owner = (_text(v) for v in self._holder(
            keys=[self.stream.name],
            args=[self.stream.group, item.entry_id, consumer_for(agent), action, POOL]))
        if status == "gone":
            raise ClaimError(f"{item.ref} is no longer in the queue.")
        if status == "lost":
            raise ClaimError(f"You no longer hold {item.ref}; claim it again from the queue.")
