"""Fill the intake form's slots from what each message says, whatever was asked.

``validate_intake_form`` reads every message for every slot (pure parsers in
``bot/actions/parsing/``). A message with no fact gets a short answer instead
(an acknowledgement, "take your time", the answer to a question, or "sorry, I
didn't get that"), and the form then asks its question again through the
``action_ask_*`` actions. So a validation never comes back empty, the form
never rejects, and Rasa's fallback is never predicted in a loop. Only the
intents that leave the form (cancel, agent, emergency, delete my data, change
a field, goodbye) reject it, so that their rules run.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.asides import answer_aside, aside_of
from bot.actions.emergency import report_emergency
from bot.actions.escalation import MISUNDERSTANDINGS_BEFORE_HANDOFF, consecutive_misunderstandings, hand_over
from bot.actions.form_filling import LOCATION, LOST, OTHER_FACT, REQUIRED_SLOTS, dropoff_place, fill_slots, next_slot
from bot.actions.parsing import asides
from bot.actions.parsing.answers import read_facts
from bot.actions.slots import latest_intent, latest_text
from facts.danger import mentions_danger

logger = logging.getLogger(__name__)

# Intents that leave the form: the form rejects them so that their rules run.
LEAVE_FORM_INTENTS = frozenset({"cancel_request", "ask_agent", "emergency", "delete_my_data", "change_field",
                                "goodbye"})
FORM = "intake_form"
_QUIET_ACTIONS = frozenset({FORM, "action_listen", "validate_intake_form"})


def actions_since_message(tracker: Tracker) -> list[str]:
    """Actions (other than the form itself) run since the driver's latest message."""
    names: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "action" and event.get("name") not in _QUIET_ACTIONS:
            names.append(str(event.get("name")))
    return names


def shared_accuracy(tracker: Tracker) -> float | None:
    """Metres of accuracy the location page sent with this point, if any."""
    metadata = tracker.latest_message.get("metadata") or {}
    value = metadata.get("location_accuracy") if isinstance(metadata, dict) else None
    return float(value) if isinstance(value, (int, float)) and value >= 0 else None


class ValidateIntakeForm(FormValidationAction):
    """Extract pickup, issue, vehicle (and drop-off for tows) from the driver's own words.

    ``run`` decides everything itself, including the next slot to ask
    (``form_filling.next_slot``, drop-off only for a tow).
    """

    def name(self) -> str:
        return "validate_intake_form"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        since = actions_since_message(tracker)
        # A fresh message (or new facts given as a correction at the summary) is read;
        # a form resumed after another action has nothing new to read.
        reading = not since or (since == ["action_change_field"] and intent == "inform")
        if not reading:
            return [SlotSet("requested_slot", next_slot(tracker.current_slot_values()))]

        danger = bool(text) and not tracker.get_slot("emergency_reported") and mentions_danger(text)
        if danger:
            # The emergency number goes out before anything else the form says.
            await report_emergency(dispatcher, tracker, announce=True, escalate=False)

        facts = read_facts(text, tracker.get_slot("requested_slot"), intent)
        in_form = (tracker.active_loop or {}).get("name") == FORM
        leaving = intent in LEAVE_FORM_INTENTS and asides.aside_kind(text) is None
        if in_form and not since and leaving and not danger:
            return []  # rejected: the rule for this intent runs
        values, turn = fill_slots(tracker.current_slot_values(), facts, text, intent)
        if turn == LOST:
            # Twice no idea where the car is: a person can help find it.
            return [SlotSet("turn", LOST), *hand_over(dispatcher, tracker, "location_unknown")]
        if turn is not None:
            if turn == OTHER_FACT:
                dispatcher.utter_message(response="utter_got_it")
            elif turn == LOCATION:
                dispatcher.utter_message(response="utter_got_location")
                values["pickup_accuracy"] = shared_accuracy(tracker)
            values["misunderstandings"] = 0.0
        elif not since and not danger:
            turn, extra = self.off_form(dispatcher, tracker)
            values.update(extra)
        events = [SlotSet(name, value) for name, value in values.items()]
        events.append(SlotSet("turn", turn or "fact"))
        if danger:
            return await self.stop_for_danger(dispatcher, tracker, events)
        if values.get("misunderstandings", 0) >= MISUNDERSTANDINGS_BEFORE_HANDOFF:
            return [*events, *hand_over(dispatcher, tracker, "misunderstood")]
        merged = {**tracker.current_slot_values(), **values}
        return [*events, SlotSet("requested_slot", next_slot(merged))]

    @staticmethod
    def off_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> tuple[str, dict[str, Any]]:
        """No fact in the message: answer it; return the turn kind and slots to set."""
        kind = aside_of(tracker)
        if kind is None:
            count = consecutive_misunderstandings(tracker.events)
            if count < MISUNDERSTANDINGS_BEFORE_HANDOFF:
                dispatcher.utter_message(response="utter_didnt_get")
            return "miss", {"misunderstandings": float(count)}
        extra: dict[str, Any] = {"misunderstandings": 0.0}
        for event in answer_aside(dispatcher, tracker, kind):
            extra[event["name"]] = event["value"]
        return ("wait" if kind == "wait" else "ack" if kind == "ack" else "question"), extra

    @staticmethod
    async def stop_for_danger(dispatcher: CollectingDispatcher, tracker: Tracker,
                              events: list[EventType]) -> list[EventType]:
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


__all__ = ["REQUIRED_SLOTS", "ValidateIntakeForm", "actions_since_message", "dropoff_place"]
