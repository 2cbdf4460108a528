"""Sort a driver's description of the problem into a dispatch category."""

from __future__ import annotations

import difflib
import re

__all__ = ["CATEGORIES", "categorise_issue", "needs_tow"]

CATEGORIES = ("flat_tire", "battery", "lockout", "fuel", "tow", "winch", "accident", "other")

# Shorthand and misspellings too short or too irregular for fuzzy matching.
_ALIASES = {
    "ded": "dead", "deaad": "dead", "tyre": "tire", "tyres": "tires", "tir": "tire", "tyer": "tire", "tier": "tire",
    "flatt": "flat", "outta": "out of", "outa": "out of", "oughta": "out of", "gass": "gas", "petrol": "gas",
    "fule": "fuel", "lockd": "locked", "lockedd": "locked", "lokced": "locked", "loked": "locked", "keyz": "keys",
    "kys": "keys", "jumpstart": "jump start", "jumpstarted": "jump start", "jumpstarting": "jump start",
    "jumped": "jump", "boost": "jump", "wont": "will not", "won't": "will not", "cant": "can not",
    "can't": "can not", "cannot": "can not", "doesnt": "does not", "didnt": "did not", "isnt": "is not",
    "dont": "do not", "aint": "is not", "w": "with", "bc": "because", "u": "you", "ur": "your", "pls": "please",
    "plz": "please", "batt": "battery", "bat": "battery", "tow'd": "towed", "rearended": "rear ended",
    "tboned": "t boned", "sideswiped": "side swiped", "fenderbender": "fender bender", "broke-down": "broke down",
    "brokedown": "broke down", "breakdown": "broke down", "overheated": "overheating", "overheat": "overheating",
    "overheats": "overheating", "smokin": "smoking", "noe": "now", "stuk": "stuck", "stck": "stuck",
    "slided": "slid", "ditched": "ditch", "crashed": "crash", "wrecked": "wreck", "punctured": "puncture",
    "blowed": "blew", "blown": "blew", "popt": "popped", "trany": "transmission", "tranny": "transmission",
    "trans": "transmission", "lockout": "locked out", "lock-out": "locked out", "emty": "empty", "empy": "empty",
}

# Long keywords whose typos are corrected by similarity ("batery", "acident").
_FUZZY_TARGETS = (
    "battery", "starting", "clicking", "locked", "lockout", "accident", "collision", "crash", "wreck",
    "stuck", "ditch", "winch", "overheating", "transmission", "engine", "smoking", "blowout", "puncture",
    "empty", "towed", "towing", "popped", "flat", "alternator", "stalled", "radiator", "coolant", "keys",
)
# Ordinary words that sit close to a keyword and must stay themselves.
_NOT_TYPOS = frozenset(
    """batter better bitter butter matter latter letter bettor starring staring startling stating looked
    lookout socked rocked docked mocked blocked clocked struck trash crush crash stick stack stock truck trick
    duck luck pitch witch which wench bench wrench engines engineer engaged smoothing soothing smelling
    emptied tempt towel tower towns toward towards popular pooped floated floats float flats flaps keyes
    starting started startled""".split()
)

