"""`roadside dispatch consume`: hand each dispatch request to the dispatch system's command, then ack it.

One consumer of the ``dispatchers`` group. Each entry is written as JSON to the
standard input of ``--command`` (the dispatch system's import, a script that
posts it on, …); the entry is acknowledged only when that command exits 0.
A consumer that dies before it acks leaves its entries pending: any consumer
takes them over once they have been idle for ``--idle-seconds`` (XAUTOCLAIM),
so no request is lost, and one delivered ``max_deliveries`` times goes to the
dead-letter stream instead of looping. Make ``--idle-seconds`` longer than the
command ever takes, or a slow command's entry is handed out twice; entries
carry their request ``id`` so the dispatch system can drop a repeat.
"""

from __future__ import annotations

import argparse
import json
import logging
import shlex
import signal
import subprocess
import time
from types import FrameType
from typing import Any

from storage.audit import AuditLog
from storage.errors import StoreUnavailable
from storage.streams import EncryptedStream, StreamEntry

log = logging.getLogger(__name__)


def entry_document(entry: StreamEntry) -> dict[str, Any]:
    """What the command reads: the stream entry id, its clear fields and its decrypted payload."""
    return {"entry_id": entry.entry_id, "deliveries": entry.deliveries, **entry.fields, **entry.payload}


def handle(stream: EncryptedStream, entry: StreamEntry, command: list[str], timeout: float,
           audit: AuditLog | None = None, actor: str = "cli:consumer") -> bool:
    """Run ``command`` on one entry; ack it when the command succeeds. True if acked."""
    if audit is not None:  # the command sees the whole request, phone number included
        audit.record(actor, "hand_to_dispatch", entry.fields.get("id", "?"))
    try:
        done = subprocess.run(command, input=json.dumps(entry_document(entry)).encode(), timeout=timeout,
                              check=False).returncode == 0
    except subprocess.TimeoutExpired:
        done = False
    if not done:
        log.warning("dispatch entry %s not taken by the command: left pending for a retry", entry.entry_id)
        return False
    stream.ack(entry.entry_id)
    return True


def consume_once(stream: EncryptedStream, consumer: str, command: list[str], *, idle_ms: int,
                 block_ms: int, timeout: float, audit: AuditLog | None = None) -> int:
    """Take over stale entries, then read new ones; hand each to ``command``. Returns how many were acked."""
    entries = stream.reclaim(consumer, min_idle_ms=idle_ms) + stream.claim(consumer, count=10, block_ms=block_ms)
    return sum(handle(stream, entry, command, timeout, audit, f"cli:consumer:{consumer}") for entry in entries)


class _Stop:
    """SIGTERM/SIGINT end the loop between entries, never in the middle of one."""

    def __init__(self) -> None:
        self.requested = False
        signal.signal(signal.SIGTERM, self._set)
        signal.signal(signal.SIGINT, self._set)

    def _set(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True


def cmd_consume(args: argparse.Namespace) -> int:
    from storage.services import Storage
    from storage.settings import Settings

    storage = Storage.from_settings(Settings.from_env())
    command = shlex.split(args.command)
    stop = _Stop()
    print(f"dispatch consumer {args.consumer} ready", flush=True)
    while not stop.requested:
        try:
            acked = consume_once(storage.dispatch, args.consumer, command, idle_ms=int(args.idle_seconds * 1000),
                                 block_ms=1000, timeout=args.timeout, audit=storage.audit)
        except StoreUnavailable as exc:
            log.error("dispatch consumer: %s; retrying", exc)
            time.sleep(1)
            continue
        if acked:
            print(f"dispatch consumer {args.consumer}: {acked} handed over", flush=True)
    return 0


def add_command(dispatch_sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    consume = dispatch_sub.add_parser("consume", help="hand each dispatch request to a command, ack when it exits 0")
    consume.add_argument("--consumer", required=True, help="this consumer's name in the dispatchers group")
    consume.add_argument("--command", required=True, help="run once per request with the request JSON on stdin")
    consume.add_argument("--idle-seconds", type=float, default=60,
                         help="take over entries another consumer left unacknowledged this long (default 60)")
    consume.add_argument("--timeout", type=float, default=30, help="seconds the command may take (default 30)")
    consume.set_defaults(func=cmd_consume)
