"""Phone number normalisation with phonenumbers."""

from __future__ import annotations

import logging
import re

import phonenumbers

log = logging.getLogger(__name__)

ANONYMOUS = frozenset({"", "anonymous", "unknown", "restricted", "private", "+266696687", "+7378742833", "+2562533"})

# Twilio sends a sender as strict E.164. Anything else (a "whatsapp:" address,
# a short code, an alphanumeric id) must not be read as, or merged with, a number.
_E164 = re.compile(r"\+[1-9][0-9]{5,14}")


def to_e164(raw: str | None, default_region: str = "US") -> str | None:
    """The number in E.164, or None when it is withheld or not a valid number.

    A number written in strict E.164 (Twilio's To/From, an operator's
    ``+447911…``) is taken as ``sender_e164`` takes it. Anything looser, such as
    digits keyed in on a call, must be a valid number: that catches typos.
    """
    text = (raw or "").strip()
    if text.lower() in ANONYMOUS or text in ANONYMOUS:
        return None
    if _E164.fullmatch(text):
        return sender_e164(text)
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def sender_e164(raw: str | None) -> str | None:
    """A signed request's ``From`` in E.164, or None (withheld, short code, alphanumeric, other channel).

    Twilio vouches for its senders and new number ranges appear faster than
    phonenumbers' metadata, so a *possible* E.164 number is accepted even when
    the library does not list it as valid.
    """
    text = (raw or "").strip()
    if text in ANONYMOUS or not _E164.fullmatch(text):
        return None
    try:
        number = phonenumbers.parse(text)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    if not phonenumbers.is_valid_number(number):
        # The number itself is personal data: log only its country.
        log.warning("sender outside phonenumbers' known ranges accepted (country +%s)", number.country_code)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def region_of(e164: str) -> str | None:
    """ISO region of a number (e.g. "US"), or None."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or None
    except phonenumbers.NumberParseException:
        return None
