"""Pickup and drop-off locations: map links, coordinates and roadside words."""

from __future__ import annotations

import pytest

from bot.actions.parsing.location import (
    Location,
    is_vague_location,
    normalise_road_shorthand,
    parse_coordinates,
    parse_dropoff,
    parse_location,
    parse_map_link,
)


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("41.0534, -73.5387", (41.0534, -73.5387)),
        ("41.0534,-73.5387", (41.0534, -73.5387)),
        ("41.0534 -73.5387", (41.0534, -73.5387)),
        ("im at 41.0534, -73.5387 on the shoulder", (41.0534, -73.5387)),
        ("-33.8688, 151.2093", (-33.8688, 151.2093)),
        ("41.0534, −73.5387", (41.0534, -73.5387)),  # Unicode minus from a phone keyboard
        ("lat 41.05 lng -73.53", (41.05, -73.53)),
        ("Lat: 41.05, Long: -73.53", (41.05, -73.53)),
        ("latitude 41.05 longitude -73.53", (41.05, -73.53)),
        ("41.05N 73.53W", (41.05, -73.53)),
        ("41.05 N, 73.53 W", (41.05, -73.53)),
        ("N 41.05 W 73.53", (41.05, -73.53)),
        ("33.87S 151.21E", (-33.87, 151.21)),
        ("41°03'00\"N 73°31'48\"W", (41.05, -73.53)),
        ("41° 3.0' N 73° 31.8' W", (41.05, -73.53)),
    ],
)
def test_parse_coordinates(text: str, point: tuple[float, float]) -> None:
    found = parse_coordinates(text)
    assert found is not None
    assert found == pytest.approx(point)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "exit 12, 2014 honda civic",
        "I-95 N 12 W",  # a road and an exit number, not hemispheres
        "91.5, -73.5",  # latitude out of range
        "41.5, -193.5",  # longitude out of range
        "0.0, 0.0",  # what a broken GPS sends
        "mile marker 45.2",
        "123 Main St",
        "call me at 508 555 0142",
        "version 1.2.3",
    ],
)
def test_no_coordinates(text: str) -> None:
    assert parse_coordinates(text) is None


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("https://maps.google.com/?q=41.05,-73.53", (41.05, -73.53)),
        ("https://www.google.com/maps?q=41.05,-73.53", (41.05, -73.53)),
        ("https://www.google.com/maps/@41.05,-73.53,15z", (41.05, -73.53)),
        ("https://www.google.com/maps/place/Stamford,+CT/@41.05,-73.53,17z", (41.05, -73.53)),
        ("https://www.google.com/maps/search/41.05,+-73.53", (41.05, -73.53)),
        ("https://www.google.com/maps/search/41.05,%20-73.53?entry=tts", (41.05, -73.53)),
        ("https://maps.google.com/maps?ll=41.05,-73.53&z=15", (41.05, -73.53)),
        ("https://www.google.co.uk/maps?q=51.5,-0.12", (51.5, -0.12)),
        ("http://maps.google.com/maps?q=loc:41.05,-73.53", (41.05, -73.53)),
        ("https://maps.google.com/?q=41.05%2C-73.53", (41.05, -73.53)),
        # The pin ("!3d…!4d…") beats the map centre ("@…").
        ("https://www.google.com/maps/place/Walmart/@41.0,-73.0,17z/data=!3m1!4b1!8m2!3d41.0512!4d-73.5321",
         (41.0512, -73.5321)),
        ("https://maps.apple.com/?ll=41.05,-73.53&q=Dropped%20Pin", (41.05, -73.53)),
        ("https://maps.apple.com/?q=41.05,-73.53", (41.05, -73.53)),
        ("https://maps.apple.com/?sll=41.05,-73.53", (41.05, -73.53)),
        ("https://maps.apple.com/place?coordinate=41.05,-73.53&name=Marked%20Location", (41.05, -73.53)),
        ("maps.apple.com/?ll=41.05,-73.53", (41.05, -73.53)),
        ("here you go: https://maps.google.com/?q=41.05,-73.53.", (41.05, -73.53)),
        ("https://waze.com/ul?ll=41.05,-73.53&navigate=yes", (41.05, -73.53)),
        ("https://www.openstreetmap.org/?mlat=41.05&mlon=-73.53#map=15/41.05/-73.53", (41.05, -73.53)),
    ],
)
def test_parse_map_link(text: str, point: tuple[float, float]) -> None:
    found = parse_map_link(text)
    assert found is not None
    assert found == pytest.approx(point)


