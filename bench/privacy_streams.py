"""Export and erase time with many stream entries: full scan (before the index) vs the per-customer index.

Run: ``.venv/bin/python -m bench.privacy_streams [--entries 100000] [--customers 5000]``.
Uses a private redis-server (never REDIS_URL: it writes and erases a lot).

"Full scan" is how export and erase read the streams before the index
existed, and how they still read entries written before it: the streams'
``indexed-since`` marks are removed, so every entry is decrypted and checked.
"Index" is the same call with the marks in place.

Every customer also has a contact record and a withheld-id call of its own
(another conversation whose contact record holds the number). Export and
erase find those calls through the list under the number's token; the line
"linked by contact scan" times the way they were found before that list:
opening every contact record in Redis.
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
from storage.contacts import Contact
from storage.crypto import new_key_spec
from storage.erasure import erase_token, export_token
from storage.keys import contact_key, stream_indexed_since_key
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


def contacts(storage: Storage, customers: int) -> None:
    """Each customer's own contact record and one withheld-id call's record holding the same number."""
    for i in range(customers):
        phone = _phone(i)
        storage.contacts.save(storage.token(phone), Contact(phone, "sms", "en", "US"))
        storage.contacts.save(f"call-CA{i:032x}", Contact(phone, "voice", "en", "US"))


def linked_by_contact_scan(storage: Storage, token: str) -> list[str]:
    """Before the list under the number's token: open every contact record and compare its number."""
    found = []
    for raw_key in storage.client.scan_iter(match=contact_key("*"), count=500):
        key = raw_key.decode()
        phone = (storage.records.get(key) or {}).get("phone")
        other = key[key.index("{") + 1:-1]
        if other != token and isinstance(phone, str) and storage.token(phone) == token:
            found.append(other)
    return sorted(found)


def fill(storage: Storage, entries: int, customers: int) -> float:
    """Publish ``entries`` through the real publish path, spread over ``customers``; returns seconds."""
    start = time.perf_counter()
    contacts(storage, customers)
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
                                           "erase full scan": [], "erase index": [],
                                           "linked by contact scan": [], "linked by list": []}
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
            assert [c["contact"]["phone"] for c in data["other_conversations"]] == [_phone(2 * r)]
            start = time.perf_counter()
            scanned = linked_by_contact_scan(storage, exported)
            results["linked by contact scan"].append(time.perf_counter() - start)
            start = time.perf_counter()
            listed = storage.contacts.linked(exported)
            results["linked by list"].append(time.perf_counter() - start)
            assert scanned == listed == [f"call-CA{2 * r:032x}"], (scanned, listed)
            t, report = timed(erase_token, storage, storage.token(_phone(2 * r + 1 + 2 * rounds)))
            results["erase index"].append(t)
            erased_index = report["stream_entries"]
            assert found_full == found_index == erased_full == erased_index == per_customer, (
                found_full, found_index, erased_full, erased_index)
        print(f"each customer has {per_customer} entries and one withheld-id call; "
              "every run found and erased all of them")
        print(f"{'':24} {'median s':>9} {'min s':>8}")
        for name, times in results.items():
            print(f"{name:24} {statistics.median(times):>9.3f} {min(times):>8.3f}")
        for what in ("export", "erase"):
            ratio = statistics.median(results[f"{what} full scan"]) / statistics.median(results[f"{what} index"])
            print(f"{what}: index is {ratio:.0f}x faster than the full scan")
        ratio = statistics.median(results["linked by contact scan"]) / statistics.median(results["linked by list"])
        print(f"linked calls: the list is {ratio:.0f}x faster than opening every contact record")


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
