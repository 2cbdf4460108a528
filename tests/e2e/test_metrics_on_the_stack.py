"""/metrics on the running stack: two gunicorn workers, real Rasa, real action server, real Redis."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from helpers.stack import RunningStack
from storage.services import Storage

pytestmark = pytest.mark.e2e


def _sample(body: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(body):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return float(s.value)
    return 0.0


def test_every_worker_reports_the_same_counts_and_the_real_backlog(stack: RunningStack, store: Storage,
                                                                   driver: Any) -> None:
    before = requests.get(f"{stack.web_url}/metrics", timeout=10).text
    driver.text("flat on I-95 N by exit 12, 2014 honda civic")
    driver.text("yes")
    assert driver.dispatched()
    # Several scrapes land on both workers; with counts kept per process they would disagree.
    bodies = [requests.get(f"{stack.web_url}/metrics", timeout=10).text for _ in range(8)]
    sms_en = {"channel": "sms", "language": "en"}
    counts = {_sample(b, "roadside_turn_seconds_count", **sms_en) for b in bodies}
    assert len(counts) == 1
    assert counts.pop() - _sample(before, "roadside_turn_seconds_count", **sms_en) == 2
    assert _sample(bodies[-1], "roadside_queue_depth", queue="dispatch") == len(store.dispatch.unacknowledged())
    for needle in (driver.phone, driver.phone[-10:], driver.token, "honda", "I-95"):
        assert all(needle.lower() not in b.lower() for b in bodies)
