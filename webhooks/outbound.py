"""The one path every outbound SMS takes: consent guard, then Twilio (or an outbox)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from storage.keys import OUTBOX_KEY
from storage.services import Storage
from storage.settings import Settings

log = logging.getLogger(__name__)

OUTBOX_LIMIT = 500


class OptedOut(Exception):
    """The customer opted out: nothing may be sent until they text START."""


@dataclass
class SendResult:
    sid: str
    via: str  # "twilio" or "outbox"


class OutboundSms:
    """Sends SMS to a customer token, refusing opted-out numbers."""

    def __init__(self, settings: Settings, storage: Storage, twilio_client: Any = None) -> None:
        self.settings = settings
        self.storage = storage
        self._twilio = twilio_client

    def may_send(self, token: str) -> bool:
        return not self.storage.consent.is_opted_out(token)

    def send(self, token: str, body: str, kind: str) -> SendResult:
        """Send ``body`` to the customer behind ``token``; kind: bot, agent, status."""
        if self.storage.consent.is_opted_out(token):
            self.storage.consent.note_blocked_send(token, kind)
            log.info("outbound %s SMS blocked: customer opted out", kind)
            raise OptedOut("the customer opted out of SMS")
        contact = self.storage.contacts.load(token)
        if contact is None:
            raise LookupError("no contact record for this conversation (expired or erased)")
        client = self._client()
        if client is None:
            return self._to_outbox(token, body, kind)
        message = client.messages.create(to=contact.phone, from_=self.settings.twilio_from_number, body=body)
        return SendResult(str(message.sid), "twilio")

    def _client(self) -> Any:
        if self._twilio is not None:
            return self._twilio
        s = self.settings
        if not (s.twilio_account_sid and s.twilio_auth_token and s.twilio_from_number):
            return None
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        http = TwilioHttpClient(timeout=10)
        client = Client(s.twilio_account_sid, s.twilio_auth_token, http_client=http)
        if s.twilio_api_base:
            # Tests and local runs point the real client at a stand-in Messages API.
            client.api.base_url = s.twilio_api_base
        self._twilio = client
        return client

    def _to_outbox(self, token: str, body: str, kind: str) -> SendResult:
        sid = f"LOCAL{int(time.time() * 1000)}"
        item = {"sid": sid, "token": token, "kind": kind, "body": body, "at": int(time.time())}
        sealed = self.storage.records.seal(OUTBOX_KEY, item)
        self.storage.client.lpush(OUTBOX_KEY, sealed)
        self.storage.client.ltrim(OUTBOX_KEY, 0, OUTBOX_LIMIT - 1)
        log.warning("no Twilio credentials configured: %s SMS kept in the local outbox", kind)
        return SendResult(sid, "outbox")

    def outbox(self) -> list[dict[str, Any]]:
        return [self.storage.records.open(OUTBOX_KEY, raw) for raw in self.storage.client.lrange(OUTBOX_KEY, 0, -1)]
