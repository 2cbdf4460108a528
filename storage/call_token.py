"""Call tokens: the name of a call whose caller's number is not known.

A caller who withholds their number gets a conversation of its own, named
after the call, never after a number they key in (anyone can key in anyone's
number). The prefix keeps these apart from phone tokens, which are plain hex.
"""

from __future__ import annotations

import hashlib
import hmac

from storage.phone_token import TOKEN_LENGTH

CALL_TOKEN_PREFIX = "call-"


def call_token(call_sid: str, token_key: bytes) -> str:
    """HMAC-SHA256 of the CallSid under the token key, in its own namespace."""
    if not call_sid:
        raise ValueError("call_token needs a CallSid")
    digest = hmac.new(token_key, b"call:" + call_sid.encode("utf-8"), hashlib.sha256).hexdigest()
    return CALL_TOKEN_PREFIX + digest[:TOKEN_LENGTH]


def is_call_token(token: str) -> bool:
    return token.startswith(CALL_TOKEN_PREFIX)
