from __future__ import annotations

import time
from typing import Any

from storage.keys import DISPATCH_STREAM
from storage.services import Storage
from storage.streams import EncryptedStream


def _publish(stream: EncryptedStream, ref: str) -> str:
    return stream.publish({"id": ref, "category": "battery", "priority": "normal"},
                          {"id": ref, "pickup": {"text": "I-95 N exit 12"}})


def test_publish_claim_ack(storage: Storage, redis_client: Any) -> None:
    _publish(storage.dispatch, "RS-AAAAA")
    raw = redis_client.xrange(DISPATCH_STREAM)[0][1]
    assert raw[b"id"] == b"RS-AAAAA" and raw[b"category"] == b"battery"
    assert b"I-95" not in raw[b"payload"]
    [entry] = storage.dispatch.claim("d1")
    assert entry.payload["pickup"]["text"] == "I-95 N exit 12"
    assert storage.dispatch.pending_count() == 1
    assert storage.dispatch.ack(entry.entry_id)
    assert storage.dispatch.pending_count() == 0
    assert storage.dispatch.claim("d1") == []


def test_consumer_dies_before_ack_entry_is_redelivered(storage: Storage) -> None:
    _publish(storage.dispatch, "RS-BBBBB")
    [first] = storage.dispatch.claim("crashy")  # then the consumer dies: no ack
    assert storage.dispatch.claim("healthy") == []  # not handed out twice while fresh
    time.sleep(0.06)
    [again] = storage.dispatch.reclaim("healthy", min_idle_ms=50)
    assert again.entry_id == first.entry_id and again.payload["id"] == "RS-BBBBB"
    assert again.deliveries == 2
    storage.dispatch.ack(again.entry_id)
    assert storage.dispatch.pending_count() == 0


def test_entry_failing_n_deliveries_is_dead_lettered(storage: Storage, redis_client: Any) -> None:
    stream = EncryptedStream(redis_client, storage.keyring, "roadside:test", "g", max_deliveries=3)
    stream.publish({"id": "RS-CCCCC"}, {"secret": "x"})
    stream.claim("c")
    for _ in range(2):
        time.sleep(0.02)
        assert len(stream.reclaim("c", min_idle_ms=10)) == 1
    time.sleep(0.02)
    assert stream.reclaim("c", min_idle_ms=10) == []
    dead = redis_client.xrange("roadside:test:dead")
    assert len(dead) == 1
    assert dead[0][1][b"id"] == b"RS-CCCCC" and dead[0][1][b"deliveries"] == b"3"
    assert stream.pending_count() == 0


def test_payload_moved_between_entries_fails(storage: Storage, redis_client: Any) -> None:
    _publish(storage.dispatch, "RS-DDDDD")
    sealed = redis_client.xrange(DISPATCH_STREAM)[0][1][b"payload"]
    redis_client.xadd(DISPATCH_STREAM, {"id": "RS-EEEEE", "payload": sealed})
    entries = storage.dispatch.claim("d")
    assert [e.payload["id"] for e in entries] == ["RS-DDDDD"]  # the moved one is refused


def test_audit_records_who_read_what(storage: Storage) -> None:
    storage.audit.record("agent:maria", "view_request", "RS-AAAAA")
    [entry] = storage.audit.entries()
    assert (entry["actor"], entry["action"], entry["subject"]) == ("agent:maria", "view_request", "RS-AAAAA")
    assert entry["at"].endswith("Z")


def test_read_all_returns_every_entry_past_one_page(storage: Storage) -> None:
    for i in range(25):
        _publish(storage.dispatch, f"RS-{i:05d}")
    entries = storage.dispatch.read_all(page=10)
    assert [e.payload["id"] for e in entries] == [f"RS-{i:05d}" for i in range(25)]


def test_unacknowledged_lists_every_pending_and_new_entry_past_one_page(storage: Storage) -> None:
    for i in range(25):
        _publish(storage.dispatch, f"RS-{i:05d}")
    claimed = storage.dispatch.claim("d1", count=15)
    storage.dispatch.ack(claimed[0].entry_id)
    entries = storage.dispatch.unacknowledged(page=4)
    assert [e.payload["id"] for e in entries] == [f"RS-{i:05d}" for i in range(1, 25)]
