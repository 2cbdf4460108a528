"""Fill and check the intake form's slots from the driver's own words."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.emergency import report_emergency
from bot.actions.parsing.danger import mentions_danger
from bot.actions.parsing.issue import categorise_issue, needs_tow
from bot.actions.parsing.location import is_vague_location, parse_location
from bot.actions.parsing.vehicle import parse_vehicle
from bot.actions.slots import latest_intent, latest_text

logger = logging.getLogger(__name__)

# Messages about the conversation itself ("change the address", "agent", "yes"):
# never mistake their words for an address, a car or a problem.
CONTROL_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "affirm",
        "deny",
        "bot_challenge",
        "change_field",
        "cancel_request",
        "ask_agent",
        "ask_privacy",
        "ask_opt_out",
        "delete_my_data",
        "out_of_scope",
    }
)


class ValidateIntakeForm(FormValidationAction):
    """Extract pickup, issue, vehicle (and drop-off for tows) with the pure parsers.

    A message with several facts fills each of them. The slot the form just asked
    for may take the whole answer when no parser recognises it, but only when NLU
    understood the message as an answer (intent ``inform``).
    """

    def name(self) -> str:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = list(domain_slots)
        if tracker.get_slot("tow_required") and "dropoff" not in slots:
            slots.append("dropoff")
        return slots

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        text = latest_text(tracker)
        danger = bool(text) and not tracker.get_slot("emergency_reported") and mentions_danger(text)
        if danger:
            # The emergency number goes out before anything else the form says.
            await report_emergency(dispatcher, tracker, announce=True, escalate=False)
        events = await super().run(dispatcher, tracker, domain)
        if not danger:
            return events
        # Escalate with the facts this very message carried, then stop asking:
        # a person takes over and the bot stays quiet.
        tracker.add_slots(events)
        emergency_events = await report_emergency(dispatcher, tracker, announce=False, escalate=True)
        return [
            *events,
            *emergency_events,
            SlotSet("requested_slot", None),
            ActiveLoop(None),
            FollowupAction("action_listen"),
        ]

    # --- extraction: what this message says, as raw text per slot -------------

    def extract_pickup(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = _answer_text(tracker, "pickup")
        if text is None:
            return {}
        answers_question = _is_requested(tracker, "pickup") and latest_intent(tracker) == "inform"
        if answers_question and not _mentions_issue_or_vehicle(text):
            # The driver's own words keep details a parser trims ("northbound", the town).
            return {"pickup": text}
        location = parse_location(text)
        if location is not None:
            return {"pickup": text if _is_map_point(location) else location.text}
        if answers_question:
            return {"pickup": text}
        return {}

    def extract_issue(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = _answer_text(tracker, "issue")
        if text is None:
            return {}
        if categorise_issue(text) is not None:
            return {"issue": text}
        if _is_requested(tracker, "issue") and latest_intent(tracker) == "inform":
            return {"issue": text}
        return {}

    def extract_vehicle(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = _answer_text(tracker, "vehicle")
        if text is None:
            return {}
        vehicle = parse_vehicle(text)
        if vehicle is not None:
            return {"vehicle": vehicle.text}
        if _is_requested(tracker, "vehicle") and latest_intent(tracker) == "inform":
            return {"vehicle": text}
        return {}

    def extract_dropoff(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        # A drop-off is only ever the answer to "where should we tow it?".
        text = _answer_text(tracker, "dropoff")
        if text is None or not _is_requested(tracker, "dropoff"):
            return {}
        if latest_intent(tracker) in ("inform", "nlu_fallback"):
            return {"dropoff": text}
        return {}

    # --- validation: derived slots and helpful re-asks -------------------------

    def validate_pickup(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        location = parse_location(text) if text else None
        if location is not None and location.lat is not None and location.lng is not None:
            return {"pickup": location.text, "pickup_lat": location.lat, "pickup_lng": location.lng}
        if not text or is_vague_location(text):
            dispatcher.utter_message(response="utter_pickup_too_vague")
            return {"pickup": None, "pickup_lat": None, "pickup_lng": None}
        # No point in the text: leave any pin already set alone (the form re-validates
        # prefilled slots on activation; a changed pickup had its point cleared).
        return {"pickup": text}

    def validate_issue(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if not text:
            return {"issue": None}
        category = categorise_issue(text) or "other"
        return {"issue": text, "issue_category": category, "tow_required": needs_tow(category, text)}

    def validate_vehicle(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        if not text:
            return {"vehicle": None}
        vehicle = parse_vehicle(text)
        if vehicle is None:
            return {"vehicle": text, "vehicle_year": None, "vehicle_make": None, "vehicle_model": None}
        return {
            "vehicle": vehicle.text,
            "vehicle_year": vehicle.year,
            "vehicle_make": vehicle.make,
            "vehicle_model": vehicle.model,
        }

    def validate_dropoff(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"dropoff": dropoff_place(str(value or "")) or None}


_DROPOFF_LEAD = re.compile(
    r"^(?:please\s+)?(?:(?:tow|take|bring|drop|send)\s+(?:it|her|him|the\s+car|my\s+car)\s+)?(?:to|at)\s+",
    re.IGNORECASE,
)


def dropoff_place(text: str) -> str:
    """The place from a drop-off answer ("tow it to joes garage" -> "joes garage")."""
    stripped = text.strip()
    place = _DROPOFF_LEAD.sub("", stripped, count=1).strip()
    return place or stripped


def _answer_text(tracker: Tracker, slot: str) -> str | None:
    """The latest text if it may hold a fact for ``slot``, else None.

    A slot that already holds a value is only overwritten when the form asked for
    it again (after "change the address").
    """
    if latest_intent(tracker) in CONTROL_INTENTS:
        return None
    if tracker.get_slot(slot) is not None and not _is_requested(tracker, slot):
        return None
    return latest_text(tracker) or None


def _is_requested(tracker: Tracker, slot: str) -> bool:
    return bool(tracker.get_slot("requested_slot") == slot)


def _mentions_issue_or_vehicle(text: str) -> bool:
    return categorise_issue(text) is not None or parse_vehicle(text) is not None


def _is_map_point(location: Any) -> bool:
    # For a bare pin/link keep the driver's own text; validate_pickup reads the point from it.
    return location.lat is not None and location.lng is not None
