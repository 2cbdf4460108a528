"""`roadside chat`: text the running app as a driver, with Twilio-signed requests."""

from __future__ import annotations

import os
import sys
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import requests

from webhooks.signature import sign


def send_sms(url: str, auth_token: str, sender: str, body: str, *, public_base: str | None = None,
             extra: dict[str, str] | None = None, timeout: float = 20) -> list[str]:
    """Post one SMS as Twilio would; return the texts of the TwiML <Message>s."""
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": sender,
              "To": os.environ.get("TWILIO_FROM_NUMBER") or "+15005550006", "Body": body, "NumMedia": "0",
              **(extra or {})}
    target = f"{url.rstrip('/')}/twilio/sms"
    signed = f"{(public_base or url).rstrip('/')}/twilio/sms"
    resp = requests.post(target, data=params, headers={"X-Twilio-Signature": sign(auth_token, signed, params)},
                         timeout=timeout)
    resp.raise_for_status()
    # The reply comes from our own app (the URL the user gave), not from a stranger.
    return [m.text or "" for m in ET.fromstring(resp.text).iter("Message")]  # noqa: S314


def chat(url: str, sender: str, lines: Iterable[str] | None = None) -> int:
    token = os.environ.get("TWILIO_AUTH_TOKEN", "")
    if not token:
        print("TWILIO_AUTH_TOKEN is not set (run from the project folder so .env is read)", file=sys.stderr)
        return 2
    public_base = os.environ.get("PUBLIC_BASE_URL") or None
    interactive = lines is None and sys.stdin.isatty()
    if interactive:
        print(f"Texting {url} as {sender}. Type a message; Ctrl-D to quit.")
    for line in lines if lines is not None else _read_lines(interactive):
        try:
            replies = send_sms(url, token, sender, line.rstrip("\n"), public_base=public_base)
        except requests.RequestException as exc:
            print(f"could not reach {url}: {exc.__class__.__name__}", file=sys.stderr)
            return 1
        for reply in replies or ["(no reply)"]:
            print(f"bot> {reply}", flush=True)
    return 0


def _read_lines(interactive: bool) -> Iterable[str]:
    if not interactive:
        yield from sys.stdin
        return
    while True:
        try:
            yield input("you> ")
        except EOFError:
            print()
            return
