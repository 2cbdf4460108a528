"""Client for the Rasa server's sms and voice channels."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import requests

from facts.bot_reply import BotReply, read_reply

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached, did not answer in time, or answered with an error."""


@dataclass
class RasaClient:
    base_url: str
    timeout: float = 8.0
    connect_timeout: float = 1.0

    def __post_init__(self) -> None:
        self.session = requests.Session()

    def send(self, channel: str, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[str]:
        """Post one user turn; return the bot's text replies in order (see ``reply``)."""
        return self.reply(channel, sender, text, metadata).texts

    def reply(self, channel: str, sender: str, text: str, metadata: dict[str, Any] | None = None) -> BotReply:
        """Post one user turn; return the bot's texts in order and what it did (its custom payloads).

        No text means Rasa answered but said nothing: a dialogue bug, logged
        here, that the caller answers with a re-ask (never as an outage).
        A text repeated within one turn (Rasa's circuit breaker) is kept once.
        """
        url = f"{self.base_url}/webhooks/{channel}/webhook"
        try:
            resp = self.session.post(url, json={"sender": sender, "message": text, "metadata": metadata or {}},
                                     timeout=(self.connect_timeout, self.timeout))
        except requests.RequestException as exc:
            raise RasaUnavailable(exc.__class__.__name__) from exc
        if resp.status_code != 200:
            raise RasaUnavailable(f"HTTP {resp.status_code}")
        try:
            body = resp.json()
        except ValueError as exc:
            raise RasaUnavailable("reply is not JSON") from exc
        if not isinstance(body, list):
            raise RasaUnavailable("reply is not a list of messages")
        answer = read_reply(body)
        if not answer.texts:
            log.error("Rasa answered a %s turn with no text: a dialogue bug", channel)
        elif len(answer.texts) < sum(1 for m in body if isinstance(m, dict) and m.get("text")):
            log.error("Rasa repeated a message within one %s turn: duplicates dropped", channel)
        return answer

    def ready(self) -> bool:
        try:
            resp = self.session.get(f"{self.base_url}/webhooks/sms/", timeout=(self.connect_timeout, 2))
            return resp.status_code == 200
        except requests.RequestException:
            return False
