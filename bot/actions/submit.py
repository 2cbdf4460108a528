"""Send the confirmed request to dispatch and give the driver a reference."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.dispatch_request import build_dispatch_request, utc_timestamp
from bot.actions.parsing.asides import is_unclear_symbol_reply
from bot.actions.slots import input_channel, latest_text, spoken_code
from facts.bot_reply import payload
from facts.danger import mentions_danger
from facts.languages import supported
from facts.references import new_request_id

logger = logging.getLogger(__name__)


class ActionSubmitRequest(Action):
    """On YES: publish the roadside.dispatch/v1 request and confirm its id."""

    def name(self) -> str:
        return "action_submit_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if is_unclear_symbol_reply(latest_text(tracker)):
            # "😅" or "?" is not a yes to sending a truck: ask again.
            dispatcher.utter_message(response="utter_confirm_reminder")
            return _wait_for_retry()
        token = tracker.sender_id
        slots = tracker.current_slot_values()
        try:
            contact = backend.lookup_contact(token)
        except Exception:
            logger.exception("contact lookup failed; request not sent")
            contact = None
        if contact is None:
            # Without the number nobody can reach the driver; keep the summary so YES retries.
            logger.warning("no contact record for this conversation; request not sent")
            dispatcher.utter_message(response="utter_submit_failed")
            return _wait_for_retry()

        channel = contact.channel or input_channel(tracker) or "sms"
        urgent = bool(slots.get("emergency_reported")) or mentions_danger(str(slots.get("issue") or ""))
        request_id = new_request_id()
        request = build_dispatch_request(
            slots,
            request_id=request_id,
            created_at=utc_timestamp(),
            channel=channel,
            language=supported(tracker.get_slot("language") or contact.language),  # the conversation's
            phone=contact.phone,
            urgent=urgent,
        )
        try:
            backend.submit_dispatch(request, token=token)
        except Exception:
            logger.exception("dispatch submit failed id=%s", request_id)
            dispatcher.utter_message(response="utter_submit_failed")
            return _wait_for_retry()

        previous = tracker.get_slot("request_id")
        if previous:
            # A corrected request replaces the one sent before it.
            _cancel_replaced(token, previous)
        logger.info("dispatch submitted id=%s category=%s", request_id, request["issue"]["category"])
        dispatcher.utter_message(
            response="utter_submitted", request_id=request_id, request_id_spoken=spoken_code(request_id)
        )
        dispatcher.utter_message(json_message=payload(reference=request_id))
        return [SlotSet("request_id", request_id), SlotSet("confirming", None)]


def _wait_for_retry() -> list[EventType]:
    # The summary stays open (confirming=summary), so the driver's next YES retries.
    return [FollowupAction("action_listen")]


def _cancel_replaced(token: str, request_id: str) -> None:
    try:
        backend.cancel_dispatch(token, request_id)
    except Exception:
        logger.exception("could not cancel replaced request id=%s", request_id)
