"""Small real Rasa trackers for storage tests."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [inform]
slots:
  pickup:
    type: text
    mappings: [{type: custom}]
""")


def make_tracker(sender: str, turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    for i in range(turns):
        tracker.update(UserUttered(f"flat on I-95 N by exit {i}", {"name": "inform", "confidence": 0.9}))
        tracker.update(SlotSet("pickup", f"I-95 N by exit {i}"))
        tracker.update(BotUttered(f"Thanks, what car is it? ({i})"))
        tracker.update(ActionExecuted("action_listen"))
    return tracker
