"""References read to customers and agents ("RS-7K3Q9"): made and recognised here only.

A request reference is ``RS-`` and five characters; an escalation's is ``ES-``.
New references use an alphabet without look-alikes (0/O, 1/I/L, U/V), so they
are easy to read out over the phone. References made before that rule (with
U or V, or of another length) are still recognised.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

REQUEST = "RS"
ESCALATION = "ES"
PREFIXES = (REQUEST, ESCALATION)
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # no 0/O, 1/I/L or U/V: easy to read out
LENGTH = 5

# What older code made too: any capital letter or digit, four to eight of them.
_BODY = "[0-9A-Z]{4,8}"
_WRITTEN = re.compile(rf"\b(RS|ES)-({_BODY})\b")


def new_reference(prefix: str, choice: Callable[[str], str] = secrets.choice, length: int = LENGTH) -> str:
    """A fresh random reference like ``RS-7K3Q9``."""
    if prefix not in PREFIXES:
        raise ValueError(f"unknown reference prefix {prefix!r}")
    return f"{prefix}-" + "".join(choice(ALPHABET) for _ in range(length))


def new_request_id(choice: Callable[[str], str] = secrets.choice) -> str:
    """A fresh dispatch request reference like ``RS-7K3Q9``."""
    return new_reference(REQUEST, choice)


def prefix_of(text: str) -> str | None:
    """``RS`` or ``ES`` when ``text`` is exactly a reference (new or old), else None."""
    match = _WRITTEN.fullmatch(text.strip())
    return match.group(1) if match else None


def is_request_reference(text: str) -> bool:
    """True when ``text`` is exactly a request reference, new or old."""
    return prefix_of(text) == REQUEST


def spell(match: re.Match[str]) -> str:
    """A written reference one character at a time, for text-to-speech ("R S 7 K 3 Q 9")."""
    return " ".join(match.group(1) + match.group(2))


def spell_references(text: str) -> str:
    """``text`` with every reference in it spelt out for the ear."""
    return _WRITTEN.sub(spell, text)
