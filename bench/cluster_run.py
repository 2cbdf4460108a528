"""100 simultaneous conversations on 2 Rasa servers, 2 web workers and a 3-master Redis Cluster.

Run: ``.venv/bin/python -m bench.cluster_run [--drivers 100] [--think 5 20] [--rasa-servers 2]``.
Starts a local Redis Cluster (redis-server --cluster-enabled) and the real
stack on it; every driver does a whole intake over signed webhooks at the same
time, pausing a random time in ``--think`` (seconds) between a reply and its
next text. A driver handed to a person (the gateway's honest answer when Rasa
is too slow) stops there; its texts must then be in front of that person.
Prints messages per second, p50/p95/p99, and the checks of issue 12, item 2:
no turn lost or doubled, replies in order, exactly one dispatch entry per intake.
Exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rasa.shared.core.domain import Domain

from cli.stack import ROOT, ensure_model
from conftest import make_env
from helpers.cluster import redis_cluster
from helpers.fake_twilio import fake_twilio
from helpers.many_drivers import PUBLIC_BASE, check, drive
from helpers.stack import running_stack
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore
from webhooks.rasa_client import servers_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drivers", type=int, default=100)
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 20.0), metavar=("MIN", "MAX"),
                        help="pause before each text, seconds (default 5 20: people typing on a roadside)")
    parser.add_argument("--rasa-servers", type=int, default=2)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--rasa-timeout", default="14", help="gateway's Rasa timeout (Twilio allows 15 s)")
    args = parser.parse_args()
    model = ensure_model()
    logdir = Path(tempfile.mkdtemp(prefix="roadside-cluster-run-"))
    with fake_twilio() as twilio, redis_cluster() as url:
        env = make_env(url, TWILIO_API_BASE=twilio.url, PUBLIC_BASE_URL=PUBLIC_BASE,
                       RASA_TIMEOUT_SECONDS=args.rasa_timeout, ROADSIDE_TURNS_PER_MINUTE="1000",
                       ROADSIDE_TURNS_PER_HOUR="10000")
        started = time.monotonic()
        with running_stack(env, model, logdir, rasa_servers=args.rasa_servers, web_workers=args.web_workers) as stack:
            print(f"stack up in {time.monotonic() - started:.0f} s: {args.rasa_servers} Rasa servers, "
                  f"{args.web_workers} web workers, Redis Cluster at {url} (logs in {logdir})", flush=True)
            store = Storage.from_settings(Settings.from_env(env))
            print(f"cluster nodes: {store.client.cluster_info()['cluster_known_nodes']}")
            phones = [f"+1978556{i:04d}" for i in range(args.drivers)]
            homes = Counter(servers_for(store.token(p), [pair.rasa_url for pair in stack.pairs])[0] for p in phones)
            print("conversations per Rasa server: " + ", ".join(f"{u} {n}" for u, n in sorted(homes.items())))
            trackers = EncryptedRedisTrackerStore(Domain.load(str(ROOT / "bot" / "domain.yml")),
                                                  client=store.client, keyring=store.keyring, record_exp=3600)
            began = time.monotonic()
            runs = drive([stack.web_url], phones, think=tuple(args.think))
            outcome = check(runs, store, trackers, time.monotonic() - began)
            breakers = sum(stack.logs[p.rasa_name].read_text(errors="replace").count("Circuit breaker tripped")
                           for p in stack.pairs)
    print(outcome.summary())
    print(f"Rasa circuit breaker trips: {breakers}")
    for error in outcome.errors[:10]:
        print(f"  driver error: {error}")
    ok = (not outcome.errors and outcome.lost == 0 and outcome.doubled == 0 and outcome.out_of_order == 0
          and set(outcome.requests_per_driver) <= {1})
    print("checks: " + ("all passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
