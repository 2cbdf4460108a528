from __future__ import annotations

from webhooks.sms_text import MAX_INBOUND_CHARS, clean_inbound, split_for_sms


def test_short_reply_is_one_part() -> None:
    assert split_for_sms("Where is your car?") == ["Where is your car?"]
    assert split_for_sms("   ") == []


def test_long_reply_splits_at_sentences_within_limit() -> None:
    text = " ".join(f"Sentence number {i} says something useful." for i in range(30))
    parts = split_for_sms(text, 160)
    assert len(parts) > 1
    assert all(len(p) <= 160 for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text


def test_unbroken_long_word_is_hard_wrapped() -> None:
    parts = split_for_sms("x" * 700, 320)
    assert [len(p) for p in parts] == [320, 320, 60]


def test_clean_inbound_strips_controls_and_caps_length() -> None:
    assert clean_inbound("  flat\u0000 tire\u200b  ") == ("flat tire", False)
    assert clean_inbound(None) == ("", False)
    long_text, shortened = clean_inbound("word " * 2000)
    assert shortened and len(long_text) <= MAX_INBOUND_CHARS and not long_text.endswith(" ")


def test_clean_inbound_keeps_emoji_and_other_scripts() -> None:
    assert clean_inbound("🚗💥 машина сломалась 車が故障") == ("🚗💥 машина сломалась 車が故障", False)


def test_a_ucs2_reply_splits_by_ucs2_segments() -> None:
    from facts.sms_segments import segments

    text = " ".join(["Xe của bạn đang ở đâu? Hãy nhắn tên đường hoặc lối ra gần nhất."] * 8)
    parts = split_for_sms(text)
    assert len(parts) > 1 and " ".join(parts) == text
    assert all(segments(p) <= 2 for p in parts)  # 134 UTF-16 units: two UCS-2 segments, not 306 characters
    russian = split_for_sms("ы" * 300)
    assert [len(p) for p in russian] == [134, 134, 32]
    emoji = split_for_sms("👍" * 100)  # two UTF-16 units each
    assert all(segments(p) <= 2 for p in emoji) and "".join(emoji) == "👍" * 100


def test_a_gsm_reply_keeps_two_gsm_segments_per_part() -> None:
    from facts.sms_segments import segments

    parts = split_for_sms(" ".join(f"Sentence number {i} says something useful." for i in range(30)))
    assert all(segments(p) <= 2 for p in parts) and max(len(p) for p in parts) > 134
