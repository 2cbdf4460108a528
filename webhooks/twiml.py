"""TwiML replies built with twilio's own TwiML classes."""

from __future__ import annotations

import logging

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from webhooks.sms_text import split_for_sms

log = logging.getLogger(__name__)

ELLIPSIS = " …"


def sms_reply(texts: list[str], max_parts: int | None = None, notices: list[str] | None = None) -> Response:
    """``<Response><Message>…`` for each part, or an empty ``<Response/>``.

    ``max_parts`` caps the ``<Message>`` elements of one reply: every part is
    paid for, and a long summary must not become a pile of texts: its middle is
    left out. The gateway's own ``notices`` (STOP/HELP, privacy) come last and
    are never cut.
    """
    parts = [part for text in texts for part in split_for_sms(text)]
    tail = [part for text in notices or [] for part in split_for_sms(text)]
    room = None if max_parts is None else max(max_parts - len(tail), 1)
    if room is not None and len(parts) > room:
        log.info("reply cut from %d to %d message parts", len(parts), room)
        # The middle goes: the last part carries the question the driver must answer.
        kept = parts[: room - 1]
        if kept:
            kept[-1] += ELLIPSIS
        parts = [*kept, parts[-1]]
    twiml = MessagingResponse()
    for part in [*parts, *tail]:
        twiml.message(part)
    return Response(str(twiml), mimetype="text/xml")
