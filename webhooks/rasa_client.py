"""Client for the Rasa server's sms and voice channels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests


class RasaUnavailable(Exception):
    """Rasa did not answer in time, answered with an error, or said nothing."""


@dataclass
class RasaClient:
    base_url: str
    timeout: float = 8.0
    connect_timeout: float = 1.0

    def __post_init__(self) -> None:
        self.session = requests.Session()

    def send(self, channel: str, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[str]:
        """Post one user turn; return the bot's text replies in order."""
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
        texts = [str(m["text"]) for m in body if isinstance(m, dict) and m.get("text")]
        if not texts:
            raise RasaUnavailable("no reply")
        return texts

    def ready(self) -> bool:
        try:
            resp = self.session.get(f"{self.base_url}/webhooks/sms/", timeout=(self.connect_timeout, 2))
            return resp.status_code == 200
        except requests.RequestException:
            return False
