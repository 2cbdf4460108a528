"""The storage layer against a real three-node Redis Cluster."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from helpers.cluster import redis_cluster
from helpers.trackers import DOMAIN, make_tracker
from storage.contacts import Contact
from storage.crypto import KeyRing, new_key_spec
from storage.erasure import erase_token
from storage.lock_store import AtomicRedisLockStore
from storage.queues import escalate, submit_dispatch
from storage.redis_client import connect
from storage.rotation import rotate
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore


@pytest.fixture(scope="module")
def cluster_url() -> Iterator[str]:
    if not shutil.which("redis-cli"):
        pytest.skip("redis-cli is not installed")
    with redis_cluster() as url:
        yield url


@pytest.fixture
def cst(cluster_url: str, settings: Settings) -> Storage:
    client = connect(cluster_url)
    client.flushall(target_nodes="primaries")
    return Storage.from_settings(replace(settings, redis_url=cluster_url), client=client)


def test_customer_keys_share_one_slot(cst: Storage) -> None:
    from redis.cluster import key_slot

    tok = cst.token("+15085550142")
    keys = [f"roadside:{kind}:{{{tok}}}" for kind in ("tracker", "contact", "consent", "handoff", "inbox")]
    assert len({key_slot(k.encode()) for k in keys}) == 1


def test_records_consent_handoff_and_erase_on_a_cluster(cst: Storage) -> None:
    tokens = [cst.token(f"+1508555{i:04d}") for i in range(12)]  # spread over the three nodes
    for i, tok in enumerate(tokens):
        cst.contacts.save(tok, Contact(f"+1508555{i:04d}", "sms"))
        cst.consent.opt_out(tok, channel="sms", how="STOP")
        cst.consent.opt_in(tok, channel="sms", how="START")
        cst.handoff.start(tok, "asked_for_agent", "ES-1")
        cst.handoff.add_message(tok, "customer", f"message {i}")
    assert [cst.contacts.load(t).phone for t in tokens] == [f"+1508555{i:04d}" for i in range(12)]  # type: ignore[union-attr]
    assert all(len(cst.consent.load(t).history) == 2 for t in tokens)
    assert cst.handoff.messages(tokens[3])[0]["text"] == "message 3"
    erase_token(cst, tokens[0], actor="test")
    assert cst.contacts.load(tokens[0]) is None


def test_streams_on_a_cluster(cst: Storage) -> None:
    tok = cst.token("+15085550142")
    cst.contacts.save(tok, Contact("+15085550142"))
    submit_dispatch(cst, tok, {"id": "RS-AAAAA", "issue": {"category": "fuel"}})
    escalate(cst, tok, reason="emergency", priority="urgent", summary={})
    [entry] = cst.dispatch.claim("c1")
    time.sleep(0.02)
    [again] = cst.dispatch.reclaim("c2", min_idle_ms=10)
    assert again.entry_id == entry.entry_id and cst.dispatch.ack(again.entry_id)
    assert cst.escalations.claim("a")[0].fields["priority"] == "urgent"


def test_tracker_lock_and_rotation_on_a_cluster(cst: Storage, settings: Settings) -> None:
    store = EncryptedRedisTrackerStore(DOMAIN, client=cst.client, keyring=cst.keyring, record_exp=600)
    senders = [cst.token(f"+1617555{i:04d}") for i in range(6)]
    for s in senders:
        asyncio.run(store.save(make_tracker(s, 3)))
    assert sorted(asyncio.run(store.keys())) == sorted(senders)  # type: ignore[arg-type]
    locks = AtomicRedisLockStore(client=cst.client)
    assert [locks.issue_ticket(senders[0]) for _ in range(3)] == [0, 1, 2]
    ring = KeyRing.parse(new_key_spec("k2") + "," + settings.data_keys.spec())
    assert rotate(cst.client, ring).rewritten == 6
    fresh = EncryptedRedisTrackerStore(DOMAIN, client=cst.client, keyring=ring, record_exp=600)
    back: Any = asyncio.run(fresh.retrieve(senders[1]))
    assert back is not None and back.get_slot("pickup") == "I-95 N by exit 2"


def test_console_login_throttle_on_a_cluster(cst: Storage) -> None:
    from console.throttle import LoginThrottle

    throttle = LoginThrottle.for_redis(cst.client, "x" * 32, per_address="2 per minute", everyone="100 per minute")
    source = throttle.source_id("203.0.113.9")
    throttle.failed(source)
    assert throttle.refusal(source) is None
    throttle.failed(source)
    refusal = throttle.refusal(source)
    assert refusal is not None and refusal.scope == "address" and refusal.retry_after > 0
    assert throttle.refusal(throttle.source_id("198.51.100.7")) is None


def test_rate_counters_and_first_message_opt_in_on_a_cluster(cst: Storage) -> None:
    """Issue 14, items 4 and 8: both are single-slot scripts, so they run on a cluster too."""
    from storage.rate_limits import RateLimits, count_inbound_turn

    tokens = [cst.token(f"+1508555{i:04d}") for i in range(12)]
    limits = RateLimits(turns_per_minute=2)
    assert [count_inbound_turn(cst.client, tokens[5], limits) for _ in range(4)] == [0, 0, 1, 2]
    for tok in tokens:
        cst.consent.opt_out(tok, channel="sms", how="STOP")
        assert cst.consent.opt_in_if_unknown(tok, channel="sms", how="first_message") == "opted_out"
        assert cst.consent.load(tok).opted_out


def test_stream_index_on_a_cluster(cst: Storage) -> None:
    """Issue 12, item 4: each customer's index sits in their own slot; export and erase use it."""
    from redis.cluster import key_slot

    from storage.erasure import export_token
    from storage.keys import DISPATCH_STREAM, stream_index_key, stream_indexed_since_key

    phones = [f"+1508555{i:04d}" for i in range(12)]  # tokens spread over the three nodes
    tokens = [cst.token(p) for p in phones]
    for i, (tok, phone) in enumerate(zip(tokens, phones, strict=True)):
        submit_dispatch(cst, tok, {"id": f"RS-C{i:04d}", "issue": {"category": "fuel"}, "customer": {"phone": phone}})
    key = stream_index_key(tokens[4], DISPATCH_STREAM)
    assert key_slot(key.encode()) == key_slot(f"roadside:contact:{{{tokens[4]}}}".encode())
    assert len({cst.client.keyslot(stream_index_key(t, DISPATCH_STREAM)) for t in tokens}) > 1
    assert cst.client.get(stream_indexed_since_key(DISPATCH_STREAM)) is not None
    assert 0 < cst.client.pttl(key) <= cst.dispatch.retention_ms
    got = export_token(cst, tokens[4], actor="t")["dispatch_requests"]
    assert [d["request"]["id"] for d in got] == ["RS-C0004"]
    assert erase_token(cst, tokens[4], actor="t")["stream_entries"] == 1
    assert cst.client.exists(key) == 0 and cst.client.xlen(DISPATCH_STREAM) == 11
    assert cst.dispatch.index_existing() == 11
    assert [d["request"]["id"] for d in export_token(cst, tokens[5], actor="t")["dispatch_requests"]] == ["RS-C0005"]
