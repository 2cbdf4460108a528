"""`roadside run`: the whole stack on this machine under honcho."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cli.stack import (
    REDIS_DATA_DIR,
    ROOT,
    Ports,
    commands,
    ensure_env_file,
    ensure_model,
    ensure_private_dir,
    process_env,
    rasa_pairs,
    service_env,
)
from storage.settings import load_dotenv_file


@dataclass(frozen=True)
class StackPlan:
    """What `roadside run` starts: the shared environment and each process's command line."""

    env: dict[str, str]
    commands: dict[str, list[str]]
    private_redis: bool
    # What one process adds to ``env`` (each Rasa server's own action server).
    process_env: dict[str, dict[str, str]] = field(default_factory=dict)

    def env_of(self, name: str) -> dict[str, str]:
        return {**self.env, **self.process_env.get(name, {})}


def plan_stack(ports: Ports, base_env: dict[str, str], *, redis_dir: Path = REDIS_DATA_DIR, rasa_servers: int = 1,
               web_workers: int = 2) -> StackPlan:
    """Without ``REDIS_URL``, a private Redis keeping its data in ``redis_dir`` (created, mode 0700).

    With ``REDIS_URL`` the stack uses that server and leaves persistence to whoever runs it.
    ``rasa_servers`` Rasa servers (each with its own action server) share that Redis;
    the web app's ``web_workers`` gunicorn workers spread turns over them (``RASA_URLS``).
    """
    private_redis = not base_env.get("REDIS_URL")
    env = dict(base_env)
    if private_redis:
        ensure_private_dir(redis_dir)
        env["REDIS_URL"] = f"redis://127.0.0.1:{ports.redis}/0"
    env = service_env(env, ports, rasa_servers)
    procs = commands(ports, with_redis=private_redis, redis_dir=redis_dir, rasa_servers=rasa_servers,
                     web_workers=web_workers)
    return StackPlan(env, procs, private_redis, process_env(ports, rasa_servers))


def run_stack(ports: Ports, *, rasa_servers: int = 1, web_workers: int = 2) -> int:
    from honcho.manager import Manager
    from honcho.printer import Printer

    if ensure_env_file():
        print("Wrote a private .env with fresh keys (mode 0600).")
    load_dotenv_file(ROOT / ".env")
    ensure_model()
    plan = plan_stack(ports, dict(os.environ), rasa_servers=rasa_servers, web_workers=web_workers)
    env = plan.env
    base = env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{ports.web}"
    redis_note = f"  (private, started here; data in {REDIS_DATA_DIR})" if plan.private_redis else ""
    print(f"""
Roadside intake is starting.
  SMS webhook     POST {base}/twilio/sms
  Voice webhook   POST {base}/twilio/voice
  Status callback POST {base}/twilio/status
  Health          GET  {base}/healthz   (ready: {base}/readyz)
  Console         {base}/console/login  (first agent: .venv/bin/roadside agents add NAME --role supervisor)
  Text the bot:   .venv/bin/roadside chat --from +15085550142 --url http://127.0.0.1:{ports.web}
  Redis           {env['REDIS_URL']}{redis_note}
  Rasa servers    {len(rasa_pairs(ports, rasa_servers))} (RASA_URLS={env['RASA_URLS']}); web workers {web_workers}
""", flush=True)
    manager = Manager(Printer(sys.stdout))
    for name, argv in plan.commands.items():
        manager.add_process(name, shlex.join(argv), env=plan.env_of(name), cwd=str(ROOT))
    manager.loop()
    return int(manager.returncode or 0)