@pytest.mark.parametrize(
    "text",
    [
        "https://maps.app.goo.gl/AbCdEf123",  # needs a redirect: never fetched
        "https://goo.gl/maps/AbCdEf123",
        "https://maps.google.com/?q=Walmart+Stamford",  # a search, no point
        "https://example.com/?q=41.05,-73.53",  # not a maps site
        "https://www.google.com/search?q=41.05,-73.53",  # Google, but not Maps
        "41.05, -73.53",  # coordinates, not a link
        "no link here",
    ],
)
def test_no_map_link(text: str) -> None:
    assert parse_map_link(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The road part of a message with several facts.
        ("flat on I-95 N by exit 12, 2014 honda civic", "I-95 N by exit 12"),
        ("I-95 N near exit 12, Stamford", "I-95 N near exit 12, Stamford"),
        ("i95 north exit 12", "i95 north exit 12"),
        ("hwy 1 mm 45", "hwy 1 mm 45"),
        ("rte 9 by the shell", "rte 9 by the shell"),
        ("mile marker 112 on I 80 west", "mile marker 112 on I 80 west"),
        ("northbound on I-95 just past exit 14", "northbound on I-95 just past exit 14"),
        ("stuck on 95 north", "95 north"),
        ("on the 405 south", "the 405 south"),
        ("2 miles past exit 7 on the mass pike", "2 miles past exit 7 on the mass pike"),
        ("near the 112 mile marker on I-80", "112 mile marker on I-80"),
        ("I'm at the rest area on I-84 east", "rest area on I-84 east"),
        ("car died in the left lane of the merritt parkway", "merritt parkway"),
        ("US 1 south", "US 1 south"),
        ("route 66", "route 66"),
        ("sr 9a near exit 3", "sr 9a near exit 3"),
        ("I-95 exit 12 heading to work", "I-95 exit 12"),
        # Street addresses and intersections.
        ("123 Main St, Springfield", "123 Main St, Springfield"),
        ("123 Main St. Springfield, MA 01105", "123 Main St. Springfield, MA 01105"),
        ("batery ded at 45 Elm Street Apt 3, Hartford", "45 Elm Street Apt 3, Hartford"),
        ("12 Oak St #4", "12 Oak St #4"),
        ("corner of 5th and Main", "corner of 5th and Main"),
        ("Elm st & Oak ave", "Elm st & Oak ave"),
        ("Main St and 5th Ave", "Main St and 5th Ave"),
        ("at the intersection of route 1 and elm", "intersection of route 1 and elm"),
        ("my car broke down on main st near the school", "main st near the school"),
        ("on oak dr", "oak dr"),
        ("on Main St Please hurry", "Main St"),
        ("honda civic on Ford St", "Ford St"),
        # Named places and towns.
        ("walmart parking lot on route 1", "walmart parking lot on route 1"),
        ("locked out at the Target in Norwalk", "Target in Norwalk"),
        ("at the Stamford Town Center parking garage", "Stamford Town Center parking garage"),
        ("Pilot Flying J off exit 5", "Pilot Flying J off exit 5"),
        ("near Stamford", "near Stamford"),
        ("I'm in Springfield, MA", "Springfield, MA"),
        # Home and work: location-like, if not enough for a truck on their own.
        ("i'm at home", "home"),
        ("at work", "work"),
        ("in the driveway of 12 oak st", "driveway of 12 oak st"),
        ("parked outside my house on 12 Oak Drive", "my house on 12 Oak Drive"),
        ("I'm in a parking lot", "parking lot"),
        # Everything at once.
        ("I'm on I-95 N near exit 12 Stamford CT, silver 2014 honda civic, flat tire",
         "I-95 N near exit 12 Stamford CT"),
        ("broke down on rt 9 near the dunkin in Middletown, need tow to Joe's Auto Repair on Main St",
         "rt 9 near the dunkin in Middletown"),
        ("I'm on I-95 at exit 12, tow it to 123 Main St", "I-95 at exit 12"),
        ("I need help my tire is flat im on 84 east near exit 3", "84 east near exit 3"),
        ("ran out of gas on i 91 s by exit 20", "i 91 s by exit 20"),
        ("just past the toll plaza on 287", "toll plaza on 287"),
        ("I don't know the exit, i'm between exits 8 and 9 on the NJ turnpike southbound",
         "exits 8 and 9 on the NJ turnpike southbound"),
        ("Mile 23 on the Garden State Parkway north", "Mile 23 on the Garden State Parkway north"),
        ("I'm on the M25 near junction 10", "M25 near junction 10"),
        ("Im at the Shell station on Post Rd in Darien", "Shell station on Post Rd in Darien"),
        ("battery's dead at the Costco on Rte 1 Norwalk", "Costco on Rte 1 Norwalk"),
        ("im in the parking lot of the Hilton", "parking lot of the Hilton"),
        ("the car is in my garage at 77 Maple Ave Apt 2B, New Rochelle NY 10801",
         "my garage at 77 Maple Ave Apt 2B, New Rochelle NY 10801"),
        ("my address is 10 Downing St, London", "10 Downing St, London"),
        ("tow to my mechanic please, Bob's Auto on 4th street", "Bob's Auto on 4th street"),
        # A model name that looks like a road belongs to the car.
        ("Audi A4 broke down on I-95", "I-95"),
        ("my BMW M3 is on the M25", "M25"),
        ("Lincoln Navigator in Lincoln, NE", "Lincoln, NE"),
        ("2014 honda civic at 123 Main St", "123 Main St"),
        # Only a destination: still the best (and only) location in the message.
        ("tow it to Joe's Garage on Elm St", "Joe's Garage on Elm St"),
    ],
)
def test_parse_location_words(text: str, expected: str) -> None:
    assert parse_location(text) == Location(expected, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://maps.google.com/?q=41.05,-73.53", Location("Shared location", 41.05, -73.53)),
        ("here https://maps.google.com/?q=41.05,-73.53", Location("Shared location", 41.05, -73.53)),
        ("https://maps.apple.com/?ll=41.05,-73.53&q=Dropped%20Pin", Location("Shared location", 41.05, -73.53)),
        ("on I-95 near exit 12 https://maps.google.com/?q=41.05,-73.53", Location("I-95 near exit 12", 41.05, -73.53)),
        ("https://maps.google.com/?q=41.05,-73.53 walmart on rte 1", Location("walmart on rte 1", 41.05, -73.53)),
        ("https://maps.apple.com/?address=123%20Main%20St,%20Springfield&ll=41.05,-73.53&q=123%20Main%20St",
         Location("123 Main St, Springfield", 41.05, -73.53)),
        ("https://www.google.com/maps/place/Walmart+Supercenter/@41.05,-73.53,17z/data=!3d41.0512!4d-73.5321",
         Location("Walmart Supercenter", 41.0512, -73.5321)),
        ("41.0534, -73.5387", Location("41.0534, -73.5387", 41.0534, -73.5387)),
        ("I'm at 41.0534,-73.5387 on the shoulder", Location("41.0534,-73.5387", 41.0534, -73.5387)),
        ("lat 41.05 lng -73.53", Location("lat 41.05 lng -73.53", 41.05, -73.53)),
        ("41.05N 73.53W near exit 12 on I-95", Location("exit 12 on I-95", 41.05, -73.53)),
        # A search link has a name but no point.
        ("https://maps.google.com/?q=Walmart+Stamford", Location("Walmart Stamford", None, None)),
    ],
)
def test_parse_location_with_point(text: str, expected: Location) -> None:
    found = parse_location(text)
    assert found is not None
    assert found.text == expected.text
    assert (found.lat, found.lng) == (pytest.approx(expected.lat), pytest.approx(expected.lng))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "battery dead",
        "stuck in a ditch",
        "out of gas",
        "my car won't start",
        "I need a tow",
        "2014 honda civic",
        "it's a 2015 ford focus",
        "flat tire",
        "I'm stuck in traffic",
        "help",
        "on my way home",
        "test drive went wrong",
        "on my way",
        "idk",
        "I'm on the side of the road",
        "call us 24/7",
        "https://maps.app.goo.gl/abc123",
        "yes",
        "the dirt road",
    ],
)
def test_no_location(text: str) -> None:
    assert parse_location(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tow it to Joe's Garage on Elm St", "Joe's Garage on Elm St"),
        ("broke down on rt 9, need tow to Joe's Auto Repair on Main St", "Joe's Auto Repair on Main St"),
        ("take it to the dealership on route 1", "dealership on route 1"),
        ("tow it to my house", "my house"),
        ("drop off: 12 Oak St", "12 Oak St"),
    ],
)
def test_parse_dropoff(text: str, expected: str) -> None:
    assert parse_dropoff(text) == Location(expected, None, None)


