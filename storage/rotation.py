"""Re-encrypt every stored value under the newest data key, keeping TTLs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storage import cas
from storage.crypto import KeyRing, is_envelope
from storage.keys import PREFIX

log = logging.getLogger(__name__)

STREAM_PAGE = 1000


@dataclass
class RotationReport:
    rewritten: int = 0
    current: int = 0
    stream_entries_on_old_keys: int = 0


def rotate(client: Any, keyring: KeyRing) -> RotationReport:
    """Rewrite every value sealed under an older key with the newest one.

    Every ``roadside:*`` key is visited by its type, so nothing encrypted is
    missed (conversations, contacts, consent, hand-offs, inboxes, callback
    numbers, agent accounts, held messages, the outbox): each envelope is
    sealed with its own Redis key as associated data. Plain values (duplicate
    guards, locks) are left alone. Writes are compare-and-set with KEEPTTL, so
    neither a TTL nor a concurrent write is lost. Stream entries cannot be
    rewritten in place; they are counted, stay readable while their key stays
    in the ring, and age out with retention.
    """
    report = RotationReport()
    for raw_key in client.scan_iter(match=f"{PREFIX}*", count=500):
        key = raw_key.decode()
        kind = client.type(key)
        if kind == b"string":
            _rotate_string(client, keyring, key, report)
        elif kind == b"list":
            _rotate_list(client, keyring, key, report)
        elif kind == b"zset":
            _rotate_zset(client, keyring, key, report)
        elif kind == b"stream":
            report.stream_entries_on_old_keys += sum(
                1 for sealed in _stream_payloads(client, key) if keyring.needs_rotation(sealed))
    return report


def _rotate_string(client: Any, keyring: KeyRing, key: str, report: RotationReport) -> None:
    def change(raw: bytes | None) -> tuple[bytes | str | None, str]:
        if raw is None:
            return None, "gone"
        if not is_envelope(raw):
            return raw, "plain"
        if not keyring.needs_rotation(raw):
            return raw, "current"
        return keyring.encrypt(keyring.decrypt(raw, key), key), "rewritten"

    outcome = cas.update(client, key, change, mode=cas.KEEPTTL)
    if outcome == "rewritten":
        report.rewritten += 1
    elif outcome == "current":
        report.current += 1


def _rotate_list(client: Any, keyring: KeyRing, key: str, report: RotationReport) -> None:
    for index, raw in enumerate(client.lrange(key, 0, -1)):
        if not is_envelope(raw):
            continue
        if not keyring.needs_rotation(raw):
            report.current += 1
            continue
        # An item that changed meanwhile (trimmed, rewritten) is left to the next run.
        if cas.replace_list_item(client, key, index, raw, keyring.encrypt(keyring.decrypt(raw, key), key)):
            report.rewritten += 1


def _rotate_zset(client: Any, keyring: KeyRing, key: str, report: RotationReport) -> None:
    for member in client.zrange(key, 0, -1):
        if not is_envelope(member):
            continue
        if not keyring.needs_rotation(member):
            report.current += 1
            continue
        # A member taken meanwhile (a held message just sent) is simply gone.
        if cas.replace_zset_member(client, key, member, keyring.encrypt(keyring.decrypt(member, key), key)):
            report.rewritten += 1


def _stream_payloads(client: Any, stream: str) -> Iterator[bytes]:
    start = "-"
    while True:
        batch = client.xrange(stream, min=start, count=STREAM_PAGE)
        for _, fields in batch:
            sealed = fields.get(b"payload")
            if sealed:
                yield sealed
        if len(batch) < STREAM_PAGE:
            return
        start = f"({batch[-1][0].decode()}"
