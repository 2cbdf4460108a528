from __future__ import annotations

import re

from storage.contacts import Contact
from storage.queues import cancel_dispatch, escalate, new_reference, submit_dispatch
from storage.services import Storage


def test_reference_is_short_and_unambiguous() -> None:
    refs = {new_reference("RS") for _ in range(200)}
    assert len(refs) == 200
    assert all(re.fullmatch(r"RS-[2-9A-HJKMNP-Z]{5}", r) for r in refs)


def test_submit_and_cancel_reach_dispatch(storage: Storage) -> None:
    tok = storage.token("+15085550142")
    submit_dispatch(storage, tok, {"id": "RS-7K3Q9", "issue": {"category": "battery"}, "priority": "normal",
                                   "created_at": "2026-11-21T23:05:11Z"})
    cancel_dispatch(storage, tok, "RS-7K3Q9")
    entries = storage.dispatch.claim("d")
    assert [e.fields["type"] for e in entries] == ["request", "cancel"]
    assert entries[0].fields["category"] == "battery"
    assert entries[0].payload == {"token": tok, "request": {"id": "RS-7K3Q9", "issue": {"category": "battery"},
                                                            "priority": "normal", "created_at": "2026-11-21T23:05:11Z"}}
    assert entries[1].payload["request_id"] == "RS-7K3Q9"


def test_escalate_publishes_and_hands_off(storage: Storage) -> None:
    tok = storage.token("+15085550142")
    storage.contacts.save(tok, Contact("+15085550142", "sms", "en", "US"))
    ref = escalate(storage, tok, reason="emergency", priority="urgent", summary={"pickup": "exit 12"})
    [entry] = storage.escalations.claim("agent")
    assert entry.fields["id"] == ref and entry.fields["priority"] == "urgent"
    assert entry.payload["phone"] == "+15085550142" and entry.payload["summary"] == {"pickup": "exit 12"}
    assert storage.handoff.get(tok)["escalation_id"] == ref
