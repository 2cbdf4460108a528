"""The queue page's rows: triage facts for every item, read in one Redis round trip."""

from __future__ import annotations

from typing import Any

from console.claims import QueueItem
from console.triage import Triage, triage
from storage.keys import contact_key, inbox_key
from storage.services import Storage

INBOX_TAIL = 5  # the customer's newest message is among the inbox's last few


def triage_rows(storage: Storage, items: list[QueueItem]) -> dict[str, Triage]:
    """Triage per entry id (decrypts each item's inbox tail and contact; shown only to logged-in agents)."""
    tokens = [(item, str(item.payload.get("token") or "")) for item in items]
    with storage.client.pipeline(transaction=False) as pipe:
        for _item, token in tokens:
            pipe.lrange(inbox_key(token or "-"), -INBOX_TAIL, -1)
            pipe.get(contact_key(token or "-"))
        replies = pipe.execute()
    rows = {}
    for n, (item, token) in enumerate(tokens):
        inbox = [storage.records.open(inbox_key(token), raw) for raw in replies[2 * n]] if token else []
        payload: dict[str, Any] = dict(item.payload)
        contact = replies[2 * n + 1]
        if token and contact is not None and not payload.get("language"):
            payload["language"] = (storage.records.open(contact_key(token), contact) or {}).get("language")
        rows[item.entry_id] = triage(payload, inbox)
    return rows
