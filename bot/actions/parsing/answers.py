"""What one message answers, slot by slot, judged by its content (pure, no I/O).

Every message is read for every slot: "my battery died" sent when the bot
asked where the car is fills the problem, not the pickup. A slot only takes
free text when the bot asked for it and the text looks like that kind of
answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actions.parsing.asides import DONT_KNOW, aside_kind
from bot.actions.parsing.issue import categorise_issue
from bot.actions.parsing.location import Location, is_vague_location, location_needs_detail, parse_location
from bot.actions.parsing.location.other_languages import FINDABLE, ROUGH, VAGUE, names_a_dropoff, place_kind, place_part
from bot.actions.parsing.location.place_questions import asks_about_a_place
from bot.actions.parsing.vehicle import parse_vehicle, parse_year
from facts.folding import compile_folded, folded_words

MAX_SLOT_CHARS = 200

_BODY_TYPES = re.compile(
    r"\b(?:suv|truck|pick\s*-?\s*up(?:\s+truck)?|van|minivan|mini\s+van|sedan|coupe|wagon|hatchback|hatch"
    r"|convertible|motorcycle|motorbike|bike|scooter|rv|camper|motorhome|crossover|jeep|car)\b",
    re.IGNORECASE,
)
# "in stamford", "near natick", "outside of worcester": a town in lower case, vague on its own.
_LOOSE_TOWN = re.compile(
    r"^(?:(?:i'?m|we'?re|we\s+are|i\s+am|it'?s|the\s+car\s+is|car\s+is|stuck|broke\s+down)\s+)?"
    r"(?:in|near|outside(?:\s+of)?|just\s+outside(?:\s+of)?|around|close\s+to|downtown)\s+"
    r"[a-z][a-z.'-]+(?:\s+[a-z][a-z.'-]+)?\s*[.!]*$",
    re.IGNORECASE,
)
# Where a tow can go, said without an address: "my mechanic", "the dealer", "home".
_DROPOFF_PLACE = re.compile(
    r"\b(?:garage|shop|dealer\w*|mechanic\w*|auto|motors|body\s+shop|tire|tyre|service|home|house|place|work"
    r"|office|driveway|street|st|ave|avenue|road|rd|lane|drive|blvd)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]{2,}")
# Thinking aloud, not an answer: "hmm ok so", "umm", "lol", "ugh".
_FILLER = re.compile(r"^(?:(?:h+m+|u+m+|u+h+|e+r+m*|lol|ugh|huh|so|ok|okay|well|like|wait|what)\W*\s*)+$",
                     re.IGNORECASE)
_CORRECTION = re.compile(
    r"\b(?:actually|sorry|i\s+meant|i\s+mean|correction|wrong|not\s+an?|no\s*,|no\s+it'?s|it'?s\s+actually"
    r"|instead|my\s+bad|oops)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Facts:
    """What a message says about each slot; None where it says nothing."""

    pickup: str | None = None
    pickup_lat: float | None = None
    pickup_lng: float | None = None
    # A place too rough for a truck to find ("mass pike", "I-95", "here"): worth one follow-up.
    rough_pickup: str | None = None
    issue: str | None = None
    vehicle: str | None = None
    dropoff: str | None = None
    # Words that answer the pickup question without looking like a place ("behind the blue warehouse",
    # "phía sau nhà kho màu xanh"): taken only after the one follow-up, which promises to accept what the driver gives.
    free_pickup: str | None = None

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.pickup, self.rough_pickup, self.issue, self.vehicle, self.dropoff))


def capped(text: str, limit: int = MAX_SLOT_CHARS) -> str:
    """Free text as stored: trimmed, at most ``limit`` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-")


def body_type_vehicle(text: str) -> bool:
    """A year with a body type ("2015 red suv", "an 09 pickup"): enough to tell a truck what to look for."""
    return parse_year(text) is not None and _BODY_TYPES.search(text) is not None


# The same in Vietnamese, Indonesian and Russian ("à không, xe là Mazda 3", "eh salah", "ой, нет, Kia Rio").
_CORRECTION_OTHER = compile_folded((
    r"^(?:à |ờ |ơ )?không\b", r"\bkhông phải\b", r"\bnhầm\b", r"\bxin lỗi\b", r"\bý (?:tôi|em|mình) là\b",
    r"\bsửa lại\b", r"\bđúng ra là\b", r"\bchứ không phải\b",
    r"^eh\b", r"\bsalah\b", r"\bmaaf\b", r"\bmaksud\w*", r"^bukan\b", r"\bkoreksi\b", r"\bralat\b",
    r"^(?:ой|ой нет|нет)\b", r"\bне то\b", r"\bточнее\b", r"\bвернее\b", r"\bизвин\w*", r"\bисправ\w*",
    r"\bошиб\w*", r"\bна самом деле\b", r"\bа не\b",
))


