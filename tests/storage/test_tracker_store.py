from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from rasa.shared.core.events import UserUttered

from helpers.trackers import DOMAIN, make_tracker
from storage.crypto import KeyRing
from storage.errors import DecryptError
from storage.keys import tracker_key
from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def store(storage: Storage) -> EncryptedRedisTrackerStore:
    return EncryptedRedisTrackerStore(DOMAIN, client=storage.client, keyring=storage.keyring, record_exp=3600)


def test_save_retrieve_keys_with_a_long_tracker(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "a" * 32
    tracker = make_tracker(tok, 100)  # 403 events
    assert len(tracker.events) > 400
    run(store.save(tracker))
    back = run(store.retrieve(tok))
    assert back is not None
    assert [e.as_dict() for e in back.events] == [e.as_dict() for e in tracker.events]
    assert back.get_slot("pickup") == "I-95 N by exit 99"
    assert list(run(store.keys())) == [tok]
    raw = redis_client.get(tracker_key(tok))
    assert raw.startswith(b"v1.k1.") and b"I-95" not in raw


def test_ttl_is_set_and_refreshed_on_every_save(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "b" * 32
    run(store.save(make_tracker(tok, 1)))
    redis_client.expire(tracker_key(tok), 100)
    tracker = run(store.retrieve(tok))
    tracker.update(UserUttered("2014 honda civic"))
    run(store.save(tracker))
    assert 3590 < redis_client.ttl(tracker_key(tok)) <= 3600


def test_missing_or_expired_conversation_is_none(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "c" * 32
    assert run(store.retrieve(tok)) is None
    run(store.save(make_tracker(tok, 1)))
    redis_client.pexpire(tracker_key(tok), 1)
    time.sleep(0.01)
    assert run(store.retrieve(tok)) is None


def test_corrupt_tracker_raises_and_is_not_overwritten(store: EncryptedRedisTrackerStore, redis_client: Any) -> None:
    tok = "d" * 32
    other = KeyRing.generate("k1")
    foreign = other.encrypt(b"{}", tracker_key(tok))
    redis_client.set(tracker_key(tok), foreign)
    with pytest.raises(DecryptError, match="roadside:tracker"):
        run(store.retrieve(tok))
    with pytest.raises(DecryptError):
        run(store.save(make_tracker(tok, 1)))
    assert redis_client.get(tracker_key(tok)).decode() == foreign


def test_rejects_sender_ids_that_would_break_the_hash_tag(store: EncryptedRedisTrackerStore) -> None:
    with pytest.raises(ValueError):
        run(store.retrieve("a}{b"))


def test_rasa_builds_our_store_from_endpoints(tmp_path: Any, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.core.tracker_store import create_tracker_store
    from rasa.utils.endpoints import read_endpoint_config

    from conftest import make_env

    for key, value in make_env(redis_url).items():
        monkeypatch.setenv(key, value)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: storage.tracker_store.EncryptedRedisTrackerStore\n")
    config = read_endpoint_config(str(endpoints), "tracker_store")
    store = create_tracker_store(config, DOMAIN)
    assert isinstance(store, EncryptedRedisTrackerStore)


def _texts(tracker: Any) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def _said(text: str, at: float) -> UserUttered:
    return UserUttered(text, {"name": "inform", "confidence": 1.0}, timestamp=at)


def test_a_turn_saved_over_its_own_retrieve_keeps_every_event(store: EncryptedRedisTrackerStore,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tok = "b" * 32
    run(store.save(make_tracker(tok, 3)))
    tracker = run(store.retrieve(tok))
    before = _texts(tracker)
    tracker.update(_said("flat tire", time.time() + 1))
    # Nothing else wrote the key since the retrieve: the stored tracker is not read and merged again.
    monkeypatch.setattr("storage.tracker_store.RedisTrackerStore._merge_trackers",
                        lambda *_: pytest.fail("merged a tracker that already holds every stored event"))
    run(store.save(tracker))
    tracker.update(_said("2014 honda civic", time.time() + 2))
    run(store.save(tracker))  # a second save of the same object in the same turn
    assert _texts(run(store.retrieve_full_tracker(tok))) == [*before, "flat tire", "2014 honda civic"]


def test_two_turns_read_at_once_keep_both_texts(store: EncryptedRedisTrackerStore) -> None:
    """Two servers read the same conversation; the second save merges in what the first one wrote."""
    tok = "c" * 32
    run(store.save(make_tracker(tok, 2)))
    first, second = run(store.retrieve(tok)), run(store.retrieve(tok))
    now = time.time()
    first.update(_said("my battery died", now + 1))
    second.update(_said("I-95 N exit 12", now + 2))
    run(store.save(first))
    run(store.save(second))
    texts = _texts(run(store.retrieve_full_tracker(tok)))
    assert texts[-2:] == ["my battery died", "I-95 N exit 12"]


def test_a_tracker_changed_by_someone_else_is_merged(store: EncryptedRedisTrackerStore) -> None:
    tok = "d" * 32
    run(store.save(make_tracker(tok, 2)))
    ours = run(store.retrieve(tok))
    theirs = run(store.retrieve(tok))
    theirs.update(_said("wait", time.time() + 1))
    run(store.save(theirs))
    ours.update(_said("ok", time.time() + 2))
    run(store.save(ours))
    run(store.save(ours))  # saved again: still both texts
    assert _texts(run(store.retrieve_full_tracker(tok)))[-2:] == ["wait", "ok"]


def test_earlier_sessions_survive_a_save_of_the_latest(store: EncryptedRedisTrackerStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    tok = "e" * 32
    old = make_tracker(tok, 2)
    now = time.time()
    for event in (ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now),
                  ActionExecuted("action_listen", timestamp=now), _said("hello again", now + 1)):
        old.update(event)
    run(store.save(old))
    latest = run(store.retrieve(tok))
    assert _texts(latest) == ["hello again"]
    latest.update(_said("still stuck", now + 2))
    monkeypatch.setattr("storage.tracker_store.RedisTrackerStore._merge_trackers",
                        lambda *_: pytest.fail("merged although nothing else wrote the conversation"))
    run(store.save(latest))
    full = run(store.retrieve_full_tracker(tok))
    assert [e.as_dict() for e in full.events] == [e.as_dict() for e in [*old.events, latest.events[-1]]]
    assert _texts(run(store.retrieve(tok))) == ["hello again", "still stuck"]


def test_a_conversation_as_rasa_starts_it_is_saved_whole(store: EncryptedRedisTrackerStore,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa's first save holds a lone action_listen before the session starts: two "sessions" on reading."""
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    tok = "f" * 32
    now = time.time()
    tracker = run(store.create_tracker(tok))
    for event in (ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now),
                  ActionExecuted("action_listen", timestamp=now), _said("flat tire", now + 1)):
        tracker.update(event)
    run(store.save(tracker))
    monkeypatch.setattr("storage.tracker_store.RedisTrackerStore._merge_trackers",
                        lambda *_: pytest.fail("merged although nothing else wrote the conversation"))
    for n, text in enumerate(["I-95 exit 12", "2014 honda civic", "yes"], start=2):
        turn = run(store.retrieve(tok))
        turn.update(_said(text, now + n))
        run(store.save(turn))
    full = run(store.retrieve_full_tracker(tok))
    assert _texts(full) == ["flat tire", "I-95 exit 12", "2014 honda civic", "yes"]
    assert [e.as_dict() for e in full.events][: len(tracker.events)] == [e.as_dict() for e in tracker.events]
