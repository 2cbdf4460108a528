"""The form's questions: asked once plainly, again in other words, and never after "wait"."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.slots import input_channel

logger = logging.getLogger(__name__)

TURN_SLOT = "turn"
WAIT_TURN = "wait"


def set_this_turn(tracker: Tracker, slot: str) -> Any:
    """The value ``slot`` was last given since the driver's latest message, else None."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def _location_link(tracker: Tracker) -> str | None:
    if input_channel(tracker) == "voice":
        return None
    try:
        return backend.location_link(tracker.sender_id, "sms")
    except Exception:
        # The question still works without the link.
        logger.exception("location link not created")
        return None


class ActionAskForSlot(Action):
    """``action_ask_<slot>``: the form calls it when ``slot`` is the next one to fill."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        events: list[EventType] = [SlotSet("last_asked", self.slot)]
        if set_this_turn(tracker, TURN_SLOT) == WAIT_TURN:
            # "wait": the question stays open and is not asked again.
            return events
        again = tracker.get_slot("last_asked") == self.slot
        if self.slot == "pickup" and tracker.get_slot("pickup_hint") is not None:
            link = _location_link(tracker)
            if link:
                dispatcher.utter_message(response="utter_ask_pickup_detail_link", location_link=link)
            else:
                dispatcher.utter_message(response="utter_ask_pickup_detail")
            return [*events, SlotSet("pickup_detail_asked", True)]
        dispatcher.utter_message(response=f"utter_reask_{self.slot}" if again else f"utter_ask_{self.slot}")
        return events


class ActionAskPickup(ActionAskForSlot):
    slot = "pickup"


class ActionAskIssue(ActionAskForSlot):
    slot = "issue"


class ActionAskVehicle(ActionAskForSlot):
    slot = "vehicle"


class ActionAskDropoff(ActionAskForSlot):
    slot = "dropoff"
