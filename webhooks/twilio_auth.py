"""Signature check for every Twilio webhook: 403 unless Twilio signed it."""

from __future__ import annotations

import logging

from flask import Response, request

from webhooks.context import gateway
from webhooks.signature import is_valid_signature

log = logging.getLogger(__name__)


def signed_url() -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path (TLS proxies hide the scheme)."""
    base = gateway().settings.public_base_url
    if base:
        query = request.query_string.decode()
        return f"{base}{request.path}" + (f"?{query}" if query else "")
    return request.url


def require_twilio_signature() -> Response | None:
    """A ``before_request`` hook: None lets the request through."""
    settings = gateway().settings
    params = request.form.to_dict(flat=True)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not is_valid_signature(settings.twilio_auth_token, signed_url(), params, signature):
        log.warning("rejected %s: bad or missing X-Twilio-Signature", request.path)
        return Response("invalid signature\n", status=403, mimetype="text/plain")
    return None
