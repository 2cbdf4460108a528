"""Rasa input channels "sms" and "voice" for our own Twilio gateway.

They take the REST channel's JSON, but the output channel carries the
channel's name so that domain responses pick their ``channel: voice``
variations. Unlike Rasa's REST channel they never log the message text.

A turn this server cannot finish is never answered as if it went well:

- Before a turn starts, the action server must accept a TCP connection; if
  it refuses (it is not running) the turn is refused with 503 and
  ``"started": false``. Nothing ran, so the gateway sends it to another Rasa
  server. A busy action server still accepts, so load never refuses a turn.
- An action that fails during the turn (the action server died or broke) is
  swallowed by Rasa, which then predicts again, often the same form, until its
  circuit breaker trips. Those failures are caught from Rasa's own log records
  and the turn is answered with 500 ``"started": true``: the gateway tells the
  driver honestly and hands the conversation to a person.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import rasa_speedups

log = logging.getLogger(__name__)
rasa_speedups.apply()

CONNECT_TIMEOUT_SECONDS = 1.0
# What Rasa logs when an action of this turn failed, or when it then looped until the breaker tripped.
FAILED_TURN_RECORDS = {
    "rasa.core.processor": ("Encountered an exception while running action", "Circuit breaker tripped"),
}
_turn_failures: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("turn_failures", default=None)


class _FailedTurnWatch(logging.Handler):
    """Notes, for the turn running in the current context, that Rasa swallowed an action failure."""

    def emit(self, record: logging.LogRecord) -> None:
        failures = _turn_failures.get()
        if failures is None:
            return
        message = record.getMessage()
        if any(message.startswith(start) for start in FAILED_TURN_RECORDS.get(record.name, ())):
            failures.append(message.split(".")[0])


def watch_failed_turns() -> None:
    """Install the watch once per process (idempotent)."""
    for name in FAILED_TURN_RECORDS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, _FailedTurnWatch) for h in logger.handlers):
            logger.addHandler(_FailedTurnWatch(level=logging.WARNING))


async def action_server_up() -> bool:
    """False only when this Rasa server's action server is surely not running: it refuses connections.

    A TCP connect is answered by the kernel, so it costs well under a
    millisecond even when the action server is busy: a busy (slow) server is
    not "down", and refusing turns then would escalate conversations that
    would have worked. A connect that times out counts as up for the same reason.
    """
    target = urlsplit(os.environ.get("ACTION_SERVER_URL") or "")
    if not target.hostname:
        return True  # no action server configured: nothing to check
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(target.hostname, port), CONNECT_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        return True
    except OSError:
        return False
    writer.close()
    return True


class _NamedCollector(CollectingOutputChannel):
    channel = "sms"

    @classmethod
    def name(cls) -> str:
        return cls.channel


class SmsCollector(_NamedCollector):
    channel = "sms"


class VoiceCollector(_NamedCollector):
    channel = "voice"


class _GatewayInput(RestInput):
    collector: type[_NamedCollector] = SmsCollector

    @classmethod
    def name(cls) -> str:
        return cls.collector.channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        watch_failed_turns()
        bp = Blueprint(f"roadside_{self.name()}", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(req: Request) -> HTTPResponse:
            body = req.json or {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            if not await action_server_up():
                log.error("action server unavailable: %s turn refused before it started", self.name())
                return response.json({"error": "action server unavailable", "started": False}, status=503)
            collector = self.collector()
            failures: list[str] = []
            token = _turn_failures.set(failures)
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=body.get("metadata") or {}))
            except Exception as exc:
                log.error("turn failed on channel %s: %s", self.name(), exc.__class__.__name__)
                return response.json({"error": "turn failed", "started": True}, status=500)
            finally:
                _turn_failures.reset(token)
            if failures:
                log.error("%s turn failed: %s", self.name(), failures[0])
                return response.json({"error": "an action failed", "started": True}, status=500)
            return response.json(collector.messages)

        return bp


class SmsInput(_GatewayInput):
    collector = SmsCollector


class VoiceInput(_GatewayInput):
    collector = VoiceCollector
