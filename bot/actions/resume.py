"""Resuming the intake after a person hands a conversation back to the bot (pure, no Rasa, no I/O).

While an agent held the conversation, the customer's texts went to the agent, not
to the bot. On release they are read by the same slot parsers the intake form
uses, and the form is made active again with the next question still open, so
the bot carries on from what is known instead of starting over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.actions.form_filling import fill_slots, next_slot
from bot.actions.parsing.answers import read_facts

FORM = "intake_form"
# Rasa events after which no earlier slot value holds.
_RESETS = frozenset({"restart", "reset_slots"})


def slots_of(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Slot values a serialised Rasa tracker holds at its end."""
    slots: dict[str, Any] = {}
    for event in events:
        kind = event.get("event")
        if kind in _RESETS:
            slots = {}
        elif kind == "slot":
            slots[str(event.get("name"))] = event.get("value")
    return slots


def facts_from_texts(slots: Mapping[str, Any], texts: Iterable[str]) -> dict[str, Any]:
    """Slot values the customer's texts give, each read as an answer to the question the form would ask."""
    values: dict[str, Any] = {}
    for text in texts:
        known = {**slots, **values}
        asked = next_slot(known)
        new, _turn = fill_slots({**known, "requested_slot": asked}, read_facts(text, asked), text)
        values.update(new)
    return values


def resume_events(events: list[Mapping[str, Any]], texts: Iterable[str], now: float) -> list[dict[str, Any]]:
    """Rasa events to append so the intake form resumes; none once the request was sent or is being confirmed."""
    slots = slots_of(events)
    if slots.get("request_id") or slots.get("confirming"):
        return []
    values = facts_from_texts(slots, texts)
    asked = next_slot({**slots, **values})
    changed = [{"event": "slot", "timestamp": now, "name": name, "value": value}
               for name, value in values.items() if slots.get(name) != value]
    return [*changed, {"event": "active_loop", "timestamp": now, "name": FORM},
            {"event": "slot", "timestamp": now, "name": "requested_slot", "value": asked}]
