"""Where one turn's time goes, on an idle stack: gateway, Rasa (NLU, policies, actions, tracker store) and Redis.

Run: ``.venv/bin/python -m bench.turn_profile [--turns 50]``. It starts a private Redis
(AOF, like ``make run``), the web app and action server as every benchmark does
(bench/load_stack.py), and one Rasa server on the same model and endpoints, run by
bench/rasa_timed.py (Rasa 3.6 logs no timings and its tracing is Rasa Pro) with
``--enable-api``. One driver at a time does whole intakes (bench/load_drivers.py's
SCRIPT) over signed webhooks, after one untimed intake. For each turn:

- gateway total: the webhook request as the client sees it;
- Rasa HTTP request: the gateway's own timing of its call to Rasa (the change in
  ``roadside_turn_seconds_sum`` on ``/metrics`` over the turn); the gateway's own work is the rest;
- inside Rasa (bench/rasa_timed.py): handle_message in all; NLU parse; policy predictions;
  custom actions, split into the HTTP requests to the action server and Rasa's own handling
  (building the request, checking the answer against its JSON schema, uttering the responses,
  applying the returned events; the first three also shown on their own); tracker store load and save;
  "Rasa other" is the rest of handle_message, "Rasa HTTP, channel, lock" the rest of the request;
- Redis: commands every process sent during the turn (``INFO commandstats``) and the
  server's time in them; with a loopback round trip from here, their cost on the wire
  (the tracker and lock stores and the gateway use Redis, so this overlaps the parts);
- cross-checks from outside, after the turn: ``/model/parse`` of the same text (less Rasa's
  HTTP cost, ``GET /``), and the real encrypted tracker store's ``retrieve`` of the
  conversation and ``save`` of a copy over itself, from this process with the stack's keys.

It prints median and p95 of each part and its share of the turn (by the means, so the
shares of the parts that make up the turn add up to 100%).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rasa.shared.core.domain import Domain

from bench.load_drivers import SCRIPT, Numbers
from bench.load_stack import aof_redis
from bench.sms_load import webhook_sender
from cli.stack import ROOT, ensure_model
from conftest import make_env
from helpers.stack import RunningStack, running_stack
from storage.redis_client import connect
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore

# The parts that add up to a turn; then sums of some of them, Redis (which the parts use) and cross-checks.
PARTS = ("gateway own work", "Rasa HTTP, channel, lock", "NLU parse", "policy prediction", "action server HTTP",
         "Rasa's action handling", "tracker load", "tracker save", "Rasa other")
OF_ACTIONS = ("- answer schema check", "- tracker state sent", "- responses uttered")  # within the action handling
OVERLAPPING = (*OF_ACTIONS, "Rasa HTTP request", "Rasa handle_message", "Redis server time", "Redis round trips (est.)",
               "NLU via /model/parse", "tracker load from here", "tracker save from here")
TOTAL = "gateway total"


# ---- pure helpers -------------------------------------------------------------------------------------------


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def command_delta(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]],
                  ignore: tuple[str, ...] = ("cmdstat_info",)) -> tuple[int, float]:
    """Redis commands run between two ``INFO commandstats`` readings, and the server's seconds in them."""
    calls, usec = 0, 0.0
    for name, stats in after.items():
        if name in ignore:
            continue
        prior = before.get(name, {})
        calls += int(stats.get("calls", 0) - prior.get("calls", 0))
        usec += stats.get("usec", 0) - prior.get("usec", 0)
    return calls, usec / 1e6


