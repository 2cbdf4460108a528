"""Only "+", "-" and the phone minus/dash sign a coordinate: "@41.05" or "a41.05" once crashed the parser."""

from __future__ import annotations

import pytest

from bot.actions.parsing.location import Location, is_vague_location, parse_coordinates, parse_location


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("im @41.05, -73.53", (41.05, -73.53)),
        ("stuck at a41.05,-73.53", None),
        ("https://www.google.com/maps/@41.05,-73.53,15z", (41.05, -73.53)),
        ("+41.05, –73.53", (41.05, -73.53)),
    ],
)
def test_only_sign_characters_sign_a_coordinate(text: str, point: tuple[float, float] | None) -> None:
    assert parse_coordinates(text) == point


def test_a_pin_written_with_an_at_sign_is_the_pickup() -> None:
    assert parse_location("im @41.05, -73.53") == Location("41.05, -73.53", 41.05, -73.53)
    assert not is_vague_location("im @41.05, -73.53")


def test_an_upper_case_maps_link_still_gives_its_point() -> None:
    location = parse_location("HTTPS://WWW.GOOGLE.COM/MAPS/@41.05,-73.53,15Z")
    assert location is not None and (location.lat, location.lng) == (41.05, -73.53)
