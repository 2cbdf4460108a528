"""Which stream entries belong to which customer, so export and erase read only theirs.

Per customer and stream, a sorted set of entry ids scored by the entry's time
(``stream_index_key``, under the token's hash tag): written with the entry,
trimmed and expired with the stream's retention, deleted by erasure with the
customer's other keys. Ids only: nothing personal.

On one Redis the entry and its index entries are written by one script, so
neither exists without the other. On a Redis Cluster the stream and each
customer's index live in different slots: the index is written right after the
entry, in one pipeline; ``roadside index-streams`` repairs a gap a crash
between the two could leave.

Entries written before the index existed are older than the stream's
``indexed-since`` mark. Export and erase read that older range in full (it
ages out with retention); ``roadside index-streams`` indexes it once and moves
the mark to ``0-0``, so nothing is read in full any more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from redis.cluster import RedisCluster

from storage.keys import stream_index_key, stream_indexed_since_key

FULLY_INDEXED = "0-0"

# KEYS: stream, indexed-since mark, then one index per customer.
# ARGV: trim MINID, retention ms, then the entry's field/value pairs.
_XADD_INDEXED = """
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
local id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', unpack(fields))
redis.call('SET', KEYS[2], id, 'NX')
local ms = tonumber(string.match(id, '^(%d+)'))
for i = 3, #KEYS do
  redis.call('ZADD', KEYS[i], ms, id)
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. tostring(ms - tonumber(ARGV[2])))
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return id
"""


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def entry_ms(entry_id: str) -> int:
    return int(entry_id.split("-")[0])


def phones_in(payload: dict[str, Any]) -> list[str]:
    """The numbers a stream payload carries: an escalation's phone, a request's customer phone."""
    request = payload.get("request")
    customer = request.get("customer") if isinstance(request, dict) else None
    found = [payload.get("phone"), customer.get("phone") if isinstance(customer, dict) else None]
    return [p for p in found if isinstance(p, str) and p.startswith("+")]


def owners(payload: dict[str, Any], token_of: Callable[[str], str] | None = None) -> list[str]:
    """Every customer an entry belongs to: its token, and (with ``token_of``) the token of each number it carries."""
    token = payload.get("token")
    found = {token} if isinstance(token, str) and token else set()
    if token_of is not None:
        found |= {token_of(phone) for phone in phones_in(payload)}
    return sorted(found)


class StreamIndex:
    """The per-customer entry ids of one stream."""

    def __init__(self, client: Any, stream: str, retention_ms: int) -> None:
        self.client = client
        self.stream = stream
        self.retention_ms = retention_ms
        self._script = None if self.on_cluster else client.register_script(_XADD_INDEXED)

    @property
    def on_cluster(self) -> bool:
        return isinstance(self.client, RedisCluster)

    def xadd(self, fields: dict[str, str], min_id: str, tokens: Iterable[str]) -> str:
        """Append an entry to the stream and its id to each customer's index."""
        tokens = sorted(set(tokens))
        if self._script is not None:
            keys = [self.stream, stream_indexed_since_key(self.stream),
                    *(stream_index_key(t, self.stream) for t in tokens)]
            args = [min_id, self.retention_ms, *(x for pair in fields.items() for x in pair)]
            return _text(self._script(keys=keys, args=args))
        entry_id = _text(self.client.xadd(self.stream, fields, minid=min_id, approximate=True))
        self.add(entry_id, tokens)
        self.client.set(stream_indexed_since_key(self.stream), entry_id, nx=True)
        return entry_id

    def add(self, entry_id: str, tokens: Iterable[str]) -> None:
        """Index an existing entry under each of ``tokens`` (idempotent)."""
        ms = entry_ms(entry_id)
        pipe = self.client.pipeline(transaction=False)
        for token in tokens:
            key = stream_index_key(token, self.stream)
            pipe.zadd(key, {entry_id: ms})
            pipe.zremrangebyscore(key, "-inf", f"({ms - self.retention_ms}")
            pipe.pexpire(key, self.retention_ms)
        pipe.execute()

    def ids(self, token: str) -> list[str]:
        """This customer's entry ids, oldest first (some may since have been trimmed)."""
        return [_text(i) for i in self.client.zrange(stream_index_key(token, self.stream), 0, -1)]

    def forget(self, token: str, entry_ids: Iterable[str]) -> None:
        """Drop ids whose entries are gone (trimmed or deleted)."""
        gone = list(entry_ids)
        if gone:
            self.client.zrem(stream_index_key(token, self.stream), *gone)

    def unindexed_before(self) -> str | None:
        """XRANGE upper bound of the entries written before indexing began ("+" if none was indexed yet)."""
        since = self.client.get(stream_indexed_since_key(self.stream))
        if since is None:
            return "+"
        since = _text(since)
        return None if since == FULLY_INDEXED else f"({since}"

    def mark_fully_indexed(self) -> None:
        self.client.set(stream_indexed_since_key(self.stream), FULLY_INDEXED)
