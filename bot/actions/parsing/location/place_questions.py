"""A question about a place ("is walmart open?", "where's the nearest gas station") does not place the car.

A driver may ask one mid-intake; it names a business, so the place parsers alone would take it as
the pickup or the drop-off and send a truck to "what time does costco close".
"""

from __future__ import annotations

import re

_QUESTION = re.compile(
    r"^\s*(?:"
    r"(?:is|are|does|do|will)\s+(?:the\s+)?[\w'&.-]+(?:\s+[\w'&.-]+){0,3}?\s+(?:be\s+)?(?:open|closed|still open)\b"
    r"|(?:what\s+time|when|how\s+late|till\s+when|until\s+when)\s+(?:does|do|is|are|will)\b.*\b(?:open|close|closes|closed)\b"
    r"|where(?:'s|’s|s|\s+is|\s+are)?\s+(?:the\s+|a\s+)?(?:nearest|closest)\b"
    r"|what\s+are\s+(?:the|their)\s+hours\b"
    r")",
    re.IGNORECASE,
)
# Words that say where the car is, which a question alone never does ("is walmart open, im in its lot").
_PLACES_THE_CAR = re.compile(
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are|my\s+car|the\s+car|car\s+is|stuck|parked|broke\s+down|pick\s+me)\b",
    re.IGNORECASE,
)


def asks_about_a_place(text: str) -> bool:
    """Whether the whole message is a question about a place's hours or the nearest one, not an answer."""
    return _QUESTION.match(text) is not None and _PLACES_THE_CAR.search(text) is None
