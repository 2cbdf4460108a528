"""Numbers as a speech recogniser writes them, turned into digits."""

from __future__ import annotations

import pytest

from bot.actions.parsing.spoken_numbers import digits_from_speech


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("twenty fourteen honda civic", "2014 honda civic"),
        ("two thousand nine ford focus", "2009 ford focus"),
        ("nineteen ninety nine jeep cherokee", "1999 jeep cherokee"),
        ("twenty twenty one rav4", "2021 rav4"),
        ("an oh nine camry", "an 09 camry"),
        ("I 95 north near exit twelve", "I 95 north near exit 12"),
        ("mile marker one hundred twelve", "mile marker 112"),
        ("five oh eight five five five oh one four two", "5085550142"),
        ("flat tire", "flat tire"),
        ("", ""),
    ],
)
def test_spoken_numbers_become_digits(spoken, digits):
    assert digits_from_speech(spoken) == digits
