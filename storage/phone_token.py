"""Phone tokens: the only name a customer has inside Redis and Rasa."""

from __future__ import annotations

import hashlib
import hmac

TOKEN_LENGTH = 32  # hex chars: 128 bits of the HMAC, plenty against collisions


def phone_token(e164: str, token_key: bytes) -> str:
    """HMAC-SHA256 of the E.164 number under its own key, as lower-case hex.

    The same number always gives the same token; the number cannot be read
    back from it without the key.
    """
    if not e164.startswith("+"):
        raise ValueError("phone_token expects an E.164 number")
    digest = hmac.new(token_key, e164.encode("ascii"), hashlib.sha256).hexdigest()
    return digest[:TOKEN_LENGTH]
