"""Shaping text for SMS: cleaning what comes in, splitting what goes out."""

from __future__ import annotations

import re
import unicodedata

MAX_INBOUND_CHARS = 1000
SEGMENT_CHARS = 320  # two GSM segments: still one readable screen

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
    """Split a long reply at sentence, then word, boundaries into ≤ ``limit`` parts."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    current = ""
    for sentence in (s.strip() for s in _SENTENCE_END.split(text) if s.strip()):
        for piece in _hard_wrap(sentence, limit):
            joined = f"{current} {piece}".strip()
            if len(joined) <= limit:
                current = joined
            else:
                parts.append(current)
                current = piece
    if current:
        parts.append(current)
    return parts


def _hard_wrap(sentence: str, limit: int) -> list[str]:
    if len(sentence) <= limit:
        return [sentence]
    out, line = [], ""
    for word in sentence.split():
        while len(word) > limit:
            if line:
                out.append(line)
                line = ""
            out.append(word[:limit])
            word = word[limit:]
        if len(line) + len(word) + 1 > limit:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    return out