def metric_sum(text: str, name: str) -> float:
    """Sum of every sample of ``name`` (all labels) in a Prometheus text exposition."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and line[len(name):len(name) + 1] in ("{", " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


@dataclass
class Profile:
    """Seconds per part, one sample per turn; Redis round trips per turn."""

    parts: dict[str, list[float]] = field(default_factory=dict)
    round_trips: list[int] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, part: str, seconds: float) -> None:
        self.parts.setdefault(part, []).append(seconds)

    def table(self) -> list[str]:
        total = statistics.mean(self.parts[TOTAL])
        rows = [f"{'part':>26} {'median ms':>10} {'p95 ms':>8} {'share':>7}"]
        order = [*PARTS[:PARTS.index("Rasa's action handling") + 1], *OF_ACTIONS,
                 *PARTS[PARTS.index("Rasa's action handling") + 1:]]
        for name in (TOTAL, *order, *(n for n in OVERLAPPING if n not in OF_ACTIONS)):
            samples = self.parts.get(name, [])
            if not samples:
                continue
            share = statistics.mean(samples) / total if total else 0.0
            mark = " (of the above)" if name in OF_ACTIONS else " (overlaps)" if name in OVERLAPPING else ""
            rows.append(f"{name:>26} {statistics.median(samples) * 1000:>10.1f} "
                        f"{percentile(samples, 0.95) * 1000:>8.1f} {share:>7.1%}{mark}")
        if self.round_trips:
            rows.append(f"{'Redis commands per turn':>26} {statistics.median(self.round_trips):>10.0f} "
                        f"{percentile([float(n) for n in self.round_trips], 0.95):>8.0f}")
        return rows


# ---- the stack, with Rasa timing its own steps ----------------------------------------------------------------


@contextmanager
def profiled_stack(env: dict[str, str], logdir: Path) -> Iterator[tuple[RunningStack, Path]]:
    """The stack, its Rasa server run by bench/rasa_timed.py (same arguments, plus the HTTP API)."""
    timings = logdir / "rasa-turn-timings.jsonl"
    with ExitStack() as cleanup:
        running = cleanup.enter_context(running_stack(env, ensure_model(), logdir, only=("actions", "web")))
        running.cmds["rasa"] = [sys.executable, "-m", "bench.rasa_timed", *running.cmds["rasa"][1:], "--enable-api"]
        running.envs["rasa"] = {**running.env, "ACTION_SERVER_URL": running.actions_url,
                                "ROADSIDE_TURN_TIMINGS": str(timings)}
        running.logs["rasa"] = logdir / "rasa.log"
        running.start("rasa", timeout=300)  # stopped with the rest of the stack
        yield running, timings


# ---- measuring ----------------------------------------------------------------------------------------------


def median_seconds(call: Callable[[], Any], times: int = 20) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


class Profiler:
    def __init__(self, running: RunningStack, timings: Path, storage: Storage, redis_url: str) -> None:
        self.running, self.timings, self.storage = running, timings, storage
        self.send = webhook_sender(running)
        self.http = requests.Session()
        self.redis = connect(redis_url)
        self.trackers = EncryptedRedisTrackerStore(Domain.load(str(ROOT / "bot" / "domain.yml")),
                                                   client=storage.client, keyring=storage.keyring, record_exp=3600)
        self.loop = asyncio.new_event_loop()
        self.rasa_http = 0.0
        self.redis_rtt = 0.0

    def calibrate(self) -> None:
        """Rasa's HTTP cost (GET /) and one Redis round trip, from here."""
        self.rasa_http = median_seconds(lambda: self.http.get(f"{self.running.rasa_url}/", timeout=10))
        self.redis_rtt = median_seconds(self.redis.ping, 200)
        print(f"calibration: Rasa HTTP (GET /) {self.rasa_http * 1000:.1f} ms, "
              f"Redis PING {self.redis_rtt * 1000:.3f} ms", flush=True)

    def gateway_rasa_seconds(self) -> float:
        text = self.http.get(f"{self.running.web_url}/metrics", timeout=10).text
        return metric_sum(text, "roadside_turn_seconds_sum")

    def rasa_steps(self) -> dict[str, float]:
        """The steps of the last message Rasa handled, as bench/rasa_timed.py wrote them."""
        lines = self.timings.read_text().splitlines()
        return dict(json.loads(lines[-1])) if lines else {}

    def turn(self, phone: str, text: str, profile: Profile) -> None:
        token = self.storage.token(phone)
        waited = self.gateway_rasa_seconds()
        stats = self.redis.info("commandstats")
        handled = len(self.timings.read_text().splitlines()) if self.timings.exists() else 0
        start = time.perf_counter()
        self.send(phone, text)
        total = time.perf_counter() - start
        redis_calls, redis_seconds = command_delta(stats, self.redis.info("commandstats"))
        rasa = self.gateway_rasa_seconds() - waited
        steps = self.rasa_steps()
        assert len(self.timings.read_text().splitlines()) == handled + 1, "Rasa handled no message, or two"

        # Cross-checks from outside: the same text through /model/parse, the tracker store from here.
        nlu_outside = max(0.0, self.post("/model/parse", {"text": text}) - self.rasa_http)
        start = time.perf_counter()
        tracker = self.loop.run_until_complete(self.trackers.retrieve(token))
        load_outside = time.perf_counter() - start
        assert tracker is not None, "the turn left no tracker"
        tracker.sender_id = f"profile-copy-{token}"
        self.loop.run_until_complete(self.trackers.save(tracker))  # first save: no prior, as Rasa's never is
        start = time.perf_counter()
        self.loop.run_until_complete(self.trackers.save(tracker))
        save_outside = time.perf_counter() - start
        self.trackers.delete(tracker.sender_id)

        inside = steps.get("total", 0.0)
        actions, action_http = steps.get("actions", 0.0), steps.get("action_http", 0.0)
        named = sum(steps.get(k, 0.0) for k in ("nlu", "policy", "actions", "tracker_load", "tracker_save"))
        profile.add(TOTAL, total)
        profile.add("gateway own work", max(0.0, total - rasa))
        profile.add("Rasa HTTP, channel, lock", max(0.0, rasa - inside))
        profile.add("NLU parse", steps.get("nlu", 0.0))
        profile.add("policy prediction", steps.get("policy", 0.0))
        profile.add("action server HTTP", action_http)
        profile.add("Rasa's action handling", max(0.0, actions - action_http))
        profile.add("tracker load", steps.get("tracker_load", 0.0))
        profile.add("tracker save", steps.get("tracker_save", 0.0))
        profile.add("Rasa other", max(0.0, inside - named))
        profile.add("- answer schema check", steps.get("action_validate", 0.0))
        profile.add("- tracker state sent", steps.get("tracker_state", 0.0))
        profile.add("- responses uttered", steps.get("action_responses", 0.0))
        profile.add("Rasa HTTP request", rasa)
        profile.add("Rasa handle_message", inside)
        profile.add("Redis server time", redis_seconds)
        profile.add("Redis round trips (est.)", redis_calls * self.redis_rtt)
        profile.add("NLU via /model/parse", nlu_outside)
        profile.add("tracker load from here", load_outside)
        profile.add("tracker save from here", save_outside)
        profile.round_trips.append(redis_calls)
        for step in ("policy", "actions", "action_http"):
            profile.counts.setdefault(step, []).append(int(steps.get(f"{step}_count", 0)))

    def post(self, path: str, body: dict[str, Any]) -> float:
        start = time.perf_counter()
        self.http.post(f"{self.running.rasa_url}{path}", json=body, timeout=30).raise_for_status()
        return time.perf_counter() - start

    def intakes(self, turns: int, numbers: Numbers, profile: Profile | None) -> None:
        """Whole intakes, one after another, until ``turns`` turns."""
        done = 0
        while done < turns:
            phone = numbers.take()
            for text in SCRIPT[: turns - done]:
                if profile is None:
                    self.send(phone, text)
                else:
                    self.turn(phone, text, profile)
                done += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.turn_profile", description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=50, help="timed turns (50), after one untimed intake")
    args = parser.parse_args(argv)
    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="roadside-profile-"))
        url, _ = cleanup.enter_context(aof_redis(workdir))
        env = make_env(url, PUBLIC_BASE_URL="https://roadside.example.com", RASA_TIMEOUT_SECONDS="10")
        storage = Storage.from_settings(Settings.from_env(env))
        running, timings = cleanup.enter_context(profiled_stack(env, workdir))
        profiler = Profiler(running, timings, storage, url)
        numbers = Numbers()
        profiler.intakes(len(SCRIPT), numbers, None)  # warm: the first turns load lazily built parts
        profiler.calibrate()
        profile = Profile()
        profiler.intakes(args.turns, numbers, profile)
        print(f"{args.turns} turns of whole intakes, one at a time, load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores; per turn: " + ", ".join(
                  f"{name} {statistics.mean(n):.1f}" for name, n in (
                      ("policy predictions", profile.counts["policy"]),
                      ("custom action runs", profile.counts["actions"]),
                      ("action server requests", profile.counts["action_http"]))))
        print("\n".join(profile.table()))
        print(f"logs in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
