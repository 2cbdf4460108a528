"""How many SMS segments a text costs (pure, no I/O).

GSM-7 texts take 160 characters in one segment and 153 per segment when
split (the extension table's characters count twice); anything else goes as
UCS-2: 70 UTF-16 units in one segment, 67 per segment when split.
"""

from __future__ import annotations

import math

GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = set("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 03.38 alphabet (basic or extension table)."""
    return all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in text)


def segments(text: str) -> int:
    """SMS segments needed to send ``text`` as one message (0 for an empty text)."""
    if not text:
        return 0
    if is_gsm7(text):
        units = sum(2 if ch in GSM_EXTENDED else 1 for ch in text)
        return 1 if units <= 160 else math.ceil(units / 153)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= 70 else math.ceil(units / 67)
