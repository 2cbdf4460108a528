"""Numbers spoken on a call, as digits the other parsers read (pure, no I/O).

Twilio's speech recognition often writes numbers as words: "twenty fourteen
honda civic", "exit twelve", "five oh eight …". ``text2num`` turns number
words into digits; what it leaves (years said in two halves, "oh" for zero,
digits read one at a time) is joined here.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

_OH = re.compile(r"\b(?:oh|o)\b(?=\s*\d)", re.IGNORECASE)
# "19 99", "20 14" (said "nineteen ninety nine", "twenty fourteen"): a year in two halves.
_YEAR_HALVES = re.compile(r"\b(19|20)\s+(\d{2})\b")
# "0 9" after "oh nine": a two-digit year.
_ZERO_DIGIT = re.compile(r"(?<![\d\s])(\s|^)0\s+(\d)\b")
# Digits read out one at a time ("5 0 8 5 5 5 0 1 4 2"): one number.
_DIGIT_RUN = re.compile(r"\b\d(?:[\s-]+\d\b){2,}")


def digits_from_speech(text: str, language: str = "en") -> str:
    """``text`` with spoken numbers written as digits ("twenty fourteen civic" -> "2014 civic")."""
    if not text.strip():
        return text
    try:
        converted = alpha2digit(text, language)
    except ValueError:
        # An unsupported language: leave the words as they are.
        converted = text
    converted = _OH.sub("0", converted)
    converted = _YEAR_HALVES.sub(r"\1\2", converted)
    converted = _ZERO_DIGIT.sub(r"\g<1>0\2", converted)
    return _DIGIT_RUN.sub(lambda m: re.sub(r"[\s-]+", "", m.group()), converted)
