"""Danger words that make the bot point to the emergency number first."""

from __future__ import annotations

import pytest

from facts.danger import mentions_danger


@pytest.mark.parametrize(
    "text",
    [
        "someone is injured",
        "my wife is hurt",
        "he is bleeding",
        "theres blood everywhere",
        "driver is unconscious",
        "she passed out",
        "not breathing",
        "he can't breathe",
        "trapped in the car",
        "im pinned and cant get out",
        "car is smoking",
        "smoke coming from the hood",
        "on fire",
        "car caught fire",
        "flames coming from the engine",
        "it smells like burning",
        "gas leak",
        "leaking gas everywhere",
        "smells like gas",
        "stuck on the tracks",
        "stalled on the railroad tracks",
        "in traffic lane and cars flying by",
        "stuck in the left lane",
        "broke down in the middle of the highway",
        "cars zooming past",
        "no shoulder, blind curve",
        "car flipped",
        "we rolled over",
        "my kid is locked in the car",
        "locked my baby inside",
        "I don't feel safe here",
        "someone is following me",
        "need an ambulance",
        "accident, no one hurt but there's smoke",
        "INJURED!!",
        "my arm is broken. broken arm",
        "keys locked inside, toddler in the car seat",
        "locked out and my dog is in the car",
        "I can't get out of the car",
        "the driver cant get out",
        "not sure if anyone is hurt",
        "dont know if hes injured",
        "is this dangerous",
    ],
)
def test_mentions_danger(text: str) -> None:
    assert mentions_danger(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "battery dead",
        "flat tire",
        "out of gas",
        "stuck in a ditch",
        "car broke down on I-95",
        "locked my keys in the car",
        "fire up the engine",
        "near the fire station",
        "is there a fire hydrant",
        "no one is hurt",
        "nobody hurt, just a fender bender",
        "no injuries",
        "I'm not injured",
        "we are ok, no fire",
        "no smoke",
        "im safe on the shoulder",
        "I'm stuck in traffic",
        "hurt my wallet",
        "2012 porsche 911 flat tire",
        "need a tow to the dealer",
        "slid into a ditch on route 7, can't get out, im ok though",
        "my toddler is with me, flat tire",
        "accident on the Taconic, nobody hurt, car is totaled",
        "we're not hurt",
        "nobody's injured",
        "no danger, just a flat",
    ],
)
def test_no_danger(text: str) -> None:
    assert mentions_danger(text) is False


@pytest.mark.parametrize("text", ["my leg is broken", "i think his arm is broken", "broken ribs"])
def test_broken_bones_are_danger(text: str) -> None:
    assert mentions_danger(text)


@pytest.mark.parametrize("text", ["someone is harassing me", "a man is trying to open my door", "I got robbed",
                                  "hard to breathe", "a guy is trying to get into my car", "im being stalked"])
def test_a_threatening_person_or_trouble_breathing_is_danger(text: str) -> None:
    assert mentions_danger(text)


@pytest.mark.parametrize("text", ["need a tow asap", "asap please", "the shop will open my car tomorrow",
                                  "stalled on main st"])
def test_ordinary_words_near_those_are_not_danger(text: str) -> None:
    assert not mentions_danger(text)


@pytest.mark.parametrize("text", ["my emergency brake is stuck", "i need the police report for insurance",
                                  "im scared the battery is dead", "полиция сказала вызвать эвакуатор",
                                  "nyalain lampu darurat", "bật đèn khẩn cấp rồi", "xe chạy được rồi",
                                  "kunci patah di kontak", "my kid locked the keys in the car"])
def test_car_words_that_sound_like_an_emergency_are_not_danger(text: str) -> None:
    assert not mentions_danger(text)


@pytest.mark.parametrize("text", ["emergency", "call the police", "im scared for my life", "полиция",
                                  "вызовите полицию", "darurat", "khẩn cấp", "i broke my leg",
                                  "chân tôi bị gãy", "kaki saya patah", "тачка загорелась", "не могу дышать"])
def test_asking_for_help_or_an_injury_is_danger(text: str) -> None:
    assert mentions_danger(text)
