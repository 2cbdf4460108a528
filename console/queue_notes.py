"""What a non-request dispatch entry says, in words an agent reads at a glance (pure, nothing personal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def change_of(fields: Mapping[str, str], payload: Mapping[str, Any]) -> str:
    """"customer accepted SMS updates", "customer asked to be called", ... ("" for requests and escalations)."""
    kind = fields.get("type")
    if kind == "cancel":
        return "customer cancelled the request"
    if kind != "update":
        return ""
    changes = []
    sms = (payload.get("customer") or {}).get("sms_updates")
    if sms is True:
        changes.append("customer accepted SMS updates")
    elif sms is False:
        changes.append("customer declined SMS updates")
    if payload.get("callback_requested"):
        changes.append("customer asked to be called")
    return "; ".join(changes) or "request details changed"
