"""The best pickup location, or the tow destination, in a whole message."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.parsing.location.coordinates import find_coordinates
from bot.actions.parsing.location.groups import best_group, find_groups, group_text
from bot.actions.parsing.location.map_links import find_links
from bot.actions.parsing.location.place_questions import asks_about_a_place

SHARED_LOCATION = "Shared location"


@dataclass(frozen=True)
class Location:
    """A place as the driver described it, with a point when one was given."""

    text: str
    lat: float | None
    lng: float | None


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def parse_location(text: str) -> Location | None:
    """The best pickup location in a message: a map link or coordinates, else the words that place the car.

    "flat on I-95 N by exit 12, 2014 honda civic" -> Location("I-95 N by exit 12", None, None).
    A place marked as the tow destination ("tow it to 12 Oak St") is used only when nothing else is given.
    A question about a place ("is walmart open?") places nothing.
    """
    if asks_about_a_place(text):
        return None
    links = find_links(text)
    remainder = _without(text, [link.span for link in links])
    coords = find_coordinates(remainder)
    if coords is not None:
        remainder = _without(remainder, [coords[1]])
    groups = find_groups(remainder)
    words_group = best_group(groups, dropoff=False) or best_group(groups, dropoff=True)
    # With a point, the words only replace "Shared location" when they say something specific.
    words = group_text(remainder, words_group) if words_group and words_group.specific else None

    point = next((link.point for link in links if link.point is not None), None)
    label = next((link.label for link in links if link.label), None)
    if point is not None:
        return Location(words or label or SHARED_LOCATION, point[0], point[1])
    if coords is not None:
        (lat, lng), (start, end) = coords
        raw = _without(text, [link.span for link in links])[start:end].strip()
        return Location(words or raw, lat, lng)
    if label is not None:
        return Location(words or label, None, None)
    if words_group is None:
        return None
    return Location(group_text(remainder, words_group), None, None)


def parse_dropoff(text: str) -> Location | None:
    """A tow destination marked as one ("tow it to Joe's garage on Main St"), else None."""
    if asks_about_a_place(text):
        return None
    links = find_links(text)
    remainder = _without(text, [link.span for link in links])
    group = best_group(find_groups(remainder), dropoff=True)
    return Location(group_text(remainder, group), None, None) if group else None