def is_correction(text: str) -> bool:
    """The driver corrects something said before ("actually it's a 2015", "sorry, exit 13"), in any language."""
    return _CORRECTION.search(text) is not None or _CORRECTION_OTHER.search(folded_words(text)) is not None


def _vehicle_text(text: str) -> str | None:
    vehicle = parse_vehicle(text)
    if vehicle is not None:
        return vehicle.text
    return text if body_type_vehicle(text) else None


def _free_answer(text: str, intent: str | None) -> bool:
    """Words that may stand as an answer of their own: NLU read them as one (``inform``), at least two
    words, and neither an aside ("ok", "how long?") nor thinking aloud ("hmm ok so")."""
    return (intent in (None, "inform") and aside_kind(text) is None and not _FILLER.match(text.strip())
            and len(_WORD.findall(text)) >= 2)


def _is_point(location: Location) -> bool:
    return location.lat is not None and location.lng is not None


def read_facts(text: str, requested: str | None, intent: str | None = None) -> Facts:
    """Everything ``text`` says about the intake, given the slot the bot asked for last.

    Free text (a problem we have no category for, a drop-off without an address)
    is only taken when NLU read the message as an answer (intent ``inform``).
    """
    if not text.strip():
        return Facts()
    issue = text if categorise_issue(text) is not None else None
    vehicle = _vehicle_text(text)
    if asks_about_a_place(text):
        return Facts(issue=issue, vehicle=vehicle)
    if requested == "dropoff":
        # "Joe's garage on Main St" answers where to tow it, not where the car is.
        place = parse_location(text) is not None or _DROPOFF_PLACE.search(text) is not None \
            or names_a_dropoff(text)
        dropoff = text if place or (not issue and not vehicle and _free_answer(text, intent)) else None
        return Facts(issue=issue if not dropoff else None, vehicle=vehicle if vehicle and not issue else None,
                     dropoff=dropoff)
    location = parse_location(text)
    pickup = rough = None
    lat = lng = None
    whole_answer = requested in (None, "pickup") and issue is None and vehicle is None
    if location is not None and _is_point(location):
        pickup, lat, lng = (text if location.text == text.strip() else location.text), location.lat, location.lng
    elif location is not None and location_needs_detail(text):
        rough = text if whole_answer else location.text
    elif location is not None:
        # The driver's own words keep details a parser trims ("northbound", the town).
        pickup = text if whole_answer else location.text
    elif (kind := place_kind(text)) == FINDABLE:
        # Vietnamese, Indonesian or Russian: kept as written; only the place part when the problem or car
        # is in the same message ("aki soak di Jl. Malioboro No. 52" -> "Jl. Malioboro No. 52").
        pickup = text if whole_answer else (place_part(text) or text)
    elif kind == ROUGH or (kind == VAGUE and requested == "pickup"):
        rough = text if whole_answer and kind == ROUGH else ""
    elif requested == "pickup" and _LOOSE_TOWN.match(text.strip()):
        rough = text
    elif requested == "pickup" and whole_answer and is_vague_location(text) and aside_kind(text) in (None, DONT_KNOW):
        rough = ""
    if (requested == "issue" and issue is None and vehicle is None and pickup is None and rough is None
            and _free_answer(text, intent)):
        # Not one of our categories: the driver's own words, filed as "other".
        issue = text
    free = None
    if (requested == "pickup" and whole_answer and pickup is None and rough is None
            and intent == "inform" and _free_answer(text, intent)):
        free = text
    return Facts(pickup=pickup, pickup_lat=lat, pickup_lng=lng, rough_pickup=rough, issue=issue, vehicle=vehicle,
                 free_pickup=free)


def detailed_pickup(rough: str, detail: str) -> str:
    """The follow-up answer joined to the rough place ("mass pike" + "exit 12" -> "mass pike, exit 12")."""
    rough, detail = rough.strip(), detail.strip()
    if not rough or rough.lower() in detail.lower():
        return detail
    if not detail:
        return rough
    return f"{rough}, {detail}"
