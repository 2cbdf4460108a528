"""Every SMS response fits its segment budget, filled with the longest values the bot puts in."""

from __future__ import annotations

import re

from facts.sms_segments import segments

LONG_VALUES = {
    "pickup": "p" * 80, "issue": "i" * 80, "vehicle": "v" * 80, "dropoff": "d" * 80,
    "request_id": "RS-7K3Q9", "retention_days": "365", "privacy_url": "https://example.com/privacy",
    "emergency_number": "911", "location_link": "https://roadside.example.com/l/" + "x" * 32,
    "cost_policy": "Any charge depends on your plan or insurance; a dispatcher confirms it with you before the "
                   "truck comes.",
}
# The summary and the notices may use three segments; everything else two.
THREE_SEGMENTS = {"utter_summary", "utter_summary_tow", "utter_privacy"}


def test_every_sms_response_fits_its_segment_budget(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            # Vietnamese, Indonesian and Russian (UCS-2 budgets): tests/bot/test_domain_languages.py.
            if variation.get("channel") == "voice" or variation.get("condition"):
                continue
            text = re.sub(r"\{(\w+)\}", lambda m: LONG_VALUES.get(m.group(1), "x" * 20), variation["text"])
            limit = 3 if name in THREE_SEGMENTS else 2
            assert segments(text) <= limit, f"{name}: {segments(text)} segments"


def test_a_question_with_its_short_answer_fits_two_segments(domain):
    def sms(name: str) -> str:
        return next(v["text"] for v in domain["responses"][name] if v.get("channel") is None)

    for aside in ("utter_ack", "utter_got_it", "utter_didnt_get", "utter_answer_eta", "utter_take_your_time"):
        for ask in ("utter_ask_pickup", "utter_reask_pickup", "utter_ask_issue", "utter_ask_vehicle"):
            assert segments(sms(aside) + "\n" + sms(ask)) <= 2, (aside, ask)
