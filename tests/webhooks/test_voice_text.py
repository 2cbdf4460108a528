from __future__ import annotations

from webhooks.voice_text import find_reference, for_the_ear


def test_links_and_emoji_removed() -> None:
    assert for_the_ear("Privacy: https://example.com/privacy 🚗 Thanks!") == "Privacy: Thanks!"


def test_reference_read_one_character_at_a_time() -> None:
    assert for_the_ear("Your reference is RS-7K3Q9.") == "Your reference is R S 7 K 3 Q 9."


def test_find_reference() -> None:
    assert find_reference(["Thanks.", "Request RS-7K3Q9 is with dispatch."]) == "RS-7K3Q9"
    assert find_reference(["Your reference is R S 7 K 3 Q 9. We will text you."]) == "RS-7K3Q9"
    assert find_reference(["no id here"]) is None
