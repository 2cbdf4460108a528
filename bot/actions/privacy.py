"""Answer "what do you do with my number?"."""

from __future__ import annotations

import os

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

# Same names and defaults as storage.settings.Settings (which also needs the
# encryption keys; the answer to a privacy question must not depend on them).
DEFAULT_RETENTION_DAYS = 30
DEFAULT_PRIVACY_URL = "https://example.com/privacy"


def privacy_values(env: dict[str, str] | None = None) -> dict[str, str]:
    """Retention period and policy link to quote in the privacy answer."""
    source = os.environ if env is None else env
    days = source.get("REQUEST_RETENTION_DAYS", "").strip()
    return {
        "retention_days": days if days.isdigit() and int(days) > 0 else str(DEFAULT_RETENTION_DAYS),
        "privacy_url": source.get("ROADSIDE_PRIVACY_URL") or DEFAULT_PRIVACY_URL,
    }


class ActionAnswerPrivacy(Action):
    """How the number is used, how long data is kept, STOP, and (SMS) the policy link."""

    def name(self) -> str:
        return "action_answer_privacy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_privacy", **privacy_values())
        return []
