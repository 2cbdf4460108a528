"""Looking texts up in the per-language data files, falling back to English."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

import yaml

from facts.languages import DEFAULT, supported


class CatalogError(LookupError):
    """A message id no catalog holds, or a data file that is not a mapping of ids to texts."""


@cache
def _messages(language: str) -> dict[str, str]:
    """The texts of one language; empty when it has no data file."""
    source = resources.files(__package__).joinpath(f"{language}.yml")
    if not source.is_file():
        return {}
    loaded = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    messages = loaded.get("messages") if isinstance(loaded, dict) else None
    if not isinstance(messages, dict) or not all(isinstance(v, str) for v in messages.values()):
        raise CatalogError(f"catalog/{language}.yml must map message ids to texts under 'messages'")
    return {str(k): v.strip() for k, v in messages.items()}


def message_ids(language: str = DEFAULT) -> frozenset[str]:
    """The ids the catalog of ``language`` holds (its own file only, no fallback)."""
    return frozenset(_messages(language))


def placeholders(message_id: str, language: str = DEFAULT) -> frozenset[str]:
    """The ``{field}`` names the text of ``message_id`` in ``language`` expects."""
    template = _messages(language).get(message_id)
    if template is None:
        raise CatalogError(f"no {language} text for {message_id!r}")
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def text(message_id: str, language: str | None = None, **fields: object) -> str:
    """The text of ``message_id`` in ``language`` (English when it has none), with ``fields`` filled in."""
    template = _messages(supported(language)).get(message_id) or _messages(DEFAULT).get(message_id)
    if template is None:
        raise CatalogError(f"no text for {message_id!r}")
    return template.format(**fields)
