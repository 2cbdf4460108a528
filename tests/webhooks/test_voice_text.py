from __future__ import annotations

from webhooks.voice_text import HINTS, for_the_ear


def test_links_and_emoji_removed() -> None:
    assert for_the_ear("Privacy: https://example.com/privacy 🚗 Thanks!") == "Privacy: Thanks!"


def test_reference_read_one_character_at_a_time() -> None:
    assert for_the_ear("Your reference is RS-7K3Q9.") == "Your reference is R S 7 K 3 Q 9."


def test_old_and_escalation_references_are_spelt_too() -> None:
    assert for_the_ear("Old request RS-UV23W, person ES-7K3Q9.") == "Old request R S U V 2 3 W, person E S 7 K 3 Q 9."


def test_speech_hints_name_the_common_car_makes_within_twilios_limits() -> None:
    entries = HINTS.split(", ")
    # The makes drivers name most, as facts/vehicles.json spells them; not only the old top twenty.
    assert {"Toyota", "Chevy", "Chevrolet", "VW", "Mercedes", "Cadillac", "Volvo", "Porsche"} <= set(entries)
    assert {"mile marker", "flat tire", "agent", "cancel"} <= set(entries)
    # <Gather hints>: at most 500 entries of at most 100 characters (Twilio warning 13330).
    assert len(entries) == len(set(entries)) <= 500
    assert all(0 < len(entry) <= 100 for entry in entries)
