"""Rasa input channels "sms" and "voice" for our own Twilio gateway.

They take the REST channel's JSON, but the output channel carries the
channel's name so that domain responses pick their ``channel: voice``
variations. Unlike Rasa's REST channel they never log the message text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

log = logging.getLogger(__name__)


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
            collector = self.collector()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=body.get("metadata") or {}))
            except Exception as exc:
                log.error("turn failed on channel %s: %s", self.name(), exc.__class__.__name__)
                return response.json({"error": "turn failed"}, status=500)
            return response.json(collector.messages)

        return bp


class SmsInput(_GatewayInput):
    collector = SmsCollector


class VoiceInput(_GatewayInput):
    collector = VoiceCollector
