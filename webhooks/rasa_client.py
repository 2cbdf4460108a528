"""Client for the Rasa servers' sms and voice channels.

With several Rasa servers (``RASA_URLS``) each conversation has a home server,
chosen by rendezvous hashing of its sender id: the same conversation always
goes to the same server while it is up, and losing one server moves only its
conversations. A server that cannot be *connected to*, or that refuses the
turn before starting it (503 with ``"started": false``: its action server is
down, see bot/channels.py), is skipped for the next in that conversation's
order: the turn never ran there, so sending it elsewhere cannot run it twice.
A server that fails after taking the turn (dropped connection, timeout, error
status) is not retried: the turn may have run, and the caller escalates it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from facts.bot_reply import BotReply, read_reply

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached, did not answer in time, or answered with an error."""


def servers_for(sender: str, urls: Sequence[str]) -> list[str]:
    """``urls`` in the order ``sender``'s turns try them (highest rendezvous hash first)."""
    return sorted(urls, key=lambda url: hashlib.sha256(f"{url}|{sender}".encode()).digest(), reverse=True)


def never_connected(exc: requests.RequestException) -> bool:
    """True when the request cannot have reached the server (refused, unreachable, connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if not isinstance(exc, requests.ConnectionError):
        return False
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, NewConnectionError):
            return True
        reason = getattr(cause, "reason", None)
        cause = reason if isinstance(reason, BaseException) else (cause.__cause__ or cause.__context__)
    return False


def refused_before_start(resp: requests.Response) -> bool:
    """A 503 saying the turn was not started (the server's action server is down)."""
    if resp.status_code != 503:
        return False
    try:
        body = resp.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("started") is False


@dataclass
class RasaClient:
    base_urls: Sequence[str] | str
    timeout: float = 8.0
    connect_timeout: float = 1.0
    urls: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        given = [self.base_urls] if isinstance(self.base_urls, str) else list(self.base_urls)
        self.urls = tuple(u.rstrip("/") for u in given)
        if not self.urls:
            raise ValueError("at least one Rasa URL is needed")
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
        resp = self._post(channel, {"sender": sender, "message": text, "metadata": metadata or {}})
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

    def _post(self, channel: str, body: dict[str, Any]) -> requests.Response:
        """The turn posted to its home server, or the next one up when a server cannot be connected to."""
        order = servers_for(body["sender"], self.urls)
        for index, base in enumerate(order):
            last = index == len(order) - 1
            try:
                resp = self.session.post(f"{base}/webhooks/{channel}/webhook", json=body,
                                         timeout=(self.connect_timeout, self.timeout))
            except requests.RequestException as exc:
                if not never_connected(exc) or last:
                    raise RasaUnavailable(exc.__class__.__name__) from exc
                log.warning("Rasa server %d of %d unreachable: turn sent to the next one",
                            self.urls.index(base) + 1, len(self.urls))
                continue
            if last or not refused_before_start(resp):
                return resp
            log.warning("Rasa server %d of %d refused the turn before starting it: sent to the next one",
                        self.urls.index(base) + 1, len(self.urls))
        raise AssertionError("unreachable")  # the loop returns or raises

    def ready(self) -> bool:
        """True while at least one Rasa server answers (the gateway fails over to it)."""
        for base in self.urls:
            try:
                if self.session.get(f"{base}/webhooks/sms/", timeout=(self.connect_timeout, 2)).status_code == 200:
                    return True
            except requests.RequestException:
                continue
        return False
