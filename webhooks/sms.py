"""POST /twilio/sms: one inbound text in, TwiML out."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from facts.danger import mentions_danger
from facts.emergency_numbers import emergency_number
from facts.phone import region_of, sender_e164
from storage import queues
from storage.consent import OPTED_OUT, UNKNOWN
from storage.contacts import Contact
from storage.dedupe import first_delivery, forget_delivery
from storage.erasure import finish_requested_erasure
from storage.errors import StoreUnavailable
from storage.rate_limits import count_inbound_turn, dispatch_refused
from webhooks import consent_keywords as kw
from webhooks import metrics
from webhooks.context import Gateway, gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.limits import init_limits, limits
from webhooks.rasa_client import RasaUnavailable
from webhooks.sms_text import clean_inbound
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
        if not first_delivery(gw.storage.client, sid):
            log.info("duplicate delivery %s dropped", sid)
            return sms_reply([])
    except StoreUnavailable:
        return _storage_down(gw, phone, keyword)
    try:
        return _handle(gw, phone, keyword)
    except StoreUnavailable:
        if keyword == kw.OPT_OUT:
            _forget_if_possible(gw, sid)
        return _storage_down(gw, phone, keyword)
    except Exception:
        # Let Twilio's retry through: this delivery did not finish.
        forget_delivery(gw.storage.client, sid)
        raise


def _forget_if_possible(gw: Gateway, sid: str) -> None:
    """A retried STOP must not be dropped as a duplicate of the attempt that failed."""
    try:
        forget_delivery(gw.storage.client, sid)
    except StoreUnavailable:
        log.warning("could not clear the duplicate guard of a failed opt-out")


def _storage_down(gw: Gateway, phone: str, keyword: str | None) -> Response:
    if keyword == kw.OPT_OUT:
        # A 200 would make Twilio consider the STOP handled while we kept nothing:
        # a 5xx makes Twilio retry or use the fallback URL.
        log.error("Redis unavailable: opt-out not recorded, answering 503")
        resp = _plain("opt-out could not be recorded yet; please retry\n", 503)
        resp.headers["Retry-After"] = "30"
        return resp
    log.error("Redis unavailable: answering without storage")
    return sms_reply([gw.notices.trouble(emergency_number(region_of(phone)))])


def _handle(gw: Gateway, phone: str, keyword: str | None) -> Response:
    form = request.form
    token = gw.storage.token(phone)
    region = region_of(phone)
    consent = gw.storage.consent.load(token)

    if keyword == kw.OPT_OUT:
        gw.storage.consent.opt_out(token, channel="sms", how=kw.normalise(form.get("Body", "")) or "STOP")
        queues.close_conversation(gw.storage, token)
        metrics.opt_out("sms", "keyword")
        log.info("opt-out recorded")
        return sms_reply([gw.notices.opted_out()])
    if keyword == kw.HELP:
        return sms_reply([gw.notices.help()])
    if consent.opted_out:
        if keyword == kw.OPT_IN:
            gw.storage.consent.opt_in(token, channel="sms", how=kw.normalise(form.get("Body", "")))
            metrics.opt_in("sms", "keyword")
            return sms_reply([gw.notices.opted_in()])
        log.info("message from an opted-out number: not answered")
        return sms_reply([])

    over = count_inbound_turn(gw.storage.client, token, limits())
    if over:
        log.warning("inbound turn limit reached for a number (%d over)", over)
        # Said once when the limit is hit; a flood beyond it gets no paid replies.
        return sms_reply([gw.notices.slow_down(emergency_number(region))] if over == 1 else [])

    contact = Contact(phone, "sms", "en", region)
    gw.storage.contacts.save(token, contact)
    notice: list[str] = []
    if consent.status == UNKNOWN:
        found = gw.storage.consent.opt_in_if_unknown(token, channel="sms", how="first_message")
        if found == UNKNOWN:
            notice = [gw.notices.first_contact()]
            metrics.opt_in("sms", "first_message")
        elif found == OPTED_OUT:
            log.info("opt-out landed before the first-message opt-in: not answered")
            return sms_reply([])

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
        with metrics.timed_turn("sms", contact.language):
            replies = gw.rasa.send("sms", token, text, {"region": region})
    except RasaUnavailable as exc:
        log.error("Rasa unavailable (%s): escalating the conversation", exc)
        metrics.dialogue_error("rasa_unavailable")
        escalate_from_gateway(gw.storage, token, "rasa_unavailable", message=text)
        return _unless_opted_out(gw, token, [gw.notices.unavailable(emergency_number(region))], notice)
    if finish_requested_erasure(gw.storage, token, actor="customer:sms"):
        return _unless_opted_out(gw, token, replies)
    if dispatch_refused(gw.storage.client, token):
        log.warning("daily dispatch request limit reached for a number: handed to a person")
        escalate_from_gateway(gw.storage, token, "dispatch_limit", message=text)
        return _unless_opted_out(gw, token, [gw.notices.dispatch_limit(emergency_number(region))], notice)
    if not replies:
        metrics.dialogue_error("empty_answer")
        replies = [gw.notices.say_again()]
    if shortened:
        replies = [gw.notices.shortened(), *replies]
    return _unless_opted_out(gw, token, replies, notice)


def _unless_opted_out(gw: Gateway, token: str, texts: list[str], notice: list[str] | None = None) -> Response:
    """The turn's reply, unless a STOP arrived while the turn ran (TwiML replies bypass the outbound guard)."""
    if gw.storage.consent.is_opted_out(token):
        # The turn saved its tracker after the STOP closed the conversation: close it again.
        queues.close_conversation(gw.storage, token)
        log.info("opted out during the turn: reply withheld")
        return sms_reply([])
    return sms_reply(texts, limits().max_reply_parts, notice)


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
