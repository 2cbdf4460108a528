"""Correct one field of the summary: clear it so the form asks for it again."""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.parsing.issue import categorise_issue
from bot.actions.parsing.location import parse_location
from bot.actions.parsing.vehicle import parse_vehicle
from bot.actions.slots import clear_field_events, latest_intent, latest_text

# Checked in this order: "where to tow it" is the drop-off, not the pickup.
FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dropoff",
        re.compile(
            r"\b(drop ?-?off|destination|garage|shop|mechanic|dealer\w*|tow (it )?(to|somewhere)|where to tow)\b"
        ),
    ),
    ("issue", re.compile(r"\b(problem|issue|wrong with|trouble|category)\b")),
    ("vehicle", re.compile(r"\b(car|vehicle|model|make|year|truck|suv|van|color|colour)\b")),
    (
        "pickup",
        re.compile(r"\b(address|location|place|spot|where|pick ?-?up|street|exit|pin|mile marker|highway|road)\b"),
    ),
)


def field_named_in(text: str) -> str | None:
    """Which field a correction talks about ("change the address" -> pickup)."""
    lowered = text.lower()
    for field, pattern in FIELD_PATTERNS:
        if pattern.search(lowered):
            return field
    return None


def field_with_new_value(text: str) -> str | None:
    """Which field a bare new fact belongs to ("its a 2015 camry" -> vehicle)."""
    if parse_vehicle(text) is not None:
        return "vehicle"
    if categorise_issue(text) is not None:
        return "issue"
    if parse_location(text) is not None:
        return "pickup"
    return None


class ActionChangeField(Action):
    """Clear the field the driver wants to change; the form then asks for it again."""

    def name(self) -> str:
        return "action_change_field"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text = latest_text(tracker)
        field = field_named_in(text)
        if field is None and latest_intent(tracker) == "inform":
            field = field_with_new_value(text)
        if field is None:
            dispatcher.utter_message(response="utter_ask_what_to_change")
            # Nothing to ask yet: wait for the driver to name the field.
            return [FollowupAction("action_listen")]
        events: list[EventType] = [SlotSet("field_to_change", field), SlotSet("confirming", None)]
        events += clear_field_events(field)
        if field == "dropoff":
            # Asking to change where it is towed means a tow is wanted.
            events.append(SlotSet("tow_required", True))
        if latest_intent(tracker) != "inform":
            dispatcher.utter_message(response="utter_will_change")
        return events
