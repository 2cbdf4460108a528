"""/l/<id>: a one-time page where the driver's phone shares where the car is.

The link (random, single use, 30 minutes, nothing personal in it) is offered
by the bot when a pickup is too vague. The browser posts its position once;
that becomes the driver's next turn ("lat, lng"), and the bot's answer goes
out by SMS through the consent guard like any other bot text.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from messaging.outbound import OptedOut
from storage.errors import StorageError
from webhooks.context import Gateway, gateway
from webhooks.limits import init_limits, limits
from webhooks.turn import LOCATION_PAGE, Inbound, Party, run_turn
from webhooks.twiml import reply_bodies

log = logging.getLogger(__name__)
bp = Blueprint("location_page", __name__, url_prefix="/l", template_folder="templates")
bp.record_once(init_limits)

MAX_ACCURACY_M = 100_000.0


def _point(body: Any) -> tuple[float, float, float | None] | None:
    """(lat, lng, accuracy) from the posted JSON, or None when it is not a real position."""
    if not isinstance(body, dict):
        return None
    try:
        lat, lng = float(body["lat"]), float(body["lng"])
        accuracy = float(body["accuracy"]) if body.get("accuracy") is not None else None
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng) and -90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    if accuracy is not None and not (math.isfinite(accuracy) and 0 <= accuracy <= MAX_ACCURACY_M):
        accuracy = None
    return lat, lng, accuracy


@bp.get("/<link_id>")
def page(link_id: str) -> tuple[str, int]:
    gw = gateway()
    try:
        valid = gw.storage.location_links.peek(link_id) is not None
    except StorageError:
        log.error("location link look-up failed: storage unavailable")
        return render_template("location.html", state="unavailable", service=gw.settings.service_name), 503
    if not valid:
        return render_template("location.html", state="expired", service=gw.settings.service_name), 404
    return render_template("location.html", state="ask", service=gw.settings.service_name), 200


@bp.post("/<link_id>")
def receive(link_id: str) -> tuple[Response, int]:
    point = _point(request.get_json(silent=True))
    if point is None:
        return jsonify(error="lat and lng are required"), 400
    gw = gateway()
    try:
        record = gw.storage.location_links.use(link_id)
    except StorageError:
        log.error("location link use failed: storage unavailable")
        return jsonify(error="please try again, or reply by text"), 503
    if record is None:
        return jsonify(error="this link has expired or was already used"), 410
    lat, lng, accuracy = point
    _run_turn(gw, str(record["token"]), lat, lng, accuracy)
    return jsonify(ok=True), 200


def _run_turn(gw: Gateway, token: str, lat: float, lng: float, accuracy: float | None) -> None:
    """The position becomes the driver's next message; the answer is texted back through the consent guard."""
    contact = gw.storage.contacts.load(token)
    party = Party(token, contact.phone if contact else None, contact.region if contact else None, verified=False)
    inbound = Inbound(LOCATION_PAGE, party, f"{lat:.6f}, {lng:.6f}",
                      {"location_accuracy": accuracy, "via": "location_link"})
    result = run_turn(gw, inbound, limits())
    for body in reply_bodies(result.texts, limits().max_reply_parts, result.notices):
        try:
            gw.outbound.send(token, body, "bot")
        except (OptedOut, LookupError):
            log.info("reply to a shared location not sent: no consent or no contact")
            return
