"""Phone number normalisation with phonenumbers."""

from __future__ import annotations

import phonenumbers

ANONYMOUS = frozenset({"", "anonymous", "unknown", "restricted", "private", "+266696687", "+7378742833", "+2562533"})


def to_e164(raw: str | None, default_region: str = "US") -> str | None:
    """The number in E.164, or None when it is withheld or not a valid number."""
    text = (raw or "").strip()
    if text.lower() in ANONYMOUS or text in ANONYMOUS:
        return None
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def region_of(e164: str) -> str | None:
    """ISO region of a number (e.g. "US"), or None."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or None
    except phonenumbers.NumberParseException:
        return None
