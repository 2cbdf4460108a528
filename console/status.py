"""Request status updates an agent sets, and the text each one sends."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from catalog import text
from storage.keys import request_status_history_key, request_status_key

ASSIGNED = "assigned"
EN_ROUTE = "en_route"
ARRIVED = "arrived"
COMPLETED = "completed"
STATUSES = (ASSIGNED, EN_ROUTE, ARRIVED, COMPLETED)
LABELS = {ASSIGNED: "Assigned", EN_ROUTE: "En route", ARRIVED: "Arrived", COMPLETED: "Completed"}
_TEXTS = {ASSIGNED: "status.assigned", EN_ROUTE: "status.en_route", ARRIVED: "status.arrived",
          COMPLETED: "status.completed"}  # catalog ids of the customer's text
MAX_ETA_MINUTES = 600
MAX_TRUCK_CHARS = 40
HISTORY_LIMIT = 50
# A provider's name and a unit number: letters, digits and a little punctuation, never a phone number.
_TRUCK = re.compile(r"^[\w .,&'/#-]*$")
_PHONE_LIKE = re.compile(r"\d[\d\s().-]{6,}\d")


class StatusError(ValueError):
    """A status or ETA the agent cannot set; the message says why."""


@dataclass(frozen=True)
class StatusUpdate:
    status: str
    eta_minutes: int | None = None
    provider: str = ""  # the towing company or our own fleet
    unit: str = ""  # the truck's unit number


def truck(provider: str | None, unit: str | None) -> tuple[str, str]:
    """The provider and unit an agent typed, checked: short, plain, and not a phone number."""
    values = tuple(" ".join((v or "").split()) for v in (provider, unit))
    for value in values:
        if len(value) > MAX_TRUCK_CHARS or not _TRUCK.match(value) or _PHONE_LIKE.search(value):
            raise StatusError(f"Provider and unit: up to {MAX_TRUCK_CHARS} letters, digits or . , & ' / # - "
                              "(no phone numbers).")
    return values[0], values[1]


def parse(status: str, eta: str | None) -> StatusUpdate:
    """Validate a status form: en route needs an ETA, assigned may have one, the others take none."""
    if status not in STATUSES:
        raise StatusError("Choose assigned, en route, arrived or completed.")
    typed = (eta or "").strip()
    if status == EN_ROUTE and not typed:
        raise StatusError("En route needs an ETA in minutes, e.g. 25.")
    if not typed:
        return StatusUpdate(status)
    if status not in (ASSIGNED, EN_ROUTE):
        # Never silently ignored: the agent clears it or picks a status that uses it.
        raise StatusError(f"{LABELS[status]} takes no ETA: clear the ETA box, or set Assigned or En route with it.")
    try:
        minutes = int(typed)
    except ValueError:
        raise StatusError(f"{LABELS[status]} needs an ETA in whole minutes, e.g. 25.") from None
    if not 1 <= minutes <= MAX_ETA_MINUTES:
        raise StatusError(f"The ETA must be between 1 and {MAX_ETA_MINUTES} minutes.")
    return StatusUpdate(status, minutes)


def check_order(current: str | None, update: StatusUpdate, *, step_back_confirmed: bool) -> None:
    """Statuses move forward (en route may repeat with a new ETA); a step back needs a supervisor's confirmation."""
    if current not in STATUSES:
        return
    now, new = STATUSES.index(current), STATUSES.index(update.status)
    if new > now or (new == now and update.status == EN_ROUTE):
        return
    if new == now:
        raise StatusError(f"The status is already {LABELS[current]}; the customer was texted then.")
    if not step_back_confirmed:
        raise StatusError(f"The status is {LABELS[current]}: it only moves forward. Setting {LABELS[update.status]} "
                          "would text the customer out of order; only a supervisor can confirm a step back.")


def is_step_back(current: str | None, update: StatusUpdate) -> bool:
    return current in STATUSES and STATUSES.index(update.status) < STATUSES.index(str(current))


def customer_text(service: str, request_id: str, update: StatusUpdate, language: str | None = None) -> str:
    """The short, kind text the customer gets for a status update, in ``language`` (English when unknown)."""
    message_id = "status.assigned_eta" if update.status == ASSIGNED and update.eta_minutes else _TEXTS[update.status]
    return text(message_id, language, service=service, request_id=request_id, eta=update.eta_minutes)


def save(client: Any, request_id: str, update: StatusUpdate, agent: str, ttl_seconds: int) -> None:
    """Keep the latest status and add it to the history (non-personal: status, ETA, truck, agent, time)."""
    fields = {"status": update.status, "eta": str(update.eta_minutes or ""), "provider": update.provider,
              "unit": update.unit, "by": agent, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    history = request_status_history_key(request_id)
    with client.pipeline(transaction=True) as pipe:
        pipe.hset(request_status_key(request_id), mapping=fields)
        pipe.expire(request_status_key(request_id), ttl_seconds)
        pipe.rpush(history, json.dumps(fields))
        pipe.ltrim(history, -HISTORY_LIMIT, -1)
        pipe.expire(history, ttl_seconds)
        pipe.execute()


def history(client: Any, request_id: str) -> list[dict[str, str]]:
    """Every status set on the request, oldest first: who set what, and when."""
    return [json.loads(raw) for raw in client.lrange(request_status_history_key(request_id), 0, -1)]


def load_many(client: Any, request_ids: list[str]) -> dict[str, dict[str, str]]:
    """The latest status of each request, in one round trip."""
    with client.pipeline(transaction=False) as pipe:
        for request_id in request_ids:
            pipe.hgetall(request_status_key(request_id))
        found = pipe.execute()
    return {rid: {k.decode(): v.decode() for k, v in raw.items()} for rid, raw in zip(request_ids, found, strict=True)}


def load(client: Any, request_id: str) -> dict[str, str]:
    raw = client.hgetall(request_status_key(request_id))
    return {k.decode(): v.decode() for k, v in raw.items()}
