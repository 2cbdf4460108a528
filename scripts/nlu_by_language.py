"""Cross-validated intent F1 per language and for the whole NLU set.

Rasa's own ``rasa test nlu --cross-validation`` reports one intent table for the
whole set and writes only the misclassified examples, so it cannot say how each
language does. This script makes stratified folds itself (stratified on language
and intent together), trains an NLU model per fold with Rasa's Python API, parses
every held-out example and scores macro F1 per language.

The language of an example is the file it came from: nlu/vi.yml, nlu/id.yml and
nlu/ru.yml; every other file is English.

Two scores come from the same parse of each held-out example:

- ``macro_f1``: the intent classifier's F1, scored as ``rasa test nlu`` scores it
  (rasa/nlu/test.py undoes a FallbackClassifier prediction, so the intent DIET
  ranked first is what counts);
- ``macro_f1_strict``: a fallback prediction (``nlu_fallback``) counts as a miss,
  as the bot sees it at run time (a fallback is a re-ask in other words).

Neither is always the lower: a fallback undone may be right, or a wrong guess that
also costs the intent it names some precision.

    nice -n 10 .venv/bin/python scripts/nlu_by_language.py --folds 3 --out results/nlu_by_language.json

CPU heavy (one training per fold): run it once, niced.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_FILES = {"vi": "vi.yml", "id": "id.yml", "ru": "ru.yml"}
TARGET = 0.90
INTENT_FLOOR = 0.85
TOP_CONFUSIONS = 5


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    language: str


def language_of(path: Path) -> str:
    """The language an NLU file holds: named files are vi/id/ru, the rest English."""
    for language, name in LANGUAGE_FILES.items():
        if path.name == name:
            return language
    return "en"


def load_examples(nlu_dir: Path) -> tuple[list[Example], list[dict], list[dict]]:
    """Every intent example with its language, plus the regexes and lookup tables (features, not examples)."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples: list[Example] = []
    regexes: list[dict] = []
    lookups: list[dict] = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        data = load_data(str(path))
        regexes.extend(data.regex_features)
        lookups.extend(data.lookup_tables)
        language = language_of(path)
        examples.extend(Example(m.get("text"), m.get("intent"), language)
                        for m in data.intent_examples)
    return examples, regexes, lookups


def folds(examples: Sequence[Example], n_folds: int, seed: int) -> list[tuple[list[int], list[int]]]:
    """Stratified (language, intent) train/test index splits."""
    from sklearn.model_selection import StratifiedKFold

    strata = [f"{e.language}:{e.intent}" for e in examples]
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return [(list(train), list(test)) for train, test in splitter.split(strata, strata)]


def write_training_file(path: Path, examples: Sequence[Example], regexes: list[dict], lookups: list[dict]) -> None:
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    messages = [Message(data={"text": e.text, "intent": e.intent}) for e in examples]
    data = TrainingData(training_examples=messages, regex_features=regexes, lookup_tables=lookups)
    path.write_text(RasaYAMLWriter().dumps(data), encoding="utf-8")


def classifier_intent(parsed: dict) -> str:
    """The intent as rasa test nlu scores it: a fallback prediction undone, any other left alone."""
    from rasa.nlu.classifiers.fallback_classifier import is_fallback_classifier_prediction, undo_fallback_prediction

    if is_fallback_classifier_prediction(parsed):
        parsed = undo_fallback_prediction(parsed)
    return str(parsed["intent"]["name"])


def train_and_predict(config: Path, train: Sequence[Example], test: Sequence[Example],
                      regexes: list[dict], lookups: list[dict], workdir: Path) -> list[tuple[str, str]]:
    """Train an NLU model on ``train``; for each of ``test``, its intent with and without the fallback."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    data_file = workdir / "nlu.yml"
    write_training_file(data_file, train, regexes, lookups)
    model = train_nlu(str(config), str(data_file), str(workdir / "models"), fixed_model_name="fold")
    if model is None:
        raise RuntimeError("NLU training produced no model")
    agent = Agent.load(model)

    async def parse_all() -> list[tuple[str, str]]:
        parsed = [await agent.parse_message(e.text) for e in test]
        return [(classifier_intent(p), p["intent"]["name"]) for p in parsed]

    return asyncio.run(parse_all())


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro F1 over the intents the examples really have (a fallback is a miss, not a class)."""
    from sklearn.metrics import f1_score

    labels = sorted(set(truth))
    return float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0))


