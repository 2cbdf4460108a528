"""Answers to what a driver says beside the intake: "ok", "wait", "how long?", "call me".

Used inside the form (validate_intake_form answers, then the form asks its
question again) and outside it (``action_handle_aside``, which then repeats
whatever question is open: the summary, the erase question, or the first
question of a new intake).
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.emergency import report_emergency
from bot.actions.escalation import MISUNDERSTANDINGS_BEFORE_HANDOFF, consecutive_misunderstandings, hand_over
from bot.actions.parsing import asides
from bot.actions.parsing.answers import read_facts
from bot.actions.privacy import privacy_values
from bot.actions.slots import latest_intent, latest_text, spoken_code
from catalog.texts import text
from facts.danger import mentions_danger
from facts.languages import supported

logger = logging.getLogger(__name__)

# Intents whose answer is a fixed response (no state involved).
_FIXED_ANSWERS = {
    asides.ETA: "utter_answer_eta",
    asides.BOT: "utter_iamabot",
    asides.WAIT: "utter_take_your_time",
}


def aside_of(tracker: Tracker) -> str | None:
    """The aside kind of the latest message, privacy and opt-out questions included."""
    intent = latest_intent(tracker)
    # The words decide first: NLU is least sure of exactly these short messages.
    kind = asides.aside_kind(latest_text(tracker))
    if kind is not None:
        return kind
    if intent == "ask_privacy":
        return "privacy"
    if intent == "ask_opt_out":
        return "opt_out"
    return asides.INTENT_ASIDES.get(intent or "")


def answer_aside(dispatcher: CollectingDispatcher, tracker: Tracker, kind: str) -> list[EventType]:
    """Say the one-line answer for ``kind``; return the events it implies (a callback request)."""
    if kind in _FIXED_ANSWERS:
        dispatcher.utter_message(response=_FIXED_ANSWERS[kind])
    elif kind == asides.COST:
        language = supported(tracker.get_slot("language"))
        dispatcher.utter_message(response="utter_answer_cost", cost_policy=_cost_policy(language))
    elif kind == asides.REFERENCE:
        request_id = tracker.get_slot("request_id")
        if request_id:
            dispatcher.utter_message(response="utter_answer_reference", request_id=request_id,
                                     request_id_spoken=spoken_code(request_id))
        else:
            dispatcher.utter_message(response="utter_no_reference_yet")
    elif kind == asides.CALLBACK:
        return _note_callback(dispatcher, tracker)
    elif kind == "privacy":
        dispatcher.utter_message(response="utter_privacy", **privacy_values())
    elif kind == "opt_out":
        dispatcher.utter_message(response="utter_opt_out_how")
    elif kind == asides.DONT_KNOW:
        dispatcher.utter_message(response="utter_no_problem")
    elif latest_intent(tracker) == "thanks":
        dispatcher.utter_message(response="utter_youre_welcome")
    else:
        dispatcher.utter_message(response="utter_ack")
    return []


def _cost_policy(language: str) -> str:
    try:
        configured = backend.cost_policy(language)
    except Exception:
        # The configured wording is missing (no settings): the default is still true.
        logger.exception("settings unavailable; default cost answer")
        configured = None
    return configured or text("policy.cost", language)


def _note_callback(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    request_id = tracker.get_slot("request_id")
    if request_id:
        try:
            backend.request_callback(tracker.sender_id, request_id)
        except Exception:
            logger.exception("callback request not recorded id=%s", request_id)
    dispatcher.utter_message(response="utter_callback_noted")
    return [SlotSet("callback_requested", True)]


class ActionHandleAside(Action):
    """Outside the form: answer the aside, then repeat the open question (if any)."""

    def name(self) -> str:
        return "action_handle_aside"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text = latest_text(tracker)
        if text and not tracker.get_slot("emergency_reported") and mentions_danger(text):
            # NLU missed it, but the words say injury, fire or danger: treat it so.
            events = await report_emergency(dispatcher, tracker)
            return [*events, ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]
        starting = not tracker.get_slot("request_id") and not tracker.get_slot("confirming")
        if starting and read_facts(text, None).any:
            # Facts NLU was unsure of ("i95 exit 12 batt dead"): the intake reads them.
            return [FollowupAction("intake_form")]
        kind = aside_of(tracker)
        if kind is None and starting and _first_message(tracker):
            # A first message we can't read is still someone who needs help: start the intake.
            dispatcher.utter_message(response="utter_greet")
            return [FollowupAction("intake_form")]
        # After a cancel, "thanks" or a question is no wish for a new intake: only facts or a greeting start one.
        cancelled = closed_by_cancel(tracker)
        open_intake = starting and not cancelled
        if kind is None:
            return self.misunderstood(dispatcher, tracker, open_intake)
        if (kind == asides.ACK and (tracker.get_slot("request_id") or cancelled)
                and latest_intent(tracker) != "thanks"):
            # After the request is sent or cancelled, "ok" closes the exchange.
            dispatcher.utter_message(response="utter_ok")
            return []
        events = answer_aside(dispatcher, tracker, kind)
        if kind == asides.WAIT:
            return events
        return [*events, *self.repeat_open_question(dispatcher, tracker, open_intake)]

    def misunderstood(self, dispatcher: CollectingDispatcher, tracker: Tracker, starting: bool) -> list[EventType]:
        count = consecutive_misunderstandings(tracker.events)
        if count >= MISUNDERSTANDINGS_BEFORE_HANDOFF:
            return hand_over(dispatcher, tracker, "misunderstood")
        dispatcher.utter_message(response="utter_didnt_get")
        return [SlotSet("misunderstandings", float(count)),
                *self.repeat_open_question(dispatcher, tracker, starting, rephrase=True)]

    @staticmethod
    def repeat_open_question(dispatcher: CollectingDispatcher, tracker: Tracker, starting: bool,
                             rephrase: bool = False) -> list[EventType]:
        confirming = tracker.get_slot("confirming")
        if confirming == "summary":
            dispatcher.utter_message(response="utter_confirm_reminder")
        elif confirming == "delete":
            dispatcher.utter_message(response="utter_erase_reminder")
        elif starting:
            # Nothing asked yet: the intake's first question is the open one.
            return [SlotSet("last_asked", "pickup" if rephrase else None), FollowupAction("intake_form")]
        return []


def closed_by_cancel(tracker: Tracker) -> bool:
    """The driver cancelled, and no intake has run since (in this session)."""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return False
        if event.get("event") == "action" and event.get("name") in ("action_cancel_request", "intake_form"):
            return event.get("name") == "action_cancel_request"
    return False


def _first_message(tracker: Tracker) -> bool:
    return sum(1 for event in tracker.events if event.get("event") == "user") <= 1


class ActionHandleMisunderstanding(ActionHandleAside):
    """Rasa's core fallback: the same reading as an aside, under the name config.yml gives."""

    def name(self) -> str:
        return "action_handle_misunderstanding"
