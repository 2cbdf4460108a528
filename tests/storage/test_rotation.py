from __future__ import annotations

from typing import Any

from storage.contacts import Contact
from storage.crypto import KeyRing, new_key_spec
from storage.keys import consent_key, contact_key
from storage.rotation import rotate
from storage.services import Storage
from storage.settings import Settings


def test_rotation_rewrites_under_newest_key_and_keeps_ttls(settings: Settings, redis_client: Any) -> None:
    old = Storage.from_settings(settings, client=redis_client)
    tok = old.token("+15085550142")
    old.contacts.save(tok, Contact("+15085550142", "sms"))
    old.consent.opt_out(tok, channel="sms", how="STOP")
    old.handoff.add_message(tok, "customer", "hello")
    redis_client.expire(contact_key(tok), 1234)

    ring = KeyRing.parse(new_key_spec("k2") + "," + settings.data_keys.spec())
    report = rotate(redis_client, ring)
    assert report.rewritten == 3

    assert redis_client.get(contact_key(tok)).startswith(b"v1.k2.")
    assert redis_client.get(consent_key(tok)).startswith(b"v1.k2.")
    assert 1230 <= redis_client.ttl(contact_key(tok)) <= 1234
    assert redis_client.ttl(consent_key(tok)) == -1

    new_only = KeyRing.parse(ring.spec().split(",")[0])
    from dataclasses import replace

    fresh = Storage.from_settings(replace(settings, data_keys=new_only), client=redis_client)
    assert fresh.contacts.load(tok) == Contact("+15085550142", "sms")
    assert fresh.consent.load(tok).opted_out
    assert fresh.handoff.messages(tok)[0]["text"] == "hello"
    assert rotate(redis_client, ring).rewritten == 0
