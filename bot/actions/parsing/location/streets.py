"""Street names ending in a suffix, with a house number or a cross street: "123 Main St", "Elm St & Oak"."""

from __future__ import annotations

import re

from bot.actions.parsing.location.stopwords import STREET_NAME_STOP, TOWN_STOP
from bot.actions.parsing.location.tokens import Span, Word, split_words

_STREET_SUFFIXES = frozenset(
    """st street ave avenue av rd road blvd boulevard ln pkwy dr drive way lane ct court pl place cir circle
    trl trail ter terrace sq square row run loop path pike alley crescent close hwy""".split()
)
# These suffixes are ordinary words too ("test drive", "on my way"): need a house
# number, a capitalised name, or "on"/"at"... before the name.
_AMBIGUOUS_SUFFIXES = frozenset(
    """dr drive way lane ct court pl place cir circle trl trail ter terrace sq square row run loop path pike
    alley crescent close hwy""".split()
)
_STREET_LEAD_IN = frozenset({"on", "at", "off", "onto", "near", "by", "of", "down", "up", "along", "from", "to",
                             "past", "and", "&", "@"})

_COMPASS = frozenset({"n", "s", "e", "w", "ne", "nw", "se", "sw"})


def _touching(text: str, words: list[Word], a: int, b: int) -> bool:
    return text[words[a].end:words[b].start].strip(" .") == ""


def _is_name(key: str) -> bool:
    return key not in STREET_NAME_STOP and (
        re.fullmatch(r"[a-z][a-z'.-]*", key) is not None or re.fullmatch(r"\d+(?:st|nd|rd|th)", key) is not None
    )


def _names_before(text: str, words: list[Word], k: int) -> tuple[list[int], int]:
    """Up to three name words right before the suffix at k, and the index of the word before them."""
    names: list[int] = []
    j = k - 1
    while j >= 0 and len(names) < 3 and _touching(text, words, j, j + 1) and _is_name(words[j].key):
        names.insert(0, j)
        j -= 1
    return names, j


def _street_at(text: str, words: list[Word], k: int) -> list[Span]:
    """The street whose suffix is word k (and its cross street), or nothing."""
    names, j = _names_before(text, words, k)
    if not names:
        return []
    start = names[0]
    numbered = j >= 0 and _touching(text, words, j, j + 1) and re.fullmatch(r"\d{1,6}[a-z]?(?:-\d{1,6})?", words[j].key)
    if numbered:
        start = j
    lead_in = j >= 0 and words[j].key in _STREET_LEAD_IN
    capitalised = all(words[n].raw[0].isupper() or words[n].raw[0].isdigit() for n in names)
    if words[k].key in _AMBIGUOUS_SUFFIXES and not (numbered or capitalised or lead_in):
        return []
    end = k
    if k + 1 < len(words) and _touching(text, words, k, k + 1) and words[k + 1].key in _COMPASS:
        end = k + 1
    spans = [Span(words[start].start, words[end].end, "address" if numbered else "street")]
    # "Main St and 5th", "Elm St & Oak": a cross street without its suffix.
    after = re.match(r"\s*(?:and|&|@|/|at|x)\s+(\d+(?:st|nd|rd|th)\b|[A-Z][a-z]+\b)", text[words[end].end:])
    if after and after.group(1).lower() not in TOWN_STOP:
        spans.append(Span(words[start].start, words[end].end + after.end(), "intersection"))
    return spans


def street_spans(text: str) -> list[Span]:
    """Street names ending in a suffix, with house number if any: "123 Main St", "elm st", "5th Ave"."""
    words = split_words(text)
    spans: list[Span] = []
    for k, word in enumerate(words):
        if k > 0 and word.key.rstrip(".") in _STREET_SUFFIXES:
            spans += _street_at(text, words, k)
    return spans
