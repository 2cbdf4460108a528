"""Carrier consent keywords: whole-message STOP / START / HELP matching."""

from __future__ import annotations

import re
import unicodedata

from webhooks.sms_text import strip_hidden

OPT_OUT = "opt_out"
OPT_IN = "opt_in"
HELP = "help"

OPT_OUT_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"})
OPT_IN_WORDS = frozenset({"START", "YES", "UNSTOP"})
HELP_WORDS = frozenset({"HELP", "INFO"})

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Upper-case, hidden characters, punctuation and emoji removed, spaces collapsed."""
    text = strip_hidden(unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip().upper()


def classify(text: str | None) -> str | None:
    """The keyword class of a whole message, or None for ordinary text.

    "Stop." and " stop " are opt-outs; "stop sending me texts" is not.
    """
    word = normalise(text or "")
    if word in OPT_OUT_WORDS:
        return OPT_OUT
    if word in OPT_IN_WORDS:
        return OPT_IN
    if word in HELP_WORDS:
        return HELP
    return None


def classify_opt_out_type(value: str | None) -> str | None:
    """Twilio's ``OptOutType`` parameter (STOP, START, HELP) when present."""
    mapping = {"STOP": OPT_OUT, "START": OPT_IN, "HELP": HELP}
    return mapping.get((value or "").strip().upper())
