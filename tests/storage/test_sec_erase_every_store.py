"""Issue 14, item 3: erase and export reach every store that can hold a customer.

The customer is put in every store (conversation, contact, consent, hand-off
inbox, dispatch and escalation streams, a dead-lettered entry, a callback
number keyed in on a call, a held proactive message, the local outbox); after
erasure a scan of ALL of Redis finds neither their token, nor their number,
nor anything they or an agent wrote.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from helpers.redis_scan import dump_everything
from helpers.trackers import DOMAIN, make_tracker
from messaging.outbound import OutboundSms
from messaging.proactive import send_or_hold
from storage import queues
from storage.contacts import Contact
from storage.crypto import is_envelope
from storage.erasure import erase_token, export_token, request_erasure
from storage.keys import DISPATCH_GROUP, DISPATCH_STREAM
from storage.services import Storage
from storage.settings import Settings
from storage.streams import EncryptedStream
from storage.tracker_store import EncryptedRedisTrackerStore

PHONE = "+15085550142"
OTHER = "+15085550199"
NIGHT = datetime(2026, 7, 2, 7, 0, tzinfo=timezone.utc)  # 03:00 in Massachusetts: quiet hours
TEXTS = ("12 elm st, stamford", "still waiting at exit 12", "we are on our way", "how did we do",
         "the truck is close")  # each followed by the customer's tag, so two customers' texts differ


def _texts(tag: str) -> list[str]:
    return [f"{text} {tag}" for text in TEXTS]


def _customer_everywhere(storage: Storage, settings: Settings, phone: str, tag: str = "alpha") -> str:
    pickup, waiting, agent, survey, status = _texts(tag)
    token = storage.token(phone)
    storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
    storage.consent.opt_in(token, channel="sms", how="first_message")
    asyncio.run(EncryptedRedisTrackerStore(DOMAIN, client=storage.client, keyring=storage.keyring,
                                           record_exp=3600).save(make_tracker(token, 1)))
    request = {"id": "RS-7K3Q9" if phone == PHONE else "RS-OTHER", "priority": "normal",
               "issue": {"category": "flat_tire", "text": "flat tire"},
               "pickup": {"text": pickup}, "customer": {"phone": phone, "sms_updates": True}}
    queues.submit_dispatch(storage, token, request)
    queues.update_sms_updates(storage, token, request["id"], False)
    queues.escalate(storage, token, reason="asked_for_agent", priority="normal",
                    summary={"pickup": pickup}, message=waiting)
    storage.handoff.add_message(token, "customer", waiting)
    storage.handoff.add_message(token, "agent", agent)
    call = f"call-CA{token[:12]}"  # a withheld-id call that keyed in this number: a conversation of its own
    storage.contacts.save(call, Contact(phone, "voice", "en", "US"))
    outbox = OutboundSms(replace(settings, twilio_account_sid=""), storage)
    outbox.send(token, status, "status")
    assert send_or_hold(outbox, token, survey, "survey", now=NIGHT) == "held"
    request_erasure(storage, token)
    return token


def _decrypt_everything(storage: Storage) -> bytes:
    """Every value in Redis that our keys can open, decrypted: what erasure must have removed."""
    client, ring, out = storage.client, storage.keyring, []
    streams = {s.name: s for s in (storage.dispatch, storage.escalations)}
    for raw_key in client.scan_iter(count=1000):
        key, kind = raw_key.decode(), client.type(raw_key)
        values = (client.lrange(key, 0, -1) if kind == b"list" else client.zrange(key, 0, -1) if kind == b"zset"
                  else [client.get(key)] if kind == b"string" else [])
        out += [ring.decrypt(v, key) for v in values if is_envelope(v)]
        if kind == b"stream" and key.removesuffix(":dead") in streams:
            stream = streams[key.removesuffix(":dead")]
            out += [json.dumps(stream.decode(i, f).payload).encode() for i, f in client.xrange(key)]
    return b"\n".join(out).lower()


def _dead_letter_everything(storage: Storage) -> None:
    """Deliver every dispatch entry until it lands in the dead-letter stream."""
    impatient = EncryptedStream(storage.client, storage.keyring, DISPATCH_STREAM, DISPATCH_GROUP, max_deliveries=1)
    impatient.claim("crashy", count=100)
    time.sleep(0.02)
    impatient.reclaim("next", min_idle_ms=10, count=100)
    assert storage.client.xlen(f"{DISPATCH_STREAM}:dead") >= 2


def test_erase_leaves_nothing_of_the_customer_anywhere_in_redis(storage: Storage, settings: Settings,
                                                                redis_client: Any) -> None:
    token = _customer_everywhere(storage, settings, PHONE)
    other = _customer_everywhere(storage, settings, OTHER, tag="omega")
    _dead_letter_everything(storage)
    before = dump_everything(redis_client)
    before_opened = _decrypt_everything(storage)
    assert token.encode() in before  # the scan does see per-customer keys

    report = erase_token(storage, token, actor="cli:operator")

    everything = dump_everything(redis_client)
    assert token.lower().encode() not in everything
    assert PHONE[2:].encode() not in everything  # the number, with or without its country code
    opened = _decrypt_everything(storage)
    assert token.encode() not in opened and PHONE[2:].encode() not in opened
    for text in _texts("alpha"):
        assert text.encode() in before_opened and text.encode() not in opened
    assert all(text.encode() in opened for text in _texts("omega"))
    assert report["messages"] == 2 and report["kept_opt_out"] == 0
    # The other customer keeps all of theirs.
    assert other.encode() in everything and OTHER[2:].encode() not in everything  # encrypted, not gone
    kept = export_token(storage, other, actor="cli:operator")
    assert [c["contact"]["phone"] for c in kept["other_conversations"]] == [OTHER]
    assert [m["body"] for m in kept["outbox"]] == ["the truck is close omega"]
    assert [m["body"] for m in kept["held_messages"]] == ["how did we do omega"]
    assert {d["request"]["id"] for d in kept["dead_letters"] if "request" in d} == {"RS-OTHER"}


def test_export_covers_the_same_stores(storage: Storage, settings: Settings) -> None:
    token = _customer_everywhere(storage, settings, PHONE)
    _dead_letter_everything(storage)
    data = export_token(storage, token, actor="cli:operator")
    assert [c["contact"]["phone"] for c in data["other_conversations"]] == [PHONE]
    assert [m["body"] for m in data["outbox"]] == ["the truck is close alpha"]
    assert [m["body"] for m in data["held_messages"]] == ["how did we do alpha"]
    assert any(d.get("request", {}).get("id") == "RS-7K3Q9" for d in data["dead_letters"])
    assert all(token not in str(m) for m in data["outbox"] + data["held_messages"])


def test_an_opted_out_customer_keeps_only_the_opt_out(storage: Storage, settings: Settings,
                                                     redis_client: Any) -> None:
    token = _customer_everywhere(storage, settings, PHONE)
    storage.consent.opt_out(token, channel="sms", how="STOP")
    erase_token(storage, token, actor="cli:operator")
    keys_with_token = [k.decode() for k in redis_client.scan_iter() if token.encode() in k]
    assert keys_with_token == [f"roadside:consent:{{{token}}}"]
    assert storage.consent.is_opted_out(token)


def test_dead_letter_streams_are_trimmed_with_the_main_retention(storage: Storage, redis_client: Any) -> None:
    dead = f"{DISPATCH_STREAM}:dead"
    redis_client.xadd(dead, {"id": "RS-ANCNT", "payload": "v1.k1.x"}, id="1000-0")  # an entry from 1970
    queues.submit_dispatch(storage, "tok", {"id": "RS-NEW01", "issue": {"category": "fuel"}})
    assert redis_client.xlen(dead) == 0


def test_a_withheld_id_calls_own_conversation_is_erased_with_the_number(storage: Storage, settings: Settings,
                                                                       redis_client: Any) -> None:
    """A caller with a hidden id keyed in the number: the call has a token of its own, holding the number."""
    token = _customer_everywhere(storage, settings, PHONE)
    call = "call-CA0123456789abcdef"  # the call's own conversation, not named by the number
    storage.contacts.save(call, Contact(PHONE, "voice", "en", "US"))
    storage.handoff.add_message(call, "customer", "keyed in on a call alpha")
    queues.submit_dispatch(storage, call, {"id": "RS-CALL1", "priority": "normal", "issue": {"category": "tow"},
                                           "customer": {"phone": PHONE, "sms_updates": False}})
    exported = export_token(storage, token, actor="cli:operator")
    # this call and the one _customer_everywhere made
    assert [c["contact"]["phone"] for c in exported["other_conversations"]] == [PHONE, PHONE]
    assert "keyed in on a call alpha" in {m["text"] for c in exported["other_conversations"]
                                          for m in c["messages_for_agent"]}
    assert "RS-CALL1" in {d["request"]["id"] for d in exported["dispatch_requests"] if "request" in d}

    erase_token(storage, token, actor="cli:operator")
    assert [k for k in redis_client.scan_iter() if call.encode() in k] == []
    opened = _decrypt_everything(storage)
    assert PHONE[2:].encode() not in opened and b"keyed in on a call alpha" not in opened


def test_a_call_that_no_longer_holds_the_number_is_not_the_customers(storage: Storage, settings: Settings) -> None:
    """The list under the number's token is a pointer; the contact record decides."""
    token = storage.token(PHONE)
    call = "call-CAfedcba9876543210"
    storage.contacts.save(call, Contact(PHONE, "voice", "en", "US"))
    assert [c["contact"]["phone"] for c in export_token(storage, token, "cli:operator")["other_conversations"]] \
        == [PHONE]
    storage.contacts.save(call, Contact(OTHER, "voice", "en", "US"))  # keyed in again, another number
    assert export_token(storage, token, "cli:operator")["other_conversations"] == []
    assert [c["contact"]["phone"] for c in export_token(storage, storage.token(OTHER), "cli:operator")
            ["other_conversations"]] == [OTHER]
    erase_token(storage, token, actor="cli:operator")
    assert storage.contacts.load(call) == Contact(OTHER, "voice", "en", "US")  # not this customer's to erase
