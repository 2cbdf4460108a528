"""The customer's rights: export everything we hold, or erase it."""

from __future__ import annotations

import json
from typing import Any

from storage.keys import contact_key, erasure_mark_key, handoff_key, inbox_key, rate_keys, tracker_key
from storage.services import Storage


def export_token(storage: Storage, token: str, actor: str) -> dict[str, Any]:
    """Everything held for one customer, decrypted. The read is audited."""
    tracker_raw = storage.client.get(tracker_key(token))
    conversation = None
    if tracker_raw is not None:
        conversation = json.loads(storage.keyring.decrypt(tracker_raw, tracker_key(token)))
    contact = storage.contacts.load(token)
    consent = storage.consent.load(token)
    result = {
        "contact": None if contact is None else contact.__dict__,
        "consent": consent.to_json(),
        "handoff": storage.handoff.get(token),
        "messages_for_agent": storage.handoff.messages(token),
        "conversation": conversation,
        "dispatch_requests": [e.payload for e in storage.dispatch.read_all() if e.payload.get("token") == token],
        "escalations": [e.payload for e in storage.escalations.read_all() if e.payload.get("token") == token],
    }
    storage.audit.record(actor, "export_customer_data", token)
    return result


def request_erasure(storage: Storage, token: str) -> None:
    """Mark a customer's data for erasure once the current turn is saved.

    Rasa writes the tracker again after the action that asked for erasure has
    run, so the gateway finishes the job after the turn (finish_requested_erasure).
    """
    storage.client.set(erasure_mark_key(token), b"1", ex=600)


def finish_requested_erasure(storage: Storage, token: str, actor: str) -> bool:
    """Erase now if the dialogue asked for it during this turn. True if it did."""
    if not storage.client.delete(erasure_mark_key(token)):
        return False
    erase_token(storage, token, actor=actor)
    return True


def erase_token(storage: Storage, token: str, actor: str) -> dict[str, int]:
    """Delete all personal data for one customer.

    Kept: the fact of an opt-out (so we never text them again) and a
    non-personal tombstone in the audit stream.
    """
    deleted = storage.records.delete(tracker_key(token), contact_key(token), handoff_key(token), inbox_key(token))
    streams = 0
    for stream in (storage.dispatch, storage.escalations):
        for entry in stream.read_all():
            if entry.payload.get("token") == token:
                storage.client.xack(stream.name, stream.group, entry.entry_id)
                streams += int(storage.client.xdel(stream.name, entry.entry_id))
    storage.records.delete(*rate_keys(token))  # rate counters name the token too
    kept_opt_out = storage.consent.forget_except_opt_out(token)
    storage.audit.record(actor, "erase_customer_data", token, kept_opt_out=str(kept_opt_out).lower())
    return {"keys": deleted, "stream_entries": streams, "kept_opt_out": int(kept_opt_out)}
