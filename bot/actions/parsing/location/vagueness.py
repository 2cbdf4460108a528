"""Whether a location answer is too vague to find the car, or needs one more detail."""

from __future__ import annotations

import re

from bot.actions.parsing.location.coordinates import parse_coordinates
from bot.actions.parsing.location.groups import find_groups
from bot.actions.parsing.location.map_links import find_links
from bot.actions.parsing.location.other_languages import VAGUE, place_kind
from bot.actions.parsing.location.tokens import split_words

_VAGUE_WORDS = frozenset(
    """idk dunno dno i dont don't do not know no idea clue sure unsure here there somewhere around nearby
    lost on in at the a an of side road highway freeway interstate street shoulder middle nowhere im i'm am
    we are were is it just um uh like by next to some kind sort pulled over parked stuck stopped near this that
    where exactly currently right now still kinda maybe think guess home house work office my our driveway
    parking lot gas station rest area stop mall place location spot area town city somewhere's hmm not
    what""".split()
)


def is_vague_location(text: str) -> bool:
    """True when the answer gives nothing a truck could drive to ("idk", "here", "side of the road")."""
    if not text.strip():
        return True
    if find_links(text) or parse_coordinates(text) is not None:
        return False
    if any(g.specific for g in find_groups(text)):
        return False
    kind = place_kind(text)
    if kind is not None:
        return kind == VAGUE
    words = [w.key for w in split_words(text)]
    if any(any(ch.isdigit() for ch in w) for w in words):
        return False
    # Words in another script (Cyrillic) that name no place are not a vague place but something else.
    return all(w in _VAGUE_WORDS for w in words) and not (not words and any(ch.isalpha() for ch in text))

_LANDMARK_INSIDE = re.compile(
    r"\b(?:near|by|next\s+to|across\s+from|in\s+front\s+of|behind|past|opposite|under|over)\s+(?:the\s+)?[a-z]",
    re.IGNORECASE,
)
# Kinds that let a driver who has never been there find the car.
_FINDABLE_KINDS = frozenset({"address", "intersection", "exit", "marker", "brand", "named_place", "distance"})


def location_needs_detail(text: str) -> bool:
    """A road, highway, street or town with nothing to find the car by ("on the mass pike", "I-95").

    False for a point, a link, or words with an exit, mile marker, house number,
    cross street or landmark.
    """
    if find_links(text) or parse_coordinates(text) is not None:
        return False
    groups = [g for g in find_groups(text) if not g.dropoff]
    if not groups:
        return False
    best = max(groups, key=lambda g: g.score)
    if best.kinds & _FINDABLE_KINDS:
        return False
    # A trailing landmark the span picked up ("route 9 by the big oak") counts as detail.
    return _LANDMARK_INSIDE.search(text[best.start:best.end]) is None
