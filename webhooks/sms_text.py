"""Shaping text for SMS: cleaning what comes in, splitting what goes out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from facts.sms_segments import is_gsm7, segments

MAX_INBOUND_CHARS = 1000
SEGMENT_CHARS = 306  # two GSM-7 segments of a multi-part text (two UCS-2 segments: 134 units)
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 units in one UCS-2 segment, alone and in a multi-part text

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf"})  # control and format characters, e.g. U+200B, U+00AD
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def strip_hidden(text: str) -> str:
    """``text`` without control and format characters; line breaks and tabs stay as spaces do.

    A zero-width space inside "ST\u200bOP" must not hide a keyword from the
    consent gate while the dialogue reads "STOP".
    """
    return "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _HIDDEN_CATEGORIES)


def clean_inbound(text: str | None) -> tuple[str, bool]:
    """Normalised text for the dialogue, and whether it had to be shortened."""
    text = strip_hidden(unicodedata.normalize("NFC", text or "")).strip()
    if len(text) <= MAX_INBOUND_CHARS:
        return text, False
    cut = text[:MAX_INBOUND_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_INBOUND_CHARS // 2 else cut), True


def split_for_sms(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """Split a long reply at sentence, then word, boundaries into parts of at most ``limit`` GSM-7 characters.

    A text that goes out as UCS-2 (Vietnamese, Russian, an emoji) gets as many segments per part as
    ``limit`` GSM-7 characters would: 70 UTF-16 units for one segment, 67 per segment beyond.
    """
    text = text.strip()
    size, limit = _measure(text, limit)
    if size(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    current = ""
    for sentence in (s.strip() for s in _SENTENCE_END.split(text) if s.strip()):
        for piece in _hard_wrap(sentence, limit, size):
            joined = f"{current} {piece}".strip()
            if size(joined) <= limit:
                current = joined
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts


def _measure(text: str, limit: int) -> tuple[Callable[[str], int], int]:
    """How to measure parts of ``text`` (GSM-7 characters or UTF-16 units), and the limit in that measure."""
    if is_gsm7(text):
        return len, limit
    gsm_segments = segments("a" * limit)
    return _utf16_units, UCS2_SINGLE if gsm_segments == 1 else UCS2_PART * gsm_segments


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _hard_wrap(sentence: str, limit: int, size: Callable[[str], int] = len) -> list[str]:
    if size(sentence) <= limit:
        return [sentence]
    out, line = [], ""
    for word in sentence.split():
        while size(word) > limit:
            if line:
                out.append(line)
                line = ""
            cut = _longest_prefix(word, limit, size)
            out.append(word[:cut])
            word = word[cut:]
        if size(line) + size(word) + 1 > limit:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    return out


def _longest_prefix(word: str, limit: int, size: Callable[[str], int]) -> int:
    """How many characters of ``word`` fit in ``limit`` (an emoji is two UTF-16 units)."""
    cut = min(len(word), limit)
    while cut > 1 and size(word[:cut]) > limit:
        cut -= 1
    return cut
