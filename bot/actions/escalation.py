"""Hand a conversation to a person: on request, or after repeated misunderstanding."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.slots import handoff_summary
from facts.bot_reply import payload

logger = logging.getLogger(__name__)

# Misunderstood turns in a row before a person takes over.
MISUNDERSTANDINGS_BEFORE_HANDOFF = 2


def escalate_conversation(tracker: Tracker, reason: str, priority: str) -> bool:
    """Ask backend to put a person on this conversation; True when that worked."""
    try:
        backend.escalate(tracker.sender_id, reason, priority, handoff_summary(tracker))
    except Exception:
        # The driver is told honestly; the reason and priority are safe to log.
        logger.exception("escalation failed reason=%s priority=%s", reason, priority)
        return False
    logger.info("escalated reason=%s priority=%s", reason, priority)
    return True


def consecutive_misunderstandings(events: list[dict[str, Any]]) -> int:
    """How many user turns in a row, this one included, the bot did not understand.

    An earlier turn counts when it set the ``misunderstandings`` slot to 1 or more.
    """
    count = 1
    users_seen = 0
    missed = False
    for event in reversed(events):
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "misunderstandings" and float(event.get("value") or 0) >= 1:
            missed = True
        elif kind == "user":
            users_seen += 1
            if users_seen > 1:
                if not missed:
                    break
                count += 1
            missed = False
    return count


_HANDOFF_RESPONSES = {"location_unknown": "utter_handoff_location"}


def stop_the_form() -> list[EventType]:
    """After a hand-off message no form question may follow; wait for the person."""
    return [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]


def hand_over(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> list[EventType]:
    """Escalate after repeated misunderstanding, tell the driver, and stop asking."""
    if escalate_conversation(tracker, reason, "normal"):
        dispatcher.utter_message(response=_HANDOFF_RESPONSES.get(reason, "utter_handoff_misunderstood"))
        dispatcher.utter_message(json_message=payload(handoff=reason))
    else:
        dispatcher.utter_message(response="utter_handoff_failed")
    return [SlotSet("misunderstandings", 0.0), *stop_the_form()]


class ActionEscalateToAgent(Action):
    """The driver asked for a person ("agent", "talk to a human")."""

    def name(self) -> str:
        return "action_escalate_to_agent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if escalate_conversation(tracker, "asked_for_agent", "normal"):
            dispatcher.utter_message(response="utter_handoff_agent")
            dispatcher.utter_message(json_message=payload(handoff="asked_for_agent"))
        else:
            dispatcher.utter_message(response="utter_handoff_failed")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
