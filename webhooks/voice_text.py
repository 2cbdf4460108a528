"""Turning bot text into something good to hear. Pure logic."""

from __future__ import annotations

import re

from facts.references import spell_references

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SPACES = re.compile(r"\s+")

HINTS = ("tow, flat tire, flat tyre, battery, jump start, lockout, locked out, out of gas, fuel, stuck, ditch, "
         "accident, exit, mile marker, interstate, highway, route, north, south, east, west, "
         "Toyota, Honda, Ford, Chevrolet, Chevy, Nissan, Hyundai, Kia, Subaru, Jeep, Dodge, Ram, GMC, BMW, "
         "Mercedes, Volkswagen, Tesla, Mazda, Lexus, Audi, agent, yes, no, cancel")


def for_the_ear(text: str) -> str:
    """No links, no emoji, reference ids read out one character at a time."""
    text = _URL.sub("", text)
    text = _EMOJI.sub("", text)
    text = spell_references(text)
    return _SPACES.sub(" ", text).strip()

