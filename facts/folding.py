"""Fold a message for matching in any of our languages (pure).

Lower case, accents and other combining marks dropped ("xẹp lốp" -> "xep lop", "ё" -> "е",
"й" -> "и"), "đ" -> "d", curly quotes straightened and spaces folded, so a pattern written
with diacritics matches a driver who typed without them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "’": "'", "‘": "'"})


def unmark(text: str) -> str:
    """Accents and other combining marks dropped, "đ" -> "d", case kept ("Gần Vincom" -> "Gan Vincom")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case, no accents, "đ" -> "d", curly quotes straightened, spaces folded."""
    return " ".join(unmark(text).lower().split())


def folded_words(text: str) -> str:
    """``fold`` with punctuation turned into spaces (hyphens inside words kept): what patterns run on."""
    return " ".join(re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", fold(text)))


def compile_folded(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex for patterns written with diacritics, folded like the text they will search.

    Only lower-case escapes (\\b, \\w, \\s) survive folding; an upper-case one would change meaning.
    """
    folded = [fold(p) for p in patterns]
    if any(re.search(r"\\[BWSD]", p) for p in patterns):
        raise ValueError("upper-case regex escapes do not survive folding")
    return re.compile("|".join(f"(?:{p})" for p in folded))
