"""Realistic off-script messages and driver facts for generated conversations (test data)."""

from __future__ import annotations

from dataclasses import dataclass

# Each detour is something drivers really send mid-intake. Kind says what the
# bot should do with it: ack / wait / question → answer and keep the question;
# miss → "didn't get that" once (the generator never sends two in a row).
DETOURS: dict[str, tuple[str, ...]] = {
    "ack": (
        "yes", "ok", "okay", "k", "no", "nope", "thanks", "thank you", "ty", "cool", "👍", "👌", "?", "??",
        "...", "ok thanks", "got it", "sure", "alright", "yep", "hello?", "hi", "🙏", "sounds good",
        "k thx", "okie dokie", "😅", "yes please",
    ),
    "wait": (
        "wait", "hold on", "hold on let me look", "one sec", "give me a minute", "hang on", "brb",
        "let me check", "just a sec", "one moment please",
    ),
    "question": (
        "how long will it take?", "how long", "whats the eta", "when will the truck get here",
        "how much does this cost", "is my insurance covering this", "do i have to pay", "is this free",
        "are you a bot", "is this a real person", "whats my reference number", "can you call me instead",
        "what do you do with my number",
    ),
    "miss": (
        "asdfgh", "lol", "umm", "hmm ok so", "sorry my phone", "the kids are screaming", "ugh this day",
        "is it gonna rain", "huh", "this is so stressful", "umm what do i do now", "my phone is dying",
    ),
}


@dataclass(frozen=True)
class Car:
    text: str
    year: int | None
    make: str
    model: str


@dataclass(frozen=True)
class Place:
    text: str
    expect: str  # a piece the stored pickup must contain
    rough: str | None = None  # a vague first answer that needs the follow-up


@dataclass(frozen=True)
class Problem:
    text: str
    category: str
    tow: bool


PLACES = (
    Place("I-95 N near exit 12", "exit 12"),
    Place("123 Main St, Springfield", "123 Main St"),
    Place("corner of Elm and 5th", "Elm and 5th"),
    Place("rte 9 by the shell station in Framingham", "shell station"),
    Place("mile marker 34 on i-90 west", "mile marker 34"),
    Place("exit 15", "exit 15", rough="on the mass pike"),
    Place("near exit 4", "exit 4", rough="I-84 east"),
    Place("the walmart parking lot on route 1", "walmart"),
    Place("42 Oak Ave, Natick", "42 Oak Ave"),
)
PROBLEMS = (
    Problem("flat tire", "flat_tire", False),
    Problem("batery ded", "battery", False),
    Problem("my battery died", "battery", False),
    Problem("locked my keys in the car", "lockout", False),
    Problem("ran out of gas", "fuel", False),
    Problem("it needs a tow, transmission is gone", "tow", True),
    Problem("car wont start, clicking", "battery", False),
)
CARS = (
    Car("2014 honda civic", 2014, "Honda", "Civic"),
    Car("toyota camry 2009", 2009, "Toyota", "Camry"),
    Car("2018 ford f150", 2018, "Ford", "F-150"),
    Car("silver 2016 nissan altima", 2016, "Nissan", "Altima"),
    Car("2020 jeep wrangler", 2020, "Jeep", "Wrangler"),
)
WRONG_CARS = ("2012 kia soul", "2011 mazda 3")
DROPOFFS = ("Smith Auto, 45 Elm St, Natick", "joes garage on 5th st")
