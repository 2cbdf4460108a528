"""The per-language NLU scoring: which file is which language, the folds, and the F1 arithmetic (no training)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("nlu_by_language", ROOT / "scripts" / "nlu_by_language.py")
assert _spec and _spec.loader
nbl = importlib.util.module_from_spec(_spec)
sys.modules["nlu_by_language"] = nbl
_spec.loader.exec_module(nbl)


def test_the_language_of_an_example_is_its_file():
    assert [nbl.language_of(Path(f"nlu/{n}")) for n in ("vi.yml", "id.yml", "ru.yml", "inform.yml", "asides.yml")] \
        == ["vi", "id", "ru", "en", "en"]


def test_every_language_and_intent_is_in_every_test_fold():
    examples = [nbl.Example(f"{lang} {intent} {i}", intent, lang)
                for lang in ("en", "vi") for intent in ("greet", "inform") for i in range(6)]
    for train, test in nbl.folds(examples, 3, seed=1):
        assert not set(train) & set(test)
        assert {(examples[i].language, examples[i].intent) for i in test} == {
            (lang, intent) for lang in ("en", "vi") for intent in ("greet", "inform")}


def test_the_strict_macro_f1_counts_a_fallback_as_a_miss():
    examples = [nbl.Example("a", "greet", "vi"), nbl.Example("b", "inform", "vi"),
                nbl.Example("c", "greet", "ru"), nbl.Example("d", "inform", "ru")]
    # DIET ranked "inform" first for "d"; the FallbackClassifier then said nlu_fallback.
    result = nbl.report(examples, ["greet", "inform", "greet", "inform"],
                        ["greet", "inform", "greet", "nlu_fallback"])
    assert result["languages"]["vi"]["macro_f1"] == result["languages"]["vi"]["macro_f1_strict"] == 1.0
    # Rasa's way (fallback undone): ru is right throughout.
    assert result["languages"]["ru"]["macro_f1"] == 1.0
    # strict: greet F1 1.0, inform F1 0.0 (missed) -> macro 0.5; the fallback is no class of its own.
    assert result["languages"]["ru"]["macro_f1_strict"] == 0.5
    assert result["languages"]["ru"]["per_intent_f1_strict"] == {"greet": 1.0, "inform": 0.0}
    assert result["languages"]["ru"]["misses"] == [
        {"text": "d", "intent": "inform", "predicted": "inform", "strict": "nlu_fallback"}]
    # all, strict: greet F1 1.0, inform precision 1 and recall 1/2 -> F1 2/3.
    assert result["all"]["macro_f1_strict"] == round((1 + 2 / 3) / 2, 4)
    assert result["all"]["macro_f1"] == 1.0


def test_the_real_nlu_files_load_with_their_languages():
    examples, regexes, lookups = nbl.load_examples(ROOT / "nlu")
    languages = {e.language for e in examples}
    assert languages == {"en", "vi", "id", "ru"}
    assert regexes and lookups
    assert any(e.text == "машина сломалась" and e.intent == "inform" and e.language == "ru" for e in examples)


def test_confusions_count_each_miss_most_frequent_first():
    examples = [nbl.Example(t, i, "en") for t, i in
                (("a", "deny"), ("b", "deny"), ("c", "deny"), ("d", "out_of_scope"), ("e", "greet"))]
    predicted = ["out_of_scope", "out_of_scope", "deny", "nlu_fallback", "greet"]
    result = nbl.report(examples, predicted, predicted)
    assert result["languages"]["en"]["confusions"] == [
        {"intent": "deny", "predicted": "out_of_scope", "count": 2},
        {"intent": "out_of_scope", "predicted": "nlu_fallback", "count": 1}]
    assert result["all"]["confusions"] == result["languages"]["en"]["confusions"]
    assert result["all"]["per_intent_f1"]["greet"] == 1.0


def test_only_a_fallback_prediction_is_undone() -> None:
    ranking = [{"name": "deny", "confidence": 0.41}, {"name": "out_of_scope", "confidence": 0.30}]
    fallback = {"intent": {"name": "nlu_fallback", "confidence": 0.5},
                "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, *ranking]}
    assert nbl.classifier_intent(fallback) == "deny"
    assert nbl.classifier_intent({"intent": ranking[0], "intent_ranking": ranking}) == "deny"
