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


def test_rotation_reaches_every_encrypted_value_and_leaves_plain_ones(settings: Settings, redis_client: Any) -> None:
    from dataclasses import replace
    from datetime import datetime, timezone

    from messaging.outbound import OutboundSms
    from messaging.proactive import send_or_hold
    from storage.dedupe import first_delivery
    from storage.keys import HELD_KEY, OUTBOX_KEY
    from storage.queues import submit_dispatch

    no_twilio = replace(settings, twilio_account_sid="")
    old = Storage.from_settings(no_twilio, client=redis_client)
    tok = old.token("+12125550100")
    old.contacts.save(tok, Contact("+12125550100"))
    old.records.put("roadside:agent:alice", {"name": "alice", "totp_secret": "JBSWY3DPEHPK3PXP"}, None)
    old.records.put("roadside:callback:{CA123}", "+12125550100", 600)
    outbound = OutboundSms(no_twilio, old)
    outbound.send(tok, "Your truck is close.", "status")  # no credentials: the encrypted outbox
    night = datetime(2026, 7, 2, 3, 0, tzinfo=timezone.utc)
    assert send_or_hold(outbound, tok, "How did we do?", "survey", now=night) == "held"
    submit_dispatch(old, tok, {"id": "RS-AAAAA", "issue": {"category": "fuel"}})
    first_delivery(redis_client, "SM1")

    ring = KeyRing.parse(new_key_spec("k2") + "," + settings.data_keys.spec())
    report = rotate(redis_client, ring)
    assert report.rewritten == 5  # contact, agent, callback, outbox item, held message
    assert report.stream_entries_on_old_keys == 1
    assert redis_client.get("roadside:seen:SM1") == b"1"  # plain values untouched

    fresh = Storage.from_settings(replace(no_twilio, data_keys=KeyRing.parse(ring.spec().split(",")[0])),
                                  client=redis_client)
    assert fresh.records.get("roadside:agent:alice")["totp_secret"] == "JBSWY3DPEHPK3PXP"
    assert fresh.records.get("roadside:callback:{CA123}") == "+12125550100"
    assert [m["body"] for m in OutboundSms(no_twilio, fresh).outbox()] == ["Your truck is close."]
    [held] = redis_client.zrange(HELD_KEY, 0, -1, withscores=True)
    assert fresh.records.open(HELD_KEY, held[0])["body"] == "How did we do?"
    assert held[1] == datetime(2026, 7, 2, 12, 0, tzinfo=timezone.utc).timestamp()  # same send time
    assert redis_client.llen(OUTBOX_KEY) == 1
