"""Vehicle facts: makes and how drivers spell them, models, colours and the words around a car.

One data file, vehicles.json next to this module, read once at import. Everything that knows car
makes comes from it: the vehicle parser (bot/actions/parsing/vehicle.py), the speech hints of a call
(webhooks/voice_text.py) and nlu/lookups.yml's car_make lookup, which a test keeps equal to
lookup_spellings() and scripts/car_make_lookup.py rewrites.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["CYRILLIC", "MAKES", "WORDS", "Make", "Model", "lookup_spellings", "spoken_makes"]

# How a model word may stand without its make; see "about" in vehicles.json.
ALWAYS, WITH_YEAR_OR_MY, AFTER_MAKE = 2, 1, 0
_ALONE = {"always": ALWAYS, "with year or my": WITH_YEAR_OR_MY, "after make": AFTER_MAKE}


@dataclass(frozen=True)
class Model:
    name: str
    spellings: tuple[str, ...]
    alone: int  # ALWAYS, WITH_YEAR_OR_MY or AFTER_MAKE


@dataclass(frozen=True)
class Make:
    name: str
    spellings: tuple[str, ...]  # lower case, words separated by one space
    common: tuple[str, ...]  # as written in the NLU lookup (lower-cased) and the voice hints
    weak: frozenset[str]  # ordinary words too ("ford", "ram"); includes very_weak
    very_weak: frozenset[str]  # "seat", "smart": not even "my" makes them a car
    implied_models: Mapping[str, str]  # "range rover" -> "Range Rover"
    models: tuple[Model, ...]


def _make(name: str, row: dict[str, Any]) -> Make:
    spellings = tuple(row["spellings"])
    very_weak = frozenset(row.get("very_weak", ()))
    make = Make(
        name=name,
        spellings=spellings,
        common=tuple(row.get("common", ())),
        weak=frozenset(row.get("weak", ())) | very_weak,
        very_weak=very_weak,
        implied_models=dict(row.get("implied_models", {})),
        models=tuple(Model(m["name"], tuple(m["spellings"]), _ALONE[m["alone"]]) for m in row.get("models", ())),
    )
    named = {c.lower() for c in make.common} | make.weak | set(make.implied_models)
    if not named <= set(spellings):
        raise ValueError(f"vehicles.json: {name} names spellings it does not list: {sorted(named - set(spellings))}")
    return make


def _load() -> tuple[tuple[Make, ...], Mapping[str, frozenset[str]], Mapping[str, str],
                     Mapping[str, tuple[str, ...]]]:
    data = json.loads(resources.files(__package__).joinpath("vehicles.json").read_text(encoding="utf-8"))
    makes = tuple(_make(name, row) for name, row in data["makes"].items())
    words = {group: frozenset(values) for group, values in data["words"].items()}
    local = {language: tuple(names) for language, names in data["local_makes"].items()}
    return makes, words, dict(data["cyrillic"]), local


# CYRILLIC: a make or model as written in Russian ("тойота") -> its Latin spelling in MAKES ("toyota").
# LOCAL_MAKES: per language, the makes drivers there say most, as a recogniser writes them ("Лада", "VinFast").
MAKES, WORDS, CYRILLIC, LOCAL_MAKES = _load()


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def lookup_spellings() -> list[str]:
    """nlu/lookups.yml's car_make lookup: the common makes, then each language's local ones, lower case."""
    return _unique([written.lower() for make in MAKES for written in make.common]
                   + [name.lower() for names in LOCAL_MAKES.values() for name in names])


def spoken_makes(language: str = "en") -> list[str]:
    """The makes as a caller says them, for the speech recogniser's hints ("Chevy", "VW"; "Лада" in Russian).

    English calls get the common makes; a call in another language gets that language's own list.
    """
    local = LOCAL_MAKES.get(language)
    return list(local) if local else [written for make in MAKES for written in make.common]
