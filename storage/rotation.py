"""Re-encrypt every stored value under the newest data key, keeping TTLs."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from storage import cas
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
    def change(raw: bytes | None) -> tuple[bytes | str | None, str]:
        if raw is None:
            return None, "gone"
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
        if not keyring.needs_rotation(raw):
            report.current += 1
            continue
        # An item that changed meanwhile (trimmed, rewritten) is left to the next run.
        if cas.replace_list_item(client, key, index, raw, keyring.encrypt(keyring.decrypt(raw, key), key)):
            report.rewritten += 1
