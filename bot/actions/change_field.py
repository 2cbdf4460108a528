"""Correct one field of the summary: clear it so the form asks for it again."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.parsing.fields import field_named_in, field_with_new_value
from bot.actions.slots import clear_field_events, latest_intent, latest_text


class ActionChangeField(Action):
    """Clear the field the driver wants to change; the form then asks for it again."""

    def name(self) -> str:
        return "action_change_field"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text = latest_text(tracker)
        field = field_named_in(text)
        if field is None and latest_intent(tracker) == "inform":
            field = field_with_new_value(text)
        if field is None:
            dispatcher.utter_message(response="utter_ask_what_to_change")
            # Nothing to ask yet: wait for the driver to name the field.
            return [FollowupAction("action_listen")]
        events: list[EventType] = [SlotSet("field_to_change", field), SlotSet("confirming", None)]
        events += clear_field_events(field)
        if field == "dropoff":
            # Asking to change where it is towed means a tow is wanted.
            events.append(SlotSet("tow_required", True))
        if latest_intent(tracker) != "inform":
            dispatcher.utter_message(response="utter_will_change")
        return events
