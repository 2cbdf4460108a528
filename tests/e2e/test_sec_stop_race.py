"""Issue 14, item 4, against the whole stack: a STOP that lands while the bot's turn runs."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest

from storage.keys import lock_key, tracker_key
from storage.services import Storage

pytestmark = pytest.mark.e2e


def _turn_running(store: Storage, token: str) -> bool:
    """Rasa holds a ticket on the conversation's lock for the whole turn (actions included)."""
    raw = store.client.get(lock_key(token))
    return raw is not None and bool(json.loads(raw).get("tickets"))


def _send(driver: Any, body: str, into: list[list[str]]) -> None:
    into.append(driver.text(body))


def test_stop_during_a_turn_withholds_that_turns_reply(new_driver: Any, store: Storage) -> None:
    for _ in range(3):  # the turn must still be running when STOP lands; retry the rare miss
        driver = new_driver()
        driver.text("hi")
        replies: list[list[str]] = []
        turn = threading.Thread(target=_send, args=(driver, "flat tire at 12 Elm St, Stamford CT", replies))
        turn.start()
        deadline = time.monotonic() + 10
        while not _turn_running(store, driver.token) and time.monotonic() < deadline and turn.is_alive():
            time.sleep(0.002)
        if not turn.is_alive():
            continue
        [confirmation] = driver.text("STOP")
        landed_during_turn = turn.is_alive()
        turn.join(timeout=30)
        if not landed_during_turn:
            continue
        assert "unsubscribed" in confirmation
        assert replies == [[]]  # the turn's reply is not sent
        assert store.consent.load(driver.token).opted_out
        assert store.client.get(tracker_key(driver.token)) is None  # the conversation stays closed
        return
    pytest.fail("the turn always finished before STOP could land")
