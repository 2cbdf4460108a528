"""TwiML replies built with twilio's own TwiML classes."""

from __future__ import annotations

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from webhooks.sms_segments import segments
from webhooks.sms_text import split_for_sms

# One turn's texts go out as one message when that costs no more than this.
JOINED_MAX_SEGMENTS = 3


def reply_bodies(texts: list[str]) -> list[str]:
    """The SMS bodies for one turn: joined into one message when it fits, else split per text."""
    texts = [t.strip() for t in texts if t and t.strip()]
    joined = "\n".join(texts)
    if not joined:
        return []
    if segments(joined) <= JOINED_MAX_SEGMENTS:
        # "OK." and the question in one SMS: fewer segments, and they arrive in order.
        return [joined]
    return [part for text in texts for part in split_for_sms(text)]


def sms_reply(texts: list[str]) -> Response:
    """``<Response><Message>…`` for the turn's texts, or an empty ``<Response/>``."""
    twiml = MessagingResponse()
    for body in reply_bodies(texts):
        twiml.message(body)
    return Response(str(twiml), mimetype="text/xml")
