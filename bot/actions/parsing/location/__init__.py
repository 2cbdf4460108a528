"""Find where the car is (or where it should go) in a driver's free-text message.

Map links and coordinates give a point; everything else gives the words a
driver would read to a tow-truck driver ("I-95 N by exit 12"). No network:
short links that need resolving are not followed.

coordinates and map_links read points; roads, streets and places find the
phrases that name part of a place (spans collects them); groups joins them and
trailing grows them; pickup_dropoff picks the best; vagueness judges an answer.
"""

from __future__ import annotations

from bot.actions.parsing.location.coordinates import parse_coordinates
from bot.actions.parsing.location.map_links import parse_map_link
from bot.actions.parsing.location.pickup_dropoff import SHARED_LOCATION, Location, parse_dropoff, parse_location
from bot.actions.parsing.location.roads import normalise_road_shorthand
from bot.actions.parsing.location.vagueness import is_vague_location, location_needs_detail

__all__ = [
    "SHARED_LOCATION",
    "Location",
    "is_vague_location",
    "location_needs_detail",
    "normalise_road_shorthand",
    "parse_coordinates",
    "parse_dropoff",
    "parse_location",
    "parse_map_link",
]