# (category, patterns) in priority order: the first category with a match wins.
# Patterns run on normalised text (lower case, typos fixed, single spaces).
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("accident", (
        r"\baccident", r"\bcrash", r"\bcollision\b", r"\bcollided\b", r"\bhit by\b", r"\bgot hit\b",
        r"\b(?:i|we|car) hit (?:a|an|the|some)\b", r"\bhit (?:a|an) (?:deer|pole|tree|car|guardrail|wall|curb)\b",
        r"\brear ended\b", r"\brear end(?:ed)? me\b", r"\bfender bender\b", r"\bwreck", r"\bt boned\b",
        r"\btotal(?:l)?ed\b", r"\bhit and run\b", r"\bside swiped\b", r"\bran into\b", r"\bsmashed\b",
        r"\bflipped\b", r"\brolled over\b",
    )),
    ("winch", (
        r"\bstuck in (?:a |the |some )?(?:ditch|mud|snow|sand|ice|snowbank|snow bank|gravel|field|grass|embankment)",
        r"\b(?:in|into) (?:a|the) (?:ditch|embankment|snowbank|snow bank|median|gully|creek)\b",
        r"\bslid (?:off|into|in)\b", r"\bslipped (?:off|into)\b", r"\bwent off the road\b", r"\bran off the road\b",
        r"\boff the road\b", r"\bwinch", r"\bpull(?:ed)? (?:me|it|us|the car) out\b", r"\bhigh cent(?:er|re)d\b",
        r"\bstuck (?:on|in) (?:a )?(?:curb|median|rock|snow|mud)\b", r"\bspun out\b", r"\bbeached\b",
        r"\bwheels? (?:are |is )?spinning\b",
    )),
    ("lockout", (
        r"\blocked out\b", r"\block(?:ed)? (?:my |the )?keys?\b", r"\bkeys? (?:are |is )?(?:locked )?(?:inside|in (?:the|my) "
        r"(?:car|truck|van|vehicle|ignition|trunk))\b", r"\bkeys? locked\b", r"\blost (?:my |the )?(?:car )?keys?\b",
        r"\bcan not get (?:in|into)\b", r"\blocked (?:my|the) (?:car|truck|door)", r"\bkey (?:broke|snapped)\b",
        r"\block ?smith\b", r"\bkeys? (?:in|inside) (?:it|there)\b",
    )),
    ("fuel", (
        r"\bout of (?:gas|fuel|diesel)\b", r"\bran out\b", r"\brun out of\b", r"\bno (?:gas|fuel|diesel)\b",
        r"\bempty (?:gas )?tank\b", r"\btank (?:is |was )?empty\b", r"\bneed (?:some )?(?:gas|fuel|diesel)\b",
        r"\b(?:gas|fuel) (?:is |was )?empty\b", r"\bran dry\b", r"\bout of juice\b", r"\bgas can\b",
        r"\bfuel delivery\b", r"\bgas delivery\b", r"\b(?:ev|car|tesla) (?:is |ran )?(?:out of charge|dead battery"
        r"|not charged)\b",
    )),
    ("battery", (
        r"\bbattery\b", r"\bjump\b", r"\bjump start", r"\bneeds? a jump\b", r"\bwill not (?:start|turn over|crank)\b",
        r"\bdoes not (?:start|turn over|crank)\b", r"\bnot starting\b", r"\bno start\b", r"\bclick", r"\bdead\b",
        r"\bleft (?:my |the )?(?:head)?lights on\b", r"\balternator\b", r"\bno power\b", r"\bcan not start\b",
        r"\bwould not start\b", r"\bdid not start\b",
    )),
    ("flat_tire", (
        r"\bflat\b(?! ?bed)", r"\bblowout\b", r"\bblow ?out\b", r"\btire (?:blew|popped|burst|exploded|is flat|went flat"
        r"|is low|shredded|came off|went)\b", r"\bblew (?:a|my|the|out (?:a|my|the))? ?(?:front |back |rear )?(?:tire|"
        r"wheel)\b", r"\bpopped (?:a |my |the )?tire\b", r"\bpuncture", r"\bnail in (?:my |the )?tire\b",
        r"\blow (?:tire|pressure)\b", r"\bspare (?:tire)?\b", r"\bbent rim\b", r"\btire (?:change|problem|issue)\b",
        r"\bchange (?:a|my|the) tire\b", r"\btire\b", r"\btires\b",
    )),
    ("tow", (
        r"\btow", r"\bflat ?bed\b", r"\bengine (?:died|failure|quit|blew|seized|is (?:dead|smoking)|light)\b",
        r"\bdied\b", r"\bstall", r"\bwill not (?:move|go|drive|shift)\b", r"\bcan not (?:move|drive|shift)\b",
        r"\bsmok", r"\bsteam", r"\boverheating\b", r"\btemp(?:erature)? gauge\b", r"\btransmission\b",
        r"\bbroke down\b", r"\bbroken down\b", r"\bcheck engine\b", r"\b(?:making|weird|loud|strange) (?:a )?noise",
        r"\bgrinding\b", r"\bbrakes?\b", r"\baxle\b", r"\bwheel (?:fell|came) off\b", r"\bleaking\b", r"\bclutch\b",
        r"\b(?:timing |serpentine )?belt\b", r"\bradiator\b", r"\bcoolant\b", r"\bengine\b", r"\bsteering\b",
        r"\bsuspension\b", r"\bmechanical\b", r"\bshut off\b", r"\bcut off\b", r"\bquit on me\b", r"\bwont run\b",
    )),
    ("other", (
        r"\bproblem\b", r"\btrouble\b", r"\bissue\b", r"\bsomething(?:'s| is)? wrong\b", r"\bstranded\b",
        r"\bbroken\b", r"\bdamaged?\b", r"\bnot working\b", r"\bdoes not work\b", r"\bwarning light\b",
        r"\bwindshield\b", r"\bwindow\b",
    )),
)
_COMPILED = tuple((cat, tuple(re.compile(p) for p in pats)) for cat, pats in _RULES)

_TOW_WORDS_RE = re.compile(
    r"\btow|\bflat ?bed\b|\bcan not (?:drive|move)\b|\bwill not (?:drive|move|go)\b|\bnot drivable\b"
    r"|\bundrivable\b|\bnot driveable\b|\bno spare\b|\bdo not have (?:a )?spare\b|\bspare (?:is|was) (?:flat|gone|"
    r"missing)\b|\bwithout (?:a )?spare\b|\b(?:two|2|both|multiple) (?:flat|tires)\b|\btaken to\b|\btake it to\b"
    r"|\btake (?:it|the car) (?:to|in)\b|\bgarage\b|\bmechanic\b|\bshop\b"
)
_NO_TOW_RE = re.compile(
    r"\b(?:do not|does not|no|without|not) (?:need |needing |want )?(?:a )?tow(?:ing)?\b"
    r"|\bno tow(?:ing)? (?:needed|necessary|required)\b|\bdrivable\b(?<!not drivable)"
)


def _correct(token: str) -> str:
    if token in _ALIASES:
        return _ALIASES[token]
    if len(token) < 5 or token in _NOT_TYPOS or not token.isalpha():
        return token
    close = difflib.get_close_matches(token, [t for t in _FUZZY_TARGETS if len(t) >= 5], n=1, cutoff=0.83)
    return close[0] if close else token


def _normalise(text: str) -> str:
    """Lower case, apostrophes dropped, typos corrected, one space between words."""
    lowered = text.lower().replace("’", "'")
    lowered = re.sub(r"\b(won|can|don|doesn|didn|isn|ain)'t\b", r"\1t", lowered)
    tokens = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", lowered)
    return " ".join(_correct(t.replace("'", "") if t.endswith("'s") is False else t) for t in tokens)


def categorise_issue(text: str) -> str | None:
    """One of CATEGORIES for what the driver says is wrong, or None when no problem is described."""
    norm = _normalise(text)
    for category, patterns in _COMPILED:
        if any(p.search(norm) for p in patterns):
            return category
    return None


def needs_tow(category: str, text: str) -> bool:
    """Whether the job needs a tow truck rather than a service van."""
    norm = _normalise(text)
    if category in {"tow", "accident"}:
        return True
    if _NO_TOW_RE.search(norm) and "not drivable" not in norm:
        return False
    return _TOW_WORDS_RE.search(norm) is not None
