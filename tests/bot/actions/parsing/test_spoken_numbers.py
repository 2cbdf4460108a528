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


@pytest.mark.parametrize(
    ("spoken", "digits"),
    [
        ("тойота камри две тысячи четырнадцать", "тойота камри 2014"),
        ("лада веста две тысячи девятнадцать", "лада веста 2019"),
        ("съезд двенадцать", "съезд 12"),
        ("трасса М4, сто двадцать километр", "трасса М4, 120 километр"),
        # Ordinals are left as said: number-parser would make "пятьдесят третий" (53rd) "50 третий".
        ("пятьдесят третий километр", "пятьдесят третий километр"),
        ("тойота две тысячи пятнадцатого года", "тойота две тысячи пятнадцатого года"),
        ("машина сломалась", "машина сломалась"),
    ],
)
def test_russian_cardinals_become_digits_and_ordinals_stay_words(spoken, digits):
    assert digits_from_speech(spoken, "ru") == digits


@pytest.mark.parametrize(("spoken", "language"), [("xe vios hai nghìn mười lăm", "vi"),
                                                  ("avanza dua ribu lima belas", "id")])
def test_no_library_reads_vietnamese_or_indonesian_number_words_so_they_stay(spoken, language):
    assert digits_from_speech(spoken, language) == spoken
