"""Sort a driver's description of the problem into a dispatch category."""

from __future__ import annotations

import difflib
import functools
import re

from bot.actions.parsing import issue_words
from facts.folding import compile_folded, folded_words
from facts.issue_categories import CATEGORIES

__all__ = ["CATEGORIES", "categorise_issue", "needs_tow"]


# Shorthand and misspellings too short or too irregular for fuzzy matching
# (keys are tokens after apostrophes are dropped: "won't" -> "wont").
_ALIASES = {
    "ded": "dead", "deaad": "dead", "tyre": "tire", "tyres": "tires", "tir": "tire", "tyer": "tire",
    "tier": "tire", "flatt": "flat", "flattire": "flat tire", "outta": "out of", "outa": "out of",
    "oughta": "out of", "gass": "gas", "petrol": "gas", "fule": "fuel", "lockd": "locked", "lockedd": "locked",
    "lokced": "locked", "loked": "locked", "lockout": "locked out", "lockedout": "locked out", "keyz": "keys",
    "kys": "keys", "jumpstart": "jump start", "jumpstarted": "jump start", "jumpstarting": "jump start",
    "jumped": "jump", "boost": "jump", "wont": "will not", "cant": "can not", "cannot": "can not",
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "dont": "do not", "aint": "is not",
    "w": "with", "bc": "because", "u": "you", "ur": "your", "pls": "please", "plz": "please",
    "batt": "battery", "bat": "battery", "towd": "towed", "rearended": "rear ended", "tboned": "t boned",
    "sideswiped": "side swiped", "fenderbender": "fender bender", "brokedown": "broke down",
    "breakdown": "broke down", "overheated": "overheating", "overheat": "overheating", "overheats": "overheating",
    "smokin": "smoking", "stuk": "stuck", "stck": "stuck", "slided": "slid", "ditched": "ditch",
    "crashed": "crash", "wrecked": "wreck", "punctured": "puncture", "blowed": "blew", "blown": "blew",
    "popt": "popped", "trany": "transmission", "tranny": "transmission", "trans": "transmission",
    "emty": "empty", "empy": "empty",
}

