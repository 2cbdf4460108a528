"""Handing work to people: dispatch requests and escalations."""

from __future__ import annotations

import time
from typing import Any

from facts.references import ESCALATION, new_reference
from storage.keys import handoff_key, tracker_key
from storage.rate_limits import take_dispatch_slot
from storage.services import Storage


def submit_dispatch(storage: Storage, token: str, request: dict[str, Any], *, per_day: int | None = None) -> str:
    """Publish a roadside.dispatch/v1 request; returns the stream entry id.

    With ``per_day``, a number's requests beyond that many a day raise
    DispatchLimitReached and are not published.
    """
    if per_day is not None:
        take_dispatch_slot(storage.client, token, per_day)
    fields = {"id": str(request["id"]), "type": "request", "category": str(request["issue"]["category"]),
              "priority": str(request.get("priority", "normal")), "at": str(request.get("created_at", ""))}
    return storage.dispatch.publish(fields, {"token": token, "request": request})


def cancel_dispatch(storage: Storage, token: str, request_id: str) -> str:
    """Tell dispatch a request was cancelled by the customer."""
    fields = {"id": f"{request_id}:cancel", "type": "cancel", "request_id": request_id, "priority": "normal"}
    return storage.dispatch.publish(fields, {"token": token, "request_id": request_id, "cancelled_at": _now()})


def update_sms_updates(storage: Storage, token: str, request_id: str, sms_updates: bool) -> str:
    """Tell dispatch the customer's choice about text updates changed after submission."""
    fields = {"id": f"{request_id}:update", "type": "update", "request_id": request_id, "priority": "normal"}
    return storage.dispatch.publish(fields, {"token": token, "request_id": request_id,
                                             "customer": {"sms_updates": sms_updates}, "updated_at": _now()})


def request_callback(storage: Storage, token: str, request_id: str) -> str:
    """Tell dispatch that the customer of a sent request asked to be called."""
    fields = {"id": f"{request_id}:update", "type": "update", "request_id": request_id, "priority": "normal"}
    return storage.dispatch.publish(fields, {"token": token, "request_id": request_id,
                                             "callback_requested": True, "updated_at": _now()})


def sms_updates_wanted(storage: Storage, request: dict[str, Any], token: str) -> bool:
    """Whether the customer wants text updates about ``request``: its own answer, or a later change.

    Reads only the customer's own entries (the per-token index), not the whole dispatch stream.
    """
    wanted = bool((request.get("customer") or {}).get("sms_updates", False))
    request_id = str(request.get("id", ""))
    for entry in storage.dispatch.entries_of([token]):
        if entry.fields.get("type") != "update" or entry.fields.get("request_id") != request_id:
            continue
        change = (entry.payload.get("customer") or {}).get("sms_updates")
        if isinstance(change, bool):
            wanted = change
    return wanted


def escalate(storage: Storage, token: str, *, reason: str, priority: str, summary: dict[str, Any],
             message: str | None = None) -> str:
    """Put the conversation in front of a person; the bot goes quiet for it."""
    ref = new_reference(ESCALATION)
    contact = storage.contacts.load(token)
    payload = {"token": token, "phone": contact.phone if contact else None,
               "channel": contact.channel if contact else None, "summary": summary, "message": message}
    storage.escalations.publish({"id": ref, "reason": reason, "priority": priority}, payload)
    storage.handoff.start(token, reason, ref)
    return ref


def make_urgent(storage: Storage, token: str, message: str | None = None) -> str | None:
    """Raise a waiting hand-off to urgent (danger reported while waiting); None if it already was."""
    handoff = storage.handoff.get(token)
    if handoff is not None and handoff.get("reason") == "emergency":
        return None
    return escalate(storage, token, reason="emergency", priority="urgent", summary={"stage": "waiting"},
                    message=message)


def close_conversation(storage: Storage, token: str) -> None:
    """End the open conversation (opt-out): the form will not resume."""
    storage.records.delete(tracker_key(token), handoff_key(token))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
