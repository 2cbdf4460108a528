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
from helpers.fake_rasa import fake_rasa
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


def _health(monkeypatch: pytest.MonkeyPatch, url: str) -> bool:
    monkeypatch.setenv("ACTION_SERVER_URL", url)
    monkeypatch.setattr(channels, "HEALTH_TIMEOUT_SECONDS", 0.3)

    async def check() -> bool:
        try:
            return await channels.action_server_up()
        finally:
            await channels._session().close()

    return asyncio.run(check())


def test_only_an_action_server_that_is_not_there_refuses_turns(monkeypatch: pytest.MonkeyPatch) -> None:
    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(1)  # busy under load, not gone
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    with fake_rasa() as up:  # answers GET with 200
        assert _health(monkeypatch, up.url) is True
    with serve(Slow) as slow:
        assert _health(monkeypatch, slow) is True
    assert _health(monkeypatch, f"http://127.0.0.1:{free_port()}") is False
