"""The conversation's language on the whole stack: the gateway detects it, Rasa's ``language`` slot follows it,
and the dispatch request carries it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from rasa.shared.core.domain import Domain

from storage.services import Storage
from storage.tracker_store import EncryptedRedisTrackerStore

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain.yml"))


def language_slot(store: Storage, token: str) -> Any:
    trackers = EncryptedRedisTrackerStore(DOMAIN, client=store.client, keyring=store.keyring, record_exp=3600)
    tracker = asyncio.run(trackers.retrieve(token))
    assert tracker is not None
    return tracker.get_slot("language")


def test_the_bots_language_slot_follows_the_gateway(new_driver: Any, store: Storage) -> None:
    driver = new_driver()  # a +1 number
    assert driver.text("xe toi bi hong")
    assert language_slot(store, driver.token) == "vi"
    driver.text("English please")
    assert language_slot(store, driver.token) == "en"


def test_a_vietnamese_number_sending_only_neutral_texts_is_dispatched_in_vietnamese(new_driver: Any,
                                                                                  store: Storage) -> None:
    driver = new_driver("+84912340101")
    for reply in ["123 Main St, Springfield", "flat tire", "2014 Honda Civic"]:
        assert driver.text(reply), reply
    assert language_slot(store, driver.token) == "vi"
    driver.text("yes")
    [request] = driver.dispatched()
    assert request["language"] == "vi"
    contact = store.contacts.load(driver.token)
    assert contact is not None and (contact.language, contact.language_settled) == ("vi", False)
