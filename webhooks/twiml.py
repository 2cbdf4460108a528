"""TwiML replies built with twilio's own TwiML classes."""

from __future__ import annotations

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from webhooks.sms_text import split_for_sms


def sms_reply(texts: list[str]) -> Response:
    """``<Response><Message>…`` for each part, or an empty ``<Response/>``."""
    twiml = MessagingResponse()
    for text in texts:
        for part in split_for_sms(text):
            twiml.message(part)
    return Response(str(twiml), mimetype="text/xml")
