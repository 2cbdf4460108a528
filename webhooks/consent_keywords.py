"""Carrier consent keywords: whole-message STOP / START / HELP matching, in every language we serve.

Matching is on the whole message, ignoring case, punctuation, emoji, hidden
characters and diacritics ("DỪNG", "dung", "Dừng!" are the same word). It
runs before any NLU and needs no Redis, so an opt-out is recognised even when
the rest of the stack is down. English keywords work whatever the language.

"đ" is a letter of its own in Vietnamese, not a "d" with a mark: "đúng"
("right", a common answer to a confirmation) is therefore not "DUNG" (stop).
A keyword spelt with "Đ" also matches when typed with a plain "d" ("bat dau").
"""

from __future__ import annotations

import re
import unicodedata

from webhooks.sms_text import strip_hidden

OPT_OUT = "opt_out"
OPT_IN = "opt_in"
HELP = "help"

# Per language: the words of each class, written as people write them; matched without diacritics.
KEYWORDS: dict[str, dict[str, frozenset[str]]] = {
    "en": {
        OPT_OUT: frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
                            "OPT OUT"}),
        OPT_IN: frozenset({"START", "YES", "UNSTOP"}),
        HELP: frozenset({"HELP", "INFO"}),
    },
    "vi": {
        # "Dừng" (stop), "ngừng" (cease), "hủy"/"huỷ" (cancel: how Vietnamese carriers' VAS opt-outs read),
        # "từ chối" (refuse). Two-letter codes (TC, DK, HD) are left out: "tc" and "dk" mean
        # "take care" and "don't know" in English texts.
        OPT_OUT: frozenset({"DỪNG", "DỪNG LẠI", "NGỪNG", "NGỪNG NHẮN TIN", "HỦY", "HUỶ", "HỦY ĐĂNG KÝ",
                            "TỪ CHỐI"}),
        OPT_IN: frozenset({"BẮT ĐẦU", "ĐĂNG KÝ"}),
        HELP: frozenset({"TRỢ GIÚP", "HƯỚNG DẪN"}),
    },
    "id": {
        # "UNREG" is how Indonesian operators' subscriptions are cancelled; "berhenti" is "stop".
        OPT_OUT: frozenset({"BERHENTI", "UNREG", "STOP SMS", "BATAL", "BERHENTI BERLANGGANAN"}),
        OPT_IN: frozenset({"MULAI", "REG", "DAFTAR"}),
        HELP: frozenset({"BANTUAN"}),
    },
    "ru": {
        # "СТОР" is STOP typed on a Russian keyboard layout's look-alike letters.
        OPT_OUT: frozenset({"СТОП", "СТОР", "ОТПИСАТЬСЯ", "ОТПИСКА", "ОТПИСАТЬ", "ХВАТИТ", "ОТМЕНА"}),
        OPT_IN: frozenset({"СТАРТ", "ПОДПИСАТЬСЯ", "ВОЗОБНОВИТЬ"}),
        HELP: frozenset({"ПОМОЩЬ", "СПРАВКА", "ИНФО"}),
    },
}

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Upper-case, hidden characters, punctuation and emoji removed, spaces collapsed."""
    text = strip_hidden(unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text.replace("_", " "))).strip().upper()


def _bare(text: str) -> str:
    """``normalise`` without diacritics: "DỪNG" -> "DUNG", "ОТПИСКА" stays, "Ё" -> "Е"."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_LOOKUP: dict[str, tuple[str, str]] = {}
for _language, _classes in KEYWORDS.items():
    for _kind, _words in _classes.items():
        for _word in _words:
            for _spelling in {_bare(_word), _bare(_word).replace("Đ", "D")}:
                _LOOKUP.setdefault(_spelling, (_kind, _language))


def match(text: str | None) -> tuple[str, str] | None:
    """``(keyword class, language)`` of a whole message that is a consent keyword, else None."""
    return _LOOKUP.get(_bare(text or ""))


def classify(text: str | None) -> str | None:
    """The keyword class of a whole message, or None for ordinary text.

    "Stop.", " stop " and "СТОП" are opt-outs; "stop sending me texts" is not.
    """
    found = match(text)
    return found[0] if found else None


def keyword_language(text: str | None) -> str | None:
    """The language a consent keyword is written in ("en" for STOP), None for ordinary text."""
    found = match(text)
    return found[1] if found else None


def classify_opt_out_type(value: str | None) -> str | None:
    """Twilio's ``OptOutType`` parameter (STOP, START, HELP) when present."""
    mapping = {"STOP": OPT_OUT, "START": OPT_IN, "HELP": HELP}
    return mapping.get((value or "").strip().upper())
