"""One-time location links in a real Redis: random, single use, expiring, nothing personal in the key."""

from __future__ import annotations

from storage.keys import location_link_key


def test_a_link_is_used_once(storage):
    link = storage.location_links.create("tok123", "sms")

    assert storage.location_links.peek(link) == {"token": "tok123", "channel": "sms",
                                                 "created": storage.location_links.peek(link)["created"]}
    assert storage.location_links.use(link)["token"] == "tok123"
    assert storage.location_links.use(link) is None
    assert storage.location_links.peek(link) is None


def test_a_link_expires_in_30_minutes_and_hides_the_token(storage, redis_client):
    link = storage.location_links.create("tok123", "sms")
    key = location_link_key(link)

    assert 1790 <= redis_client.ttl(key) <= 1800
    assert b"tok123" not in redis_client.get(key)
    assert "tok123" not in key and len(link) >= 30


def test_links_are_random_and_junk_ids_are_refused_without_a_lookup(storage):
    assert storage.location_links.create("t", "sms") != storage.location_links.create("t", "sms")
    assert storage.location_links.use("../../etc") is None
    assert storage.location_links.peek("x") is None
