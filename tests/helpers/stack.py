"""Start the real stack (action servers, Rasa servers, web app) for end-to-end tests."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from cli.redis_server import free_port
from cli.stack import ROOT, Ports, RasaPair, commands, process_env, rasa_pairs, service_env


@dataclass
class RunningStack:
    web_url: str
    rasa_url: str
    actions_url: str
    env: dict[str, str]
    logs: dict[str, Path]
    procs: dict[str, subprocess.Popen[bytes]]
    pairs: list[RasaPair] = field(default_factory=list)
    cmds: dict[str, list[str]] = field(default_factory=dict)
    envs: dict[str, dict[str, str]] = field(default_factory=dict)
    health: dict[str, str] = field(default_factory=dict)

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs.values() if p.exists())

    def stop(self, name: str) -> None:
        proc = self.procs[name]
        proc.terminate()
        proc.wait(timeout=30)

    def kill(self, name: str) -> int:
        """SIGKILL the process ``name`` by its pid (no clean shutdown); returns the pid."""
        proc = self.procs[name]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        return proc.pid

    def start(self, name: str, timeout: float = 240) -> None:
        """Start ``name`` again (after ``stop`` or ``kill``) and wait until it answers."""
        self.procs[name] = _spawn(self.cmds[name], self.envs[name], self.logs[name])
        _wait(self.health[name], self.procs[name], self.logs[name], timeout)


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if the test process dies without cleaning up."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _spawn(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as fh:
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                preexec_fn=_die_with_parent)


def _wait(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready after {timeout}s:\n{log.read_text(errors='replace')[-4000:]}")


def _free_run(count: int) -> int:
    """The first of ``count`` consecutive free loopback ports.

    Taken below the kernel's ephemeral range (32768+), so that no outgoing connection
    of another process grabs one of them before the server binds it.
    """
    while True:
        first = random.randrange(11000, 19000)
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first


@contextmanager
def running_stack(base_env: dict[str, str], model: Path, logdir: Path, *,
                  only: tuple[str, ...] = ("actions", "rasa", "web"), rasa_servers: int = 1,
                  web_workers: int = 2) -> Iterator[RunningStack]:
    """The stack's processes (``only``; with ``rasa_servers`` > 1 every Rasa/action pair), started and waited for."""
    ports = Ports(web=free_port(), rasa=_free_run(rasa_servers), actions=_free_run(rasa_servers))
    pairs = rasa_pairs(ports, rasa_servers)
    env = service_env({**os.environ, **base_env, "PYTHONUNBUFFERED": "1"}, ports, rasa_servers)
    env["RASA_URL"] = pairs[0].rasa_url
    env["RASA_URLS"] = ",".join(p.rasa_url for p in pairs)
    env["ACTION_SERVER_URL"] = pairs[0].actions_url
    cmds = commands(ports, with_redis=False, model=model, web_workers=web_workers, rasa_servers=rasa_servers)
    extra = process_env(ports, rasa_servers)
    health = {"web": f"http://127.0.0.1:{ports.web}/healthz"}
    for pair in pairs:
        health[pair.actions_name] = f"{pair.actions_url}/health"
        health[pair.rasa_name] = f"{pair.rasa_url}/webhooks/sms/"
    names = [n for n in cmds if n.rstrip("0123456789") in only]  # rasa2 comes with rasa
    running = RunningStack(f"http://127.0.0.1:{ports.web}", pairs[0].rasa_url, pairs[0].actions_url, env,
                           {n: logdir / f"{n}.log" for n in names}, {}, pairs, cmds,
                           {n: {**env, **extra.get(n, {})} for n in names}, health)
    with ExitStack() as stack:
        for name in names:
            running.procs[name] = _spawn(cmds[name], running.envs[name], running.logs[name])

        def _cleanup() -> None:
            for proc in running.procs.values():
                if proc.poll() is None:
                    proc.terminate()
            for proc in running.procs.values():
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()

        stack.callback(_cleanup)
        for name in names:
            _wait(health[name], running.procs[name], running.logs[name], timeout=240)
        yield running
