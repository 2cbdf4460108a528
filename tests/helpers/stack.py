"""Start the real stack (action server, Rasa, web app) for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from cli.redis_server import free_port
from cli.stack import ROOT, Ports, commands, service_env


@dataclass
class RunningStack:
    web_url: str
    rasa_url: str
    actions_url: str
    env: dict[str, str]
    logs: dict[str, Path]
    procs: dict[str, subprocess.Popen[bytes]]

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs.values() if p.exists())

    def stop(self, name: str) -> None:
        proc = self.procs[name]
        proc.terminate()
        proc.wait(timeout=30)


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM if the test process dies without cleaning up."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


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


@contextmanager
def running_stack(base_env: dict[str, str], model: Path, logdir: Path, *,
                  only: tuple[str, ...] = ("actions", "rasa", "web")) -> Iterator[RunningStack]:
    ports = Ports(web=free_port(), rasa=free_port(), actions=free_port())
    env = service_env({**os.environ, **base_env, "PYTHONUNBUFFERED": "1"}, ports)
    env["RASA_URL"] = f"http://127.0.0.1:{ports.rasa}"
    env["ACTION_SERVER_URL"] = f"http://127.0.0.1:{ports.actions}"
    cmds = commands(ports, with_redis=False, model=model, web_workers=2)
    health = {"actions": f"{env['ACTION_SERVER_URL']}/health", "rasa": f"{env['RASA_URL']}/webhooks/sms/",
              "web": f"http://127.0.0.1:{ports.web}/healthz"}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    logs: dict[str, Path] = {}
    with ExitStack() as stack:
        for name in only:
            logs[name] = logdir / f"{name}.log"
            fh = stack.enter_context(open(logs[name], "wb"))
            procs[name] = subprocess.Popen(cmds[name], cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                           preexec_fn=_die_with_parent)

        def _cleanup() -> None:
            for proc in procs.values():
                if proc.poll() is None:
                    proc.terminate()
            for proc in procs.values():
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()

        stack.callback(_cleanup)
        for name in only:
            _wait(health[name], procs[name], logs[name], timeout=240)
        yield RunningStack(f"http://127.0.0.1:{ports.web}", env["RASA_URL"], env["ACTION_SERVER_URL"], env, logs,
                           procs)
