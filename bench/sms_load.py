"""Load benchmark: whole intakes over signed Twilio webhooks vs the same turns on Rasa's REST channel.

Run: ``.venv/bin/python -m bench.sms_load [stress|realistic|all] [options]`` (``make bench``
runs a short smoke of both). It starts a private Redis (AOF, like ``make run``), the real
stack and a second Rasa server with Rasa's stock ``rest:`` channel, all on this machine.

- stress: drivers texting back the moment they get a reply, intake after intake, for
  ``--seconds``, with each Rasa server count of ``--rasa-servers`` (several need RASA_URLS
  support in the stack, issue 12 item 2; they are skipped, and said so, without it).
- realistic: ``--drivers`` drivers each doing one intake, pausing ``--pause`` seconds
  between a reply and their next text.

For each run it prints messages per second, per machine core and per CPU-second the
processes used, p50/p95/p99 turn latency, lost and doubled texts (both must be 0,
read back from Redis), texts escalated because Rasa did not answer in time, and the
ratio to the same turns posted straight to Rasa's REST channel in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench import load_drivers
from bench.load_check import Outcome, check
from bench.load_drivers import Numbers, Run, Send
from bench.load_stack import (
    CpuMeter,
    aof_redis,
    cpu_by_process,
    rest_rasa,
    stack,
    stack_processes,
    supports_rasa_servers,
)
from cli.chat import send_sms
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.stack import RunningStack
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

CORES = os.cpu_count() or 1
HEADER = (f"{'path':>8} {'rasa':>4} {'drivers':>7} {'turns':>6} {'msg/s':>6} {'/core':>6} {'/cpu-s':>6} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'lost':>4} {'doubled':>7} {'escal.':>6} {'errors':>6} "
          f"{'requests/intakes':>16}")


def webhook_sender(running: RunningStack) -> Send:
    def send(phone: str, text: str) -> list[str]:
        return send_sms(running.web_url, TEST_TWILIO_TOKEN, phone, text, timeout=30,
                        public_base=running.env["PUBLIC_BASE_URL"])
    return send


def rest_sender(url: str, storage: Storage) -> Send:
    """The same turn straight to Rasa's REST channel, the sender named by token as the gateway names it."""
    session = requests.Session()

    def send(phone: str, text: str) -> list[str]:
        token = storage.token(phone)
        if text == load_drivers.SCRIPT[0]:  # the gateway would have saved the contact; the request needs it
            storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
        resp = session.post(f"{url}/webhooks/rest/webhook", json={"sender": token, "message": text}, timeout=30)
        resp.raise_for_status()
        return [m["text"] for m in resp.json() if m.get("text")]
    return send


def measured(meter: CpuMeter, load: Callable[..., Run], *args: Any) -> Run:
    """``load(*args)``, with the CPU time ``meter``'s processes spent meanwhile."""
    meter.start()
    run = load(*args)
    meter.stop()
    return run


def row(path: str, servers: int, drivers: int, run: Run, cpu: float, out: Outcome) -> str:
    per_cpu = len(run.turns) / cpu if cpu else 0.0
    return (f"{path:>8} {servers:>4} {drivers:>7} {len(run.turns):>6} {run.per_second():>6.1f} "
            f"{run.per_second() / CORES:>6.1f} {per_cpu:>6.1f} {run.percentile(0.5) * 1000:>7.0f} "
            f"{run.percentile(0.95) * 1000:>7.0f} {run.percentile(0.99) * 1000:>7.0f} {out.lost:>4} "
            f"{out.doubled:>7} {out.escalated:>6} {out.errors:>6} {f'{out.requests}/{out.intakes}':>16}")


def cpu_split(before: dict[str, float], after: dict[str, float], turns: int) -> str:
    """Where the CPU went: each process's CPU milliseconds per turn (where the time goes under stress)."""
    parts = ", ".join(f"{name} {(after[name] - before[name]) / turns * 1000:.1f}" for name in before) if turns else ""
    return f"  CPU ms per turn: {parts}"


def ratio(ours: Run, rest: Run) -> str:
    def r(a: float, b: float) -> str:
        return f"{a / b:.2f}x" if b else "n/a"
    return (f"  webhook / REST: msg/s {r(ours.per_second(), rest.per_second())}, "
            f"p50 {r(ours.percentile(0.5), rest.percentile(0.5))}, "
            f"p95 {r(ours.percentile(0.95), rest.percentile(0.95))}")


