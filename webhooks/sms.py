"""POST /twilio/sms: one inbound text in, TwiML out."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from facts import language_detection
from facts.emergency_numbers import emergency_number
from facts.phone import region_of, sender_e164
from storage.errors import StoreUnavailable
from webhooks import consent_keywords as kw
from webhooks.context import Gateway, gateway
from webhooks.limits import init_limits, limits
from webhooks.sms_text import clean_inbound
from webhooks.turn import SMS, Inbound, Party, run_turn
from webhooks.twilio_auth import require_twilio_signature
from webhooks.twiml import sms_reply

log = logging.getLogger(__name__)
bp = Blueprint("sms", __name__, url_prefix="/twilio")
bp.before_request(require_twilio_signature)
bp.record_once(init_limits)


def _plain(text: str, status: int) -> Response:
    return Response(text, status=status, mimetype="text/plain")


@bp.post("/sms")
def inbound_sms() -> Response:
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    sender = (form.get("From") or "").strip()
    if sender.lower().startswith("whatsapp:"):
        # A WhatsApp address must never share a token (and consent) with the SMS number.
        return _plain("WhatsApp senders are not served on this endpoint\n", 400)
    phone = sender_e164(sender)
    if not sid or phone is None:
        return _plain("MessageSid and an E.164 From number are required\n", 400)
    gw = gateway()
    # Classified before any Redis call: an opt-out must be recognised even when Redis is down.
    keyword = kw.classify_opt_out_type(form.get("OptOutType")) or kw.classify(form.get("Body"))
    try:
        result = run_turn(gw, _inbound(gw, phone, sid, keyword), limits())
    except StoreUnavailable:
        return _storage_down(gw, phone, keyword)
    return sms_reply(result.texts, limits().max_reply_parts, result.notices)


def _inbound(gw: Gateway, phone: str, sid: str, keyword: str | None) -> Inbound:
    form = request.form
    region = region_of(phone)
    text, shortened = _message_text()
    num_media = (form.get("NumMedia") or "0").strip()
    return Inbound(SMS, Party(gw.storage.token(phone), phone, region), text, {"region": region}, delivery_id=sid,
                   keyword=keyword, keyword_text=kw.normalise(form.get("Body", "")),
                   has_media=num_media.isdigit() and int(num_media) > 0, shortened=shortened)


def _storage_down(gw: Gateway, phone: str, keyword: str | None) -> Response:
    if keyword == kw.OPT_OUT:
        # A 200 would make Twilio consider the STOP handled while we kept nothing:
        # a 5xx makes Twilio retry or use the fallback URL.
        log.error("Redis unavailable: opt-out not recorded, answering 503")
        resp = _plain("opt-out could not be recorded yet; please retry\n", 503)
        resp.headers["Retry-After"] = "30"
        return resp
    log.error("Redis unavailable: answering without storage")
    # No contact record to read: the language this message is written in, else the phone's country's.
    language, _ = language_detection.next_language(request.form.get("Body"), language_detection.prior(phone), False)
    return sms_reply([gw.notices.trouble(emergency_number(region_of(phone)), language)])


def _message_text() -> tuple[str, bool]:
    """The text to hand to the dialogue; a shared location becomes ``lat, lng``."""
    get = request.form.get
    lat, lng = get("Latitude"), get("Longitude")
    body, shortened = clean_inbound(get("Body"))
    if lat and lng:
        try:
            point = f"{float(lat):.6f}, {float(lng):.6f}"
        except ValueError:
            point = ""
        body = f"{body} {point}".strip()
    return body, shortened
