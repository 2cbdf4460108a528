"""What may trail a location phrase: a unit, a town and state, a landmark ("… by the big oak")."""

from __future__ import annotations

import re

from bot.actions.parsing.location.stopwords import TOWN_STOP
from bot.actions.parsing.location.tokens import split_words
from bot.actions.parsing.vehicle import parse_vehicle

_LANDMARK_LEAD = re.compile(
    r"^\s*,?\s*(?:right\s+|just\s+)?(?:near|by|next\s+to|across\s+from|in\s+front\s+of|behind|past|before|after"
    r"|outside|opposite|under|over|at|of)\s+",
    re.IGNORECASE,
)
_NOT_LANDMARK = frozenset(
    """car truck tire tires flat battery dead gas fuel stuck locked keys tow towing need needs help broke broken
    won't wont cant can't start smoke smoking died accident crash hit i i'm im we please thanks honda toyota ford
    chevy""".split()
)

_UNIT_RE = re.compile(r"\s*,?\s*(?:apt|apartment|unit|suite|ste|\#)\.?\s*\#?\s*[a-z0-9-]{1,6}\b", re.IGNORECASE)

_TOWN_AFTER_RE = re.compile(
    r"\s*[,.]?\s+(?P<name>[A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})(?:\s*,?\s*[A-Z]{2}\b)?(?:\s+\d{5}(?:-\d{4})?)?"
    r"(?=\s*(?:$|[,.;!?\n]))"
    r"|\s*,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
)
# Drivers rarely capitalise: "… exit 4 in natick" still names the town.
_LOWER_TOWN_AFTER_RE = re.compile(
    r"\s+(?:in|near)\s+(?P<name>[A-Za-z][a-z.'-]+(?:\s+[a-z][a-z.'-]+)?)(?=\s*(?:$|[,.;!?\n]))", re.IGNORECASE
)
_CLAUSE_END_RE = re.compile(r"\s+(?:and|but|with|so|because|cause|cuz|pls|please)\b")


def _looks_like_vehicle(words: str) -> bool:
    return bool(words) and parse_vehicle(words) is not None


def _names_a_town(name: str | None) -> bool:
    words = [w.key for w in split_words(name)] if name else []
    return not any(w in TOWN_STOP or w in _NOT_LANDMARK for w in words) and not _looks_like_vehicle(name or "")


def _landmark_length(rest: str) -> int | None:
    """Length of a landmark clause at the start of rest ("by the big oak"), if there is one."""
    lead = _LANDMARK_LEAD.match(rest)
    if not lead:
        return None
    clause = re.match(r"[^,.;!?\n]*", rest[lead.end():])
    body = clause.group() if clause else ""
    body = _CLAUSE_END_RE.split(body, maxsplit=1)[0].rstrip()
    words = [w.key for w in split_words(body)]
    if 0 < len(words) <= 6 and not any(w in _NOT_LANDMARK for w in words) and not _looks_like_vehicle(body):
        return lead.end() + len(body)
    return None


def extend_end(text: str, end: int) -> int:
    """Grow a location over a trailing town/state ("…, Stamford, CT") or landmark ("… by the big oak")."""
    unit = _UNIT_RE.match(text, end)
    if unit:
        end = unit.end()
    rest = text[end:]
    town = _TOWN_AFTER_RE.match(rest)
    if town and _names_a_town(town.group("name")):
        return end + town.end()
    lower_town = _LOWER_TOWN_AFTER_RE.match(rest)
    if lower_town and _names_a_town(lower_town.group("name")):
        return end + lower_town.end()
    landmark = _landmark_length(rest)
    return end + landmark if landmark is not None else end