class Bench:
    """One Redis for every run; stacks started per Rasa server count."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str], redis_pid: int, logdir: Path) -> None:
        self.args, self.env, self.redis_pid, self.logdir = args, env, redis_pid, logdir
        self.storage = Storage.from_settings(Settings.from_env(env))
        self.numbers = Numbers()
        self.rest_pid = 0

    def stack_pids(self, running: RunningStack) -> list[int]:
        return [self.redis_pid, *(p.pid for p in running.procs.values())]

    def report(self, path: str, servers: int, drivers: int, run: Run, meter: CpuMeter) -> None:
        print(row(path, servers, drivers, run, meter.used, check(self.storage, run)), flush=True)

    def with_stack(self, servers: int, work: Callable[[RunningStack], None]) -> None:
        if servers > 1 and not supports_rasa_servers():
            print(f"  {servers} Rasa servers: skipped, this stack has no RASA_URLS support yet (issue 12 item 2)")
            return
        with stack(self.env, self.logdir, servers) as running:
            work(running)

    def stress(self, running: RunningStack, servers: int, rest_url: str | None) -> None:
        named = stack_processes(running, self.redis_pid)
        for drivers in self.args.stress_drivers:
            meter = CpuMeter(self.stack_pids(running))
            before = cpu_by_process(named)
            ours = measured(meter, load_drivers.stress, webhook_sender(running), drivers, self.args.seconds,
                            self.numbers)
            self.report("webhook", servers, drivers, ours, meter)
            print(cpu_split(before, cpu_by_process(named), len(ours.turns)), flush=True)
            if rest_url is not None:
                rest_meter = CpuMeter([self.redis_pid, self.rest_pid, running.procs["actions"].pid])
                rest = measured(rest_meter, load_drivers.stress, rest_sender(rest_url, self.storage), drivers,
                                self.args.seconds, self.numbers)
                self.report("rest", 1, drivers, rest, rest_meter)
                print(ratio(ours, rest), flush=True)

    def realistic(self, running: RunningStack, rest_url: str | None, servers: int = 1) -> None:
        for drivers in self.args.drivers:
            meter = CpuMeter(self.stack_pids(running))
            ours = measured(meter, load_drivers.realistic, webhook_sender(running), drivers, self.numbers,
                            self.args.pause)
            self.report("webhook", servers, drivers, ours, meter)
            if rest_url is None:
                continue
            rest_meter = CpuMeter([self.redis_pid, self.rest_pid, running.procs["actions"].pid])
            rest = measured(rest_meter, load_drivers.realistic, rest_sender(rest_url, self.storage), drivers,
                            self.numbers, self.args.pause)
            self.report("rest", 1, drivers, rest, rest_meter)
            print(ratio(ours, rest), flush=True)

    def one_server(self, running: RunningStack) -> None:
        """Stress and realistic load on one Rasa server, each next to Rasa's REST channel."""
        with rest_rasa(running.env, self.logdir) as (rest_url, rest_pid):
            self.rest_pid = rest_pid
            if self.args.mode in ("stress", "all"):
                print(f"stress: no pause, {self.args.seconds:.0f} s per run, {CORES} cores", flush=True)
                print(HEADER)
                self.stress(running, 1, rest_url)
            if self.args.mode in ("realistic", "all"):
                low, high = self.args.pause
                print(f"realistic: one intake per driver, {low:g}-{high:g} s pause between turns", flush=True)
                print(HEADER)
                self.realistic(running, rest_url)

    def run(self) -> None:
        if 1 in self.args.rasa_servers or self.args.mode == "realistic":
            self.with_stack(1, self.one_server)
        for servers in (n for n in self.args.rasa_servers if n > 1):
            if self.args.mode in ("stress", "all"):
                print(f"stress with {servers} Rasa servers (and as many action servers):", flush=True)
                print(HEADER)
                self.with_stack(servers, partial(self.stress, servers=servers, rest_url=None))
            if self.args.mode in ("realistic", "all"):
                print(f"realistic with {servers} Rasa servers (and as many action servers):", flush=True)
                print(HEADER)
                self.with_stack(servers, partial(self.realistic, rest_url=None, servers=servers))


def _counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _pause(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.sms_load", description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", choices=("stress", "realistic", "all"), default="all")
    parser.add_argument("--rasa-servers", type=_counts, default=[1, 2],
                        help="Rasa server counts (1,2); REST comparison with 1")
    parser.add_argument("--stress-drivers", type=_counts, default=[10], help="stress: driver counts (10)")
    parser.add_argument("--seconds", type=float, default=15, help="stress: seconds per run (15)")
    parser.add_argument("--drivers", type=_counts, default=[10], help="realistic: driver counts (10; try 10,50,200)")
    parser.add_argument("--pause", type=_pause, default=(3.0, 10.0), help="realistic: seconds between turns (3-10)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="roadside-load-"))
        url, redis_pid = cleanup.enter_context(aof_redis(workdir))
        env = make_env(url, PUBLIC_BASE_URL="https://roadside.example.com", RASA_TIMEOUT_SECONDS="10")
        Bench(args, env, redis_pid, workdir).run()
        print(f"logs in {workdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
