"""Every phrase in a message that names part of a place, minus the car's own name."""

from __future__ import annotations

from bot.actions.parsing.location.places import (
    BRAND_RE,
    INTERSECTION_RE,
    PLACE_RE,
    home_spans,
    named_place_spans,
    town_spans,
)
from bot.actions.parsing.location.roads import BARE_ROAD_RE, DISTANCE_RE, EXIT_RE, MARKER_RE, ROAD_RE, UK_ROAD_RE
from bot.actions.parsing.location.streets import street_spans
from bot.actions.parsing.location.tokens import Span, spans_from
from bot.actions.parsing.vehicle import parse_vehicle


def all_spans(text: str) -> list[Span]:
    """Every place phrase in the text, in reading order (the longer first where two start together)."""
    spans = (
        spans_from(ROAD_RE, text, "road")
        + spans_from(BARE_ROAD_RE, text, "road", 1)
        + spans_from(UK_ROAD_RE, text, "road")
        + spans_from(EXIT_RE, text, "exit")
        + spans_from(MARKER_RE, text, "marker")
        + spans_from(DISTANCE_RE, text, "distance")
        + spans_from(INTERSECTION_RE, text, "intersection")
        + spans_from(BRAND_RE, text, "brand")
        + spans_from(PLACE_RE, text, "place")
        + named_place_spans(text)
        + street_spans(text)
        + town_spans(text)
        + home_spans(text)
    )
    # "Audi A4", "BMW M3": a model name that looks like a road is the car's, not a place.
    vehicle = parse_vehicle(text)
    if vehicle is not None:
        v_start = text.find(vehicle.text)
        v_end = v_start + len(vehicle.text)
        spans = [s for s in spans if s.end <= v_start or s.start >= v_end]
    return sorted(spans, key=lambda s: (s.start, -s.end))
