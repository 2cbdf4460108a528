"""Issue 11: the queue page lists 500 items (bench/console_queue.py measures how fast: a benchmark, not a test)."""

from __future__ import annotations

import re
from typing import Any

from bench.console_queue import ITEMS, logged_in_client, seed
from conftest import make_env
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings


def test_the_queue_page_lists_all_500_items(redis_url: str, redis_client: Any) -> None:
    settings = Settings.from_env(make_env(redis_url, TWILIO_ACCOUNT_SID="", TWILIO_FROM_NUMBER=""))
    storage = Storage.from_settings(settings, client=redis_client)
    seed(storage, ITEMS)
    client = logged_in_client(create_app(settings, storage=storage), storage)

    page = client.get("/console/queue")
    rows = client.get("/console/queue/rows", headers={"HX-Request": "true"})

    assert page.status_code == 200 and rows.status_code == 200
    dispatch_refs = set(re.findall(r"RS-\d{5}", rows.get_data(as_text=True)))
    assert len(dispatch_refs) == ITEMS // 2  # every seeded dispatch request, none dropped for the page's size
    assert len(set(re.findall(r"ES-[0-9A-Z]{4,8}", rows.get_data(as_text=True)))) == ITEMS // 2
