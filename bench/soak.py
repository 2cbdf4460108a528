"""Soak: a steady rate of texts over signed webhooks for minutes, watching memory and latency minute by minute.

Run: ``.venv/bin/python -m bench.soak [--seconds 600] [--rate 20] [--drivers 60] [--workers 64] [--warmup 30]``.
It starts a private Redis (AOF, like ``make run``) and the real stack (bench/load_stack.py).

Texts go out on a fixed schedule, ``--rate`` a second (open loop: a slow reply does not
delay the next text), from a bounded pool of ``--workers`` client threads. They are spread
over ``--drivers`` conversations in flight, each a whole intake (bench/load_drivers.py's
SCRIPT): the next text goes to the conversation that has waited longest since its reply,
a driver whose intake is done is replaced by a new number, and when every driver is
still waiting for a reply a new one starts (the schedule never waits). A turn's latency
runs from when it was due, so time spent queued in a full client pool counts.

After ``--warmup`` seconds at the same rate (not counted) it reads the resident memory of
Redis, Rasa, the action server and each web worker (/proc), and again at the end, with
the growth in % (flagged above 10%). It prints, for each minute, the turns due in it,
p50/p95, texts escalated because Rasa did not answer in time, and failed requests; at the
end, texts lost and doubled (read back from Redis; both must be 0).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench.load_check import check, escalated_turns
from bench.load_drivers import SCRIPT, Numbers, Run, Send, Turn
from bench.load_stack import CpuMeter, Growth, aof_redis, growth, memory_mb, stack, stack_processes
from bench.sms_load import webhook_sender
from conftest import make_env
from storage.services import Storage
from storage.settings import Settings

LATE_SECONDS = 0.5  # a text the client started this long after it was due: the worker pool was full
GROWTH_LIMIT = 10.0  # % of memory growth that is flagged


@dataclass
class Driver:
    phone: str
    step: int = 0  # index in SCRIPT of the next text


class Conversations:
    """Which driver texts next: ``size`` intakes in flight, a new number whenever one is needed."""

    def __init__(self, numbers: Numbers, size: int) -> None:
        self.numbers, self.size = numbers, size
        self.idle: deque[Driver] = deque()  # got their reply, longest waiting first
        self.active = 0
        self.finished = 0
        self._lock = threading.Lock()

    def next(self) -> Driver:
        with self._lock:
            if self.active >= self.size and self.idle:
                return self.idle.popleft()
            self.active += 1  # ramping up, or every driver still waits for a reply
            return Driver(self.numbers.take())

    def answered(self, driver: Driver) -> None:
        with self._lock:
            driver.step += 1
            if driver.step < len(SCRIPT):
                self.idle.append(driver)
            else:
                self.active -= 1
                self.finished += 1


@dataclass
class Paced:
    run: Run
    late: int  # texts the client could only start LATE_SECONDS or more after they were due
    start: float


def paced(send: Send, conversations: Conversations, rate: float, seconds: float, workers: int,
          on_minute: Callable[[int, Run], None] | None = None) -> Paced:
    """``rate`` texts a second for ``seconds``, on schedule, whether or not earlier ones were answered."""
    run, lock, late = Run(), threading.Lock(), [0]

    def one(driver: Driver, due: float) -> None:
        text = SCRIPT[driver.step]
        if time.perf_counter() - due >= LATE_SECONDS:
            with lock:
                late[0] += 1
        try:
            replies, error = send(driver.phone, text), ""
        except Exception as exc:  # a failed turn is counted, not fatal to the run
            replies, error = [], exc.__class__.__name__
        turn = Turn(driver.phone, text, time.perf_counter() - due, replies, error, at=due)
        conversations.answered(driver)
        with lock:
            run.turns.append(turn)

    start = time.perf_counter()
    minute = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for k in range(int(seconds * rate)):
            due = start + k / rate
            if on_minute is not None and due - start >= 60 * (minute + 1):
                minute += 1
                with lock:
                    on_minute(minute, Run(list(run.turns)))
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, conversations.next(), due)
    run.wall = time.perf_counter() - start
    run.turns.sort(key=lambda t: t.at)
    return Paced(run, late[0], start)


@dataclass(frozen=True)
class Minute:
    index: int  # 1 for the first minute
    turns: int
    p50: float
    p95: float
    escalated: int
    errors: int


def per_minute(turns: list[Turn], start: float, escalated: list[bool]) -> list[Minute]:
    """The turns due in each minute from ``start`` (``escalated[i]`` for ``turns[i]``); empty minutes included."""
    buckets: dict[int, list[int]] = {}
    for i, turn in enumerate(turns):
        buckets.setdefault(int((turn.at - start) // 60), []).append(i)
    minutes = []
    for m in range(max(buckets) + 1 if buckets else 0):
        chosen = buckets.get(m, [])
        run = Run([turns[i] for i in chosen])
        minutes.append(Minute(m + 1, len(chosen), run.percentile(0.5), run.percentile(0.95),
                              sum(1 for i in chosen if escalated[i]), sum(1 for i in chosen if turns[i].error)))
    return minutes


def minute_rows(minutes: list[Minute]) -> list[str]:
    rows = [f"{'minute':>6} {'turns':>6} {'p50 ms':>7} {'p95 ms':>7} {'escal.':>6} {'errors':>6}"]
    rows += [f"{m.index:>6} {m.turns:>6} {m.p50 * 1000:>7.0f} {m.p95 * 1000:>7.0f} {m.escalated:>6} {m.errors:>6}"
             for m in minutes]
    return rows


def memory_rows(grown: list[Growth], limit: float = GROWTH_LIMIT) -> list[str]:
    rows = [f"{'process':>14} {'start MB':>9} {'end MB':>9} {'growth':>8}"]
    rows += [f"{g.name:>14} {g.start_mb:>9.1f} {g.end_mb:>9.1f} {g.percent:>7.1f}%"
             + (f"  FLAG: grew more than {limit:g}%" if g.flagged(limit) else "") for g in grown]
    return rows


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="length of the soak, after the warm-up (600)")
    parser.add_argument("--rate", type=float, default=20, help="texts per second, on schedule (20)")
    parser.add_argument("--drivers", type=int, default=60, help="conversations in flight (60)")
    parser.add_argument("--workers", type=int, default=64, help="client threads sending texts (64)")
    parser.add_argument("--warmup", type=float, default=30, help="seconds at the same rate before measuring (30)")
    parser.add_argument("--rasa-servers", type=int, default=1, help="Rasa/action-server pairs behind the gateway (1)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="roadside-soak-"))
        url, redis_pid = cleanup.enter_context(aof_redis(workdir))
        env = make_env(url, PUBLIC_BASE_URL="https://roadside.example.com", RASA_TIMEOUT_SECONDS="10")
        storage = Storage.from_settings(Settings.from_env(env))
        running = cleanup.enter_context(stack(env, workdir, args.rasa_servers))
        send = webhook_sender(running)
        conversations = Conversations(Numbers(), args.drivers)
        print(f"soak: {args.rate:g} texts/s for {args.seconds:g} s over {args.drivers} conversations in flight, "
              f"{args.rasa_servers} Rasa server(s), "
              f"{args.workers} client threads; warm-up {args.warmup:g} s", flush=True)
        warm = paced(send, conversations, args.rate, args.warmup, args.workers)
        named = stack_processes(running, redis_pid)
        before = memory_mb(named)
        keys_before = storage.client.dbsize()
        meter = CpuMeter([pid for pids in named.values() for pid in pids])
        meter.start()
        print(f"after warm-up ({len(warm.run.turns)} turns): "
              + ", ".join(f"{name} {mb:.0f} MB" for name, mb in before.items()), flush=True)

        def progress(minute: int, done: Run) -> None:
            total = sum(memory_mb(named).values())
            print(f"  minute {minute}: {len(done.turns)} turns answered so far, stack RSS {total:.0f} MB", flush=True)

        soak = paced(send, conversations, args.rate, args.seconds, args.workers, on_minute=progress)
        after = memory_mb(named)
        meter.stop()
        run = soak.run
        escalated = escalated_turns(storage, run)
        print("\n".join(minute_rows(per_minute(run.turns, soak.start, escalated))))
        print(f"whole soak: {len(run.turns)} turns in {run.wall:.0f} s ({run.per_second():.1f}/s), "
              f"p50 {run.percentile(0.5) * 1000:.0f} ms, p95 {run.percentile(0.95) * 1000:.0f} ms, "
              f"p99 {run.percentile(0.99) * 1000:.0f} ms; intakes finished {conversations.finished}; "
              f"texts started {LATE_SECONDS:g} s or more late (client pool full): {soak.late + warm.late}")
        print(f"the stack used {meter.used / run.wall:.2f} CPU-seconds a second of {os.cpu_count()} cores "
              f"(load average at the end {os.getloadavg()[0]:.1f}); Redis keys {keys_before} -> "
              f"{storage.client.dbsize()} (Redis grows with the conversations it keeps)")
        print("memory, after warm-up -> end:")
        grown = growth(before, after)
        print("\n".join(memory_rows(grown)))
        out = check(storage, Run(warm.run.turns + run.turns))
        print(f"lost {out.lost}, doubled {out.doubled} (both must be 0); escalated {out.escalated}, "
              f"errors {out.errors}, dispatch requests {out.requests} for {out.intakes} drivers "
              f"(warm-up included)")
        print(f"logs in {workdir}")
        flagged = [g.name for g in grown if g.flagged()]
        if flagged:
            print(f"memory grew more than {GROWTH_LIMIT:g}%: {', '.join(flagged)}")
    return 1 if out.lost or out.doubled else 0


if __name__ == "__main__":
    raise SystemExit(main())
