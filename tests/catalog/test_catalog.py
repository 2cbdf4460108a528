"""The catalog of gateway texts: complete for every supported language, English as the fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalog import message_ids, placeholders, text
from catalog.texts import CatalogError
from facts.languages import DEFAULT, SUPPORTED

CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog"
ROOT = CATALOG_DIR.parent


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_supported_language_has_every_text_with_the_same_fields(language: str) -> None:
    assert (CATALOG_DIR / f"{language}.yml").is_file()
    assert message_ids(language) == message_ids(DEFAULT)
    for message_id in message_ids(DEFAULT):
        assert placeholders(message_id, language) == placeholders(message_id, DEFAULT), message_id
        assert text(message_id, language, **{f: "x" for f in placeholders(message_id, language)}).strip()


def test_no_catalog_file_for_a_language_we_do_not_hold_conversations_in() -> None:
    files = {p.stem for p in CATALOG_DIR.glob("*.yml")}
    assert files == set(SUPPORTED)


def test_fields_are_filled_in_and_a_missing_one_is_an_error() -> None:
    said = text("sms.unavailable", "en", emergency_number="911")
    assert said.endswith("If anyone is hurt or in danger, call 911.")
    with pytest.raises(KeyError):
        text("sms.unavailable", "en")


def test_an_unsupported_language_falls_back_to_english() -> None:
    assert text("voice.first_question", "xx") == text("voice.first_question", "en") == \
        "Where is your car, and what's wrong with it?"
    assert text("voice.first_question", None) == text("voice.first_question", "en")


def test_an_unknown_id_is_an_error() -> None:
    with pytest.raises(CatalogError):
        text("sms.no_such_text", "en")


def _ids_used_in_code() -> set[str]:
    """Catalog ids named in the gateway's code (not Flask endpoints), and the ``sms.`` ones Notices builds."""
    found: set[str] = set()
    for path in [*ROOT.glob("webhooks/*.py"), *ROOT.glob("console/*.py"), *ROOT.glob("cli/*.py"),
                 *ROOT.glob("bot/actions/*.py")]:
        source = path.read_text(encoding="utf-8")
        found |= set(re.findall(
            r"""(?<!url_for\()["']((?:sms|voice|status|closed|canned|summary|policy)\.[a-z_]+)["']""", source))
        if path.name == "notices.py":
            found |= {f"sms.{name}" for name in re.findall(r"self\._text\(\"([a-z_]+)\"", source)}
    return found


def test_every_id_the_code_asks_for_is_in_the_catalog_and_every_text_is_used() -> None:
    used = _ids_used_in_code()
    assert used - message_ids(DEFAULT) == set()
    assert message_ids(DEFAULT) - used == set()
