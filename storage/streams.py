"""Encrypted Redis streams with a consumer group: at-least-once delivery.

Each entry keeps only non-personal fields in the clear (id, time, category,
priority, …) and everything else in an encrypted ``payload``.

Associated data, version 2 (entries carrying ``aad=2``): ``<stream>#<id>``
followed by every clear field as published (sorted JSON), so an entry copied
with a changed priority, category, type or request id fails to decrypt.

Entries written before version 2 (no ``aad`` field) were sealed with
``<stream>#<id>`` alone. They are still read that way, but only when they are
older than the first version-2 entry of their stream (remembered in Redis), so
a copy made now of an old entry is refused too. They age out with retention.

Each entry's id is also indexed under every customer it belongs to
(storage.stream_index), so export and erase open only that customer's entries.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError, ResponseError

from storage.crypto import KeyRing
from storage.errors import DecryptError, StoreUnavailable
from storage.keys import aad_v2_since_key, dead_letter_stream
from storage.stream_index import StreamIndex, owners

log = logging.getLogger(__name__)

PAYLOAD = "payload"
AAD_FIELD = "aad"
AAD_VERSION = "2"
# Added when an entry is dead-lettered; not part of what was sealed.
DEAD_LETTER_FIELDS = ("source_entry", "deliveries")
DEFAULT_MAX_DELIVERIES = 5


@dataclass(frozen=True)
class StreamEntry:
    entry_id: str
    fields: dict[str, str]
    payload: dict[str, Any]
    deliveries: int = 1


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class EncryptedStream:
    """One stream, one consumer group."""

    def __init__(
        self,
        client: Any,
        keyring: KeyRing,
        name: str,
        group: str,
        *,
        retention_days: int = 30,
        max_deliveries: int = DEFAULT_MAX_DELIVERIES,
        token_of: Callable[[str], str] | None = None,
    ) -> None:
        self.client = client
        self.keyring = keyring
        self.name = name
        self.group = group
        self.retention_ms = retention_days * 86400 * 1000
        self.max_deliveries = max_deliveries
        # Names the customer of each number a payload carries, so the entry is indexed under it too.
        self.token_of = token_of
        self.index = StreamIndex(client, name, self.retention_ms)

    def aad(self, entry_ref: str) -> str:
        """Version-1 associated data (entries from before the clear fields were bound)."""
        return f"{self.name}#{entry_ref}"

    def bound_aad(self, fields: dict[str, str]) -> str:
        """Version-2 associated data: the entry's name and every clear field as published."""
        clear = {k: v for k, v in fields.items() if k not in (PAYLOAD, *DEAD_LETTER_FIELDS)}
        return f"{self.name}#{clear.get('id', '')}#" + json.dumps(clear, sort_keys=True, separators=(",", ":"))

    def _v2_since_ms(self) -> int | None:
        """When this stream got its first version-2 entry (ms), None before that."""
        raw = self.client.get(aad_v2_since_key(self.name))
        return None if raw is None else int(raw)

    def ensure_group(self) -> None:
        """Create the stream and its consumer group if they do not exist yet."""
        try:
            self.client.xgroup_create(self.name, self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xgroup failed: {exc.__class__.__name__}") from exc

    def publish(self, fields: dict[str, str], payload: dict[str, Any]) -> str:
        """Append an entry; ``fields['id']`` names it and binds the payload."""
        if AAD_FIELD in fields or PAYLOAD in fields or any(k in fields for k in DEAD_LETTER_FIELDS):
            raise ValueError("fields may not use the reserved names aad, payload, source_entry, deliveries")
        clear = {**{k: str(v) for k, v in fields.items()}, "at": fields.get("at") or _now_iso(),
                 AAD_FIELD: AAD_VERSION}
        sealed = self.keyring.encrypt(json.dumps(payload, separators=(",", ":")).encode(), self.bound_aad(clear))
        now_ms = int(time.time() * 1000)
        try:
            self.ensure_group()
            entry_id = self.index.xadd({**clear, PAYLOAD: sealed}, self._min_id(now_ms),
                                       owners(payload, self.token_of))
            # Remembered in Redis's own clock (the entry id), which is what later entry ids are compared with.
            self.client.set(aad_v2_since_key(self.name), entry_id.split("-")[0], nx=True)
            # Dead letters hold whole requests too: same retention, even when none are added.
            self.client.xtrim(dead_letter_stream(self.name), minid=self._min_id(now_ms), approximate=True)
            return entry_id
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xadd failed: {exc.__class__.__name__}") from exc

    def _min_id(self, now_ms: int) -> str:
        return f"{max(0, now_ms - self.retention_ms)}-0"

    def decode(self, entry_id: Any, raw: dict[Any, Any], deliveries: int = 1) -> StreamEntry:
        """Open an entry of this stream (or its dead-letter copy); DecryptError if it was altered."""
        fields = {_text(k): _text(v) for k, v in raw.items()}
        sealed = fields.get(PAYLOAD, "")
        if fields.get(AAD_FIELD) == AAD_VERSION:
            aad = self.bound_aad(fields)
        elif AAD_FIELD in fields:
            raise DecryptError(f"unknown associated-data version {fields[AAD_FIELD]!r}", key=self.name)
        else:
            self._allow_v1(fields.get("source_entry") or _text(entry_id))
            aad = self.aad(fields.get("id", ""))
        payload = json.loads(self.keyring.decrypt(sealed, aad))
        fields.pop(PAYLOAD, None)
        return StreamEntry(_text(entry_id), fields, payload, deliveries)

    def entry(self, entry_id: str) -> StreamEntry | None:
        """One entry by id, opened; None when it was trimmed or never existed."""
        rows = self.client.xrange(self.name, min=entry_id, max=entry_id, count=1)
        return self.decode(rows[0][0], rows[0][1]) if rows else None

    def _allow_v1(self, entry_id: str) -> None:
        """An entry without bound clear fields is read only if it predates version 2 here."""
        since = self._v2_since_ms()
        if since is not None and int(entry_id.split("-")[0]) >= since:
            raise DecryptError("entry without bound clear fields written after version 2 began "
                               "(copied or altered)", key=self.name)

    def _decode_many(self, rows: list[Any]) -> list[StreamEntry]:
        out = []
        for entry_id, raw in rows:
            if raw is None:  # deleted while pending
                continue
            try:
                out.append(self.decode(entry_id, raw))
            except DecryptError:
                # Left in place (still pending) for the dead-letter sweep.
                log.error("undecryptable entry %s in %s", _text(entry_id), self.name)
        return out

    def claim(self, consumer: str, count: int = 10, block_ms: int | None = None) -> list[StreamEntry]:
        """New entries for ``consumer`` (XREADGROUP >). Ack each when done."""
        self.ensure_group()
        try:
            reply = self.client.xreadgroup(self.group, consumer, {self.name: ">"}, count=count, block=block_ms)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xreadgroup failed: {exc.__class__.__name__}") from exc
        rows = reply[0][1] if reply else []
        return self._decode_many(rows)

    def ack(self, entry_id: str) -> bool:
        try:
            return bool(self.client.xack(self.name, self.group, entry_id))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xack failed: {exc.__class__.__name__}") from exc

    def reclaim(self, consumer: str, min_idle_ms: int, count: int = 10) -> list[StreamEntry]:
        """Take over entries another consumer left pending for ``min_idle_ms``.

        Entries already delivered ``max_deliveries`` times go to the dead-letter
        stream instead of being handed out again.
        """
        self.ensure_group()
        try:
            pending = self.client.xpending_range(
                self.name, self.group, min="-", max="+", count=count * 4, idle=min_idle_ms
            )
            for item in pending:
                if int(item["times_delivered"]) >= self.max_deliveries:
                    self._dead_letter(_text(item["message_id"]), int(item["times_delivered"]))
            reply = self.client.xautoclaim(self.name, self.group, consumer, min_idle_ms, "0-0", count=count)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis reclaim failed: {exc.__class__.__name__}") from exc
        claimed = reply[1] if len(reply) > 1 else []
        entries = self._decode_many(claimed)
        counts = self._delivery_counts([e.entry_id for e in entries])
        return [StreamEntry(e.entry_id, e.fields, e.payload, counts.get(e.entry_id, 1)) for e in entries]

    def _delivery_counts(self, ids: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry_id in ids:
            rows = self.client.xpending_range(self.name, self.group, min=entry_id, max=entry_id, count=1)
            if rows:
                counts[entry_id] = int(rows[0]["times_delivered"])
        return counts

    def _dead_letter(self, entry_id: str, deliveries: int) -> None:
        rows = self.client.xrange(self.name, min=entry_id, max=entry_id, count=1)
        if rows:
            _, raw = rows[0]
            fields = {_text(k): _text(v) for k, v in raw.items()}
            fields.update({"source_entry": entry_id, "deliveries": str(deliveries)})
            # Trimmed with the main stream's retention: it holds whole requests.
            self.client.xadd(dead_letter_stream(self.name), fields,
                             minid=self._min_id(int(time.time() * 1000)), approximate=True)
        self.client.xack(self.name, self.group, entry_id)
        log.warning("entry %s of %s dead-lettered after %d deliveries", entry_id, self.name, deliveries)

    def pending_count(self) -> int:
        self.ensure_group()
        try:
            info = self.client.xpending(self.name, self.group)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xpending failed: {exc.__class__.__name__}") from exc
        return int(info["pending"])

    def _rows_after(self, start: str, page: int, stream: str | None = None, end: str = "+") -> list[Any]:
        """Raw entries of this stream (or ``stream``) from ``start`` ("-" or "(<id>") to ``end``, ``page`` at a time."""
        rows: list[Any] = []
        while True:
            batch = self.client.xrange(stream or self.name, min=start, max=end, count=page)
            rows += batch
            if len(batch) < page:
                return rows
            start = f"({_text(batch[-1][0])}"

    def read_all(self, page: int = 1000) -> list[StreamEntry]:
        """Every entry still in the stream (oldest first), decrypted, read ``page`` at a time."""
        try:
            rows = self._rows_after("-", page)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xrange failed: {exc.__class__.__name__}") from exc
        return self._decode_many(rows)

    def dead_letters(self) -> list[StreamEntry]:
        """Every entry of the dead-letter stream, decrypted (its clear fields name the source entry)."""
        try:
            rows = self._rows_after("-", 1000, dead_letter_stream(self.name))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xrange failed: {exc.__class__.__name__}") from exc
        return self._decode_many(rows)

    def entries_of(self, tokens: Iterable[str], page: int = 1000) -> list[StreamEntry]:
        """Entries indexed under any of ``tokens`` and every entry from before indexing began, decrypted.

        Only these are decrypted; the caller still checks whom each belongs to.
        """
        try:
            rows = self._unindexed_rows(page)
            ids = sorted(set(self._indexed_ids(tokens)) - {_text(i) for i, _ in rows}, key=_id_order)
            rows += self._rows_by_id(ids)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis read failed: {exc.__class__.__name__}") from exc
        return self._decode_many(sorted(rows, key=lambda row: _id_order(_text(row[0]))))

    def dead_letters_of(self, tokens: Iterable[str]) -> list[StreamEntry]:
        """Dead-letter copies of entries indexed under ``tokens`` or from before indexing began, decrypted."""
        try:
            wanted = set(self._indexed_ids(tokens))
            bound = self.index.unindexed_before()
            rows = self._rows_after("-", 1000, dead_letter_stream(self.name))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xrange failed: {exc.__class__.__name__}") from exc
        # Only the clear source_entry field is read to choose; only the chosen are decrypted.
        return self._decode_many([(i, raw) for i, raw in rows
                                  if _text(raw.get(b"source_entry", b"")) in wanted
                                  or _before(_text(raw.get(b"source_entry", b"0-0")), bound)])

    def index_existing(self, page: int = 1000) -> int:
        """Index every entry already in the stream under its customers (idempotent); returns how many.

        Afterwards export and erase no longer read the entries from before indexing in full.
        Run once all writers index (after an upgrade).
        """
        indexed, start = 0, "-"
        try:
            while True:
                batch = self.client.xrange(self.name, min=start, count=page)
                for entry in self._decode_many(batch):
                    self.index.add(entry.entry_id, owners(entry.payload, self.token_of))
                    indexed += 1
                if len(batch) < page:
                    break
                start = f"({_text(batch[-1][0])}"
            self.index.mark_fully_indexed()
        except RedisError as exc:
            raise StoreUnavailable(f"Redis indexing failed: {exc.__class__.__name__}") from exc
        return indexed

    def _indexed_ids(self, tokens: Iterable[str]) -> list[str]:
        return [entry_id for token in sorted(set(tokens)) for entry_id in self.index.ids(token)]

    def _unindexed_rows(self, page: int) -> list[Any]:
        bound = self.index.unindexed_before()
        return [] if bound is None else self._rows_after("-", page, end=bound)

    def _rows_by_id(self, ids: list[str]) -> list[Any]:
        """The entries with these ids still in the stream (trimmed or deleted ones are skipped)."""
        if not ids:
            return []
        pipe = self.client.pipeline(transaction=False)
        for entry_id in ids:
            pipe.xrange(self.name, min=entry_id, max=entry_id, count=1)
        return [found[0] for found in pipe.execute() if found]

    def matching(self, **clear: str) -> list[StreamEntry]:
        """Entries whose clear fields equal ``clear`` (oldest first); only those are decrypted."""
        want = {k.encode(): v.encode() for k, v in clear.items()}
        try:
            rows = self._rows_after("-", 1000)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis xrange failed: {exc.__class__.__name__}") from exc
        return self._decode_many([(i, raw) for i, raw in rows if all(raw.get(k) == v for k, v in want.items())])

    def unacknowledged(self, page: int = 1000) -> list[StreamEntry]:
        """Every entry not yet acknowledged by the group: pending first, then never delivered."""
        self.ensure_group()
        try:
            groups = {_text(g["name"]): g for g in self.client.xinfo_groups(self.name)}
            last = _text(groups[self.group]["last-delivered-id"])
            pending_ids: list[str] = []
            low = "-"
            while True:
                batch = self.client.xpending_range(self.name, self.group, min=low, max="+", count=page)
                pending_ids += [_text(p["message_id"]) for p in batch]
                if len(batch) < page:
                    break
                low = f"({pending_ids[-1]}"
            rows = [r for pid in pending_ids for r in self.client.xrange(self.name, min=pid, max=pid)]
            rows += self._rows_after(f"({last}" if last != "0-0" else "-", page)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis read failed: {exc.__class__.__name__}") from exc
        return self._decode_many(rows)


def _id_order(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


def _before(entry_id: str, bound: str | None) -> bool:
    """Whether ``entry_id`` lies below an XRANGE upper bound ("+" or "(<id>"); never for None."""
    if bound is None:
        return False
    return bound == "+" or _id_order(entry_id) < _id_order(bound.lstrip("("))


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
