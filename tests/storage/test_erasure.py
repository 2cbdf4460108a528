from __future__ import annotations

import asyncio
from typing import Any

from helpers.trackers import DOMAIN, make_tracker
from storage.contacts import Contact
from storage.erasure import erase_token, export_token
from storage.keys import AUDIT_STREAM
from storage.queues import escalate, submit_dispatch
from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore

PHONE = "+15085550142"


def _fill(storage: Storage, token: str, phone: str = PHONE) -> None:
    storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
    storage.consent.opt_in(token, channel="sms", how="first_message")
    submit_dispatch(storage, token, {"id": "RS-7K3Q9", "issue": {"category": "battery"},
                                     "pickup": {"text": "I-95 N exit 12 Stamford"}, "customer": {"phone": phone}})
    escalate(storage, token, reason="asked_for_agent", priority="normal", summary={"pickup": "I-95 N exit 12"})
    storage.handoff.add_message(token, "customer", "still at exit 12")
    store = EncryptedRedisTrackerStore(DOMAIN, client=storage.client, keyring=storage.keyring, record_exp=3600)
    asyncio.run(store.save(make_tracker(token, 2)))


def test_export_holds_everything_and_is_audited(storage: Storage) -> None:
    token = storage.token(PHONE)
    _fill(storage, token)
    data = export_token(storage, token, actor="cli:operator")
    assert data["contact"]["phone"] == PHONE
    assert data["consent"]["status"] == "opted_in"
    assert data["dispatch_requests"][0]["request"]["id"] == "RS-7K3Q9"
    assert data["escalations"][0]["summary"] == {"pickup": "I-95 N exit 12"}
    assert data["messages_for_agent"][0]["text"] == "still at exit 12"
    assert any(e["event"] == "user" for e in data["conversation"]["events"])
    assert storage.audit.entries()[0]["action"] == "export_customer_data"


def test_erase_leaves_no_personal_data_but_keeps_the_opt_out(storage: Storage, redis_client: Any) -> None:
    token = storage.token(PHONE)
    other = storage.token("+15085550199")
    _fill(storage, token)
    _fill(storage, other, "+15085550199")  # another customer (the same number would be the same person)
    storage.consent.opt_out(token, channel="sms", how="STOP")
    report = erase_token(storage, token, actor="customer:sms")
    assert report["kept_opt_out"] == 1 and report["stream_entries"] == 2
    assert storage.consent.is_opted_out(token)
    remaining = [k.decode() for k in redis_client.scan_iter() if token in k.decode()]
    assert remaining == [f"roadside:consent:{{{token}}}"]
    assert all(e.payload.get("token") != token for e in storage.dispatch.read_all())
    assert len([e for e in storage.dispatch.read_all() if e.payload.get("token") == other]) == 1  # others untouched
    tomb = redis_client.xrevrange(AUDIT_STREAM, count=1)[0][1]
    assert tomb[b"action"] == b"erase_customer_data" and tomb[b"kept_opt_out"] == b"true"
    data = export_token(storage, token, actor="cli:operator")
    assert data["contact"] is None and data["conversation"] is None and data["dispatch_requests"] == []


def test_erase_reaches_entries_beyond_the_first_thousand(storage: Storage) -> None:
    token = storage.token(PHONE)
    other = storage.token("+15085550199")
    for i in range(1005):
        submit_dispatch(storage, other, {"id": f"RS-{i:05d}", "issue": {"category": "fuel"}})
    submit_dispatch(storage, token, {"id": "RS-LATE1", "issue": {"category": "battery"},
                                     "customer": {"phone": PHONE}})
    assert export_token(storage, token, actor="cli:operator")["dispatch_requests"][0]["request"]["id"] == "RS-LATE1"
    assert erase_token(storage, token, actor="cli:operator")["stream_entries"] == 1
    assert all(e.payload.get("token") != token for e in storage.dispatch.read_all())
