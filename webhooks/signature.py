"""Twilio request signatures (X-Twilio-Signature), framework-free."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

from twilio.request_validator import RequestValidator

# A form: a plain mapping, or a multi-mapping (werkzeug's MultiDict) whose
# repeated keys twilio's validator reads with ``getlist``.
Params = Mapping[str, Any]


def _with_and_without_port(url: str) -> list[str]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    host = parts.hostname or ""
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    ported = urlunsplit((parts.scheme, f"{host}:{parts.port or default}", parts.path, parts.query, parts.fragment))
    return [url, bare, ported]


def is_valid_signature(auth_token: str, url: str, params: Params, signature: str) -> bool:
    """True when ``signature`` is Twilio's HMAC-SHA1 of ``url`` + sorted params.

    Uses twilio's own signing logic (every value of a repeated parameter counts)
    and a constant-time compare; accepts the URL with or without its default
    port, as Twilio may sign either.
    """
    if not signature:
        return False
    validator = RequestValidator(auth_token)
    for candidate in dict.fromkeys(_with_and_without_port(url)):
        expected = validator.compute_signature(candidate, params)
        if hmac.compare_digest(expected.encode(), signature.encode()):
            return True
    return False


def is_valid_body_signature(auth_token: str, url: str, body: bytes, signature: str) -> bool:
    """A JSON (or other non-form) body, checked the way twilio's ``RequestValidator.validate`` does.

    Twilio signs the URL, which carries ``bodySHA256``, the hex SHA-256 of the
    body; both must match. Without ``bodySHA256`` the body is unsigned.
    """
    claimed = parse_qs(urlsplit(url).query).get("bodySHA256", [""])[0]
    if not claimed:
        return False
    actual = hashlib.sha256(body).hexdigest()
    return hmac.compare_digest(actual.encode(), claimed.encode()) and is_valid_signature(auth_token, url, {},
                                                                                        signature)


def sign(auth_token: str, url: str, params: Params) -> str:
    """The signature Twilio would send (used by the simulator and tests)."""
    return str(RequestValidator(auth_token).compute_signature(url, params))
