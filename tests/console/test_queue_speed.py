"""Issue 11: the queue page stays under 300 ms with 500 items (bench/console_queue.py measures it)."""

from __future__ import annotations

from typing import Any

from bench.console_queue import TARGET_MS, measure
from conftest import make_env
from storage.services import Storage
from storage.settings import Settings


def test_the_queue_page_lists_500_items_in_under_300_ms(redis_url: str, redis_client: Any) -> None:
    settings = Settings.from_env(make_env(redis_url, TWILIO_ACCOUNT_SID="", TWILIO_FROM_NUMBER=""))
    result = measure(Storage.from_settings(settings, client=redis_client), settings, rounds=9)
    assert result["page_median"] < TARGET_MS, result
    assert result["rows_median"] < TARGET_MS, result
