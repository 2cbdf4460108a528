from __future__ import annotations

import asyncio
import threading
from typing import Any

from storage.keys import lock_key
from storage.lock_store import AtomicRedisLockStore


def test_tickets_issued_concurrently_are_unique(redis_client: Any, redis_url: str) -> None:
    from storage.redis_client import connect

    stores = [AtomicRedisLockStore(client=connect(redis_url)) for _ in range(4)]
    tickets: list[int] = []
    guard = threading.Lock()

    def issue(store: AtomicRedisLockStore) -> None:
        for _ in range(25):
            t = store.issue_ticket("conv1")
            with guard:
                tickets.append(t)

    threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(tickets) == list(range(100))  # no ticket handed out twice
    assert redis_client.pttl(lock_key("conv1")) > 0  # lock keys expire


def test_lock_serialises_and_cleans_up(redis_client: Any) -> None:
    store = AtomicRedisLockStore(client=redis_client)
    order: list[str] = []

    async def turn(name: str) -> None:
        async with store.lock("conv2", wait_time_in_seconds=0.01):
            order.append(f"{name}+")
            await asyncio.sleep(0.05)
            order.append(f"{name}-")

    async def main() -> None:
        await asyncio.gather(turn("a"), turn("b"))

    asyncio.run(main())
    assert order in (["a+", "a-", "b+", "b-"], ["b+", "b-", "a+", "a-"])
    assert redis_client.get(lock_key("conv2")) is None
