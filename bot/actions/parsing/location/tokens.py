"""The words of a message and the spans of text that name part of a place."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.&-][A-Za-z0-9]+)*|[&@/]")


@dataclass(frozen=True)
class Span:
    """Part of a message that names part of a place: text[start:end], of a kind ("road", "street"...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Word:
    """A word as written (raw) and as compared (key: lower case, straight apostrophe)."""

    raw: str
    key: str
    start: int
    end: int


def split_words(text: str) -> list[Word]:
    """The words of a message, with "&", "@" and "/" as words of their own."""
    return [Word(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def spans_from(regex: re.Pattern[str], text: str, kind: str, group: int = 0) -> list[Span]:
    """A span of the kind for every (non-empty) match of the regex group."""
    return [Span(m.start(group), m.end(group), kind) for m in regex.finditer(text) if m.group(group)]
