"""Read the gathered request back to the driver before it is sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.parsing.answers import capped
from bot.actions.parsing.location import SHARED_LOCATION
from catalog.texts import text

SUMMARY_FIELD_CHARS = 80

# How each category reads in "Problem: ..." / "The problem is ...", in the conversation's language (catalog/).
ISSUE_LABELS = {
    "flat_tire": "summary.flat_tire",
    "battery": "summary.battery",
    "lockout": "summary.lockout",
    "fuel": "summary.fuel",
    "tow": "summary.tow",
    "winch": "summary.winch",
    "accident": "summary.accident",
}
NOT_GIVEN = "summary.not_given"


def issue_label(category: str | None, words: str | None, language: str | None = None) -> str:
    """Short description of the problem: the category's label, else the driver's words."""
    if category in ISSUE_LABELS:
        return text(ISSUE_LABELS[category], language)
    return (words or text(NOT_GIVEN, language)).strip()


def vehicle_label(slots: Mapping[str, Any], language: str | None = None) -> str:
    """The car as recognised ("2014 Honda Civic"), else the driver's own description."""
    make = slots.get("vehicle_make")
    if make:
        year = slots.get("vehicle_year")
        parts = [str(int(year)) if year else None, make, slots.get("vehicle_model")]
        return " ".join(p for p in parts if p)
    return str(slots.get("vehicle") or text(NOT_GIVEN, language))


def _place(value: Any, language: str | None) -> str:
    if value == SHARED_LOCATION:
        return text("summary.shared_location", language)
    return str(value or text(NOT_GIVEN, language))


def summary_response(slots: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """Response name and its variables for the read-back of ``slots`` (each field at most 80 characters),
    worded in the conversation's language."""
    language = slots.get("language")
    values = {
        "pickup": capped(_place(slots.get("pickup"), language), SUMMARY_FIELD_CHARS),
        "issue": capped(issue_label(slots.get("issue_category"), slots.get("issue"), language), SUMMARY_FIELD_CHARS),
        "vehicle": capped(vehicle_label(slots, language), SUMMARY_FIELD_CHARS),
    }
    if slots.get("tow_required"):
        values["dropoff"] = capped(_place(slots.get("dropoff"), language), SUMMARY_FIELD_CHARS)
        return "utter_summary_tow", values
    return "utter_summary", values


class ActionShowSummary(Action):
    """Read back pickup, problem, car (and drop-off for a tow); wait for YES or a fix."""

    def name(self) -> str:
        return "action_show_summary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        response, values = summary_response(tracker.current_slot_values())
        dispatcher.utter_message(response=response, **values)
        return [SlotSet("confirming", "summary"), SlotSet("field_to_change", None), SlotSet("last_asked", None)]
