"""Many simultaneous drivers, each doing a whole intake over signed webhooks, and what they got back.

Used by the cluster test (tests/e2e/test_cluster_conversations.py) and by
bench/cluster_run.py. Each driver texts, waits for the reply, pauses (a
random time in ``think``), and texts the next line of its script. A driver
told that a person will take over (the gateway's honest answer when Rasa is
too slow or down) stops there, as a real one would wait for that person.
Afterwards the stored trackers, hand-off inboxes, escalations and dispatch
requests are checked against what was sent: nothing lost (every text is in
the conversation or in front of a person), nothing doubled, replies in order,
exactly one dispatch entry per finished intake.
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
HANDED_OVER = "a person will text you shortly"  # the gateway's honest answer when Rasa is slow or down


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
    lost: int  # a text sent but neither in the conversation nor in front of a person, or no reply at all
    doubled: int  # a text in the conversation more often than it was sent
    out_of_order: int  # a reply that does not answer the text it came back for
    requests_per_driver: Counter[int]  # drivers who finished the intake, by their number of dispatch entries
    escalated: int  # drivers honestly handed to a person (Rasa too slow or down)
    errors: list[str]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def summary(self) -> str:
        return (f"{self.drivers} drivers, {self.turns} turns in {self.wall_seconds:.1f} s "
                f"({self.turns / self.wall_seconds:.1f} msg/s); p50 {self.percentile(0.5) * 1000:.0f} ms, "
                f"p95 {self.percentile(0.95) * 1000:.0f} ms, p99 {self.percentile(0.99) * 1000:.0f} ms; "
                f"lost {self.lost}, doubled {self.doubled}, out of order {self.out_of_order}, "
                f"dispatch entries per finished intake {dict(sorted(self.requests_per_driver.items()))}, "
                f"handed to a person {self.escalated}, errors {len(self.errors)}")


def drive(web_urls: list[str], phones: list[str], *, think: tuple[float, float] = (0.0, 0.0),
          seed: int = 12) -> list[DriverRun]:
    """Run every driver at once; each driver's texts go to ``web_urls`` in turn (several web workers)."""
    rng = random.Random(seed)
    pauses = {p: [rng.uniform(*think) for _ in range(4)] for p in phones}
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
            if HANDED_OVER in reply:
                return
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
    escalated: dict[str, list[str]] = {}
    for entry in store.escalations.read_all():
        escalated.setdefault(entry.payload.get("token", ""), []).append(entry.payload.get("message") or "")
    lost = doubled = out_of_order = 0
    per_driver: Counter[int] = Counter()
    for n, run in enumerate(runs):
        token = store.token(run.phone)
        tracker: Any = asyncio.run(trackers.retrieve_full_tracker(token))
        seen = [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []
        for_person = escalated.get(token, []) + [m.get("text", "") for m in store.handoff.messages(token)]
        lost += sum(1 for text in run.sent if text not in seen and text not in for_person)
        lost += sum(1 for reply in run.replies if not reply)
        doubled += sum(max(0, seen.count(text) - run.sent.count(text)) for text in set(seen))
        answered = [(want, got) for (_, want), got in zip(script(n), run.replies, strict=False)
                    if HANDED_OVER not in got]
        out_of_order += sum(1 for want, got in answered if want not in got)
        out_of_order += 0 if seen == [text for text, _ in script(n)][: len(seen)] else 1
        if token not in escalated:
            per_driver[requests.get(token, 0)] += 1
    return Outcome(len(runs), sum(len(r.sent) for r in runs), wall_seconds,
                   [s for r in runs for s in r.seconds], lost, doubled, out_of_order, per_driver,
                   sum(1 for r in runs if store.token(r.phone) in escalated), [r.error for r in runs if r.error])
