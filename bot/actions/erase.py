"""Delete the driver's data on request, after a yes/no confirmation."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend

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
        return [ActiveLoop(None), AllSlotsReset()]


class ActionKeepCustomerData(Action):
    """Not confirmed: nothing is deleted."""

    def name(self) -> str:
        return "action_keep_customer_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_data_kept")
        return [SlotSet("confirming", None)]
