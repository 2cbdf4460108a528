"""POST /twilio/status: message and call status callbacks."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from facts.phone import to_e164
from webhooks import metrics
from webhooks.context import gateway
from webhooks.twilio_auth import require_twilio_signature

log = logging.getLogger(__name__)
bp = Blueprint("status", __name__, url_prefix="/twilio")
bp.before_request(require_twilio_signature)

UNSUBSCRIBED = "21610"  # Twilio: "Attempt to send to unsubscribed recipient"


@bp.post("/status")
def status_callback() -> Response:
    form = request.form
    if form.get("ErrorCode") == UNSUBSCRIBED:
        phone = to_e164(form.get("To"))
        if phone is None:
            return Response("a valid To number is required\n", status=400, mimetype="text/plain")
        gw = gateway()
        gw.storage.consent.opt_out(gw.storage.token(phone), channel="sms", how="twilio:21610")
        metrics.opt_out("sms", "twilio_21610")
        log.info("opt-out recorded from a 21610 status callback")
    return Response(status=204)
