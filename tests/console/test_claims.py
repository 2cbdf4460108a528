"""Claims live in the consumer group only: one holder, idle claims come back."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from console.claims import ClaimBoard, ClaimError
from storage.redis_client import connect
from storage.services import Storage


def _publish(storage: Storage, ref: str, priority: str = "normal") -> None:
    storage.escalations.publish({"id": ref, "reason": "asked_for_agent", "priority": priority},
                                {"token": "t", "phone": "+12125550100", "summary": {}, "message": "help"})


def _board(storage: Storage, idle_ms: int = 60_000, client: Any = None) -> ClaimBoard:
    """A board on its own connection, as a separate web worker would have."""
    stream = storage.escalations
    if client is not None:
        from storage.streams import EncryptedStream

        stream = EncryptedStream(client, stream.keyring, stream.name, stream.group)
    return ClaimBoard(stream, idle_ms)


def test_new_entries_wait_in_the_queue_and_show_no_payload(storage: Storage) -> None:
    _publish(storage, "ES-AAAAA", "urgent")
    [item] = _board(storage).items()
    assert (item.ref, item.priority, item.owner) == ("ES-AAAAA", "urgent", None)
    assert "payload" not in item.fields and "+12125550100" not in repr(item)


def test_second_agent_cannot_take_a_held_item(storage: Storage, redis_url: str) -> None:
    _publish(storage, "ES-BBBBB")
    worker_1, worker_2 = _board(storage), _board(storage, client=connect(redis_url))
    worker_1.claim(worker_1.find("ES-BBBBB"), "alice")  # type: ignore[arg-type]
    item = worker_2.find("ES-BBBBB")
    assert item is not None and item.owner == "alice"
    with pytest.raises(ClaimError, match="already taken by alice"):
        worker_2.claim(item, "bob")
    with pytest.raises(ClaimError, match="no longer hold"):
        worker_2.touch(item, "bob")


def test_simultaneous_claims_give_the_item_to_exactly_one_agent(storage: Storage, redis_url: str) -> None:
    _publish(storage, "ES-CCCCC")
    item = _board(storage).find("ES-CCCCC")
    assert item is not None
    winners: list[str] = []
    start = threading.Barrier(8)

    def attempt(agent: str) -> None:
        board = _board(storage, client=connect(redis_url))
        start.wait()
        try:
            board.claim(item, agent)
        except ClaimError:
            return
        winners.append(agent)

    threads = [threading.Thread(target=attempt, args=(f"agent{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1
    assert _board(storage).find("ES-CCCCC").owner == winners[0]  # type: ignore[union-attr]


def test_idle_claim_is_released_and_can_be_taken(storage: Storage) -> None:
    _publish(storage, "ES-DDDDD")
    board = _board(storage, idle_ms=80)
    board.claim(board.find("ES-DDDDD"), "alice")  # type: ignore[arg-type]
    assert board.find("ES-DDDDD").owner == "alice"  # type: ignore[union-attr]
    time.sleep(0.12)
    assert board.find("ES-DDDDD").owner is None  # type: ignore[union-attr]
    assert board.release_idle() == [(board.find("ES-DDDDD").entry_id, "alice")]  # type: ignore[union-attr]
    board.claim(board.find("ES-DDDDD"), "bob")  # type: ignore[arg-type]
    assert board.find("ES-DDDDD").owner == "bob"  # type: ignore[union-attr]


def test_activity_keeps_a_claim_fresh(storage: Storage) -> None:
    _publish(storage, "ES-EEEEE")
    board = _board(storage, idle_ms=150)
    board.claim(board.find("ES-EEEEE"), "alice")  # type: ignore[arg-type]
    for _ in range(3):
        time.sleep(0.08)
        board.touch(board.find("ES-EEEEE"), "alice")  # type: ignore[arg-type]
    assert board.release_idle() == []
    assert board.find("ES-EEEEE").owner == "alice"  # type: ignore[union-attr]


def test_return_to_queue_and_finish(storage: Storage) -> None:
    _publish(storage, "ES-FFFFF")
    board = _board(storage)
    item = board.find("ES-FFFFF")
    assert item is not None
    board.claim(item, "alice")
    board.unclaim(item, "alice")
    assert board.find("ES-FFFFF").owner is None  # type: ignore[union-attr]
    board.claim(item, "bob")
    with pytest.raises(ClaimError):
        board.finish(item, "alice")
    board.finish(item, "bob")
    assert board.find("ES-FFFFF") is None and storage.escalations.pending_count() == 0
    with pytest.raises(ClaimError, match="no longer in the queue"):
        board.claim(item, "alice")


def test_claims_do_not_count_as_failed_deliveries(storage: Storage) -> None:
    """Handing an item around must not push it towards the dead-letter stream."""
    _publish(storage, "ES-GGGGG")
    board = _board(storage)
    item = board.find("ES-GGGGG")
    assert item is not None
    for agent in ("a1", "a2", "a3", "a4", "a5", "a6"):
        board.claim(item, agent)
        board.unclaim(item, agent)
    [row] = storage.client.xpending_range(storage.escalations.name, storage.escalations.group, "-", "+", 10)
    assert row["times_delivered"] == 1
