"""Proactive messages (follow-ups, surveys): held during the customer's quiet hours.

Status updates about an active request do not come through here; they go out
at once through ``OutboundSms.send``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from messaging.outbound import OutboundSms, SendFailed, SmsNotAllowed
from messaging.quiet_hours import is_quiet, next_send_time, zone_for_phone


def send_or_hold(outbound: OutboundSms, token: str, body: str, kind: str, now: datetime | None = None) -> str:
    """Send now, or hold until 08:00 in the customer's time zone. Returns "sent" or "held".

    Raises SmsNotAllowed at once for a customer who may not be texted."""
    now = now or datetime.now(timezone.utc)
    outbound.check(token, kind)  # a text that may never be sent is not held either
    st = outbound.storage
    contact = st.contacts.load(token)
    if contact is None:
        raise LookupError("no contact record for this conversation (expired or erased)")
    zone = zone_for_phone(contact.phone)
    if not is_quiet(now, zone):
        outbound.send(token, body, kind)
        return "sent"
    due = next_send_time(now, zone)
    item = {"id": uuid.uuid4().hex, "token": token, "body": body, "kind": kind}
    st.held_messages.hold(item, due.timestamp())
    return "held"


def release_due(outbound: OutboundSms, now: datetime | None = None) -> int:
    """Send every held message whose time has come. Returns how many were sent."""
    now = now or datetime.now(timezone.utc)
    sent = 0
    for item in outbound.storage.held_messages.take_due(now.timestamp()):
        try:
            outbound.send(item["token"], item["body"], item["kind"])
            sent += 1
        except (SmsNotAllowed, LookupError, SendFailed):
            continue  # not allowed any more, erased, or refused by Twilio (its code is logged): dropped
    return sent


def held_count(outbound: OutboundSms) -> int:
    return outbound.storage.held_messages.count()
