"""Texts the console sends a customer on an agent's action (one home, until the text catalog takes them)."""

from __future__ import annotations


def closed_request(service: str, ref: str) -> str:
    """An agent closed a dispatch request without completing it."""
    return (f"{service}: we have closed your request {ref}. "
            "If you still need roadside help, reply to this text and we will pick it up again.")


def closed_conversation(service: str) -> str:
    """An agent closed an escalated conversation."""
    return (f"{service}: this conversation with our team is closed. "
            "If you still need roadside help, reply to this text and we will start again.")


def closing_text(service: str, kind: str, ref: str) -> str:
    """What "tell the customer" sends when ``ref`` (an escalation or a dispatch request) is closed."""
    return closed_conversation(service) if kind == "escalations" else closed_request(service, ref)


# Canned replies an agent can start from (edited before sending). Label, text.
CANNED_REPLIES: tuple[tuple[str, str], ...] = (
    ("Greeting", "Hi, this is the roadside team. I'm looking at your request now."),
    ("Safety first", "Please stay in a safe place away from traffic. If anyone is hurt or in danger, call 911."),
    ("Ask for location", "Where exactly is the car? The nearest exit, mile marker or cross street helps us most."),
    ("Truck on the way", "A truck is on the way. We'll text you when it is close."),
    ("Still working", "Thanks for waiting. I'm still working on this and will text you shortly."),
)
