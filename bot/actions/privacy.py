"""Answer "what do you do with my number?"."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from storage.settings import Settings

logger = logging.getLogger(__name__)


def privacy_values() -> dict[str, str]:
    """Retention period and policy link to quote in the privacy answer, from the action server's settings."""
    try:
        settings = backend.settings()
    except Exception:
        # The answer to a privacy question must not depend on the keys being configured: the defaults are true.
        logger.exception("settings unavailable; default privacy answer")
        return {"retention_days": str(Settings.retention_days), "privacy_url": Settings.privacy_url}
    return {"retention_days": str(settings.retention_days), "privacy_url": settings.privacy_url}


class ActionAnswerPrivacy(Action):
    """How the number is used, how long data is kept, STOP, and (SMS) the policy link."""

    def name(self) -> str:
        return "action_answer_privacy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_privacy", **privacy_values())
        return []
