"""One list of issue categories: the dispatch schema and the bot's slot offer exactly these."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bot.actions.parsing.issue import categorise_issue
from facts.issue_categories import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]


def test_the_dispatch_schema_accepts_exactly_the_shared_categories() -> None:
    schema = json.loads((ROOT / "schema" / "roadside.dispatch.v1.schema.json").read_text())
    assert schema["properties"]["issue"]["properties"]["category"]["enum"] == list(CATEGORIES)


def test_the_bots_issue_category_slot_takes_exactly_the_shared_categories() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text())
    assert domain["slots"]["issue_category"]["values"] == list(CATEGORIES)


def test_the_parser_files_a_problem_under_one_of_them() -> None:
    assert categorise_issue("my tyre is flat") == "flat_tire"
    assert categorise_issue("engine makes a weird noise") in CATEGORIES
