"""Turning bot text into something good to hear. Pure logic."""

from __future__ import annotations

import re

from facts.references import spell_references
from facts.vehicles import spoken_makes

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SPACES = re.compile(r"\s+")

# Words the speech recogniser should expect on a roadside call; the car makes come from facts/vehicles.json.
_HINT_PHRASES = (
    "tow", "flat tire", "flat tyre", "battery", "jump start", "lockout", "locked out", "out of gas", "fuel", "stuck",
    "ditch", "accident", "exit", "mile marker", "interstate", "highway", "route", "north", "south", "east", "west",
)
_HINT_ANSWERS = ("agent", "yes", "no", "cancel")
HINTS = ", ".join((*_HINT_PHRASES, *spoken_makes(), *_HINT_ANSWERS))


def for_the_ear(text: str) -> str:
    """No links, no emoji, reference ids read out one character at a time."""
    text = _URL.sub("", text)
    text = _EMOJI.sub("", text)
    text = spell_references(text)
    return _SPACES.sub(" ", text).strip()

