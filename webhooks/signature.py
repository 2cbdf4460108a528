"""Twilio request signatures (X-Twilio-Signature), framework-free."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from twilio.request_validator import RequestValidator


def _with_and_without_port(url: str) -> list[str]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    host = parts.hostname or ""
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    ported = urlunsplit((parts.scheme, f"{host}:{parts.port or default}", parts.path, parts.query, parts.fragment))
    return [url, bare, ported]


def is_valid_signature(auth_token: str, url: str, params: Mapping[str, str], signature: str) -> bool:
    """True when ``signature`` is Twilio's HMAC-SHA1 of ``url`` + sorted params.

    Uses twilio's own signing logic and a constant-time compare; accepts the
    URL with or without its default port, as Twilio may sign either.
    """
    if not signature:
        return False
    validator = RequestValidator(auth_token)
    for candidate in dict.fromkeys(_with_and_without_port(url)):
        expected = validator.compute_signature(candidate, params)
        if hmac.compare_digest(expected.encode(), signature.encode()):
            return True
    return False


def sign(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """The signature Twilio would send (used by the simulator and tests)."""
    return str(RequestValidator(auth_token).compute_signature(url, params))
