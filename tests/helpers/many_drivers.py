"""Many simultaneous drivers, each doing a whole intake over signed webhooks, and what they got back.

Used by the cluster test (tests/e2e/test_cluster_conversations.py) and by
bench/cluster_run.py. Each driver texts, waits for the reply, pauses up to
``think`` seconds, and texts the next line of its script. Afterwards the
stored trackers, dispatch requests and escalations are checked against what
was sent: nothing lost, nothing doubled, replies in order, one request each.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import UserUttered

from cli.chat import send_sms
from conftest import TEST_TWILIO_TOKEN
from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore

PUBLIC_BASE = "https://roadside.example.com"


def script(i: int) -> list[tuple[str, str]]:
    """Driver ``i``'s texts, each with what its reply must contain (so replies out of order show)."""
    return [(f"flat tire on I-95 N by exit {i}", "Which car"),
            ("2014 honda civic", "Please check:"),
            ("yes", "RS-")]


@dataclass
class DriverRun:
    phone: str
    sent: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    error: str = ""


@dataclass
class Outcome:
    drivers: int
    turns: int
    wall_seconds: float
    latencies: list[float]
    lost: int  # a text sent but not in the conversation, or a turn with no reply
    doubled: int  # a text in the conversation more often than it was sent
    out_of_order: int  # a reply that does not answer the text it came back for
    requests_per_driver: Counter[int]
    escalated: int
    errors: list[str]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def summary(self) -> str:
        return (f"{self.drivers} drivers, {self.turns} turns in {self.wall_seconds:.1f} s "
                f"({self.turns / self.wall_seconds:.1f} msg/s); p50 {self.percentile(0.5) * 1000:.0f} ms, "
                f"p95 {self.percentile(0.95) * 1000:.0f} ms, p99 {self.percentile(0.99) * 1000:.0f} ms; "
                f"lost {self.lost}, doubled {self.doubled}, out of order {self.out_of_order}, "
                f"dispatch entries per driver {dict(sorted(self.requests_per_driver.items()))}, "
                f"escalated {self.escalated}, errors {len(self.errors)}")


def drive(web_urls: list[str], phones: list[str], *, think: float = 0.0, seed: int = 12) -> list[DriverRun]:
    """Run every driver at once; each driver's texts go to ``web_urls`` in turn (several web workers)."""
    rng = random.Random(seed)
    pauses = {p: [rng.uniform(0, think) for _ in range(4)] for p in phones}
    runs = [DriverRun(p) for p in phones]
    start = threading.Barrier(len(runs))

    def one(n: int, run: DriverRun) -> None:
        start.wait()
        time.sleep(pauses[run.phone][0])
        for step, (text, _) in enumerate(script(n)):
            url = web_urls[(n + step) % len(web_urls)]
            began = time.monotonic()
            try:
                reply = "\n".join(send_sms(url, TEST_TWILIO_TOKEN, run.phone, text, public_base=PUBLIC_BASE,
                                           timeout=30))
            except Exception as exc:  # reported in the outcome, never hidden
                run.error = f"{exc.__class__.__name__} on step {step}"
                return
            run.sent.append(text)
            run.replies.append(reply)
            run.seconds.append(time.monotonic() - began)
            time.sleep(pauses[run.phone][step + 1])

    threads = [threading.Thread(target=one, args=(n, run)) for n, run in enumerate(runs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return runs


def check(runs: list[DriverRun], store: Storage, trackers: EncryptedRedisTrackerStore,
          wall_seconds: float) -> Outcome:
    """Compare what each driver sent and got with what the stack stored."""
    requests = Counter(e.payload["token"] for e in store.dispatch.read_all() if e.fields.get("type") == "request")
    escalated = {e.payload.get("token") for e in store.escalations.read_all()}
    lost = doubled = out_of_order = 0
    per_driver: Counter[int] = Counter()
    for n, run in enumerate(runs):
        token = store.token(run.phone)
        tracker: Any = asyncio.run(trackers.retrieve_full_tracker(token))
        seen = [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []
        expected = [text for text, _ in script(n)]
        lost += sum(1 for text in expected if text not in seen) + sum(1 for r in run.replies if not r)
        doubled += sum(max(0, seen.count(text) - expected.count(text)) for text in set(seen))
        out_of_order += sum(1 for (_, want), got in zip(script(n), run.replies, strict=False) if want not in got)
        out_of_order += 0 if seen == expected[: len(seen)] else 1
        per_driver[requests.get(token, 0)] += 1
    return Outcome(len(runs), sum(len(r.sent) for r in runs), wall_seconds,
                   [s for r in runs for s in r.seconds], lost, doubled, out_of_order, per_driver,
                   sum(1 for r in runs if store.token(r.phone) in escalated), [r.error for r in runs if r.error])
