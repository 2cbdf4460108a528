"""Which field of the request a correction names, and which field a bare new fact fills (pure).

Shared by the correction action (bot/actions/change_field.py) and the NLU step that files a plain
answer as ``inform`` (bot/nlu_facts.py).
"""

from __future__ import annotations

import re

from bot.actions.parsing.issue import categorise_issue
from bot.actions.parsing.location import parse_location
from bot.actions.parsing.location.other_languages import FINDABLE, ROUGH, place_kind
from bot.actions.parsing.vehicle import parse_vehicle
from facts.folding import compile_folded, folded_words

# Checked in this order: "where to tow it" is the drop-off, not the pickup.
FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dropoff",
        re.compile(
            r"\b(drop ?-?off|destination|garage|shop|mechanic|dealer\w*|tow (it )?(to|somewhere)|where to tow)\b"
        ),
    ),
    ("issue", re.compile(r"\b(problem|issue|wrong with|trouble|category)\b")),
    ("vehicle", re.compile(r"\b(car|vehicle|model|make|year|truck|suv|van|color|colour)\b")),
    (
        "pickup",
        re.compile(r"\b(address|location|place|spot|where|pick ?-?up|street|exit|pin|mile marker|highway|road)\b"),
    ),
)


# The same fields named in Vietnamese, Indonesian and Russian ("sửa địa chỉ", "ganti alamat", "поменяйте адрес");
# the place before the car, as "mobil"/"машина" come up in nearly every sentence.
OTHER_LANGUAGE_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dropoff", compile_folded((
        r"\bnơi (?:kéo|chở|đưa) (?:xe )?(?:đến|tới|về)\b", r"\b(?:kéo|chở|đưa) (?:xe )?(?:đến|tới|về) đâu\b",
        r"\bgara\b",
        r"\btujuan\b", r"\b(?:diderek|derek) ke\b", r"\bbengkel\b",
        r"\bкуда (?:везти|отвезти|эвакуировать|тащить)\b", r"\bсервис\w*", r"\bпункт назначения\b",
    ))),
    ("issue", compile_folded((
        r"\bvấn đề\b", r"\bsự cố\b", r"\bhư gì\b", r"\bhỏng gì\b", r"\bbị gì\b",
        r"\bmasalah\w*", r"\bkerusakan\w*", r"\bkendala\w*",
        r"\bпроблем\w*", r"\bполомк\w*", r"\bнеисправност\w*", r"\bчто случилось\b",
    ))),
    ("pickup", compile_folded((
        r"\bđịa chỉ\b", r"\bvị trí\b", r"\bchỗ (?:xe|đậu|đỗ)\b", r"\bnơi xe\b", r"\bở đâu\b",
        r"\balamat\w*", r"\blokasi\w*", r"\btempat\w*", r"\bposisi\w*",
        r"\bадрес\w*", r"\bмест\w*", r"\bлокаци\w*", r"\bгеолокаци\w*", r"\bгде\b",
    ))),
    ("vehicle", compile_folded((
        r"\b(?:loại|hiệu|đời|dòng|màu|biển số) xe\b", r"^(?:sửa|đổi|thay) (?:lại )?xe$", r"\bxe khác\b",
        r"\bmobil\w*", r"\bkendaraan\w*", r"\bmerk\b", r"\btipe\b",
        r"\bмашин\w*", r"\bавто\b", r"\bавтомобил\w*", r"\bмарк\w*", r"\bмодел\w*", r"\bгод выпуска\b",
    ))),
)


def field_named_in(text: str) -> str | None:
    """Which field a correction talks about ("change the address" -> pickup), in any of our languages."""
    lowered, folded = text.lower(), folded_words(text)
    for field, pattern in FIELD_PATTERNS:
        if pattern.search(lowered):
            return field
    for field, pattern in OTHER_LANGUAGE_FIELDS:
        if pattern.search(folded):
            return field
    return None


def field_with_new_value(text: str) -> str | None:
    """Which field a bare new fact belongs to ("its a 2015 camry" -> vehicle)."""
    if parse_vehicle(text) is not None:
        return "vehicle"
    if categorise_issue(text) is not None:
        return "issue"
    if parse_location(text) is not None or place_kind(text) in (FINDABLE, ROUGH):
        return "pickup"
    return None
