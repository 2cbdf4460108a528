"""Places in words: intersections, brands, place nouns ("rest area"), named places, towns and home."""

from __future__ import annotations

import re

from bot.actions.parsing.location.stopwords import STREET_NAME_STOP, TOWN_STOP
from bot.actions.parsing.location.tokens import Span

INTERSECTION_RE = re.compile(
    r"\b(?:corner|intersection|junction|crossroads?|cross\s+streets?(?:\s+are)?)\s+(?:of\s+)?"
    r"[^,.;!?\n]{1,40}?\s+(?:and|&|@|/|at|n)\s+[A-Za-z0-9][\w'.-]*"
    r"(?:\s+(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|way|pl|ct|hwy|pkwy)\b\.?)?",
    re.IGNORECASE,
)
_BRANDS = (
    r"wal-?mart(?:\s+supercenter)?|target|costco|home\s+depot|lowe'?s|mc\s*donald'?s|mcd'?s|starbucks"
    r"|dunkin(?:'?\s+donuts)?|burger\s+king|wendy'?s|taco\s+bell|kfc|chick-?fil-?a|cracker\s+barrel|shell"
    # "Mobil" alone is Indonesian for "car": the brand only as "the Mobil" or "Mobil station/gas".
    r"|exxon(?:\s*mobil)?|(?<=the\s)mobil|mobil(?=\s+(?:gas|station))|bp|chevron|sunoco|citgo|wawa|sheetz|7-?\s*eleven|speedway|circle\s+k|quik\s*trip"
    r"|racetrac|valero|arco|love'?s\s+travel\s+stop|pilot\s+(?:travel\s+center|flying\s+j)|flying\s+j"
    r"|buc-?ee'?s|cvs|walgreens|rite\s+aid|kroger|safeway|publix|aldi|lidl|trader\s+joe'?s|whole\s+foods"
    r"|stop\s*(?:&|and|n)\s*shop|shoprite|wegmans|meijer|ikea|best\s+buy|dollar\s+general|dollar\s+tree|autozone"
    r"|advance\s+auto(?:\s+parts)?|pep\s+boys|jiffy\s+lube|firestone|discount\s+tire|applebee'?s|ihop"
    r"|denny'?s|waffle\s+house|olive\s+garden|panera|chipotle|kohl'?s|sam'?s\s+club|bj'?s|tesco|asda"
    r"|sainsbury'?s|morrisons|tim\s+hortons|canadian\s+tire|petro-?canada|esso|cumberland\s+farms|quick\s*chek"
    r"|royal\s+farms|casey'?s|kwik\s+trip|marathon\s+gas|gulf\s+station|hilton|marriott|hampton\s+inn"
    r"|holiday\s+inn(?:\s+express)?|best\s+western|motel\s+6|super\s+8|days\s+inn|comfort\s+inn|la\s+quinta"
    r"|red\s+roof\s+inn"
)
BRAND_RE = re.compile(rf"\b(?:{_BRANDS})(?![\w'])", re.IGNORECASE)
_PLACE_NOUNS = (
    r"parking\s+(?:lot|garage|deck|structure|area)|car\s+park|rest\s+(?:area|stop)|service\s+(?:area|plaza|station)"
    r"|travel\s+(?:plaza|center|centre)|truck\s+stop|weigh\s+station|toll\s+(?:plaza|booth)|gas\s+station"
    r"|petrol\s+station|filling\s+station|shopping\s+(?:center|centre|plaza|mall)|strip\s+mall|mall|airport"
    r"|hospital|school|church|park\s+(?:and|&|n)\s+ride|train\s+station|bus\s+station|stadium|motel|hotel"
    r"|campground|trailhead|marina|beach|boat\s+launch|dealership|car\s+wash|apartment\s+complex|overpass"
    r"|underpass|tunnel|bridge|(?:on|off)\s*-?\s*ramp|ramp|plaza|college|university|library|post\s+office"
    r"|town\s+(?:center|centre|hall)|fire\s+station|police\s+station|diner|restaurant|garage|body\s+shop"
    r"|(?:auto|repair|tire|tyre|mechanic'?s?)\s+(?:shop|repair|center|centre)|mechanic'?s?|service\s+center"
)
PLACE_RE = re.compile(rf"\b(?:{_PLACE_NOUNS})\b", re.IGNORECASE)
# Capitalised words just before a place noun name it: "Stamford Town Center", "Logan Airport".
_NAMED_PLACE_RE = re.compile(
    rf"((?:\b[A-Z][\w'&.-]*\s+){{1,4}})"
    rf"(?i:{_PLACE_NOUNS}|center|centre|park|station|auto|motors|automotive|repair|collision|service|tires?|towing)\b"
)
_HOME_RE = re.compile(
    r"\b(?:at|in|to|outside(?:\s+of)?|in\s+front\s+of|near|by|behind)\s+(?:the\s+)?"
    r"((?:my|our|his|her|their|my\s+\w+'?s)?\s*"
    r"(?:home|house|work|office|job|apartment|apt|driveway|garage|building|condo|dorm|place))\b",
    re.IGNORECASE,
)
_TOWN_RE = re.compile(
    r"\b(?P<prep>(?i:in|near|outside(?:\s+of)?|just\s+outside(?:\s+of)?|around|close\s+to|entering|leaving))\s+"
    r"(?P<name>[A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})(?:,?\s+(?P<state>[A-Z]{2})\b)?"
)


def named_place_spans(text: str) -> list[Span]:
    """Capitalised names before a place noun: "Stamford Town Center", "Joe's Auto"."""
    spans = []
    for m in _NAMED_PLACE_RE.finditer(text):
        names = m.group(1).split()
        drop = 0
        while drop < len(names) and names[drop].lower().strip("'") in TOWN_STOP | STREET_NAME_STOP:
            drop += 1
        if drop == len(names):
            continue
        start = m.start(1) + m.group(1).index(names[drop])
        spans.append(Span(start, m.end(), "named_place"))
    return spans


def town_spans(text: str) -> list[Span]:
    """A capitalised town after "in", "near", "outside of"...: "near Stamford, CT"."""
    spans = []
    for m in _TOWN_RE.finditer(text):
        first = m.group("name").split()[0].lower()
        if first in TOWN_STOP or first in STREET_NAME_STOP:
            continue
        # "in Stamford" reads as "Stamford"; "near Stamford" keeps its "near".
        start = m.start("name") if m.group("prep").lower() == "in" else m.start()
        spans.append(Span(start, m.end(), "town"))
    return spans


def home_spans(text: str) -> list[Span]:
    """Home, work and the like: "at my house", "outside work"."""
    spans = []
    for m in _HOME_RE.finditer(text):
        phrase = m.group(1)
        offset = len(phrase) - len(phrase.lstrip())
        spans.append(Span(m.start(1) + offset, m.end(1), "home"))
    return spans
