"""Export and erase time with many stream entries: full scan (before the index) vs the per-customer index.

Run: ``.venv/bin/python -m bench.privacy_streams [--entries 100000] [--customers 5000]``.
Uses a private redis-server (never REDIS_URL: it writes and erases a lot).

"Full scan" is how export and erase read the streams before the index
existed, and how they still read entries written before it: the streams'
``indexed-since`` marks are removed, so every entry is decrypted and checked.
"Index" is the same call with the marks in place.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cli.redis_server import private_redis
from storage.crypto import new_key_spec
from storage.erasure import erase_token, export_token
from storage.keys import stream_indexed_since_key
from storage.queues import submit_dispatch
from storage.services import Storage
from storage.settings import Settings

ESCALATION_SHARE = 5  # one entry in five is an escalation


def _phone(i: int) -> str:
    return f"+1508{5550000 + i:07d}"


def _storage(url: str) -> Storage:
    env = {"ROADSIDE_DATA_KEYS": new_key_spec("k1"), "ROADSIDE_TOKEN_KEY": base64.b64encode(os.urandom(32)).decode(),
           "REDIS_URL": url, "TWILIO_AUTH_TOKEN": "bench-auth-token-0123456789", "ROADSIDE_SECRET_KEY": "s" * 40}
    return Storage.from_settings(Settings.from_env(env))


def fill(storage: Storage, entries: int, customers: int) -> float:
    """Publish ``entries`` through the real publish path, spread over ``customers``; returns seconds."""
    start = time.perf_counter()
    for i in range(entries):
        phone = _phone(i % customers)
        token = storage.token(phone)
        if i % ESCALATION_SHARE == 0:
            storage.escalations.publish({"id": f"ES-{i:06d}", "reason": "asked_for_agent", "priority": "normal"},
                                        {"token": token, "phone": phone, "channel": "sms",
                                         "summary": {"pickup": f"exit {i % 90}"}, "message": "still waiting"})
        else:
            submit_dispatch(storage, token, {"id": f"RS-{i:06d}", "issue": {"category": "battery"},
                                             "pickup": {"text": f"I-95 exit {i % 90}"},
                                             "customer": {"phone": phone, "sms_updates": True}})
        if i and i % 20000 == 0:
            print(f"  {i} entries written")
    return time.perf_counter() - start


@contextmanager
def full_scan(storage: Storage) -> Iterator[None]:
    """Make every entry look as if written before the index: export and erase read the streams in full."""
    marks = {s.name: storage.client.get(stream_indexed_since_key(s.name)) for s in (storage.dispatch,
                                                                                       storage.escalations)}
    storage.client.delete(*(stream_indexed_since_key(name) for name in marks))
    try:
        yield
    finally:
        for name, mark in marks.items():
            if mark is not None:
                storage.client.set(stream_indexed_since_key(name), mark)


def timed(call: Callable[..., dict[str, Any]], *args: Any) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    result = call(*args, actor="bench")
    return time.perf_counter() - start, result


def run(entries: int, customers: int, rounds: int) -> None:
    with private_redis() as url:
        storage = _storage(url)
        print(f"writing {entries} entries for {customers} customers …")
        seconds = fill(storage, entries, customers)
        print(f"written in {seconds:.1f} s ({seconds / entries * 1000:.2f} ms per entry, index included)")
        per_customer = entries // customers
        results: dict[str, list[float]] = {"export full scan": [], "export index": [],
                                           "erase full scan": [], "erase index": []}
        for r in range(rounds):
            exported, erased = storage.token(_phone(2 * r)), storage.token(_phone(2 * r + 1))
            with full_scan(storage):
                t, data = timed(export_token, storage, exported)
                results["export full scan"].append(t)
                found_full = len(data["dispatch_requests"]) + len(data["escalations"])
                t, report = timed(erase_token, storage, erased)
                results["erase full scan"].append(t)
                erased_full = report["stream_entries"]
            t, data = timed(export_token, storage, exported)
            results["export index"].append(t)
            found_index = len(data["dispatch_requests"]) + len(data["escalations"])
            t, report = timed(erase_token, storage, storage.token(_phone(2 * r + 1 + 2 * rounds)))
            results["erase index"].append(t)
            erased_index = report["stream_entries"]
            assert found_full == found_index == erased_full == erased_index == per_customer, (
                found_full, found_index, erased_full, erased_index)
        print(f"each customer has {per_customer} entries; every run found and erased all of them")
        print(f"{'':18} {'median s':>9} {'min s':>8}")
        for name, times in results.items():
            print(f"{name:18} {statistics.median(times):>9.3f} {min(times):>8.3f}")
        for what in ("export", "erase"):
            ratio = statistics.median(results[f"{what} full scan"]) / statistics.median(results[f"{what} index"])
            print(f"{what}: index is {ratio:.0f}x faster than the full scan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.entries, args.customers, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