# Long keywords whose typos are corrected by similarity ("batery", "acident").
_FUZZY_TARGETS = (
    "battery", "starting", "clicking", "locked", "lockout", "accident", "collision", "crash", "wreck",
    "stuck", "ditch", "winch", "overheating", "transmission", "engine", "smoking", "blowout", "puncture",
    "empty", "towed", "towing", "popped", "alternator", "stalled", "radiator", "coolant",
)
# Ordinary words that sit close to a keyword and must stay themselves.
_NOT_TYPOS = frozenset(
    """batter better bitter butter matter latter letter bettor starring staring startling stating looked
    lookout socked rocked docked mocked blocked clocked struck trash crush stick stack stock truck trick
    duck luck pitch witch which wench bench wrench engineer engaged smoothing soothing smelling emptied tempt
    towel tower towns toward towards popular pooped rowing sowing mowing bowing toying hopped mopped topped
    stalked stilled licking flicking slicking collusion""".split()
)
# (key, category, patterns) in priority order: the first category with a match wins.
# Patterns run on normalised text (lower case, typos fixed, single spaces). The key names the
# same rule's Vietnamese, Indonesian and Russian words in issue_words.RULES.
_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("accident", "accident", (
        r"\baccident", r"\bcrash", r"\bcollision\b", r"\bcollided\b", r"\bhit by\b", r"\bgot hit\b",
        # "I hit a deer" is an accident; "hit a pothole" is usually a tyre.
        r"\b(?:i|we|car|truck) hit (?:a |an |the |some |another )?"
        r"(?!pothole|curb|bump|rock|nail|debris|something)\w+",
        r"\brear ended\b", r"\brear end(?:ed)? me\b", r"\bfender bender\b", r"\bwreck", r"\bt boned\b",
        r"\btotal(?:l)?ed\b", r"\bhit and run\b", r"\bside swiped\b", r"\bran into\b", r"\bsmashed\b",
        r"\bflipped\b", r"\brolled over\b",
    )),
    ("winch", "winch", (
        r"\bstuck in (?:a |the |some )?"
        r"(?:ditch|mud|snow|sand|ice|snowbank|snow bank|gravel|field|grass|embankment)",
        r"\b(?:in|into) (?:a|the) (?:ditch|embankment|snowbank|snow bank|median|gully|creek)\b",
        r"\bslid (?:off|into|in)\b", r"\bslipped (?:off|into)\b", r"\bwent off the road\b",
        r"\bran off the road\b", r"\b(?:drove|veered|swerved) off\b", r"\bwinch",
        r"\bpull(?:ed)? (?:me|it|us|the car) out\b", r"\bhigh cent(?:er|re)d\b",
        r"\bstuck (?:on|in) (?:a )?(?:curb|median|rock|snow|mud)\b", r"\bspun out (?:into|in)\b",
        r"\bbeached\b", r"\bwheels? (?:are |is )?spinning\b",
    )),
    ("lockout", "lockout", (
        r"\blocked out\b", r"\block(?:ed)? (?:my |the )?keys?\b",
        r"\bkeys? (?:are |is )?(?:locked )?(?:inside|in (?:the|my) (?:car|truck|van|vehicle|ignition|trunk))\b",
        r"\bkeys? locked\b", r"\blost (?:my |the )?(?:car )?keys?\b", r"\bcan not get (?:in|into)\b",
        r"\blocked (?:my|the) (?:car|truck|door)", r"\bkey (?:broke|snapped)\b", r"\block ?smith\b",
        r"\bkeys? (?:in|inside) (?:it|there)\b",
    )),
    ("fuel", "fuel", (
        r"\bout of (?:gas|fuel|diesel)\b", r"\bran out\b(?! of (?:time|money|options|battery))",
        r"\brun out of\b", r"\bno (?:gas|fuel|diesel)\b(?! (?:station|stations|leak))",
        r"\bempty (?:gas )?tank\b", r"\btank (?:is |was )?empty\b", r"\bneed (?:some )?(?:gas|fuel|diesel)\b",
        r"\b(?:gas|fuel) (?:is |was )?empty\b", r"\bran dry\b", r"\bout of juice\b", r"\bgas can\b",
        r"\b(?:fuel|gas) delivery\b", r"\b(?:ev|car|tesla) (?:is |ran )?(?:out of charge|not charged)\b",
    )),
    # Named mechanical failures beat "dead"/"won't start" wording ("engine is dead" is not a battery job).
    ("tow_named", "tow", (
        r"\bengine (?:died|failure|quit|blew|seized|is (?:dead|smoking|on fire)|dead|overheating)\b",
        r"\boverheating\b", r"\bsteam(?:ing)?\b", r"\btransmission\b", r"\bsmoke (?:from|coming|out)\b",
        r"\bwheel (?:fell|came) off\b", r"\b(?:broke|broken|snapped) (?:an |the )?axle\b", r"\bhead gasket\b",
        r"\bseized\b",
    )),
    ("battery", "battery", (
        r"\bbattery\b", r"\bjump\b", r"\bjump start", r"\bneeds? a jump\b",
        r"\b(?:will|does|did|would|can) not (?:start|turn over|crank)\b", r"\bnot starting\b", r"\bno start\b",
        r"\bclick", r"\bdead\b", r"\bleft (?:my |the )?(?:head)?lights on\b", r"\balternator\b",
        r"\bno power\b",
    )),
    ("flat_tire", "flat_tire", (
        r"\bflats?\b(?! ?bed)", r"\bblow ?out\b",
        r"\btire (?:blew|popped|burst|exploded|is flat|went flat|is low|shredded|came off|went)\b",
        r"\bblew (?:a|my|the|out (?:a|my|the))? ?(?:front |back |rear )?(?:tire|wheel)\b",
        r"\bpopped (?:a |my |the )?tire\b", r"\bpuncture", r"\bnail in (?:my |the )?tire\b",
        r"\blow (?:tire|pressure)\b", r"\bspare\b", r"\bbent rim\b", r"\btires?\b",
    )),
    ("tow", "tow", (
        r"\btow(?:s|ed|ing|truck)?\b", r"\bflat ?bed\b", r"\bengine light\b", r"\bdied\b", r"\bstall",
        r"\b(?:will|can) not (?:move|go|drive|shift|run)\b", r"\bsmok", r"\btemp(?:erature)? gauge\b",
        r"\bbroke down\b", r"\bbroken down\b", r"\bcheck engine\b",
        r"\b(?:making|weird|loud|strange) (?:a )?noise", r"\bgrinding\b", r"\bbrakes?\b", r"\baxle\b",
        r"\bleaking\b", r"\bclutch\b", r"\bbelt\b", r"\bradiator\b", r"\bcoolant\b", r"\bengine\b",
        r"\bsteering\b", r"\bsuspension\b", r"\bmechanical\b", r"\bshut off\b", r"\bcut off\b",
        r"\bquit on me\b",
    )),
    ("other", "other", (
        r"\bproblem\b", r"\btrouble\b", r"\bissue\b", r"\bsomethings? (?:is )?wrong\b", r"\bstranded\b",
        r"\bbroken\b", r"\bdamaged?\b", r"\bnot working\b", r"\bdoes not work\b", r"\bwarning light\b",
        r"\bwindshield\b", r"\bwindow\b",
    )),
)
_COMPILED = tuple((cat, tuple(re.compile(p) for p in pats), compile_folded(issue_words.RULES[key]))
                  for key, cat, pats in _RULES)
