"""What waits in a stream, read for the metrics at scrape time: entry ids and clear fields only, never a payload."""

from __future__ import annotations

from collections import Counter
from typing import Any

from redis.exceptions import ResponseError

from storage.streams import EncryptedStream

PAGE = 1000


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _id_key(entry_id: str) -> tuple[int, ...]:
    return tuple(map(int, entry_id.split("-")))


def redis_now_ms(client: Any) -> int:
    """Redis's clock, in milliseconds: the one entry ids come from."""
    seconds, micros = client.time()
    return int(seconds) * 1000 + int(micros) // 1000


def backlog(client: Any, stream: EncryptedStream) -> tuple[int, str | None]:
    """How many entries wait in ``stream`` (pending plus never delivered), and the id of the oldest of them."""
    try:
        groups = {_text(g["name"]): g for g in client.xinfo_groups(stream.name)}
    except ResponseError:
        return 0, None  # the stream does not exist yet: nothing was ever queued
    group = groups.get(stream.group)
    if group is None:
        first = client.xrange(stream.name, count=1)
        return int(client.xlen(stream.name)), _text(first[0][0]) if first else None
    summary = client.xpending(stream.name, stream.group)
    pending = int(summary["pending"])
    last = _text(group["last-delivered-id"])
    after = f"({last}" if last != "0-0" else "-"
    lag = group.get("lag")
    # Redis 7 knows the lag unless entries were deleted or trimmed; otherwise count the rest page by page.
    undelivered = int(lag) if isinstance(lag, int) else _count_from(client, stream.name, after)
    candidates = [_text(summary["min"])] if pending else []
    first_new = client.xrange(stream.name, min=after, count=1)
    if first_new:
        candidates.append(_text(first_new[0][0]))
    return pending + undelivered, min(candidates, key=_id_key, default=None)


def _count_from(client: Any, name: str, start: str) -> int:
    count = 0
    while True:
        batch = client.xrange(name, min=start, count=PAGE)
        count += len(batch)
        if len(batch) < PAGE:
            return count
        start = f"({_text(batch[-1][0])}"


def field_counts_since(client: Any, stream: EncryptedStream, field: str, since_ms: int) -> Counter[str]:
    """How many entries published since ``since_ms`` carry each value of the clear ``field``."""
    counts: Counter[str] = Counter()
    start = f"{max(0, since_ms)}-0"
    while True:
        batch = client.xrange(stream.name, min=start, count=PAGE)
        for _, fields in batch:
            counts[next((_text(v) for k, v in fields.items() if _text(k) == field), "")] += 1
        if len(batch) < PAGE:
            return counts
        start = f"({_text(batch[-1][0])}"
