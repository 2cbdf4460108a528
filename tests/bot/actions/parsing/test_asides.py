"""Short replies recognised by their words, before NLU: ok, wait, questions."""

from __future__ import annotations

import pytest

from bot.actions.parsing.asides import aside_kind, question_kind


@pytest.mark.parametrize("text", ["yes", "ok", "OK!", "no", "nope", "k", "thanks", "thank you", "👍", "?", "...",
                                  "ok thanks", "got it", "hello?", "sounds good", "Yep.", "🙏🙏"])
def test_acknowledgements(text):
    assert aside_kind(text) == "ack"


@pytest.mark.parametrize("text", ["wait", "Wait!", "hold on", "hold on let me look", "one sec", "give me a minute",
                                  "hang on", "brb", "let me check", "ok wait", "just a sec", "w8"])
def test_wait(text):
    assert aside_kind(text) == "wait"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("how long will it take?", "eta"),
        ("whats the ETA", "eta"),
        ("when will the truck get here", "eta"),
        ("how much does this cost", "cost"),
        ("is my insurance covering this", "cost"),
        ("do i have to pay", "cost"),
        ("are you a bot", "bot"),
        ("is this a real person", "bot"),
        ("what's my reference number", "reference"),
        ("can you call me instead", "callback"),
        ("just call me", "callback"),
    ],
)
def test_questions(text, kind):
    assert question_kind(text) == kind
    assert aside_kind(text) == kind


@pytest.mark.parametrize("text", ["idk", "i dont know", "no idea", "not sure"])
def test_dont_know(text):
    assert aside_kind(text) == "dont_know"


@pytest.mark.parametrize("text", ["my battery died", "I-95 exit 12", "2014 honda civic", "flat tire on rte 9",
                                  "asdfgh", "cancel my tow"])
def test_facts_and_gibberish_are_not_asides(text):
    assert aside_kind(text) is None


def test_intent_is_the_fallback_for_phrasings_the_patterns_miss():
    assert aside_kind("i shall await your truck", "ask_eta") == "eta"
    assert aside_kind("righto", "affirm") == "ack"
    assert aside_kind("righto", "inform") is None
