#!/usr/bin/env python3
"""Rewrite nlu/lookups.yml's car_make lookup from facts/vehicles.json (the makes marked "common").

    .venv/bin/python scripts/car_make_lookup.py          # rewrite the lookup in place
    .venv/bin/python scripts/car_make_lookup.py --check  # exit 1 when it is out of date

A changed lookup changes the NLU training data: the next `make model` (or test session) retrains.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facts.vehicles import lookup_spellings  # noqa: E402

LOOKUPS = ROOT / "nlu" / "lookups.yml"
# The examples block of the car_make lookup: every "      - word" line after its header.
_BLOCK = re.compile(r"(  - lookup: car_make\n    examples: \|\n)((?:      - .*\n)*)")


def with_current_makes(text: str) -> str:
    """lookups.yml's text with the car_make examples replaced by the data file's common makes."""
    if not _BLOCK.search(text):
        raise SystemExit(f"no car_make lookup in {LOOKUPS}")
    examples = "".join(f"      - {spelling}\n" for spelling in lookup_spellings())
    return _BLOCK.sub(lambda m: m.group(1) + examples, text, count=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the lookup is up to date")
    args = parser.parse_args()
    current = LOOKUPS.read_text(encoding="utf-8")
    wanted = with_current_makes(current)
    if wanted == current:
        print("nlu/lookups.yml car_make lookup is up to date")
        return 0
    if args.check:
        print("nlu/lookups.yml car_make lookup differs from facts/vehicles.json; run scripts/car_make_lookup.py")
        return 1
    LOOKUPS.write_text(wanted, encoding="utf-8")
    print("nlu/lookups.yml car_make lookup rewritten (the NLU model retrains on its next build)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
