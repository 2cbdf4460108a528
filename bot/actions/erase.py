"""Delete the driver's data on request, after a yes/no confirmation."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.summary import summary_response
from facts.bot_reply import payload

logger = logging.getLogger(__name__)


class ActionAskEraseConfirmation(Action):
    """ "Delete my data": ask first, since updates stop afterwards."""

    def name(self) -> str:
        return "action_ask_erase_confirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_confirm_erase")
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("confirming", "delete")]


class ActionEraseCustomerData(Action):
    """Confirmed: erase the stored contact and conversation data."""

    def name(self) -> str:
        return "action_erase_customer_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            backend.erase_customer(tracker.sender_id)
        except Exception:
            logger.exception("erase failed")
            dispatcher.utter_message(response="utter_erase_failed")
            return [SlotSet("confirming", None)]
        logger.info("customer data erased on request")
        dispatcher.utter_message(response="utter_data_erased")
        # Rasa saves this turn's tracker before it answers the gateway, which then erases it.
        dispatcher.utter_message(json_message=payload(erase=True, end=True))
        return [ActiveLoop(None), AllSlotsReset()]


class ActionKeepCustomerData(Action):
    """Not confirmed: nothing is deleted."""

    def name(self) -> str:
        return "action_keep_customer_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_data_kept")
        slots = tracker.current_slot_values()
        if _ready_to_send(slots):
            # The driver was at the read-back before asking: put it back in front of them.
            response, values = summary_response(slots)
            dispatcher.utter_message(response=response, **values)
            return [SlotSet("confirming", "summary"), FollowupAction("action_listen")]
        return [SlotSet("confirming", None)]


def _ready_to_send(slots: dict[str, Any]) -> bool:
    required = ["pickup", "issue", "vehicle"] + (["dropoff"] if slots.get("tow_required") else [])
    return not slots.get("request_id") and all(slots.get(name) for name in required)
