"""The ``language`` slot, set every turn from the language the gateway sends in the message metadata.

Rasa 3.6 runs ``action_validate_slot_mappings`` (rasa_sdk's ``ValidationAction``) inside
``action_extract_slots`` after every user message, in and out of the intake form, for the
global slots with a custom mapping. Its ``extract_language`` reads the metadata's ``language``,
so every response of the turn already picks its ``language`` variation (bot/domain.yml).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from facts.languages import SUPPORTED

SLOT = "language"


def metadata_language(tracker: Tracker) -> str | None:
    """The language the gateway sent with the latest message, when it is one we speak."""
    metadata = tracker.latest_message.get("metadata") or {}
    value = metadata.get(SLOT) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value in SUPPORTED else None


class ValidateSlotMappings(ValidationAction):
    """``action_validate_slot_mappings``: fills the global custom slots that every turn refreshes."""

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> list[str]:
        # Only the language: the other custom slots are set by the actions that own them.
        return [SLOT] if SLOT in domain_slots else []

    def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        language = metadata_language(tracker)
        if language is None or language == tracker.get_slot(SLOT):
            return {}
        return {SLOT: language}

    def validate_language(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> dict[str, Any]:
        return {SLOT: value if value in SUPPORTED else None}
