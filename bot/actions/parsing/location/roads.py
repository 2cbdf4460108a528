"""Roads, exits, mile markers and distances in words ("I-95 N", "the 405", "exit 12", "mile marker 43"),
and road shorthand tidied for display."""

from __future__ import annotations

import re

_DIRECTION = (
    r"(?:north|south|east|west)\s*-?\s*bound|(?:north|south|east|west)(?:bound)?|[NSEW]B|[NSEW](?![\w'])"
)
_ROAD_NUM = r"\#?\d{1,4}[a-z]?(?![\w])"
ROAD_RE = re.compile(
    rf"""
    (?:\b(?:{_DIRECTION})\s+(?:on\s+)?)?
    (?:
        \b(?:i|interstate|ih)\s*-?\s*\d{{1,3}}(?![\w])
      | \b(?-i:US)\s*-?\s*{_ROAD_NUM}
      | \b(?:u\.s\.|us-?(?=\d)|us\s+(?:route|rte|hwy|highway)|sr|cr|fm|state\s+(?:route|road|highway|hwy)
            |county\s+(?:road|route|rd|hwy)|route|rte|rt
            |hwy|highway|hiway|hway|freeway|fwy|turnpike|parkway|pkwy|expressway)\s*-?\s*{_ROAD_NUM}
      | \b(?:mass|nj|new\s+jersey|pa|penn(?:sylvania)?|ohio|indiana|kansas|florida|garden\s+state|merritt|taconic
            |palisades|saw\s*mill|hutchinson(?:\s+river)?|bronx\s+river|cross\s+bronx|long\s+island|belt|jersey
            |dallas\s+north|sam\s+houston|pacific\s+coast)\s+(?:pike|turnpike|tpke|pkwy|parkway|expressway|expy|tollway
            |highway|hwy)\b
    )
    (?:\s*,?\s*(?:{_DIRECTION}))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Californians say "the 405"; others "on 95 north".
BARE_ROAD_RE = re.compile(
    rf"\b(?:on|off|take|took|taking|onto)\s+(the\s+\d{{1,3}}(?:\s+(?:{_DIRECTION}))?|\d{{1,3}}\s+(?:{_DIRECTION})"
    r"|\d{2,3}(?=\s*(?:$|[,;!?]|\.(?!\d)|near\b|by\b|at\b|past\b|before\b|after\b|exit\b|between\b|just\b)))",
    re.IGNORECASE,
)
UK_ROAD_RE = re.compile(r"\b[MA]\d{1,4}(?:\(M\))?\b")
EXIT_RE = re.compile(
    r"\b(?:junction|jct|jn)\s*\d{1,3}[a-z]?(?![\w])|"
    r"\bexits?\s*(?:number\s*|no\.?\s*)?\#?\s*\d{1,3}\s*-?\s*[a-d]?(?![\w])"
    r"(?:\s*(?:and|&|-|to|or)\s*\d{1,3}\s*[a-d]?(?![\w]))?",
    re.IGNORECASE,
)
MARKER_RE = re.compile(
    r"\b(?:mile\s*-?\s*markers?|mile\s*-?\s*posts?|mile\s*-?\s*mark|mm|mp|mi\s*marker|marker|mile)"
    r"\s*\#?\s*\d{1,4}(?:\.\d+)?(?![\w])"
    r"|\b\d{1,4}(?:\.\d+)?\s*(?:mile\s*-?\s*marker|mile\s*-?\s*post|mm|mp)\b(?!\s*\#?\s*\d)",
    re.IGNORECASE,
)
DISTANCE_RE = re.compile(
    r"\b(?:about\s+|around\s+|like\s+)?(?:\d+(?:\.\d+)?|a|half\s+a|one|two|three|a\s+couple)\s*"
    r"(?:mi|miles?|km|kilometers?|kilometres?)\s+(?:past|before|after|from|north\s+of|south\s+of|east\s+of"
    r"|west\s+of|out\s+of)\b",
    re.IGNORECASE,
)

_ROAD_WORDS = {"hwy": "Hwy", "rte": "Rte", "rt": "Rt", "sr": "SR", "us": "US", "cr": "CR", "mm": "MM", "mp": "MP"}


def normalise_road_shorthand(text: str) -> str:
    """Tidy road shorthand for display: "i95 n" -> "I-95 N", "hwy 1" -> "Hwy 1", "rte9" -> "Rte 9"."""
    out = re.sub(r"\b(?:i|interstate|ih)\s*-?\s*(\d{1,3})(?![\w])", r"I-\1", text, flags=re.IGNORECASE)
    out = re.sub(r"\b(hwy|rte|rt|sr|us|cr|mm|mp)\s*-?\s*(\d{1,4}[a-z]?)(?![\w])",
                 lambda m: f"{_ROAD_WORDS[m.group(1).lower()]} {m.group(2).upper()}", out, flags=re.IGNORECASE)
    out = re.sub(r"\b(hwy|rte)\b", lambda m: _ROAD_WORDS[m.group(1).lower()], out, flags=re.IGNORECASE)
    return re.sub(
        r"(I-\d{1,3}|Hwy \w+|Rte \w+|Rt \w+|SR \w+|US \w+)\s+(nb|sb|eb|wb|n|s|e|w)\b",
        lambda m: f"{m.group(1)} {m.group(2).upper()}",
        out,
    )
