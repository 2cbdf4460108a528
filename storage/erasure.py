"""The customer's rights: export everything we hold, or erase it.

Every store that can hold something of one customer is covered: the
per-customer keys (``{token}`` hash tag), the dispatch and escalation
streams and their dead-letter streams, the held proactive messages and the
local outbox.

A number keyed in on a call with a withheld caller id lives under a
conversation of its own (another token); such conversations are listed under
the number's token (storage.contacts, ``linked_key``), checked against their
contact record's number, and exported and erased with the customer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from storage.errors import DecryptError
from storage.keys import (
    HELD_KEY,
    OUTBOX_KEY,
    consent_key,
    customer_keys,
    dead_letter_stream,
    erasure_mark_key,
    history_key,
    tracker_key,
)
from storage.services import Storage
from storage.stream_index import phones_in
from storage.streams import EncryptedStream, StreamEntry


def audit_subject(token: str) -> str:
    """How the audit stream names a customer: not the token, so an erased token leaves no trace there."""
    return "customer:" + hashlib.sha256(f"audit:{token}".encode()).hexdigest()[:16]


def _belongs(storage: Storage, payload: dict[str, Any], token: str, tokens: set[str]) -> bool:
    """A stream payload of this customer: by token, or by the number it carries."""
    return payload.get("token") in tokens or any(storage.token(p) == token for p in phones_in(payload))


def _sealed_items(storage: Storage, key: str, raw_items: list[bytes],
                  token: str) -> Iterator[tuple[bytes, dict[str, Any]]]:
    for raw in raw_items:
        try:
            item = storage.records.open(key, raw)
        except DecryptError:
            continue
        if isinstance(item, dict) and item.get("token") == token:
            yield raw, item


def _held(storage: Storage, token: str) -> list[tuple[bytes, dict[str, Any]]]:
    return list(_sealed_items(storage, HELD_KEY, storage.client.zrange(HELD_KEY, 0, -1), token))


def _outbox(storage: Storage, token: str) -> list[tuple[bytes, dict[str, Any]]]:
    return list(_sealed_items(storage, OUTBOX_KEY, storage.client.lrange(OUTBOX_KEY, 0, -1), token))


def _streams(storage: Storage) -> tuple[EncryptedStream, ...]:
    return (storage.dispatch, storage.escalations)


def _own_entries(storage: Storage, stream: EncryptedStream, token: str, tokens: set[str]) -> list[StreamEntry]:
    """The customer's entries, found through the per-token index (storage.stream_index)."""
    return [e for e in stream.entries_of(tokens | {token}) if _belongs(storage, e.payload, token, tokens)]


def _own_dead_letters(storage: Storage, stream: EncryptedStream, token: str, tokens: set[str]) -> list[StreamEntry]:
    return [e for e in stream.dead_letters_of(tokens | {token}) if _belongs(storage, e.payload, token, tokens)]


def _conversation(storage: Storage, token: str) -> Any:
    raw = storage.client.get(tracker_key(token))
    return None if raw is None else json.loads(storage.keyring.decrypt(raw, tracker_key(token)))


def _other_conversation(storage: Storage, token: str) -> dict[str, Any]:
    contact = storage.contacts.load(token)
    return {"contact": None if contact is None else contact.__dict__, "conversation": _conversation(storage, token),
            "messages_for_agent": storage.handoff.messages(token)}


