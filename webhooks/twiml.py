"""TwiML replies built with twilio's own TwiML classes."""

from __future__ import annotations

import logging

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from webhooks.sms_text import split_for_sms

log = logging.getLogger(__name__)

ELLIPSIS = " …"


def sms_reply(texts: list[str], max_parts: int | None = None) -> Response:
    """``<Response><Message>…`` for each part, or an empty ``<Response/>``.

    ``max_parts`` caps the ``<Message>`` elements of one reply: every part is
    paid for, and a long summary must not become a pile of texts.
    """
    parts = [part for text in texts for part in split_for_sms(text)]
    if max_parts is not None and len(parts) > max_parts:
        log.info("reply cut from %d to %d message parts", len(parts), max_parts)
        parts = parts[:max_parts]
        parts[-1] += ELLIPSIS
    twiml = MessagingResponse()
    for part in parts:
        twiml.message(part)
    return Response(str(twiml), mimetype="text/xml")