def per_intent_f1(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import f1_score

    labels = sorted(set(truth))
    scores = f1_score(truth, predicted, labels=labels, average=None, zero_division=0)
    return {label: round(float(score), 3) for label, score in zip(labels, scores, strict=True)}


def confusions(truth: Sequence[str], predicted: Sequence[str]) -> list[dict]:
    """The (true intent -> predicted intent) misses, most frequent first."""
    from collections import Counter

    pairs = Counter((t, p) for t, p in zip(truth, predicted, strict=True) if t != p)
    return [{"intent": t, "predicted": p, "count": n}
            for (t, p), n in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))]


def report(examples: Sequence[Example], predicted: Sequence[str], strict: Sequence[str]) -> dict:
    """Macro F1 per language and overall (Rasa's way and strict), per-intent F1, the confusions and the misses."""
    result: dict = {"languages": {}, "target": TARGET, "intent_floor": INTENT_FLOOR}
    for language in sorted({e.language for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.language == language]
        truth, guess = [examples[i].intent for i in idx], [predicted[i] for i in idx]
        strict_guess = [strict[i] for i in idx]
        result["languages"][language] = {
            "examples": len(idx), "macro_f1": round(macro_f1(truth, guess), 4),
            "macro_f1_strict": round(macro_f1(truth, strict_guess), 4),
            "per_intent_f1": per_intent_f1(truth, guess),
            "per_intent_f1_strict": per_intent_f1(truth, strict_guess),
            "confusions": confusions(truth, guess),
            "misses": [{"text": examples[i].text, "intent": examples[i].intent, "predicted": predicted[i],
                        "strict": strict[i]}
                       for i in idx if examples[i].intent != predicted[i] or examples[i].intent != strict[i]],
        }
    truth = [e.intent for e in examples]
    result["all"] = {"examples": len(examples), "macro_f1": round(macro_f1(truth, predicted), 4),
                     "macro_f1_strict": round(macro_f1(truth, strict), 4),
                     "per_intent_f1": per_intent_f1(truth, predicted),
                     "per_intent_f1_strict": per_intent_f1(truth, strict),
                     "confusions": confusions(truth, predicted)}
    return result


def quiet_rasa() -> None:
    """Warnings only: Rasa's debug log would print every parsed example."""
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


def cross_validate(config: Path, nlu_dir: Path, n_folds: int, seed: int) -> dict:
    examples, regexes, lookups = load_examples(nlu_dir)
    predicted = [""] * len(examples)
    strict = [""] * len(examples)
    for number, (train_idx, test_idx) in enumerate(folds(examples, n_folds, seed), start=1):
        print(f"fold {number}/{n_folds}: training on {len(train_idx)}, testing {len(test_idx)}", flush=True)
        with tempfile.TemporaryDirectory(prefix="nlu-fold-") as tmp:
            guesses = train_and_predict(config, [examples[i] for i in train_idx],
                                        [examples[i] for i in test_idx], regexes, lookups, Path(tmp))
        for i, (guess, strict_guess) in zip(test_idx, guesses, strict=True):
            predicted[i], strict[i] = guess, strict_guess
    result = report(examples, predicted, strict)
    result["folds"] = n_folds
    result["seed"] = seed
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "bot" / "config.yml")
    parser.add_argument("--nlu", type=Path, default=ROOT / "nlu")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "nlu_by_language.json")
    args = parser.parse_args(argv)
    quiet_rasa()

    result = cross_validate(args.config, args.nlu, args.folds, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{'language':<10}{'examples':>10}{'macro F1':>10}{'strict':>10}")
    for name, scores in [*result["languages"].items(), ("all", result["all"])]:
        print(f"{name:<10}{scores['examples']:>10}{scores['macro_f1']:>10.3f}{scores['macro_f1_strict']:>10.3f}")
    for name, scores in [*result["languages"].items(), ("all", result["all"])]:
        for label, key in (("", "per_intent_f1"), (" (strict)", "per_intent_f1_strict")):
            weak = {i: f for i, f in scores[key].items() if f < INTENT_FLOOR}
            print(f"{name}: intents below {INTENT_FLOOR}{label}: "
                  + (", ".join(f"{i} {f:.3f}" for i, f in sorted(weak.items(), key=lambda kv: kv[1])) or "none"))
        print(f"{name}: top confusions: " + (", ".join(
            f"{c['intent']}->{c['predicted']} {c['count']}" for c in scores["confusions"][:TOP_CONFUSIONS]) or "none"))
    print(f"folds: {args.folds}, seed: {args.seed}; details: {args.out}")
    below = [lang for lang, s in result["languages"].items() if s["macro_f1"] < TARGET]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
