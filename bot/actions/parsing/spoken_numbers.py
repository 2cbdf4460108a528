"""Numbers spoken on a call, as digits the other parsers read (pure, no I/O).

Twilio's speech recognition often writes numbers as words: "twenty fourteen
honda civic", "exit twelve", "five oh eight …". ``text2num`` turns number
words into digits; what it leaves (years said in two halves, "oh" for zero,
digits read one at a time) is joined here.

Russian goes through ``number-parser`` (text2num has no Russian), cardinals
only: it reads "пятьдесят третий километр" (53rd) as "50 третий", so a run of
number words followed by an ordinal ("две тысячи пятнадцатого года") is left
as said. Neither library knows Vietnamese or Indonesian; their number words
stay words.
"""

from __future__ import annotations

import re

from number_parser import parse as parse_numbers
from number_parser import parse_number
from text_to_num import alpha2digit

_OH = re.compile(r"\b(?:oh|o)\b(?=\s*\d)", re.IGNORECASE)
# "19 99", "20 14" (said "nineteen ninety nine", "twenty fourteen"): a year in two halves.
_YEAR_HALVES = re.compile(r"\b(19|20)\s+(\d{2})\b")
# "0 9" after "oh nine": a two-digit year.
_ZERO_DIGIT = re.compile(r"(?<![\d\s])(\s|^)0\s+(\d)\b")
# Digits read out one at a time ("5 0 8 5 5 5 0 1 4 2"): one number.
_DIGIT_RUN = re.compile(r"\b\d(?:[\s-]+\d\b){2,}")


# A Russian word with an adjective's ending: after number words, an ordinal ("пятнадцатого", "третий").
_ADJECTIVE_END = re.compile(r"(?:ый|ий|ой|ого|его|ому|ему|ым|им|ом|ем|ая|яя|ую|юю|ое|ее|ые|ие|ых|их)$")
_WORD = re.compile(r"\S+")
_PUNCTUATION = ".,!?;:«»\"()"


def _is_number_word(word: str) -> bool:
    return parse_number(word.strip(_PUNCTUATION).lower(), language="ru") is not None


def _russian_digits(text: str) -> str:
    """Runs of Russian cardinal words as digits; a run followed by an ordinal stays as said."""
    words = list(_WORD.finditer(text))
    out, i, last = [], 0, 0
    while i < len(words):
        if not _is_number_word(words[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and _is_number_word(words[j + 1].group()):
            j += 1
        after = words[j + 1].group().strip(_PUNCTUATION).lower() if j + 1 < len(words) else ""
        if not _ADJECTIVE_END.search(after):
            start, end = words[i].start(), words[j].end()
            out += [text[last:start], parse_numbers(text[start:end], language="ru")]
            last = end
        i = j + 1
    return "".join([*out, text[last:]])


def _words_to_digits(text: str, language: str) -> str:
    if language == "ru":
        return _russian_digits(text)
    try:
        return str(alpha2digit(text, language))
    except ValueError:
        # An unsupported language (vi, id): leave the words as they are.
        return text


def digits_from_speech(text: str, language: str = "en") -> str:
    """``text`` with spoken numbers written as digits ("twenty fourteen civic" -> "2014 civic")."""
    if not text.strip():
        return text
    converted = _words_to_digits(text, language)
    converted = _OH.sub("0", converted)
    converted = _YEAR_HALVES.sub(r"\1\2", converted)
    converted = _ZERO_DIGIT.sub(r"\g<1>0\2", converted)
    return _DIGIT_RUN.sub(lambda m: re.sub(r"[\s-]+", "", m.group()), converted)
