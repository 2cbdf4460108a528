"""The NLU step that files a plainly stated fact as ``inform`` when the classifier missed it."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu_facts import inform_if_fact
from helpers.nlu_examples import training_examples


def classified(text: str, intent: str, confidence: float = 0.7) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "inform", "confidence": 0.2}]
    return Message(data={"text": text, "intent": dict(ranking[0]), "intent_ranking": ranking})


def filed_as(text: str, intent: str, confidence: float = 0.7) -> str:
    """The intent the step leaves on a message the classifier filed as ``intent``; it says when it changed it."""
    message = classified(text, intent, confidence)
    refiled = inform_if_fact(message)
    name: str = message.get("intent")["name"]
    assert refiled is (name != intent)
    return name


@pytest.mark.parametrize("intent", ["goodbye", "out_of_scope", "nlu_fallback", "thanks", "deny"])
@pytest.mark.parametrize("text", ["машина сломалась", "Tol Jagorawi km 23", "Тойота Камри 2015", "xe toi bi xep lop",
                                  "нет, машина Kia Rio 2017", "flat tire on I-95 by exit 12"])
def test_a_stated_fact_is_an_answer(text: str, intent: str) -> None:
    message = classified(text, intent)
    assert inform_if_fact(message)
    assert message.get("intent")["name"] == "inform"
    assert [r["name"] for r in message.get("intent_ranking")][:2] == ["inform", intent]


@pytest.mark.parametrize(("text", "intent"), [
    ("ок пока, уже не нужно", "goodbye"), ("bye, my battery is fine now", "goodbye"),
    ("never mind, got a tow", "goodbye"), ("gak jadi, aki sudah nyala", "goodbye"), ("thanks", "thanks"),
    ("нет", "deny"), ("what's the weather", "out_of_scope"),
    ("how long will it take", "nlu_fallback"), ("подождите", "nlu_fallback"),
    # Intents with their own consequences are never re-read.
    ("my car is on fire on I-95", "emergency"), ("cancel, my battery works now", "cancel_request"),
    ("get me a person, flat tire", "ask_agent"),
    # A change that names its field goes to the correction, which asks for that field again.
    ("change the car, it's a 2015 camry", "change_field"), ("поменяйте адрес: ул. Ленина 10", "change_field"),
    ("change something", "change_field"),
])
def test_everything_else_keeps_its_intent(text: str, intent: str) -> None:
    assert filed_as(text, intent) == intent


@pytest.mark.parametrize("intent", ["ask_agent", "out_of_scope", "nlu_fallback", "inform", "greet"])
@pytest.mark.parametrize("text", ["English please", "можно на английском?", "по-русски", "tiếng Việt",
                                  "bahasa Indonesia"])
def test_a_language_request_is_a_greeting(text: str, intent: str) -> None:
    message = classified(text, intent)
    inform_if_fact(message)
    assert message.get("intent")["name"] == "greet"


@pytest.mark.parametrize("text", ["actually it's a 2015 camry", "моя газель две тысячи четырнадцать",
                                  "no wait, it is a white kia rio 2017"])
def test_a_change_that_names_no_field_but_gives_the_value_is_an_answer(text: str) -> None:
    """The form (or, at the summary, the correction for an inform) puts the value where it belongs."""
    assert filed_as(text, "change_field") == "inform"


@pytest.mark.parametrize("text", ["123 nguyen hue q1", "ngã tư Lê Duẩn - Pasteur, Quận 1", "12 Elm St Worcester",
                                  "ул. Ленина 10, Казань", "Jl. Sudirman No. 5"])
def test_a_bare_place_filed_as_an_emergency_is_an_answer(text: str) -> None:
    assert filed_as(text, "emergency", confidence=1.0) == "inform"


@pytest.mark.parametrize("text", ["car on fire at 12 Elm St", "xe bốc cháy ở 123 Nguyễn Huệ", "someone is hurt",
                                  "серьёзное дтп есть пострадавшие", "kecelakaan parah ada korban",
                                  "i hit my head", "tai nạn ở ngã tư Lê Duẩn"])
def test_an_emergency_with_danger_or_a_problem_stays_an_emergency(text: str) -> None:
    assert filed_as(text, "emergency", confidence=1.0) == "emergency"


def test_no_emergency_example_in_the_training_data_is_refiled() -> None:
    """The bare-place rule never turns an example the model learnt as an emergency into an answer."""
    examples = training_examples("emergency")
    assert len(examples) > 200
    refiled = [text for text in examples if inform_if_fact(classified(text, "emergency", confidence=1.0))]
    assert refiled == []


@pytest.mark.parametrize("text", ["dont text me anymore", "no more messages please", "не пишите мне больше",
                                  "không nhắn nữa", "jangan sms lagi"])
def test_a_cancel_about_our_texts_only_is_an_opt_out_question(text: str) -> None:
    assert filed_as(text, "cancel_request", confidence=0.9) == "ask_opt_out"


@pytest.mark.parametrize("text", ["cancel my tow", "cancel the tow and stop texting", "не присылайте эвакуатор",
                                  "hủy xe kéo", "batalkan derek", "dont send anyone"])
def test_a_cancel_of_the_help_stays_a_cancel(text: str) -> None:
    assert filed_as(text, "cancel_request", confidence=0.9) == "cancel_request"


def test_no_cancel_example_in_the_training_data_is_refiled() -> None:
    examples = training_examples("cancel_request")
    assert len(examples) > 200
    assert [text for text in examples if inform_if_fact(classified(text, "cancel_request", confidence=0.9))] == []


# A cancel is acted on at once, so a "cancel" that is really an answer or a request for the tow must not stay one.
CANCELS_THAT_ARE_ANSWERS = [
    "измените местоположение, я уже на заправке у съезда", "im at 45 oak st now", "it's a 2016 toyota camry actually",
    "нужен эвакуатор", "tow truck needed", "perlu derek", "cần xe kéo", "вызовите эвакуатор пожалуйста", "batt ded",
]
CANCELS_THAT_STAY = [
    "cancel, im already home at 45 oak st", "отмените, я уже на заправке у съезда", "never mind, my 2016 camry started",
    "no longer need a tow", "эвакуатор не нужен", "jangan kirim derek", "không cần xe kéo nữa",
    "call off the tow truck",
    "forget the tow",
]


@pytest.mark.parametrize(("text", "intent"), [*((t, "inform") for t in CANCELS_THAT_ARE_ANSWERS),
                                              *((t, "cancel_request") for t in CANCELS_THAT_STAY)])
def test_a_cancel_that_gives_a_fact_or_asks_for_the_tow_is_an_answer_unless_it_calls_something_off(
        text: str, intent: str) -> None:
    assert filed_as(text, "cancel_request", confidence=0.9) == intent
