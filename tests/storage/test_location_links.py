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


def test_erasure_deletes_the_customers_live_links_and_no_one_elses(storage, redis_client):
    from storage.erasure import erase_token

    token, other = storage.token("+15085550142"), storage.token("+15085550143")
    mine = [storage.location_links.create(token, "sms"), storage.location_links.create(token, "voice")]
    theirs = storage.location_links.create(other, "sms")

    erase_token(storage, token, actor="test")

    assert all(storage.location_links.peek(link) is None for link in mine)
    assert all(redis_client.exists(location_link_key(link)) == 0 for link in mine)
    assert storage.location_links.peek(theirs)["token"] == other
    # A used link leaves its id behind in the customer's list: erasing then is harmless.
    assert storage.location_links.use(theirs)["token"] == other
    erase_token(storage, other, actor="test")
