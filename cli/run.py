"""`roadside run`: the whole stack on this machine under honcho."""

from __future__ import annotations

import os
import shlex
import sys

from cli.stack import ROOT, Ports, commands, ensure_env_file, ensure_model, service_env
from storage.settings import load_dotenv_file


def run_stack(ports: Ports) -> int:
    from honcho.manager import Manager
    from honcho.printer import Printer

    if ensure_env_file():
        print("Wrote a private .env with fresh keys (mode 0600).")
    load_dotenv_file(ROOT / ".env")
    ensure_model()
    with_redis = not os.environ.get("REDIS_URL")
    env = dict(os.environ)
    if with_redis:
        env["REDIS_URL"] = f"redis://127.0.0.1:{ports.redis}/0"
    env = service_env(env, ports)
    base = env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{ports.web}"
    print(f"""
Roadside intake is starting.
  SMS webhook     POST {base}/twilio/sms
  Voice webhook   POST {base}/twilio/voice
  Status callback POST {base}/twilio/status
  Health          GET  {base}/healthz   (ready: {base}/readyz)
  Console         {base}/console/login  (first agent: .venv/bin/roadside agents add NAME --role supervisor)
  Text the bot:   .venv/bin/roadside chat --from +15085550142 --url http://127.0.0.1:{ports.web}
  Redis           {env['REDIS_URL']}{'  (private, started here)' if with_redis else ''}
""", flush=True)
    manager = Manager(Printer(sys.stdout))
    for name, argv in commands(ports, with_redis=with_redis).items():
        manager.add_process(name, shlex.join(argv), env=env, cwd=str(ROOT))
    manager.loop()
    return int(manager.returncode or 0)
