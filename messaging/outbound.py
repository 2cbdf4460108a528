"""The one path every outbound SMS takes: consent guard, then Twilio (or an outbox).

A text goes out only to a number that opted in, or that texted us itself in
this conversation (its contact record was last written by an inbound SMS).
A caller who declined text updates, or never said yes, stays ``unknown`` and
gets nothing.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol

from requests import RequestException
from twilio.base.exceptions import TwilioException, TwilioRestException

from storage.consent import OPTED_IN
from storage.services import Storage
from storage.settings import Settings

log = logging.getLogger(__name__)

UNSUBSCRIBED = 21610  # Twilio: "Attempt to send to unsubscribed recipient"
STATUS_PATH = "/twilio/status"


class SmsNotAllowed(Exception):
    """This text may not be sent; the message says why, for the agent."""


class OptedOut(SmsNotAllowed):
    """The customer opted out: nothing may be sent until they text START."""


class NoSmsConsent(SmsNotAllowed):
    """The customer never agreed to texts (e.g. a caller who declined them)."""


class SendFailed(Exception):
    """Twilio did not take the message. Carries Twilio's error code only (never its text)."""

    def __init__(self, code: int | None) -> None:
        self.code = code
        super().__init__(f"Twilio refused the text (error {code})" if code else "Twilio could not be reached")


class SendCounts(Protocol):
    """Where refused sends and Twilio's opt-outs are counted (the web app passes its /metrics module)."""

    def blocked_send(self, kind: str, reason: str) -> None: ...

    def opt_out(self, channel: str, source: str) -> None: ...


class NotCounted:
    """For a sender nobody scrapes."""

    def blocked_send(self, kind: str, reason: str) -> None:
        pass

    def opt_out(self, channel: str, source: str) -> None:
        pass


@dataclass
class SendResult:
    sid: str
    via: str  # "twilio" or "outbox"


class OutboundSms:
    """Sends SMS to a customer token, refusing numbers that did not agree to texts."""

    def __init__(self, settings: Settings, storage: Storage, twilio_client: Any = None, *,
                 counts: SendCounts | None = None) -> None:
        self.settings = settings
        self.storage = storage
        self._twilio = twilio_client
        self.counts: SendCounts = counts or NotCounted()

    def may_send(self, token: str) -> bool:
        """True when a text to this customer would pass the consent guard."""
        try:
            self.check(token, "check", note=False)
        except SmsNotAllowed:
            return False
        return True

    def check(self, token: str, kind: str, *, note: bool = True) -> None:
        """Raise OptedOut or NoSmsConsent unless a text to this customer is allowed."""
        consent = self.storage.consent.load(token)
        if consent.opted_out:
            if note:
                self.storage.consent.note_blocked_send(token, kind)
                self.counts.blocked_send(kind, "opted_out")
            log.info("outbound %s SMS blocked: customer opted out", kind)
            raise OptedOut("the customer opted out of SMS")
        if consent.status == OPTED_IN:
            return
        contact = self.storage.contacts.load(token)
        if contact is not None and contact.channel == "sms":
            return  # they texted us in this conversation: answering by text is expected
        log.info("outbound %s SMS blocked: customer never agreed to texts", kind)
        if note:
            self.counts.blocked_send(kind, "no_consent")
        raise NoSmsConsent("the customer did not agree to text messages")

    def send(self, token: str, body: str, kind: str) -> SendResult:
        """Send ``body`` to the customer behind ``token``; kind: bot, agent, status.

        Raises OptedOut / NoSmsConsent (nothing sent), LookupError (no contact),
        or SendFailed (Twilio refused; a 21610 also records the opt-out).
        """
        self.check(token, kind)
        contact = self.storage.contacts.load(token)
        if contact is None:
            raise LookupError("no contact record for this conversation (expired or erased)")
        client = self._client()
        if client is None:
            return self._to_outbox(token, body, kind)
        options: dict[str, Any] = {}
        if self.settings.public_base_url:
            # Delivery reports and asynchronous 21610s reach us without any set-up in Twilio's console.
            options["status_callback"] = self.settings.public_base_url + STATUS_PATH
        try:
            message = client.messages.create(to=contact.phone, from_=self.settings.twilio_from_number, body=body,
                                             **options)
        except TwilioRestException as exc:
            raise self._refused(token, kind, exc) from None
        except (TwilioException, RequestException) as exc:
            # Only the class name: the text of some Twilio errors holds the phone number.
            log.error("outbound %s SMS failed: %s", kind, exc.__class__.__name__)
            raise SendFailed(None) from None
        return SendResult(str(message.sid), "twilio")

    def _refused(self, token: str, kind: str, exc: TwilioRestException) -> Exception:
        code = _int_or_none(exc.code)
        # Only the code: Twilio's message text can hold the phone number.
        log.warning("outbound %s SMS refused by Twilio: error %s (HTTP %s)", kind, code, exc.status)
        if code == UNSUBSCRIBED:
            self.storage.consent.opt_out(token, channel="sms", how="twilio:21610")
            self.counts.opt_out("sms", "twilio_21610")
            self.counts.blocked_send(kind, "twilio_21610")
            return OptedOut("the customer opted out of SMS (Twilio 21610)")
        return SendFailed(code)

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
        if not s.public_base_url:
            log.warning("PUBLIC_BASE_URL is not set: outbound texts carry no status callback, so delivery "
                        "reports and 21610 opt-outs reported later by Twilio will not reach us")
        self._twilio = client
        return client

    def _to_outbox(self, token: str, body: str, kind: str) -> SendResult:
        sid = f"LOCAL{int(time.time() * 1000)}"
        item = {"sid": sid, "token": token, "kind": kind, "body": body, "at": int(time.time())}
        self.storage.outbox.add(item)
        log.warning("no Twilio credentials configured: %s SMS kept in the local outbox", kind)
        return SendResult(sid, "outbox")

    def outbox(self) -> list[dict[str, Any]]:
        return self.storage.outbox.items()


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
