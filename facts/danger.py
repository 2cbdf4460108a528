"""Spot a message that means someone may be in danger (injury, fire, traffic, trains)."""

from __future__ import annotations

import re

__all__ = ["mentions_danger"]

# Checked on normalised text (lower case, no apostrophes, one space between words).
# These are dangerous even though they contain a negation ("not breathing").
_ALWAYS = re.compile(
    r"\bnot (?:breathing|responding|responsive|conscious|moving|waking up)\b"
    r"|\b(?:can not|cant) (?:breathe|breath|move (?:my|his|her))\b"
    # "can't get out" of a ditch is the car; of the car, or said of a person, it is someone trapped.
    r"|\b(?:i|we|he|she|they|someone|driver|passenger|kids?) (?:can not|cant) get out\b"
    r"|\b(?:can not|cant) get out of (?:the|my|our) (?:car|vehicle|truck|van)\b"
    r"|\b(?:do not|dont|does not|doesnt) feel safe\b|\bnot safe\b|\bunsafe\b"
)
_DANGER = re.compile(
    r"\binjur(?:y|ies|ed)\b|\bhurt(?:ing)?\b(?! my (?:wallet|pocket|budget|bank|feelings))"
    r"|\bbleed(?:ing)?\b|\bblood(?:y)?\b|\bunconscious\b|\bpassed out\b"
    r"|\bknocked out\b|\bbroken (?:arm|leg|bone|neck|back|ribs?)\b"
    r"|\b(?:arm|leg|bone|neck|back|ribs?|wrist|ankle) (?:is |are )?broken\b"
    r"|\bambulance\b|\bparamedics?\b|(?<!porsche )\b911\b"
    r"|\bheart attack\b|\bchest pains?\b|\bseizure\b|\bstroke\b|\bin labou?r\b|\bwater broke\b|\bconcussion\b"
    r"|\bon fire\b|\bfire\b(?! (?:up|it up|station|hydrant|house|hall|department|dept|lane|road|rd|st|street))"
    r"|\bflames?\b|\bburning\b|\bexplo(?:ded|sion|de)\b"
    r"|\bsmok(?:e|ing|ey|y)\b|\bsmells? (?:like )?(?:burning|smoke)\b"
    r"|\bgas leak|\bleaking (?:gas|fuel|petrol)\b|\bfuel leak|\bsmells? (?:like |of )?(?:gas|fuel|petrol)\b"
    r"|\btrapped\b|\bpinned\b|\bstuck inside\b"
    r"|\b(?:on|across|near) (?:the )?(?:railroad|railway|rail|train) (?:tracks|track|crossing)\b"
    r"|\bon the tracks\b|\bstuck on (?:the )?tracks\b|\blevel crossing\b"
    r"|\bin (?:the )?(?:traffic|travel|left|right|middle|center|centre|fast|passing) lane\b"
    r"|\bin (?:the )?middle of (?:the )?(?:road|highway|freeway|interstate|intersection|lane|street)\b"
    r"|\bblocking (?:traffic|the road|a lane|the lane|the highway)\b|(?<!stuck )\bin (?:live |moving )?traffic\b"
    r"|\bcars? (?:are |keep |is )?(?:flying|zooming|speeding|whizzing|racing|rushing|going) (?:by|past)\b"
    r"|\bno shoulder\b|\bblind (?:curve|corner|spot on the road)\b|\bnearly (?:got )?hit\b|\balmost (?:got )?hit\b"
    r"|\bflipped\b|\brolled over\b|\bupside down\b"
    r"|\bhit (?:a |an )?(?:pedestrian|person|someone|kid|child|cyclist|biker)\b"
    r"|\b(?:baby|child|kid|toddler|infant|dog|pet|kids|children) (?:is |are )?(?:locked|stuck|trapped) (?:in|inside)\b"
    r"|\b(?:locked|left) (?:my |the |a )?(?:baby|child|kid|toddler|infant|dog|kids) (?:in|inside)\b"
    r"|\bsomeone (?:is )?(?:following|threatening|chasing)\b|\bbeing (?:followed|threatened|chased)\b"
    r"|\b(?:has|with) a (?:gun|knife|weapon)\b|\bdanger(?:ous)?\b"
)
# "nobody hurt", "no injuries", "no fire", "not bleeding": negated within the same clause.
_NEGATION = re.compile(
    # "not sure if anyone is hurt" is not a denial.
    r"\b(?:no|not(?! sure)|nobody|noone|none|nothing|never|without|neither|nor|isnt|arent|wasnt|werent"
    r"|dont(?! know)|didnt|doesnt|nobodys|noones)\b(?:\s+\S+){0,3}\s*$"
)
_CLAUSE_SPLIT = re.compile(r"[.,;!?\n]+|\b(?:but|though|although|however|except)\b")


# A lockout with a child or pet inside is an emergency (heat), wherever the words fall.
_LOCKED_IN = re.compile(r"\block")
_DEPENDANT = re.compile(r"\b(?:baby|babies|child|children|kids?|toddler|infant|newborn|dog|puppy|cat|pet)\b")


def mentions_danger(text: str) -> bool:
    """True when the message suggests injury, fire, smoke, a fuel leak, a train or live traffic."""
    norm = re.sub(r"[’']", "", text.lower())
    if _LOCKED_IN.search(norm) and _DEPENDANT.search(norm):
        return True
    for clause in _CLAUSE_SPLIT.split(norm):
        clause = " ".join(re.findall(r"[a-z0-9]+", clause))
        if _ALWAYS.search(clause):
            return True
        for m in _DANGER.finditer(clause):
            if not _NEGATION.search(clause[:m.start()]):
                return True
    return False
