"""Which slots one message fills, and which question comes next (pure, no I/O)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.actions.parsing.answers import Facts, capped, detailed_pickup, is_correction
from bot.actions.parsing.issue import categorise_issue, needs_tow
from bot.actions.parsing.vehicle import parse_vehicle, parse_year

REQUIRED_SLOTS = ("pickup", "issue", "vehicle")

# Turn kinds the form reports in the ``turn`` slot.
FACT, OTHER_FACT, LOCATION, ROUGH, LOST = "fact", "other_fact", "location", "rough", "lost"

_DROPOFF_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:tow|take|bring|drop|send)\s+(?:it|her|him|the\s+car|my\s+car)\s+)?(?:to|at)\s+",
    re.IGNORECASE,
)


def dropoff_place(text: str) -> str:
    """The place from a drop-off answer ("tow it to joes garage" -> "joes garage")."""
    stripped = text.strip()
    place = _DROPOFF_LEAD.sub("", stripped, count=1).strip()
    return place or stripped


def next_slot(slots: Mapping[str, Any]) -> str | None:
    """The first required slot still empty (drop-off only for a tow), or None when done."""
    required = [*REQUIRED_SLOTS, "dropoff"] if slots.get("tow_required") else list(REQUIRED_SLOTS)
    return next((name for name in required if slots.get(name) is None), None)


def _pickup_values(slots: Mapping[str, Any], facts: Facts, may_fill: bool) -> tuple[dict[str, Any], str | None]:
    detail_asked = bool(slots.get("pickup_detail_asked"))
    hint = slots.get("pickup_hint")
    if facts.pickup is not None and facts.pickup_lat is not None:
        return {"pickup": capped(facts.pickup), "pickup_lat": facts.pickup_lat, "pickup_lng": facts.pickup_lng,
                "pickup_hint": None}, LOCATION
    if not may_fill:
        return {}, None
    if facts.pickup is not None:
        text = detailed_pickup(hint, facts.pickup) if hint and detail_asked else facts.pickup
        return {"pickup": capped(text), "pickup_lat": None, "pickup_lng": None, "pickup_hint": None}, FACT
    if facts.rough_pickup is None:
        if detail_asked and facts.free_pickup is not None:
            # After the follow-up, take what the driver gives.
            text = detailed_pickup(hint or "", facts.free_pickup)
            return {"pickup": capped(text), "pickup_lat": None, "pickup_lng": None, "pickup_hint": None}, FACT
        return {}, None
    if not detail_asked:
        # One follow-up asks for an exit, mile marker or cross street (and offers a location link).
        return {"pickup_hint": capped(facts.rough_pickup)}, ROUGH
    # After the follow-up, take what the driver gives.
    combined = detailed_pickup(hint or "", facts.rough_pickup)
    if not combined:
        return {}, LOST
    return {"pickup": capped(combined), "pickup_lat": None, "pickup_lng": None, "pickup_hint": None}, FACT


def _vehicle_values(text: str) -> dict[str, Any]:
    vehicle = parse_vehicle(text)
    return {
        "vehicle": capped(text),
        "vehicle_year": vehicle.year if vehicle else parse_year(text),
        "vehicle_make": vehicle.make if vehicle else None,
        "vehicle_model": vehicle.model if vehicle else None,
    }


def fill_slots(slots: Mapping[str, Any], facts: Facts, text: str,
               intent: str | None = None) -> tuple[dict[str, Any], str | None]:
    """Slot values this message sets, and the turn kind (None when it held no fact).

    A slot that holds a value is only replaced when the bot asked for it again
    or the driver says it is a correction ("actually it's a 2015 Camry").
    """
    requested = slots.get("requested_slot")
    correcting = is_correction(text)

    def may_fill(name: str) -> bool:
        return slots.get(name) is None or requested == name or correcting

    values, pickup_turn = _pickup_values(slots, facts, may_fill("pickup"))
    filled = {"pickup"} if "pickup" in values else set()
    # A specific problem replaces one we could only file as "other".
    vaguer = slots.get("issue_category") == "other" and facts.issue is not None \
        and categorise_issue(facts.issue) not in (None, "other")
    if facts.issue is not None and (may_fill("issue") or vaguer):
        category = categorise_issue(facts.issue) or "other"
        values.update(issue=capped(facts.issue), issue_category=category,
                      tow_required=needs_tow(category, facts.issue))
        filled.add("issue")
    if facts.vehicle is not None and may_fill("vehicle"):
        values.update(_vehicle_values(facts.vehicle))
        filled.add("vehicle")
    if facts.dropoff is not None and requested == "dropoff":
        values["dropoff"] = capped(dropoff_place(facts.dropoff))
        filled.add("dropoff")
    if pickup_turn in (LOCATION, ROUGH, LOST):
        return values, pickup_turn
    if not filled:
        return values, None
    return values, FACT if requested is None or requested in filled else OTHER_FACT
