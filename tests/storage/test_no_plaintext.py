"""After a realistic write, no personal data is readable anywhere in Redis."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa.shared.core.events import UserUttered

from helpers.redis_scan import dump_everything
from helpers.trackers import DOMAIN, make_tracker
from storage.contacts import Contact
from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore

PERSONAL = ["+15085550142", "5085550142", "I-95", "exit 12", "Stamford", "honda", "civic", "clicking"]


def test_scan_finds_no_personal_data(storage: Storage, redis_client: Any) -> None:
    phone = "+15085550142"
    tok = storage.token(phone)
    storage.contacts.save(tok, Contact(phone, "sms", "en", "US"))
    storage.consent.opt_in(tok, channel="sms", how="first_message")
    storage.handoff.start(tok, "asked_for_agent", "ES-1")
    storage.handoff.add_message(tok, "customer", "car won't start, clicking, I-95 exit 12 Stamford")
    request = {"id": "RS-7K3Q9", "customer": {"phone": phone}, "pickup": {"text": "I-95 N near exit 12, Stamford"},
               "issue": {"category": "battery", "text": "won't start, clicking"},
               "vehicle": {"text": "silver 2014 honda civic"}}
    storage.dispatch.publish({"id": "RS-7K3Q9", "category": "battery", "priority": "normal"}, request)
    storage.escalations.publish({"id": "ES-1", "priority": "normal", "reason": "asked_for_agent"},
                                {"token": tok, "phone": phone, "summary": request})
    storage.audit.record("agent:maria", "view_request", "RS-7K3Q9")
    store = EncryptedRedisTrackerStore(DOMAIN, client=redis_client, keyring=storage.keyring, record_exp=3600)
    tracker = make_tracker(tok, 3)
    tracker.update(UserUttered("silver 2014 honda civic, battery clicking at I-95 exit 12 Stamford +15085550142"))
    asyncio.run(store.save(tracker))

    blob = dump_everything(redis_client)
    assert len(blob) > 1000
    for needle in PERSONAL:
        assert needle.lower().encode() not in blob, needle