@pytest.mark.parametrize("text", ["I'm on I-95 at exit 12", "123 Main St", "idk", ""])
def test_no_dropoff(text: str) -> None:
    assert parse_dropoff(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "idk",
        "IDK",
        "i dont know",
        "I don't know",
        "dunno",
        "here",
        "right here",
        "not sure",
        "on the highway",
        "side of the road",
        "on the side of the road",
        "somewhere",
        "?",
        "??",
        "lost",
        "im lost",
        "no idea",
        "no clue",
        "in the middle of nowhere",
        "on the shoulder",
        "i'm at home",
        "in a parking lot",
        "at a gas station",
    ],
)
def test_vague_location(text: str) -> None:
    assert is_vague_location(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "I-95 N near exit 12",
        "i95",
        "exit 12",
        "mile marker 45",
        "mm 45",
        "on 95 north",
        "somewhere on rte 9",
        "123 Main St",
        "corner of 5th and Main",
        "Elm st & Oak ave",
        "41.0534, -73.5387",
        "https://maps.google.com/?q=41.05,-73.53",
        "https://maps.app.goo.gl/abc123",  # a link we cannot read is still not "idk"
        "near Stamford",
        "Stamford",
        "walmart on route 1",
        "idk, somewhere near exit 12",
        "by the big red barn",
    ],
)
def test_not_vague_location(text: str) -> None:
    assert is_vague_location(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i95 n exit 12", "I-95 N exit 12"),
        ("I 95", "I-95"),
        ("interstate 80 west", "I-80 west"),
        ("hwy 1", "Hwy 1"),
        ("HWY 1", "Hwy 1"),
        ("rte9 by the shell", "Rte 9 by the shell"),
        ("rte 9 sb", "Rte 9 SB"),
        ("I 80 west mm 112", "I-80 west MM 112"),
        ("sr 9a", "SR 9A"),
        ("123 Main St", "123 Main St"),
        ("the hwy", "the Hwy"),
    ],
)
def test_normalise_road_shorthand(text: str, expected: str) -> None:
    assert normalise_road_shorthand(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("my batery is ded on rte 9 by exit 4 in natick", "rte 9 by exit 4 in natick"),
    ("flat on i95 n exit 12 near new haven", "i95 n exit 12 near new haven"),
    ("stuck on rte 9 exit 4 in traffic", "rte 9 exit 4"),
])
def test_lowercase_town_after_a_road_is_kept(text: str, expected: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.text == expected
