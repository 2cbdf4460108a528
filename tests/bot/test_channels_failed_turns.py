"""A turn whose action failed inside Rasa is reported as failed, not answered as if it went well."""

from __future__ import annotations

import asyncio
import logging
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from bot import channels
from cli.redis_server import free_port
from helpers.local_http import serve


def test_rasa_swallowed_action_failure_marks_only_the_current_turn() -> None:
    channels.watch_failed_turns()
    channels.watch_failed_turns()  # idempotent: one watch per logger
    processor = logging.getLogger("rasa.core.processor")
    assert sum(isinstance(h, channels._FailedTurnWatch) for h in processor.handlers) == 1

    processor.error("Encountered an exception while running action 'intake_form'.Bot will continue")  # no turn
    failures: list[str] = []
    token = channels._turn_failures.set(failures)
    try:
        processor.info("Restarted conversation")
        processor.warning("Some other warning")
        assert failures == []
        processor.error("Encountered an exception while running action 'intake_form'.Bot will continue, but ...")
        processor.warning("Circuit breaker tripped. Stopped predicting more actions for sender 'x'.")
    finally:
        channels._turn_failures.reset(token)
    assert failures == ["Encountered an exception while running action 'intake_form'", "Circuit breaker tripped"]


def _up(monkeypatch: pytest.MonkeyPatch, url: str) -> bool:
    monkeypatch.setenv("ACTION_SERVER_URL", url)
    return asyncio.run(channels.action_server_up())


def test_only_an_action_server_that_is_not_running_refuses_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(1)  # busy under load, not gone
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Slow) as slow:
        began = time.monotonic()
        assert _up(monkeypatch, slow) is True
        assert time.monotonic() - began < 0.5  # a connect, not a wait for the busy server
    assert _up(monkeypatch, f"http://127.0.0.1:{free_port()}") is False
    monkeypatch.delenv("ACTION_SERVER_URL")
    assert asyncio.run(channels.action_server_up()) is True  # none configured: nothing to check
