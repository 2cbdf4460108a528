"""Issue categories from what drivers actually type."""

from __future__ import annotations

import pytest

from bot.actions.parsing.issue import CATEGORIES, categorise_issue, needs_tow


def test_categories_match_the_dispatch_schema() -> None:
    assert CATEGORIES == ("flat_tire", "battery", "lockout", "fuel", "tow", "winch", "accident", "other")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # flat_tire
        ("flat", "flat_tire"),
        ("flat tire", "flat_tire"),
        ("flat tyre", "flat_tire"),
        ("FLAT TIRE!!", "flat_tire"),
        ("blowout", "flat_tire"),
        ("tire blew", "flat_tire"),
        ("blew a tire on the highway", "flat_tire"),
        ("blown tire", "flat_tire"),
        ("popped tire", "flat_tire"),
        ("my tire popped", "flat_tire"),
        ("flat on I-95", "flat_tire"),
        ("flatt tire need spare put on", "flat_tire"),
        ("two flats", "flat_tire"),
        ("nail in my tire its going flat", "flat_tire"),
        ("hit a pothole and now my tire is flat", "flat_tire"),
        ("need help changing a tyre", "flat_tire"),
        # battery
        ("batery ded", "battery"),
        ("battery dead", "battery"),
        ("dead battery", "battery"),
        ("bettery is dead", "battery"),
        ("batterry died", "battery"),
        ("won't start, clicking", "battery"),
        ("wont start clicking noise", "battery"),
        ("car wont start", "battery"),
        ("it doesnt turn over", "battery"),
        ("needs a jump", "battery"),
        ("need a jump start", "battery"),
        ("jumpstart", "battery"),
        ("left my lights on", "battery"),
        ("my car is dead", "battery"),
        ("clickin when i turn the key", "battery"),
        # lockout
        ("locked out", "lockout"),
        ("lockd my keys in", "lockout"),
        ("locked my keys in the car", "lockout"),
        ("keys inside", "lockout"),
        ("keys locked in trunk", "lockout"),
        ("left keys in the car and its locked", "lockout"),
        ("lost my keys", "lockout"),
        ("cant get in my car", "lockout"),
        ("lockedout", "lockout"),
        # fuel
        ("out of gas", "fuel"),
        ("ran out of fuel", "fuel"),
        ("no gas", "fuel"),
        ("empty tank", "fuel"),
        ("outta gas", "fuel"),
        ("ran out of diesel on 95", "fuel"),
        ("tank is empty", "fuel"),
        ("need gas", "fuel"),
        ("out of petrol", "fuel"),
        # tow
        ("need a tow", "tow"),
        ("need a flatbed", "tow"),
        ("engine died", "tow"),
        ("engine is dead", "tow"),
        ("won't move", "tow"),
        ("smoke from engine", "tow"),
        ("overheating", "tow"),
        ("overheated on the highway", "tow"),
        ("overheting", "tow"),
        ("transmission", "tow"),
        ("transmision went out", "tow"),
        ("broke down", "tow"),
        ("car broke down on the side of the road", "tow"),
        ("brakes went out", "tow"),
        ("check engine light is flashing", "tow"),
        ("car makes a weird noise", "tow"),
        ("it stalled and wont go", "tow"),
        ("steam coming from the hood", "tow"),
        ("wheel came off", "tow"),
        # winch
        ("stuck in a ditch", "winch"),
        ("stuck in mud", "winch"),
        ("stuck in the snow", "winch"),
        ("slid off the road", "winch"),
        ("in the ditch", "winch"),
        ("car slid into a snowbank", "winch"),
        ("stuk in the mud need to be pulled out", "winch"),
        ("wheels spinning in sand", "winch"),
        ("need a winch", "winch"),
        # accident
        ("accident", "accident"),
        ("crash", "accident"),
        ("crashed into a pole", "accident"),
        ("hit by another car", "accident"),
        ("rear ended", "accident"),
        ("got rear-ended on 95", "accident"),
        ("fender bender", "accident"),
        ("collision", "accident"),
        ("acident on i95", "accident"),
        ("accidnet", "accident"),
        ("colision", "accident"),
        ("i hit a deer", "accident"),
        ("someone sideswiped me", "accident"),
        ("car crashed into a ditch", "accident"),
        ("hit a deer on rt 2, front smashed, radiator leaking", "accident"),
        ("accident on the Taconic, nobody hurt, car is totaled", "accident"),
        ("slid into a ditch on route 7, can't get out", "winch"),
        ("ran out of gas on i 91 s by exit 20", "fuel"),
        ("my tesla ran out of charge", "fuel"),
        ("ugh my honda died again", "tow"),
        ("car wont start and theres smoke coming out of the hood", "tow"),
        ("hi my car broke down", "tow"),
        ("I need help my tire is flat im on 84 east near exit 3", "flat_tire"),
        ("battery's dead at the Costco on Rte 1 Norwalk", "battery"),
        ("keys locked inside, toddler in the car seat", "lockout"),
        # other
        ("something is wrong with my car", "other"),
        ("car trouble", "other"),
        ("broken window", "other"),
    ],
)
def test_categorise_issue(text: str, category: str) -> None:
    assert categorise_issue(text) == category


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hi",
        "yes",
        "I'm on I-95 near exit 12",
        "2014 honda civic",
        "is there a gas station near",
        "my phone is dead, I'm on I-95",
        "dead end street",
        "towel",
        "near the town hall",
        "I need help",
        "I looked everywhere",
        "ran out of time",
        "i pulled off the road",
        "STOP",
        "agent",
        "better hurry",
        "rowing",
        # Things that are not the car.
        "my phone keeps crashing",
        "my laptop is broken",
        "my earbuds died",
        "the tv is broken",
        "my watch broke",
        "my phone screen is cracked",
    ],
)
def test_no_issue(text: str) -> None:
    assert categorise_issue(text) is None


@pytest.mark.parametrize(
    ("category", "text", "expected"),
    [
        ("tow", "engine died", True),
        ("tow", "broke down", True),
        ("accident", "fender bender", True),
        ("accident", "rear ended, car is fine", True),
        ("winch", "stuck in ditch", False),
        ("winch", "in ditch, can't drive it", True),
        ("winch", "stuck in mud and it won't drive", True),
        ("winch", "slid off the road, need a tow", True),
        ("flat_tire", "flat tire", False),
        ("flat_tire", "flat, no spare", True),
        ("flat_tire", "flat and I don't have a spare", True),
        ("flat_tire", "flat, spare is flat too", True),
        ("flat_tire", "two flat tires", True),
        ("flat_tire", "flat, need a tow", True),
        ("flat_tire", "flat tire, needs towing", True),
        ("flat_tire", "don't need a tow, just change the tire", False),
        ("battery", "dead battery", False),
        ("battery", "battery dead, can't drive it", True),
        ("battery", "dead battery, tow it to the shop", True),
        ("battery", "near the town hall", False),
        ("lockout", "locked out", False),
        ("fuel", "out of gas", False),
        ("fuel", "out of gas, tow me to the station", True),
        ("other", "car trouble", False),
        ("other", "car trouble, needs towing", True),
    ],
)
def test_needs_tow(category: str, text: str, expected: bool) -> None:
    assert needs_tow(category, text) is expected


@pytest.mark.parametrize(("text", "category"), [
    ("my phone is dead and my car wont start", "battery"),
    ("my phone keeps crashing and the car overheated", "tow"),
    ("laptop is fine but i have a flat", "flat_tire"),
])
def test_a_broken_gadget_beside_the_cars_problem_leaves_the_cars(text: str, category: str) -> None:
    assert categorise_issue(text) == category
