"""The danger words against the NLU data: while a person has the conversation, they are all that stands
between a driver's "I can't breathe" and the emergency number (webhooks/turn.py), since Rasa is not asked.

Every emergency example in the training data and in heldout/ is danger by the words alone, but for the
few below; no example of any other intent is.
"""

from __future__ import annotations

from pathlib import Path

from facts.danger import mentions_danger
from helpers.nlu_examples import NLU, intent_examples

HELDOUT = Path(__file__).resolve().parents[2] / "heldout"

# An accident alone is not danger (as in English: "got rear ended" is a tow), and unmarked Vietnamese
# "chay" is "chạy" (runs) as often as "cháy" (burns).
NOT_BY_THE_WORDS = {
    "срочно нужна помощь, авария", "в нас врезалась фура", "фура врезалась в нас", "xe dang chay", "co chay",
    "chay roi",
}


def _all_examples() -> list[tuple[str, str]]:
    paths = [*sorted(NLU.glob("*.yml")), *sorted(HELDOUT.glob("*.yml"))]
    return [(intent, text) for path in paths for intent, texts in intent_examples(path).items() for text in texts]


def test_every_emergency_example_is_danger_by_its_words() -> None:
    emergencies = [text for intent, text in _all_examples() if intent == "emergency"]
    assert len(emergencies) > 550
    assert [text for text in emergencies if not mentions_danger(text) and text not in NOT_BY_THE_WORDS] == []


def test_no_other_example_is_danger() -> None:
    others = [(intent, text) for intent, text in _all_examples() if intent != "emergency"]
    assert len(others) > 6000
    assert [(intent, text) for intent, text in others if mentions_danger(text)] == []