_FOREIGN_NOISE_RE = compile_folded(issue_words.NOISE)
_FOREIGN_TOW_RE = compile_folded(issue_words.TOW_WORDS)
_FOREIGN_NO_TOW_RE = compile_folded(issue_words.NO_TOW_WORDS)

# Phrases that look like a problem but are not about the car ("phone is dead", "dead end").
# Other things a driver owns break too ("my laptop is broken", "my phone keeps crashing").
_NOISE_RE = re.compile(
    r"\b(?:my |the )?phone(?: battery)? (?:is |was )?(?:almost |nearly |about to )?(?:dead|dying|die|low)\b"
    r"|\bphone battery\b|\bdead (?:end|zone|spot|deer|animal|center)\b|\bgas (?:station|leak)\b"
    r"|\b(?:my |the |our )?(?:phone|cell|cellphone|iphone|laptop|computer|pc|tablet|ipad|earbuds|headphones"
    r"|airpods|tv|television|printer|watch|smartwatch|charger|fridge|washer|dryer)"
    r"(?: battery| screen| app)? (?:is |was |are |were |keeps |just |has |have )?"
    r"(?:almost |nearly |about to |totally |completely |been )?"
    r"(?:dead|dying|die|died|low|broken|broke|crash|crashing|cracked|not working|does not work|frozen|freezing"
    r"|acting up)\b"
)
_TOW_WORDS_RE = re.compile(
    r"\btow(?:s|ed|ing|truck)?\b|\bflat ?bed\b|\bcan not (?:drive|move)\b|\bwill not (?:drive|move|go)\b"
    r"|\bnot (?:drivable|driveable)\b|\bundrivable\b|\bno spare\b|\bdo not have (?:a )?spare\b"
    r"|\bspare (?:is|was) (?:flat|gone|missing|bad)\b|\bwithout (?:a )?spare\b"
    r"|\b(?:two|2|both|multiple|all) (?:flat |of my |my )?(?:flats|tires)\b"
    r"|\btake (?:it|the car|my car) (?:to|in)\b|\bto (?:a |the |my )?(?:garage|mechanic|shop|dealer|dealership)\b"
)
_NO_TOW_RE = re.compile(
    r"\b(?:do not|does not|no|without|not) (?:need |needing |want )?(?:a )?tow(?:ing)?\b"
    r"|\bno tow(?:ing)? (?:needed|necessary|required)\b|\b(?:still|is|its) (?:drivable|driveable)\b"
    r"|\bcan (?:still )?drive (?:it|on it)\b"
)


@functools.lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    if token in _ALIASES:
        return _ALIASES[token]
    if len(token) < 5 or token in _NOT_TYPOS or not token.isalpha():
        return token
    best, best_ratio = token, 0.0
    for target in _FUZZY_TARGETS:
        ratio = difflib.SequenceMatcher(None, token, target).ratio()
        # One wrong letter in a six-letter word makes another word ("looked"/"locked"),
        # so short keywords only forgive a dropped or doubled letter.
        needed = 0.9 if len(target) <= 6 else 0.83
        if ratio >= needed and ratio > best_ratio:
            best, best_ratio = target, ratio
    return best


def _normalise(text: str) -> str:
    """Lower case, apostrophes dropped, shorthand expanded, typos corrected, one space between words."""
    lowered = text.lower().replace("’", "").replace("'", "")
    norm = " ".join(_correct(t) for t in re.findall(r"[a-z0-9]+", lowered))
    return _NOISE_RE.sub(" ", norm)


def _folded(text: str) -> str:
    """The message for the Vietnamese, Indonesian and Russian words: folded, "phone is dead" removed."""
    return _FOREIGN_NOISE_RE.sub(" ", folded_words(text))


def categorise_issue(text: str) -> str | None:
    """One of CATEGORIES for what the driver says is wrong, in any of our languages, or None when no
    problem is described."""
    norm, folded = _normalise(text), _folded(text)
    for category, patterns, foreign in _COMPILED:
        if any(p.search(norm) for p in patterns) or foreign.search(folded):
            return category
    return None


def needs_tow(category: str, text: str) -> bool:
    """Whether the job needs a tow truck rather than a service van (winch: only when it can't be driven)."""
    if category in {"tow", "accident"}:
        return True
    norm, folded = _normalise(text), _folded(text)
    if _NO_TOW_RE.search(norm) or _FOREIGN_NO_TOW_RE.search(folded):
        return False
    return _TOW_WORDS_RE.search(norm) is not None or _FOREIGN_TOW_RE.search(folded) is not None
