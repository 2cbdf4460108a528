"""Request status updates an agent sets, and the text each one sends."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from storage.keys import request_status_key

ASSIGNED = "assigned"
EN_ROUTE = "en_route"
ARRIVED = "arrived"
COMPLETED = "completed"
STATUSES = (ASSIGNED, EN_ROUTE, ARRIVED, COMPLETED)
LABELS = {ASSIGNED: "Assigned", EN_ROUTE: "En route", ARRIVED: "Arrived", COMPLETED: "Completed"}
MAX_ETA_MINUTES = 600


class StatusError(ValueError):
    """A status or ETA the agent cannot set; the message says why."""


@dataclass(frozen=True)
class StatusUpdate:
    status: str
    eta_minutes: int | None = None


def parse(status: str, eta: str | None) -> StatusUpdate:
    """Validate a status form: en route needs an ETA in whole minutes."""
    if status not in STATUSES:
        raise StatusError("Choose assigned, en route, arrived or completed.")
    if status != EN_ROUTE:
        return StatusUpdate(status)
    try:
        minutes = int((eta or "").strip())
    except ValueError:
        raise StatusError("En route needs an ETA in minutes, e.g. 25.") from None
    if not 1 <= minutes <= MAX_ETA_MINUTES:
        raise StatusError(f"The ETA must be between 1 and {MAX_ETA_MINUTES} minutes.")
    return StatusUpdate(status, minutes)


def customer_text(service: str, request_id: str, update: StatusUpdate) -> str:
    """The short, kind text the customer gets for a status update."""
    if update.status == ASSIGNED:
        return f"{service}: a truck is assigned to your request {request_id}."
    if update.status == EN_ROUTE:
        return f"{service}: the truck for your request {request_id} is on the way, about {update.eta_minutes} min."
    if update.status == ARRIVED:
        return f"{service}: the truck for your request {request_id} has arrived."
    return f"{service}: your request {request_id} is complete. Thank you."


def save(client: Any, request_id: str, update: StatusUpdate, agent: str, ttl_seconds: int) -> None:
    """Keep the latest status (non-personal: status, ETA, agent, time)."""
    fields = {"status": update.status, "eta": str(update.eta_minutes or ""), "by": agent,
              "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with client.pipeline(transaction=True) as pipe:
        pipe.hset(request_status_key(request_id), mapping=fields)
        pipe.expire(request_status_key(request_id), ttl_seconds)
        pipe.execute()


def load(client: Any, request_id: str) -> dict[str, str]:
    raw = client.hgetall(request_status_key(request_id))
    return {k.decode(): v.decode() for k, v in raw.items()}
