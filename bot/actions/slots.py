"""Slot names and small helpers shared by the actions (no Rasa server, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from bot.actions.parsing.spoken_numbers import digits_from_speech

# A field the driver can correct, and every slot derived from it.
FIELD_SLOTS: dict[str, tuple[str, ...]] = {
    "pickup": ("pickup", "pickup_lat", "pickup_lng"),
    "issue": ("issue", "issue_category", "tow_required"),
    "vehicle": ("vehicle", "vehicle_year", "vehicle_make", "vehicle_model"),
    "dropoff": ("dropoff",),
}

# Slots an agent needs to see when a conversation is handed over.
GATHERED_SLOTS = (
    "pickup",
    "pickup_lat",
    "pickup_lng",
    "issue",
    "issue_category",
    "vehicle",
    "vehicle_year",
    "vehicle_make",
    "vehicle_model",
    "tow_required",
    "dropoff",
    "request_id",
)

OUTPUT_CHANNELS = ("sms", "voice")


def gathered_slots(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The intake facts collected so far (slots that hold a value)."""
    return {name: slots[name] for name in GATHERED_SLOTS if slots.get(name) is not None}


def handoff_summary(tracker: Tracker) -> dict[str, Any]:
    """What an agent sees on hand-off: the stage of the intake and the facts so far.

    Never empty: ``stage`` is always present, even before the first answer.
    """
    stage = tracker.get_slot("requested_slot") or ("submitted" if tracker.get_slot("request_id") else "start")
    return {"stage": stage, **gathered_slots(tracker.current_slot_values())}


def clear_field_events(field: str) -> list[EventType]:
    """``SlotSet(..., None)`` for a field and the slots derived from it."""
    return [SlotSet(name, None) for name in FIELD_SLOTS[field]]


def input_channel(tracker: Tracker) -> str | None:
    """``sms`` or ``voice`` from the latest user message, else None."""
    channel = tracker.get_latest_input_channel()
    return channel if channel in OUTPUT_CHANNELS else None


def latest_text(tracker: Tracker) -> str:
    """The driver's latest message, stripped ("" when there is none).

    On a call, numbers the speech recogniser wrote as words become digits
    ("twenty fourteen civic" -> "2014 civic").
    """
    text = str(tracker.latest_message.get("text") or "").strip()
    if input_channel(tracker) == "voice":
        # text2num reads English, number-parser Russian cardinals; Vietnamese and Indonesian number words stay as said.
        return digits_from_speech(text, str(tracker.get_slot("language") or "en"))
    return text


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the latest user intent, if any."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def spoken_code(code: str) -> str:
    """Spell a short code or number out for text-to-speech ("911" -> "9 1 1")."""
    return " ".join(ch for ch in code if ch not in "- ")
