"""SMS segment counts: GSM-7 and UCS-2, single and multi-part."""

from __future__ import annotations

import pytest

from facts.sms_segments import is_gsm7, segments
from webhooks.twiml import reply_bodies


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),  # extension characters count twice
        ("€" * 81, 2),
        ("Xe của tôi hỏng", 1),
        ("ы" * 70, 1),
        ("ы" * 71, 2),
        ("ы" * 134, 2),
        ("ы" * 135, 3),
        ("ok 👍", 1),  # an emoji makes the whole text UCS-2
        ("👍" * 36, 2),  # two UTF-16 units each
    ],
)
def test_segments(text, count):
    assert segments(text) == count


def test_gsm7_alphabet():
    assert is_gsm7("Where is the car? e.g. 12 Elm St, £5 @ exit")
    assert not is_gsm7("Где машина?")


def test_a_turns_short_texts_go_out_as_one_message():
    assert reply_bodies(["OK.", "Where is the car right now?"]) == ["OK.\nWhere is the car right now?"]


def test_texts_too_long_to_join_go_out_separately():
    long = "word " * 100
    bodies = reply_bodies([long, "Where is the car?"])
    assert len(bodies) >= 2 and bodies[-1] == "Where is the car?"


def test_nothing_to_say_is_no_message():
    assert reply_bodies(["", "  "]) == []
