"""The processes a load benchmark runs against, and what they cost in CPU and memory.

The stack is started by the e2e tests' ``running_stack`` (web app, Rasa and
action servers); Redis is a private one with AOF like ``make run``'s; the
comparison Rasa server enables the stock ``rest:`` channel in a temporary
credentials file (``bot/credentials.yml`` has none) and shares the stack's
action server, tracker store and lock store.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from cli.redis_server import free_port, wait_for_redis
from cli.stack import ROOT, Ports, commands, ensure_model, redis_command
from helpers.stack import RunningStack, _die_with_parent, _wait, running_stack

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def supports_rasa_servers() -> bool:
    """Whether the stack can start several Rasa servers behind one gateway (RASA_URLS, issue 12 item 2)."""
    return "rasa_servers" in inspect.signature(running_stack).parameters


@contextmanager
def aof_redis(workdir: Path) -> Iterator[tuple[str, int]]:
    """A private redis-server with an append-only file, as ``make run`` starts it: (url, pid)."""
    port = free_port()
    proc = subprocess.Popen(redis_command(port, workdir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=_die_with_parent)
    url = f"redis://127.0.0.1:{port}/0"
    client = wait_for_redis(url, proc)
    try:
        yield url, proc.pid
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def stack(env: dict[str, str], logdir: Path, rasa_servers: int) -> Iterator[RunningStack]:
    """The web app (2 workers) with ``rasa_servers`` Rasa/action-server pairs."""
    extra = {"rasa_servers": rasa_servers} if rasa_servers > 1 else {}
    with running_stack(env, ensure_model(), logdir, **extra) as running:  # type: ignore[arg-type]
        yield running


@contextmanager
def rest_rasa(env: dict[str, str], logdir: Path) -> Iterator[tuple[str, int]]:
    """A Rasa server with Rasa's own REST channel, on the same model, stores and action server: (url, pid)."""
    with ExitStack() as cleanup:
        credentials = Path(tempfile.mkdtemp(prefix="roadside-rest-")) / "credentials.yml"
        credentials.write_text("rest:\n")
        port = free_port()
        argv = commands(Ports(rasa=port), with_redis=False, model=ensure_model())["rasa"]
        argv[argv.index("--credentials") + 1] = str(credentials)
        log = logdir / "rest-rasa.log"
        fh = cleanup.enter_context(open(log, "wb"))
        proc = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"}, stdout=fh,
                                stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        cleanup.callback(proc.wait, 30)
        cleanup.callback(proc.terminate)
        url = f"http://127.0.0.1:{port}"
        _wait(f"{url}/webhooks/rest/", proc, log, timeout=300)
        yield url, proc.pid


def _parents() -> dict[int, int]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    found[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return found


def with_descendants(pids: list[int]) -> list[int]:
    """``pids`` and every process below them (gunicorn's workers, Rasa's helpers)."""
    parents = _parents()
    found, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo += [child for child, parent in parents.items() if parent == pid]
    return sorted(found)


def _stat_fields(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return []


def cpu_seconds(pids: list[int], *, descendants: bool = True) -> float:
    """User + system CPU time used so far by ``pids`` and (unless told not to) their descendants."""
    total = 0
    for pid in with_descendants(pids) if descendants else pids:
        fields = _stat_fields(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


def cpu_by_process(named: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds used so far by each named group of stack_processes(); gunicorn's master without its workers."""
    return {name: cpu_seconds(pids, descendants=name != "web master") for name, pids in named.items()}


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` alone, in MB."""
    fields = _stat_fields(pid)
    return int(fields[21]) * PAGE_SIZE / 1e6 if fields else 0.0


@dataclass
class CpuMeter:
    """CPU seconds ``pids`` (and descendants) use between start() and stop()."""

    pids: list[int]
    used: float = 0.0
    _at: float = 0.0

    def start(self) -> None:
        self._at = cpu_seconds(self.pids)

    def stop(self) -> float:
        self.used = cpu_seconds(self.pids) - self._at
        return self.used


def stack_processes(running: RunningStack, redis_pid: int) -> dict[str, list[int]]:
    """The stack's processes by the name a memory report gives them: each web worker on its own line.

    Rasa and the action server are counted with their descendants (none today); gunicorn's master
    and each worker separately, since a leak shows in one worker.
    """
    named: dict[str, list[int]] = {"redis": [redis_pid]}
    for name, proc in running.procs.items():
        if name == "web":
            named["web master"] = [proc.pid]
            workers = [pid for pid in with_descendants([proc.pid]) if pid != proc.pid]
            for i, pid in enumerate(workers, 1):
                named[f"web worker {i}"] = [pid]
        else:
            named[name] = with_descendants([proc.pid])
    return named


def memory_mb(named: dict[str, list[int]]) -> dict[str, float]:
    """Resident memory (MB) of each named group of processes, read from /proc."""
    return {name: sum(rss_mb(pid) for pid in pids) for name, pids in named.items()}


@dataclass(frozen=True)
class Growth:
    name: str
    start_mb: float
    end_mb: float

    @property
    def percent(self) -> float:
        return 100 * (self.end_mb - self.start_mb) / self.start_mb if self.start_mb else 0.0

    def flagged(self, limit: float = 10.0) -> bool:
        return self.percent > limit


def growth(start: dict[str, float], end: dict[str, float]) -> list[Growth]:
    """Memory growth of every process in both readings (a process gone by the end counts as 0 MB)."""
    return [Growth(name, mb, end.get(name, 0.0)) for name, mb in start.items()]
