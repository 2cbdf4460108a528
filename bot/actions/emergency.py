"""Injury, fire or danger: the local emergency number first, then an urgent hand-off."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.escalation import escalate_conversation
from bot.actions.slots import spoken_code
from facts.bot_reply import payload
from facts.emergency_numbers import emergency_number

logger = logging.getLogger(__name__)


def local_emergency_number(token: str) -> str:
    """The emergency number for the caller's country (from the stored contact)."""
    try:
        contact = backend.lookup_contact(token)
    except Exception:
        # Telling the driver a number matters more than the lookup: use the default.
        logger.exception("contact lookup failed; using the default emergency number")
        contact = None
    return emergency_number(contact.region if contact is not None else None)


async def report_emergency(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, announce: bool = True, escalate: bool = True
) -> list[EventType]:
    """Utter the emergency number (``announce``) and/or escalate as urgent (``escalate``)."""
    if announce:
        number = local_emergency_number(tracker.sender_id)
        dispatcher.utter_message(
            response="utter_emergency_number",
            emergency_number=number,
            emergency_number_spoken=spoken_code(number),
        )
    if not escalate:
        return []
    if escalate_conversation(tracker, "emergency", "urgent"):
        dispatcher.utter_message(response="utter_emergency_handoff")
        dispatcher.utter_message(json_message=payload(handoff="emergency"))
    else:
        dispatcher.utter_message(response="utter_handoff_failed")
    return [SlotSet("emergency_reported", True)]


class ActionHandleEmergency(Action):
    """Intent ``emergency``: number first, then an urgent hand-off; the form stops."""

    def name(self) -> str:
        return "action_handle_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events = await report_emergency(dispatcher, tracker)
        return [*events, ActiveLoop(None), SlotSet("requested_slot", None)]
