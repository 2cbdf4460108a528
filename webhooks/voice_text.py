"""Turning bot text into something good to hear. Pure logic."""

from __future__ import annotations

import re

from facts.vehicles import spoken_makes

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_REFERENCE = re.compile(r"\b([A-Z]{2})-([0-9A-Z]{4,8})\b")
_SPACES = re.compile(r"\s+")

# Words the speech recogniser should expect on a roadside call; the car makes come from facts/vehicles.json.
_HINT_PHRASES = (
    "tow", "flat tire", "flat tyre", "battery", "jump start", "lockout", "locked out", "out of gas", "fuel", "stuck",
    "ditch", "accident", "exit", "mile marker", "interstate", "highway", "route", "north", "south", "east", "west",
)
_HINT_ANSWERS = ("agent", "yes", "no", "cancel")
HINTS = ", ".join((*_HINT_PHRASES, *spoken_makes(), *_HINT_ANSWERS))


def spell_reference(match: re.Match[str]) -> str:
    return " ".join(match.group(1) + match.group(2))


def for_the_ear(text: str) -> str:
    """No links, no emoji, reference ids read out one character at a time."""
    text = _URL.sub("", text)
    text = _EMOJI.sub("", text)
    text = _REFERENCE.sub(spell_reference, text)
    return _SPACES.sub(" ", text).strip()


def find_reference(texts: list[str]) -> str | None:
    """The first request reference (e.g. RS-7K3Q9) in the bot's replies."""
    for text in texts:
        match = re.search(r"\bRS-[0-9A-Z]{4,8}\b", text) or re.search(r"\bR S((?: [0-9A-Z]){4,8})\b", text)
        if match:
            return match.group(0) if match.group(0).startswith("RS-") else "RS-" + match.group(1).replace(" ", "")
    return None
