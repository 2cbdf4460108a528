"""Cancel the driver's request ("cancel my tow", "never mind I got it started")."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.slots import spoken_code

logger = logging.getLogger(__name__)


class ActionCancelRequest(Action):
    """Withdraw a sent request (if any), stop the form and forget the answers."""

    def name(self) -> str:
        return "action_cancel_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        request_id = tracker.get_slot("request_id")
        if not request_id:
            dispatcher.utter_message(response="utter_cancelled_nothing_sent")
            return [ActiveLoop(None), AllSlotsReset()]
        try:
            backend.cancel_dispatch(tracker.sender_id, request_id)
        except Exception:
            logger.exception("cancel failed id=%s", request_id)
            # Keep the request id so the driver can simply ask again.
            dispatcher.utter_message(response="utter_cancel_failed")
            return [ActiveLoop(None)]
        logger.info("dispatch cancelled id=%s", request_id)
        dispatcher.utter_message(
            response="utter_cancelled", request_id=request_id, request_id_spoken=spoken_code(request_id)
        )
        return [ActiveLoop(None), AllSlotsReset()]
