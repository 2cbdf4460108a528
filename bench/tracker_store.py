"""Save+retrieve time: our encrypted tracker store vs Rasa's stock RedisTrackerStore.

Run: ``.venv/bin/python -m bench.tracker_store`` (uses REDIS_URL or a private
redis-server). Prints per-size medians and the ratio; target ≤ 1.3×.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rasa.core.tracker_store import RedisTrackerStore

from cli.redis_server import private_redis
from helpers.trackers import DOMAIN, make_tracker
from storage.crypto import KeyRing
from storage.redis_client import connect
from storage.tracker_store import EncryptedRedisTrackerStore

SIZES = (10, 100, 500)
ROUNDS = 200


async def one_round(store: Any, sender: str, turns: int) -> float:
    tracker = make_tracker(sender, turns)
    start = time.perf_counter()
    await store.save(tracker)
    back = await store.retrieve(sender)
    elapsed = time.perf_counter() - start
    assert back is not None and len(back.events) == len(tracker.events)
    return elapsed


async def compare(stock: Any, ours: Any, events: int, rounds: int) -> tuple[float, float]:
    """Median seconds per save+retrieve, rounds interleaved so neither store runs warmer."""
    turns = max(1, (events - 3) // 4)
    s_times, o_times = [], []
    for i in range(rounds):
        s_times.append(await one_round(stock, f"s{events}x{i}", turns))
        o_times.append(await one_round(ours, f"o{events}x{i}", turns))
    return statistics.median(s_times), statistics.median(o_times)


async def main(url: str) -> int:
    parsed = urlparse(url)
    stock = RedisTrackerStore(DOMAIN, host=parsed.hostname or "127.0.0.1", port=parsed.port or 6379,
                              db=int((parsed.path or "/0").strip("/") or 0), record_exp=3600)
    ours = EncryptedRedisTrackerStore(DOMAIN, client=connect(url), keyring=KeyRing.generate(), record_exp=3600)
    worst = 0.0
    print(f"{'events':>6} {'stock ms':>9} {'ours ms':>9} {'ratio':>6}")
    for size in SIZES:
        await compare(stock, ours, size, 10)  # warm-up
        s, o = await compare(stock, ours, size, ROUNDS)
        worst = max(worst, o / s)
        print(f"{size:>6} {s * 1000:>9.2f} {o * 1000:>9.2f} {o / s:>6.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.30)")
    return 0


if __name__ == "__main__":
    with ExitStack() as stack:
        redis_url = os.environ.get("REDIS_URL") or stack.enter_context(private_redis())
        raise SystemExit(asyncio.run(main(redis_url)))
