"""Vehicle descriptions as drivers type them."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from bot.actions.parsing.vehicle import Vehicle, parse_vehicle, parse_year

THIS_YEAR = datetime.date.today().year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("flat on I-95 N by exit 12, 2014 honda civic", Vehicle("2014 honda civic", 2014, "Honda", "Civic", None)),
        ("silver 2014 honda civic", Vehicle("silver 2014 honda civic", 2014, "Honda", "Civic", "silver")),
        ("2014 silver honda civic", Vehicle("2014 silver honda civic", 2014, "Honda", "Civic", "silver")),
        ("my chevy silverado", Vehicle("chevy silverado", None, "Chevrolet", "Silverado", None)),
        ("toyta camry 09", Vehicle("toyta camry 09", 2009, "Toyota", "Camry", None)),
        ("'09 toyota camry", Vehicle("'09 toyota camry", 2009, "Toyota", "Camry", None)),
        ("vw jetta", Vehicle("vw jetta", None, "Volkswagen", "Jetta", None)),
        ("merc c300", Vehicle("merc c300", None, "Mercedes-Benz", "C300", None)),
        ("f150", Vehicle("f150", None, "Ford", "F-150", None)),
        ("F-150", Vehicle("F-150", None, "Ford", "F-150", None)),
        ("ford f 150", Vehicle("ford f 150", None, "Ford", "F-150", None)),
        ("2018 tesla model 3", Vehicle("2018 tesla model 3", 2018, "Tesla", "Model 3", None)),
        ("Mercedes-Benz E350 2016", Vehicle("Mercedes-Benz E350 2016", 2016, "Mercedes-Benz", "E350", None)),
        ("range rover", Vehicle("range rover", None, "Land Rover", "Range Rover", None)),
        ("2012 honda crv", Vehicle("2012 honda crv", 2012, "Honda", "CR-V", None)),
        ("black 2020 Toyota RAV4", Vehicle("black 2020 Toyota RAV4", 2020, "Toyota", "RAV4", "black")),
        ("dark blue 2016 subaru outback", Vehicle("dark blue 2016 subaru outback", 2016, "Subaru", "Outback",
                                                  "dark blue")),
        ("hyundia elantra 2017", Vehicle("hyundia elantra 2017", 2017, "Hyundai", "Elantra", None)),
        ("hundai sonata", Vehicle("hundai sonata", None, "Hyundai", "Sonata", None)),
        ("volkswagon passat", Vehicle("volkswagon passat", None, "Volkswagen", "Passat", None)),
        ("nisan altima", Vehicle("nisan altima", None, "Nissan", "Altima", None)),
        ("2011 subie forester", Vehicle("2011 subie forester", 2011, "Subaru", "Forester", None)),
        ("bmw 328i", Vehicle("bmw 328i", None, "BMW", "328i", None)),
        ("mazda 3", Vehicle("mazda 3", None, "Mazda", "Mazda3", None)),
        ("ram 1500", Vehicle("ram 1500", None, "Ram", "1500", None)),
        ("dodge ram 2500", Vehicle("dodge ram 2500", None, "Dodge", "Ram 2500", None)),
        ("white silverado 1500", Vehicle("white silverado 1500", None, "Chevrolet", "Silverado 1500", "white")),
        ("jeep wrangler", Vehicle("jeep wrangler", None, "Jeep", "Wrangler", None)),
        ("jeep grand cherokee 2015", Vehicle("jeep grand cherokee 2015", 2015, "Jeep", "Grand Cherokee", None)),
        ("caddy escalade", Vehicle("caddy escalade", None, "Cadillac", "Escalade", None)),
        ("infinity g35", Vehicle("infinity g35", None, "Infiniti", "G35", None)),
        ("jag xf", Vehicle("jag xf", None, "Jaguar", "XF", None)),
        ("kia soul red", Vehicle("kia soul red", None, "Kia", "Soul", "red")),
        ("toyota camery", Vehicle("toyota camery", None, "Toyota", "Camry", None)),
        ("chevorlet malibu", Vehicle("chevorlet malibu", None, "Chevrolet", "Malibu", None)),
        ("2009 hyndai elantra", Vehicle("2009 hyndai elantra", 2009, "Hyundai", "Elantra", None)),
        ("volkswagn golf", Vehicle("volkswagn golf", None, "Volkswagen", "Golf", None)),
        ("alfa romeo giulia", Vehicle("alfa romeo giulia", None, "Alfa Romeo", "Giulia", None)),
        ("land rover discovery", Vehicle("land rover discovery", None, "Land Rover", "Discovery", None)),
        ("mini cooper", Vehicle("mini cooper", None, "Mini", "Cooper", None)),
        ("2019 rivian r1t", Vehicle("2019 rivian r1t", 2019, "Rivian", "R1T", None)),
        ("peugeot 208", Vehicle("peugeot 208", None, "Peugeot", "208", None)),
        ("skoda octavia", Vehicle("skoda octavia", None, "Skoda", "Octavia", None)),
        ("vauxhall corsa", Vehicle("vauxhall corsa", None, "Vauxhall", "Corsa", None)),
        ("citroen c4", Vehicle("citroen c4", None, "Citroen", "C4", None)),
        ("2015 ford focus", Vehicle("2015 ford focus", 2015, "Ford", "Focus", None)),
        ("chevy truck", Vehicle("chevy truck", None, "Chevrolet", None, None)),
        ("smart car", Vehicle("smart car", None, "Smart", None, None)),
        # Model-only recognition for very common cars.
        ("camry", Vehicle("camry", None, "Toyota", "Camry", None)),
        ("my civic", Vehicle("civic", None, "Honda", "Civic", None)),
        ("2013 civic", Vehicle("2013 civic", 2013, "Honda", "Civic", None)),
        ("its a rav4", Vehicle("rav4", None, "Toyota", "RAV4", None)),
        ("gray prius", Vehicle("gray prius", None, "Toyota", "Prius", "gray")),
        ("2016 wrangler", Vehicle("2016 wrangler", 2016, "Jeep", "Wrangler", None)),
        # Makes on their own.
        ("honda", Vehicle("honda", None, "Honda", None, None)),
        ("its a ford", Vehicle("ford", None, "Ford", None, None)),
        ("my dodge", Vehicle("dodge", None, "Dodge", None, None)),
        ("Toyota.", Vehicle("Toyota", None, "Toyota", None, None)),
    ],
)
def test_parse_vehicle(text: str, expected: Vehicle) -> None:
    assert parse_vehicle(text) == expected


@pytest.mark.parametrize(
    ("text", "year", "make", "model", "color"),
    [
        ("im on rte 9 near exit 4 and my 2010 toyota corolla has a flat", 2010, "Toyota", "Corolla", None),
        ("batery ded. blue nissan rogue 2018 at 45 elm st", 2018, "Nissan", "Rogue", "blue"),
        ("locked keys in my red jeep cherokee at the walmart", None, "Jeep", "Cherokee", "red"),
        ("honda civic, it's a 2014", 2014, "Honda", "Civic", None),
        ("I live at 2010 Elm St, honda civic", None, "Honda", "Civic", None),
        ("out of gas i95 n mm 45 gmc sierra", None, "GMC", "Sierra", None),
        ("my wifes acura mdx wont start", None, "Acura", "MDX", None),
        ("2007 Lexus RX350 smoking on the shoulder", 2007, "Lexus", "RX 350", None),
        ("HONDA ACCORD 2011 FLAT TIRE", 2011, "Honda", "Accord", None),
        ("stuck in a ditch in my 02 chevy tahoe", 2002, "Chevrolet", "Tahoe", None),
        ("exit 12 honda civic", None, "Honda", "Civic", None),  # 12 is the exit, not 2012
        ("my beemer x5 won't start", None, "BMW", "X5", None),
        ("it's a 1967 mustang", 1967, "Ford", "Mustang", None),
        ("Lincoln Navigator 2019 black", 2019, "Lincoln", "Navigator", "black"),
        ("I have a 2003 Ford Ranger", 2003, "Ford", "Ranger", None),
        ("ugh my honda died again", None, "Honda", None, None),
        ("its a grey 2017 nissan sentra", 2017, "Nissan", "Sentra", "grey"),
        ("my tesla ran out of charge", None, "Tesla", None, None),
        ("dodge ram 2500 has a flat", None, "Dodge", "Ram 2500", None),
        ("lincoln navigator has a flat", None, "Lincoln", "Navigator", None),
        ("my honda, take it to the honda dealer", None, "Honda", None, None),
        # The word after a make is not a model when it says what happened.
        ("my honda blew a tire", None, "Honda", None, None),
        ("my toyota stalled", None, "Toyota", None, None),
        ("my kia smells like gas", None, "Kia", None, None),
        ("my nissan i95 north", None, "Nissan", None, None),
        ("my subaru 123 main st", None, "Subaru", None, None),
        ("my mazda outside", None, "Mazda", None, None),
    ],
)
def test_vehicle_inside_longer_messages(
    text: str, year: int | None, make: str, model: str | None, color: str | None
) -> None:
    vehicle = parse_vehicle(text)
    assert vehicle is not None
    assert (vehicle.year, vehicle.make, vehicle.model, vehicle.color) == (year, make, model, color)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "flat tire",
        "battery dead on I-95 N exit 12",
        "I'm on Ford St",
        "in Lincoln, near the mall",
        "had to dodge a deer",
        "I'm in the back seat",
        "that was a smart move",
        "parked at the civic center",
        "2014",
        "my car",
        "a red truck",
        "the porch light is on",
        "I need help now",
        "on Mercury Ave by the Saturn Rd exit",
        "the seat belt is stuck",
        "I'm on rte 9 by the shell",
        "black",
        "2019",
        "it's the white one",
        "Where is the truck?",
        "cancel my tow",
        "tow it to the ford dealership",
    ],
)
def test_no_vehicle(text: str) -> None:
    assert parse_vehicle(text) is None


def test_vehicle_is_frozen() -> None:
    vehicle = parse_vehicle("2014 honda civic")
    assert vehicle is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        vehicle.year = 2015  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2014", 2014),
        ("its a 2014", 2014),
        ("1950", 1950),
        ("1949", None),
        (str(THIS_YEAR + 1), THIS_YEAR + 1),
        (str(THIS_YEAR + 2), None),
        ("'09", 2009),
        ("09", 2009),
        ("99", 1999),
        ("57", 1957),
        (f"{(THIS_YEAR + 1) % 100:02d}", THIS_YEAR + 1),
        ("exit 12", None),
        ("12345", None),
        ("call 555-2014", None),
        ("41.2014, -73.5", None),
        ("no year", None),
        ("", None),
    ],
)
def test_parse_year(text: str, year: int | None) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("honda civic 1949", None),
        (f"honda civic {THIS_YEAR + 2}", None),
        ("toyota camry 00", 2000),
        ("toyota camry 69", 1969),
        ("toyota camry 49", None),  # 1949: too old to be a plausible model year
    ],
)
def test_vehicle_year_range(text: str, year: int | None) -> None:
    vehicle = parse_vehicle(text)
    assert vehicle is not None
    assert vehicle.year == year


def test_make_table_has_at_least_forty_makes() -> None:
    makes = {
        "chevy": "Chevrolet", "chevrolet": "Chevrolet", "chevorlet": "Chevrolet", "toyta": "Toyota",
        "toyoya": "Toyota", "hundai": "Hyundai", "hyundia": "Hyundai", "volkswagon": "Volkswagen",
        "vw": "Volkswagen", "merc": "Mercedes-Benz", "benz": "Mercedes-Benz", "mercedez": "Mercedes-Benz",
        "nissan": "Nissan", "nisan": "Nissan", "subie": "Subaru", "subaru": "Subaru", "mazda": "Mazda", "kia": "Kia",
        "jeep": "Jeep", "dodge": "Dodge", "ram": "Ram", "gmc": "GMC", "buick": "Buick", "cadillac": "Cadillac",
        "caddy": "Cadillac", "lexus": "Lexus", "acura": "Acura", "infiniti": "Infiniti", "infinity": "Infiniti",
        "lincoln": "Lincoln", "chrysler": "Chrysler", "mitsubishi": "Mitsubishi", "volvo": "Volvo", "audi": "Audi",
        "porsche": "Porsche", "tesla": "Tesla", "mini": "Mini", "fiat": "Fiat", "jaguar": "Jaguar", "jag": "Jaguar",
        "land rover": "Land Rover", "range rover": "Land Rover", "genesis": "Genesis", "alfa romeo": "Alfa Romeo",
        "suzuki": "Suzuki", "saab": "Saab", "pontiac": "Pontiac", "saturn": "Saturn", "scion": "Scion",
        "rivian": "Rivian", "polestar": "Polestar", "hummer": "Hummer", "isuzu": "Isuzu", "smart": "Smart",
        "peugeot": "Peugeot", "renault": "Renault", "skoda": "Skoda", "seat": "SEAT", "opel": "Opel",
        "vauxhall": "Vauxhall", "citroen": "Citroen", "dacia": "Dacia", "bmw": "BMW", "honda": "Honda",
        "ford": "Ford", "hyundai": "Hyundai", "toyota": "Toyota", "mercedes": "Mercedes-Benz",
    }
    # "2015 <make> car" gives even the ambiguous makes (ram, seat, smart) the context they need.
    found = {alias: (parse_vehicle(f"2015 {alias} car") or Vehicle("", None, None, None, None)).make
             for alias in makes}
    assert found == makes
    assert len(set(makes.values())) >= 40
