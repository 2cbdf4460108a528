"""Where one turn's time goes, on an idle stack: gateway, Rasa (NLU, policies, actions, tracker store) and Redis.

Run: ``.venv/bin/python -m bench.turn_profile [--turns 50]``. It starts a private Redis
(AOF, like ``make run``), the web app and action server as every benchmark does
(bench/load_stack.py), and one Rasa server on the same model with ``--enable-api`` (for
``/model/parse`` and ``/conversations/<id>/predict``), whose calls to the action server go
through a timing proxy in this process. One driver at a time does whole intakes
(bench/load_drivers.py's SCRIPT) over signed webhooks, after one untimed intake.

Rasa 3.6 logs no timings (its debug log has none, and tracing is Rasa Pro), so each
turn is measured from outside, right after it ran:

- gateway total: the webhook request as the client sees it;
- Rasa HTTP request: the gateway's own timing of its call to Rasa (the change in
  ``roadside_turn_seconds_sum`` on ``/metrics`` over the turn); gateway's own work is the rest;
- action server: every call Rasa made to it during the turn, timed by the proxy
  (less the proxy's own cost, measured on ``/health``);
- NLU parse: ``/model/parse`` of the same text (less Rasa's HTTP cost, ``GET /``);
- policy prediction: ``/conversations/<id>/predict`` on the conversation as the turn left it,
  less that HTTP cost and one tracker load and save, times the actions the turn predicted;
- tracker store load and save: ``retrieve`` of the conversation, and ``save`` of a copy over
  itself, on the real encrypted store (storage/tracker_store.py) with the stack's keys
  (Rasa 3.6's MessageProcessor loads once and saves once a turn);
- Rasa other: the Rasa request less the parts above (channel, lock store, events, HTTP);
- Redis: commands every process sent during the turn (``INFO commandstats``) and the
  server's time in them; with a loopback round trip from here, their cost on the wire.
  Redis overlaps the parts above (the tracker store and lock store use it).

It prints median and p95 of each part and its share of the turn (by the means, so the
shares of the parts that make up the turn add up to 100%).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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

# The parts that add up to a turn, then the Rasa request and Redis, which overlap them.
PARTS = ("gateway own work", "NLU parse", "policy prediction", "action server", "tracker load", "tracker save",
         "Rasa other")
OVERLAPPING = ("Rasa HTTP request", "Redis server time", "Redis round trips (est.)")
TOTAL = "gateway total"


# ---- pure helpers -------------------------------------------------------------------------------------------


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def predictions_in_last_turn(events: list[dict[str, Any]]) -> int:
    """Actions Rasa predicted after the last user message (each one is a policy prediction)."""
    count = 0
    for event in reversed(events):
        if event.get("event") == "user":
            return count
        if event.get("event") == "action":
            count += 1
    return count


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

    def add(self, part: str, seconds: float) -> None:
        self.parts.setdefault(part, []).append(seconds)

    def table(self) -> list[str]:
        total = statistics.mean(self.parts[TOTAL])
        rows = [f"{'part':>26} {'median ms':>10} {'p95 ms':>8} {'share':>7}"]
        for name in (TOTAL, *PARTS, *OVERLAPPING):
            samples = self.parts.get(name, [])
            if not samples:
                continue
            share = statistics.mean(samples) / total if total else 0.0
            mark = " (overlaps)" if name in OVERLAPPING else ""
            rows.append(f"{name:>26} {statistics.median(samples) * 1000:>10.1f} "
                        f"{percentile(samples, 0.95) * 1000:>8.1f} {share:>7.1%}{mark}")
        if self.round_trips:
            rows.append(f"{'Redis commands per turn':>26} {statistics.median(self.round_trips):>10.0f} "
                        f"{percentile([float(n) for n in self.round_trips], 0.95):>8.0f}")
        return rows


# ---- the action server behind a timing proxy ----------------------------------------------------------------


@dataclass
class ActionCalls:
    lock: threading.Lock = field(default_factory=threading.Lock)
    seconds: list[tuple[str, float]] = field(default_factory=list)  # (action name, seconds)

    def since(self, mark: int) -> list[tuple[str, float]]:
        with self.lock:
            return self.seconds[mark:]

    def mark(self) -> int:
        with self.lock:
            return len(self.seconds)


@contextmanager
def timing_proxy(target: str) -> Iterator[tuple[str, ActionCalls]]:
    """An HTTP proxy to ``target`` that times every POST (the action server's /webhook): (url, calls)."""
    calls = ActionCalls()
    session = requests.Session()
    session_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _forward(self, method: str) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            start = time.perf_counter()
            with session_lock:  # one turn at a time: Rasa never calls two actions at once here
                resp = session.request(method, f"{target}{self.path}", data=body or None, timeout=60,
                                       headers={"Content-Type": self.headers.get("Content-Type", "")})
            elapsed = time.perf_counter() - start
            if method == "POST":
                name = str(json.loads(body or b"{}").get("next_action", "?"))
                with calls.lock:
                    calls.seconds.append((name, elapsed))
            self.send_response(resp.status_code)
            self.send_header("Content-Type", resp.headers.get("Content-Type", "application/json"))
            self.send_header("Content-Length", str(len(resp.content)))
            self.end_headers()
            self.wfile.write(resp.content)

        def do_POST(self) -> None:
            self._forward("POST")

        def do_GET(self) -> None:
            self._forward("GET")

        def log_message(self, *args: Any) -> None:  # no request lines on stderr
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", calls
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def profiled_stack(env: dict[str, str], logdir: Path) -> Iterator[tuple[RunningStack, ActionCalls]]:
    """The stack, its Rasa server with the HTTP API on and calling the action server through the proxy."""
    with ExitStack() as cleanup:
        running = cleanup.enter_context(running_stack(env, ensure_model(), logdir, only=("actions", "web")))
        proxy_url, calls = cleanup.enter_context(timing_proxy(running.actions_url))
        running.cmds["rasa"] = [*running.cmds["rasa"], "--enable-api"]
        running.envs["rasa"] = {**running.env, "ACTION_SERVER_URL": proxy_url}
        running.logs["rasa"] = logdir / "rasa.log"
        running.start("rasa", timeout=300)  # stopped with the rest of the stack
        yield running, calls


# ---- measuring ----------------------------------------------------------------------------------------------


def median_seconds(call: Callable[[], Any], times: int = 20) -> float:
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


class Profiler:
    def __init__(self, running: RunningStack, calls: ActionCalls, storage: Storage, redis_url: str) -> None:
        self.running, self.calls, self.storage = running, calls, storage
        self.send = webhook_sender(running)
        self.http = requests.Session()
        self.redis = connect(redis_url)
        self.trackers = EncryptedRedisTrackerStore(Domain.load(str(ROOT / "bot" / "domain.yml")),
                                                   client=storage.client, keyring=storage.keyring, record_exp=3600)
        self.loop = asyncio.new_event_loop()
        self.rasa_http = 0.0
        self.proxy_cost = 0.0
        self.redis_rtt = 0.0

    def calibrate(self) -> None:
        """Rasa's HTTP cost (GET /), the proxy's own cost, one Redis round trip from here."""
        rasa = self.running.rasa_url
        self.rasa_http = median_seconds(lambda: self.http.get(f"{rasa}/", timeout=10))
        direct = median_seconds(lambda: self.http.get(f"{self.running.actions_url}/health", timeout=10))
        proxied = median_seconds(lambda: self.http.get(f"{self.running.envs['rasa']['ACTION_SERVER_URL']}/health",
                                                       timeout=10))
        self.proxy_cost = max(0.0, proxied - direct)
        self.redis_rtt = median_seconds(self.redis.ping, 200)
        print(f"calibration: Rasa HTTP (GET /) {self.rasa_http * 1000:.1f} ms, timing proxy adds "
              f"{self.proxy_cost * 1000:.2f} ms a call, Redis PING {self.redis_rtt * 1000:.3f} ms", flush=True)

    def gateway_rasa_seconds(self) -> float:
        text = self.http.get(f"{self.running.web_url}/metrics", timeout=10).text
        return metric_sum(text, "roadside_turn_seconds_sum")

    def post(self, path: str, body: dict[str, Any]) -> float:
        start = time.perf_counter()
        self.http.post(f"{self.running.rasa_url}{path}", json=body, timeout=30).raise_for_status()
        return time.perf_counter() - start

    def turn(self, phone: str, text: str, profile: Profile) -> None:
        token = self.storage.token(phone)
        waited = self.gateway_rasa_seconds()
        stats = self.redis.info("commandstats")
        mark = self.calls.mark()
        start = time.perf_counter()
        self.send(phone, text)
        total = time.perf_counter() - start
        redis_calls, redis_seconds = command_delta(stats, self.redis.info("commandstats"))
        rasa = self.gateway_rasa_seconds() - waited
        actions = self.calls.since(mark)
        action_seconds = sum(max(0.0, s - self.proxy_cost) for _, s in actions)

        start = time.perf_counter()
        tracker = self.loop.run_until_complete(self.trackers.retrieve(token))
        load = time.perf_counter() - start
        assert tracker is not None, "the turn left no tracker"
        predicted = predictions_in_last_turn([e.as_dict() for e in tracker.events])
        tracker.sender_id = f"profile-copy-{token}"
        self.loop.run_until_complete(self.trackers.save(tracker))  # first save: no prior, as Rasa's never is
        start = time.perf_counter()
        self.loop.run_until_complete(self.trackers.save(tracker))
        save = time.perf_counter() - start
        self.trackers.delete(tracker.sender_id)

        nlu = max(0.0, self.post("/model/parse", {"text": text}) - self.rasa_http)
        predict = self.post(f"/conversations/{token}/predict", {})
        policy = max(0.0, predict - self.rasa_http - load - save) * predicted

        profile.add(TOTAL, total)
        profile.add("Rasa HTTP request", rasa)
        profile.add("gateway own work", max(0.0, total - rasa))
        profile.add("NLU parse", nlu)
        profile.add("policy prediction", policy)
        profile.add("action server", action_seconds)
        profile.add("tracker load", load)
        profile.add("tracker save", save)
        profile.add("Rasa other", max(0.0, rasa - nlu - policy - action_seconds - load - save))
        profile.add("Redis server time", redis_seconds)
        profile.add("Redis round trips (est.)", redis_calls * self.redis_rtt)
        profile.round_trips.append(redis_calls)

    def intakes(self, turns: int, numbers: Numbers, profile: Profile | None) -> int:
        """Whole intakes, one after another, until ``turns`` turns; returns the action calls they made."""
        mark, done = self.calls.mark(), 0
        while done < turns:
            phone = numbers.take()
            for text in SCRIPT[: turns - done]:
                if profile is None:
                    self.send(phone, text)
                else:
                    self.turn(phone, text, profile)
                done += 1
        return len(self.calls.since(mark))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.turn_profile", description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=50, help="timed turns (50), after one untimed intake")
    args = parser.parse_args(argv)
    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="roadside-profile-"))
        url, _ = cleanup.enter_context(aof_redis(workdir))
        env = make_env(url, PUBLIC_BASE_URL="https://roadside.example.com", RASA_TIMEOUT_SECONDS="10")
        storage = Storage.from_settings(Settings.from_env(env))
        running, calls = cleanup.enter_context(profiled_stack(env, workdir))
        profiler = Profiler(running, calls, storage, url)
        numbers = Numbers()
        profiler.intakes(len(SCRIPT), numbers, None)  # warm: the first turns load lazily built parts
        profiler.calibrate()
        profile = Profile()
        action_calls = profiler.intakes(args.turns, numbers, profile)
        counts: dict[str, int] = {}
        for name, _ in calls.seconds:
            counts[name] = counts.get(name, 0) + 1
        print(f"{args.turns} turns of whole intakes, one at a time; {action_calls} action server calls "
              f"({', '.join(f'{n} {c}' for n, c in sorted(counts.items()))} over the whole run)")
        print("\n".join(profile.table()))
        print(f"logs in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
