"""Intent F1 of the trained model on messages it has never seen (heldout/*.yml), per language.

Cross-validation (scripts/nlu_by_language.py) holds out examples written in families, so a held-out
example often has a close sibling in training. heldout/ holds messages written apart from the
training data and never trained on (Rasa trains on nlu/ and stories/ only): a plainer measure of
what a stranger's text gets.

    .venv/bin/python scripts/nlu_heldout.py [--model models/roadside.tar.gz] [--out results/nlu_heldout.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import nlu_by_language as nbl  # its neighbour in scripts/, on sys.path when this runs as a script

ROOT = Path(__file__).resolve().parents[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "roadside.tar.gz")
    parser.add_argument("--heldout", type=Path, default=ROOT / "heldout")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "nlu_heldout.json")
    args = parser.parse_args(argv)
    nbl.quiet_rasa()
    from rasa.core.agent import Agent

    examples, _, _ = nbl.load_examples(args.heldout)
    agent = Agent.load(str(args.model))

    async def parse_all() -> list[dict]:
        return [await agent.parse_message(e.text) for e in examples]

    parsed = asyncio.run(parse_all())
    result = nbl.report(examples, [nbl.classifier_intent(p) for p in parsed], [p["intent"]["name"] for p in parsed])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{'language':<10}{'examples':>10}{'macro F1':>10}{'strict':>10}")
    for name, scores in [*result["languages"].items(), ("all", result["all"])]:
        print(f"{name:<10}{scores['examples']:>10}{scores['macro_f1']:>10.3f}{scores['macro_f1_strict']:>10.3f}")
    for name, scores in result["languages"].items():
        weak = {i: f for i, f in scores["per_intent_f1"].items() if f < nbl.INTENT_FLOOR}
        print(f"{name}: intents below {nbl.INTENT_FLOOR}: "
              + (", ".join(f"{i} {f:.2f}" for i, f in sorted(weak.items(), key=lambda kv: kv[1])) or "none"))
    print(f"details: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
