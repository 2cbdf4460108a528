"""Build a ``roadside.dispatch/v1`` request from the gathered slots (pure, no I/O)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

SCHEMA_NAME = "roadside.dispatch/v1"
def utc_timestamp(now: datetime.datetime | None = None) -> str:
    """UTC time in ISO 8601 with a ``Z`` suffix, to the second."""
    moment = now or datetime.datetime.now(datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _int_or_none(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _float_or_none(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def build_dispatch_request(
    slots: Mapping[str, Any],
    *,
    request_id: str,
    created_at: str,
    channel: str,
    language: str,
    phone: str,
    urgent: bool = False,
) -> dict[str, Any]:
    """The complete dispatch request for the slots gathered by the intake form."""
    tow_required = bool(slots.get("tow_required"))
    dropoff = slots.get("dropoff") if tow_required else None
    customer: dict[str, Any] = {"phone": phone, "sms_updates": channel == "sms"}
    pickup: dict[str, Any] = {
        "text": str(slots.get("pickup") or ""),
        "lat": _float_or_none(slots.get("pickup_lat")),
        "lng": _float_or_none(slots.get("pickup_lng")),
    }
    # Optional fields, present only when they say something.
    if slots.get("callback_requested"):
        customer["callback_requested"] = True
    accuracy = _float_or_none(slots.get("pickup_accuracy"))
    if accuracy is not None and pickup["lat"] is not None:
        pickup["accuracy_m"] = accuracy
    return {
        "schema": SCHEMA_NAME,
        "id": request_id,
        "created_at": created_at,
        "channel": channel,
        "language": language,
        "priority": "urgent" if urgent else "normal",
        "customer": customer,
        "pickup": pickup,
        "issue": {
            "category": slots.get("issue_category") or "other",
            "text": str(slots.get("issue") or ""),
        },
        "vehicle": {
            "text": str(slots.get("vehicle") or ""),
            "year": _int_or_none(slots.get("vehicle_year")),
            "make": slots.get("vehicle_make") or None,
            "model": slots.get("vehicle_model") or None,
        },
        "tow_required": tow_required,
        "dropoff": {"text": str(dropoff)} if dropoff else None,
    }
