"""Signature check for every Twilio webhook: 403 unless Twilio signed it."""

from __future__ import annotations

import logging

from flask import Response, request

from webhooks.context import gateway
from webhooks.signature import is_valid_body_signature, is_valid_signature

log = logging.getLogger(__name__)

FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def signed_url() -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path (TLS proxies hide the scheme)."""
    base = gateway().settings.public_base_url
    if base:
        query = request.query_string.decode()
        return f"{base}{request.path}" + (f"?{query}" if query else "")
    return request.url


def require_twilio_signature() -> Response | None:
    """A ``before_request`` hook: None lets the request through.

    Form posts are checked over every value of every parameter (a repeated key
    keeps all its values). Any other body must match the ``bodySHA256`` that
    Twilio signed; even then these endpoints take forms only, so it gets a 415.
    """
    settings = gateway().settings
    signature = request.headers.get("X-Twilio-Signature", "")
    body = request.get_data(cache=True) if request.mimetype not in FORM_TYPES else b""
    if body:
        if not is_valid_body_signature(settings.twilio_auth_token, signed_url(), body, signature):
            log.warning("rejected %s: non-form body without a matching signed bodySHA256", request.path)
            return Response("invalid signature\n", status=403, mimetype="text/plain")
        log.warning("rejected %s: signed %s body, but this endpoint takes forms only", request.path,
                    request.mimetype or "untyped")
        return Response("form-encoded requests only\n", status=415, mimetype="text/plain")
    if not is_valid_signature(settings.twilio_auth_token, signed_url(), request.form, signature):
        log.warning("rejected %s: bad or missing X-Twilio-Signature", request.path)
        return Response("invalid signature\n", status=403, mimetype="text/plain")
    return None
