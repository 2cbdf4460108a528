"""Turning bot text into something good to hear. Pure logic."""

from __future__ import annotations

import re

from facts.references import spell_references
from facts.vehicles import spoken_makes

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")

# Words the speech recogniser should expect on a roadside call; the car makes come from facts/vehicles.json.
_HINT_PHRASES = (
    "tow", "flat tire", "flat tyre", "battery", "jump start", "lockout", "locked out", "out of gas", "fuel", "stuck",
    "ditch", "accident", "exit", "mile marker", "interstate", "highway", "route", "north", "south", "east", "west",
)
_HINT_ANSWERS = ("agent", "yes", "no", "cancel")
HINTS = ", ".join((*_HINT_PHRASES, *spoken_makes(), *_HINT_ANSWERS))

# The same words as drivers say them in each language; the makes are that language's (facts/vehicles.json).
_LOCAL_HINTS: dict[str, tuple[str, ...]] = {
    "vi": ("thủng lốp", "xịt lốp", "bể bánh", "hết bình", "ắc quy", "chết máy", "không nổ máy", "hết xăng",
           "kéo xe", "cứu hộ", "tai nạn", "kẹt chìa khóa", "cao tốc", "quốc lộ", "lối ra", "cây số", "nhân viên",
           "có", "không", "hủy"),
    "id": ("ban bocor", "ban kempes", "aki soak", "mogok", "tidak bisa nyala", "bensin habis", "derek",
           "kecelakaan", "kunci tertinggal", "jalan tol", "pintu tol", "rest area", "kilometer", "petugas",
           "ya", "tidak", "batal"),
    "ru": ("пробил колесо", "спустило колесо", "сел аккумулятор", "не заводится", "кончился бензин", "эвакуатор",
           "авария", "ключи в машине", "трасса", "съезд", "километр", "оператор", "да", "нет", "отмена"),
}
# A spoken "yes" to a question, per language (keys 1 and 2 work in every language).
_YES = {
    "en": ("yes", "yeah", "yep", "sure", "ok", "okay"),
    "vi": ("có", "vâng", "dạ", "được", "ừ", "ok"),
    "id": ("ya", "iya", "boleh", "mau", "oke", "ok"),
    "ru": ("да", "конечно", "хорошо", "ага", "ок"),
}


def hints(language: str) -> str:
    """Speech hints for a call held in ``language``."""
    local = _LOCAL_HINTS.get(language)
    return HINTS if local is None else ", ".join((*local, *spoken_makes(language)))


def said_yes(answer: str, language: str) -> bool:
    """A spoken or keyed yes ("1") in ``language`` or in English."""
    words = _WORDS.findall(answer.lower())
    if answer.strip() == "1":
        return True
    return bool(words) and (words[0] in _YES["en"] or words[0] in _YES.get(language, ()))


def for_the_ear(text: str) -> str:
    """No links, no emoji, reference ids read out one character at a time."""
    text = _URL.sub("", text)
    text = _EMOJI.sub("", text)
    text = spell_references(text)
    return _SPACES.sub(" ", text).strip()

