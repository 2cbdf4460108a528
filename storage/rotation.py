"""Re-encrypt every stored value under the newest data key, keeping TTLs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from redis.exceptions import WatchError

from storage.crypto import KeyRing

log = logging.getLogger(__name__)

# Per-customer keys whose values are single envelopes or lists of envelopes.
STRING_PATTERNS = ("roadside:tracker:*", "roadside:contact:*", "roadside:consent:*", "roadside:handoff:*")
LIST_PATTERNS = ("roadside:inbox:*",)


@dataclass
class RotationReport:
    rewritten: int = 0
    current: int = 0
    stream_entries_on_old_keys: int = 0


def rotate(client: Any, keyring: KeyRing, streams: tuple[str, ...] = ()) -> RotationReport:
    """Rewrite values sealed under an older key with the newest one.

    Values are rewritten with SET KEEPTTL under WATCH, so neither a TTL nor a
    concurrent write is lost. Stream entries cannot be rewritten in place;
    they are counted, stay readable while their key stays in the ring, and
    age out with retention.
    """
    report = RotationReport()
    for pattern in STRING_PATTERNS:
        for key in client.scan_iter(match=pattern, count=500):
            _rotate_string(client, keyring, key.decode(), report)
    for pattern in LIST_PATTERNS:
        for key in client.scan_iter(match=pattern, count=500):
            _rotate_list(client, keyring, key.decode(), report)
    for stream in streams:
        for _, fields in client.xrange(stream):
            sealed = fields.get(b"payload", b"")
            if sealed and keyring.needs_rotation(sealed):
                report.stream_entries_on_old_keys += 1
    return report


def _rotate_string(client: Any, keyring: KeyRing, key: str, report: RotationReport) -> None:
    while True:
        with client.pipeline() as pipe:
            try:
                pipe.watch(key)
                raw = pipe.get(key)
                if raw is None:
                    return
                if not keyring.needs_rotation(raw):
                    report.current += 1
                    return
                fresh = keyring.encrypt(keyring.decrypt(raw, key), key)
                pipe.multi()
                pipe.set(key, fresh, keepttl=True)
                pipe.execute()
                report.rewritten += 1
                return
            except WatchError:
                continue


def _rotate_list(client: Any, keyring: KeyRing, key: str, report: RotationReport) -> None:
    while True:
        with client.pipeline() as pipe:
            try:
                pipe.watch(key)
                items = pipe.lrange(key, 0, -1)
                stale = [(i, raw) for i, raw in enumerate(items) if keyring.needs_rotation(raw)]
                report.current += len(items) - len(stale)
                if not stale:
                    return
                pipe.multi()
                for index, raw in stale:
                    pipe.lset(key, index, keyring.encrypt(keyring.decrypt(raw, key), key))
                pipe.execute()
                report.rewritten += len(stale)
                return
            except WatchError:
                continue
