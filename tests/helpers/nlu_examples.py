"""The intent examples of the NLU training files, as the tests read them."""

from __future__ import annotations

from pathlib import Path

import yaml

NLU = Path(__file__).resolve().parents[2] / "nlu"


def intent_examples(path: Path) -> dict[str, list[str]]:
    """Each intent's examples in one NLU file, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples: dict[str, list[str]] = {}
    for block in data.get("nlu", []):
        if "intent" in block:
            lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
            examples.setdefault(block["intent"], []).extend(lines)
    return examples


def training_examples(intent: str) -> list[str]:
    """Every example of ``intent`` in every training file."""
    return [text for path in sorted(NLU.glob("*.yml")) for text in intent_examples(path).get(intent, [])]
