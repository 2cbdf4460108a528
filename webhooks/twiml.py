"""TwiML replies built with twilio's own TwiML classes."""

from __future__ import annotations

import logging

from flask import Response
from twilio.twiml.messaging_response import MessagingResponse

from facts.sms_segments import segments
from webhooks.sms_text import split_for_sms

log = logging.getLogger(__name__)

ELLIPSIS = " …"
# One turn's texts go out as one message when that costs no more than this.
JOINED_MAX_SEGMENTS = 3


def reply_bodies(texts: list[str], max_parts: int | None = None, notices: list[str] | None = None) -> list[str]:
    """The SMS bodies for one turn.

    Joined into one message when that costs at most three segments ("OK." and
    the question arrive together and in order). Otherwise split per text, with
    at most ``max_parts`` parts: every part is paid for, and a long summary must
    not become a pile of texts, so its middle is left out. The gateway's own
    ``notices`` (STOP/HELP, privacy) come last and are never cut.
    """
    texts = [t.strip() for t in texts if t and t.strip()]
    tail_texts = [t.strip() for t in notices or [] if t and t.strip()]
    joined = "\n".join([*texts, *tail_texts])
    if not joined:
        return []
    if segments(joined) <= JOINED_MAX_SEGMENTS:
        return [joined]
    parts = [part for text in texts for part in split_for_sms(text)]
    tail = [part for text in tail_texts for part in split_for_sms(text)]
    room = None if max_parts is None else max(max_parts - len(tail), 1)
    if room is not None and len(parts) > room:
        log.info("reply cut from %d to %d message parts", len(parts), room)
        # The middle goes: the last part carries the question the driver must answer.
        kept = parts[: room - 1]
        if kept:
            kept[-1] += ELLIPSIS
        parts = [*kept, parts[-1]]
    return [*parts, *tail]


def sms_reply(texts: list[str], max_parts: int | None = None, notices: list[str] | None = None) -> Response:
    """``<Response><Message>…`` for the turn's texts, or an empty ``<Response/>``."""
    twiml = MessagingResponse()
    for body in reply_bodies(texts, max_parts, notices):
        twiml.message(body)
    return Response(str(twiml), mimetype="text/xml")
