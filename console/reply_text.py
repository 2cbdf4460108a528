"""An agent's reply as the customer will get it: line breaks kept, length checked (pure)."""

from __future__ import annotations

import re

from facts.sms_segments import GSM_BASIC, GSM_EXTENDED, segments

MAX_REPLY_CHARS = 640
_BLANK_RUNS = re.compile(r"\n{3,}")


class ReplyError(ValueError):
    """A reply that cannot be sent as written; the message says why."""


def normalise(text: str) -> str:
    """Trim each line and the whole, keep line breaks (at most one blank line in a row)."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def checked(text: str) -> str:
    """The normalised reply, or ReplyError when it is empty or longer than the limit."""
    reply = normalise(text)
    if not reply:
        raise ReplyError("Not sent: the reply is empty.")
    if len(reply) > MAX_REPLY_CHARS:
        raise ReplyError(f"Not sent: the reply has {len(reply)} characters, over the limit of {MAX_REPLY_CHARS}. "
                         "Shorten it and send again.")
    return reply


def segment_count(text: str) -> int:
    """SMS segments the reply costs (GSM-7 or UCS-2)."""
    return segments(text)


def counter_alphabet() -> dict[str, str]:
    """The GSM-7 tables, for the page's live counter (one source for both counts)."""
    return {"basic": "".join(sorted(GSM_BASIC)), "extended": "".join(sorted(GSM_EXTENDED))}
