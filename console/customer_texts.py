"""Texts the console sends a customer on an agent's action, in the customer's language (from the catalog)."""

from __future__ import annotations

from catalog import text
from facts.emergency_numbers import emergency_number


def closed_request(service: str, ref: str, language: str | None = None) -> str:
    """An agent closed a dispatch request without completing it."""
    return text("closed.request", language, service=service, ref=ref)


def closed_conversation(service: str, language: str | None = None) -> str:
    """An agent closed an escalated conversation."""
    return text("closed.conversation", language, service=service)


def closing_text(service: str, kind: str, ref: str, language: str | None = None) -> str:
    """What "tell the customer" sends when ``ref`` (an escalation or a dispatch request) is closed."""
    return closed_conversation(service, language) if kind == "escalations" else closed_request(service, ref, language)


# Canned replies an agent can start from (edited before sending): the agent's label, the catalog id of the text.
CANNED: tuple[tuple[str, str], ...] = (
    ("Greeting", "canned.greeting"),
    ("Safety first", "canned.safety"),
    ("Ask for location", "canned.location"),
    ("Ask what the car is", "canned.vehicle"),
    ("Truck assigned", "canned.assigned"),
    ("Truck on the way", "canned.en_route"),
    ("We will call you", "canned.will_call"),
    ("Still working", "canned.still_working"),
)


def canned_replies(language: str | None, region: str | None) -> list[tuple[str, str]]:
    """(label, text) of every canned reply, the text in the customer's language, the emergency number their region's."""
    return [(label, text(message_id, language, emergency_number=emergency_number(region)))
            for label, message_id in CANNED]