def export_token(storage: Storage, token: str, actor: str) -> dict[str, Any]:
    """Everything held for one customer, decrypted. The read is audited."""
    conversation = _conversation(storage, token)
    contact = storage.contacts.load(token)
    consent = storage.consent.load(token)
    linked = storage.contacts.linked(token)
    tokens = {token, *linked}
    result = {
        "contact": None if contact is None else contact.__dict__,
        "consent": consent.to_json(),
        "handoff": storage.handoff.get(token),
        "messages_for_agent": storage.handoff.messages(token),
        "conversation": conversation,
        "earlier_console_items": [storage.records.open(history_key(token), raw)
                                  for raw in storage.client.lrange(history_key(token), 0, -1)],
        "dispatch_requests": [e.payload for e in _own_entries(storage, storage.dispatch, token, tokens)],
        "escalations": [e.payload for e in _own_entries(storage, storage.escalations, token, tokens)],
        "dead_letters": [e.payload for s in _streams(storage) for e in _own_dead_letters(storage, s, token, tokens)],
        "other_conversations": [_other_conversation(storage, t) for t in linked],
        "held_messages": [{k: v for k, v in item.items() if k != "token"} for _, item in _held(storage, token)],
        "outbox": [{k: v for k, v in item.items() if k != "token"} for _, item in _outbox(storage, token)],
    }
    storage.audit.record(actor, "export_customer_data", audit_subject(token))
    return result


def request_erasure(storage: Storage, token: str) -> None:
    """Mark a customer's data for erasure once the current turn is saved.

    Rasa saves the tracker after the action that asked for erasure has run,
    and only then answers the gateway (MessageProcessor.handle_message). The
    action also says ``erase`` in its payload; on that, the gateway finishes
    the job after the turn (finish_requested_erasure), and only if this mark
    is there.
    """
    storage.client.set(erasure_mark_key(token), b"1", ex=600)


def finish_requested_erasure(storage: Storage, token: str, actor: str) -> bool:
    """Erase now if the dialogue asked for it during this turn. True if it did."""
    if not storage.client.delete(erasure_mark_key(token)):
        return False
    erase_token(storage, token, actor=actor)
    return True


def _per_customer_keys(storage: Storage, token: str) -> list[str]:
    """Every key carrying this customer's hash tag (tracker, contact, hand-off, inbox, limits, …) but consent.

    Named, not found by a SCAN of the whole keyspace, which grows with every customer.
    """
    return customer_keys(token, tuple(stream.name for stream in _streams(storage)))


def _erase_stream_entries(storage: Storage, stream: EncryptedStream, token: str, tokens: set[str]) -> int:
    erased = 0
    for entry in _own_dead_letters(storage, stream, token, tokens):
        erased += int(storage.client.xdel(dead_letter_stream(stream.name), entry.entry_id))
    for entry in _own_entries(storage, stream, token, tokens):
        storage.client.xack(stream.name, stream.group, entry.entry_id)
        erased += int(storage.client.xdel(stream.name, entry.entry_id))
    return erased


def erase_token(storage: Storage, token: str, actor: str) -> dict[str, int]:
    """Delete all personal data for one customer.

    Kept: the fact of an opt-out (so we never text them again) and a
    non-personal tombstone in the audit stream (named by ``audit_subject``).
    """
    linked = storage.contacts.linked(token)
    tokens = {token, *linked}
    # Stream entries first: they are found through per-customer index keys, deleted with the other keys next.
    streams = sum(_erase_stream_entries(storage, stream, token, tokens) for stream in _streams(storage))
    # Live location links are keyed by their random id, not the token: found through the customer's list of them.
    deleted = sum(storage.location_links.forget_for(t) for t in sorted(tokens))
    deleted += sum(storage.records.delete(*_per_customer_keys(storage, t)) for t in sorted(tokens))
    messages = sum(int(storage.client.zrem(HELD_KEY, raw)) for t in tokens for raw, _ in _held(storage, t))
    messages += sum(int(storage.client.lrem(OUTBOX_KEY, 0, raw)) for t in tokens for raw, _ in _outbox(storage, t))
    for other in linked:  # a call's own conversation never holds the number's opt-out
        storage.records.delete(consent_key(other))
    kept_opt_out = storage.consent.forget_except_opt_out(token)
    storage.audit.record(actor, "erase_customer_data", audit_subject(token),
                         kept_opt_out=str(kept_opt_out).lower())
    return {"keys": deleted, "stream_entries": streams, "messages": messages, "kept_opt_out": int(kept_opt_out)}
