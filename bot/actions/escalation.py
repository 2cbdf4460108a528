"""Hand a conversation to a person: on request, or after repeated misunderstanding."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.parsing.danger import mentions_danger
from bot.actions.slots import handoff_summary, latest_text

logger = logging.getLogger(__name__)

MISUNDERSTANDING_ACTION = "action_handle_misunderstanding"
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

    A previous turn counts when ``action_handle_misunderstanding`` answered it.
    """
    count = 1
    users_seen = 0
    misunderstood = False
    for event in reversed(events):
        kind = event.get("event")
        if kind == "action" and event.get("name") == MISUNDERSTANDING_ACTION:
            misunderstood = True
        elif kind == "user":
            users_seen += 1
            if users_seen > 1:
                if not misunderstood:
                    break
                count += 1
            misunderstood = False
    return count


class ActionEscalateToAgent(Action):
    """The driver asked for a person ("agent", "talk to a human")."""

    def name(self) -> str:
        return "action_escalate_to_agent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if escalate_conversation(tracker, "asked_for_agent", "normal"):
            dispatcher.utter_message(response="utter_handoff_agent")
        else:
            dispatcher.utter_message(response="utter_handoff_failed")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionHandleMisunderstanding(Action):
    """Ask to rephrase once; on the second miss in a row hand over to a person."""

    def name(self) -> str:
        return MISUNDERSTANDING_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if mentions_danger(latest_text(tracker)):
            # NLU missed it, but the words say injury, fire or danger: treat it so.
            from bot.actions.emergency import report_emergency  # imports this module

            emergency_events = await report_emergency(dispatcher, tracker)
            return [*emergency_events, *_stop_the_form()]
        count = consecutive_misunderstandings(tracker.events)
        events: list[EventType] = [SlotSet("misunderstandings", float(count))]
        if count < MISUNDERSTANDINGS_BEFORE_HANDOFF:
            dispatcher.utter_message(response="utter_rephrase")
            return events
        if escalate_conversation(tracker, "misunderstood", "normal"):
            dispatcher.utter_message(response="utter_handoff_misunderstood")
        else:
            dispatcher.utter_message(response="utter_handoff_failed")
        return [*events, *_stop_the_form()]


def _stop_the_form() -> list[EventType]:
    # After a hand-off message no form question may follow; wait for the person.
    return [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]
