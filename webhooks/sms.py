"""POST /twilio/sms: one inbound text in, TwiML out."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from bot.actions.parsing.danger import mentions_danger
from bot.actions.parsing.emergency_numbers import emergency_number
from storage import queues
from storage.consent import UNKNOWN
from storage.contacts import Contact
from storage.dedupe import first_delivery, forget_delivery
from storage.erasure import finish_requested_erasure
from storage.errors import StoreUnavailable
from webhooks import consent_keywords as kw
from webhooks.context import Gateway, gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.phone import region_of, to_e164
from webhooks.rasa_client import RasaUnavailable
from webhooks.sms_text import clean_inbound
from webhooks.twilio_auth import require_twilio_signature
from webhooks.twiml import sms_reply

log = logging.getLogger(__name__)
bp = Blueprint("sms", __name__, url_prefix="/twilio")
bp.before_request(require_twilio_signature)


@bp.post("/sms")
def inbound_sms() -> Response:
    form = request.form
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    phone = to_e164(form.get("From"))
    if not sid or phone is None:
        return Response("MessageSid and a valid From number are required\n", status=400, mimetype="text/plain")
    gw = gateway()
    try:
        if not first_delivery(gw.storage.client, sid):
            log.info("duplicate delivery %s dropped", sid)
            return sms_reply([])
    except StoreUnavailable:
        return _storage_down(gw, phone)
    try:
        return _handle(gw, phone)
    except StoreUnavailable:
        return _storage_down(gw, phone)
    except Exception:
        # Let Twilio's retry through: this delivery did not finish.
        forget_delivery(gw.storage.client, sid)
        raise


def _storage_down(gw: Gateway, phone: str) -> Response:
    log.error("Redis unavailable: answering without storage")
    return sms_reply([gw.notices.trouble(emergency_number(region_of(phone)))])


def _handle(gw: Gateway, phone: str) -> Response:
    form = request.form
    token = gw.storage.token(phone)
    region = region_of(phone)
    keyword = kw.classify_opt_out_type(form.get("OptOutType")) or kw.classify(form.get("Body"))
    consent = gw.storage.consent.load(token)

    if keyword == kw.OPT_OUT:
        gw.storage.consent.opt_out(token, channel="sms", how=kw.normalise(form.get("Body", "")) or "STOP")
        queues.close_conversation(gw.storage, token)
        log.info("opt-out recorded")
        return sms_reply([gw.notices.opted_out()])
    if keyword == kw.HELP:
        return sms_reply([gw.notices.help()])
    if consent.opted_out:
        if keyword == kw.OPT_IN:
            gw.storage.consent.opt_in(token, channel="sms", how=kw.normalise(form.get("Body", "")))
            return sms_reply([gw.notices.opted_in()])
        log.info("message from an opted-out number: not answered")
        return sms_reply([])

    gw.storage.contacts.save(token, Contact(phone, "sms", "en", region))
    notice: list[str] = []
    if consent.status == UNKNOWN:
        gw.storage.consent.opt_in(token, channel="sms", how="first_message")
        notice = [gw.notices.first_contact()]

    text, shortened = _message_text()
    if gw.storage.handoff.active(token):
        gw.storage.handoff.add_message(token, "customer", text)
        if text and mentions_danger(text):
            # Waiting for a person must never delay the emergency advice.
            queues.make_urgent(gw.storage, token, message=text)
            return sms_reply([gw.notices.danger_while_waiting(emergency_number(region)), *notice])
        return sms_reply(notice)
    if not text:
        num_media = (form.get("NumMedia") or "0").strip()
        has_media = num_media.isdigit() and int(num_media) > 0
        return sms_reply([gw.notices.attachment_only() if has_media else gw.notices.empty_message(), *notice])

    try:
        replies = gw.rasa.send("sms", token, text, {"region": region})
    except RasaUnavailable as exc:
        log.error("Rasa unavailable (%s): escalating the conversation", exc)
        escalate_from_gateway(gw.storage, token, "rasa_unavailable", message=text)
        return sms_reply([gw.notices.unavailable(emergency_number(region)), *notice])
    if finish_requested_erasure(gw.storage, token, actor="customer:sms"):
        return sms_reply(replies)
    if not replies:
        replies = [gw.notices.say_again()]
    if shortened:
        replies = [gw.notices.shortened(), *replies]
    return sms_reply([*replies, *notice])


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
