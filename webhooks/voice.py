"""Twilio Voice: the same intake by speech or keypad, answered with <Say>/<Gather>."""

from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, request, url_for
from twilio.twiml.voice_response import VoiceResponse

from bot.actions.parsing.emergency_numbers import emergency_number
from storage import queues
from storage.contacts import Contact
from storage.dedupe import first_delivery
from storage.erasure import finish_requested_erasure
from storage.errors import StoreUnavailable
from storage.keys import callback_key, tracker_key
from webhooks.context import Gateway, gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.phone import region_of, to_e164
from webhooks.rasa_client import RasaUnavailable
from webhooks.twilio_auth import require_twilio_signature
from webhooks.voice_text import HINTS, find_reference, for_the_ear

log = logging.getLogger(__name__)
bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")
bp.before_request(require_twilio_signature)

LANGUAGE = "en-US"
VOICE = "Polly.Joanna"
MIN_CONFIDENCE = 0.45
MAX_RETRIES = 2
REFERENCE_RE = re.compile(r"RS-[0-9A-Z]{4,8}")


def _xml(twiml: VoiceResponse) -> Response:
    return Response(str(twiml), mimetype="text/xml")


def _gather(twiml: VoiceResponse, prompt: str, *, action: str, retries: int = 0, hints: bool = True,
            numeric: bool = False) -> VoiceResponse:
    action = f"{action}{'&' if '?' in action else '?'}retries={retries}"
    gather = twiml.gather(input="dtmf" if numeric else "speech dtmf", action=action,
                          method="POST", speech_timeout="auto", language=LANGUAGE, timeout=6,
                          hints=HINTS if hints else None, finish_on_key="#" if numeric else None)
    gather.say(prompt, voice=VOICE, language=LANGUAGE)
    # Silence falls through to here: the gather callback handles it as an empty result.
    twiml.redirect(f"{action}&silent=1", method="POST")
    return twiml


def _caller(gw: Gateway) -> str | None:
    """The caller's number: From, or a callback number given earlier in this call."""
    phone = to_e164(request.form.get("From"))
    if phone is not None:
        return phone
    call_sid = request.form.get("CallSid", "")
    value = gw.storage.records.get(callback_key(call_sid))
    return value if isinstance(value, str) else None


def _connect_to_person(gw: Gateway, twiml: VoiceResponse) -> VoiceResponse:
    twiml.say("Connecting you to a person now. Please hold.", voice=VOICE, language=LANGUAGE)
    if gw.settings.agent_phone:
        twiml.dial(gw.settings.agent_phone, timeout=30)
    else:
        twiml.enqueue("roadside")
    return twiml


@bp.post("")
def incoming_call() -> Response:
    gw = gateway()
    call_sid = request.form.get("CallSid", "")
    if not call_sid:
        return Response("CallSid is required\n", status=400, mimetype="text/plain")
    twiml = VoiceResponse()
    try:
        fresh = first_delivery(gw.storage.client, call_sid)
        phone = _caller(gw)
        if phone is None:
            twiml.say(f"Hello, this is {gw.settings.service_name}.", voice=VOICE, language=LANGUAGE)
            return _xml(_gather(twiml, "Your number is hidden. Please key in a number we can call you back on, "
                                "then press the pound key.", action=url_for("voice.callback_number"),
                                hints=False, numeric=True))
        token = gw.storage.token(phone)
        if fresh:
            gw.storage.contacts.save(token, Contact(phone, "voice", "en", region_of(phone)))
        if gw.storage.handoff.active(token):
            return _xml(_connect_to_person(gw, twiml))
        returning = gw.storage.client.exists(tracker_key(token))
    except StoreUnavailable:
        log.error("Redis unavailable at call start")
        return _xml(_connect_to_person(gw, twiml))
    greeting = (f"Hello, this is {gw.settings.service_name}. We use your number only to help with this "
                "breakdown. You can press 0 at any time to talk to a person.")
    prompt = ("Welcome back. Tell me what you'd like to add or change." if returning
              else "Where is your car, and what's wrong with it?")
    twiml.say(greeting, voice=VOICE, language=LANGUAGE)
    return _xml(_gather(twiml, prompt, action=url_for("voice.gather_turn")))


@bp.post("/callback-number")
def callback_number() -> Response:
    gw = gateway()
    retries = int(request.args.get("retries", "0") or 0)
    raw = request.form.get("Digits") or request.form.get("SpeechResult") or ""
    phone = to_e164(raw, default_region=region_of(to_e164(request.form.get("To")) or "") or "US")
    twiml = VoiceResponse()
    if phone is None:
        if retries >= MAX_RETRIES:
            return _xml(_connect_to_person(gw, twiml))
        return _xml(_gather(twiml, "Sorry, that didn't sound like a full phone number. Please key it in again, "
                            "with the area code, then press pound.", action=url_for("voice.callback_number"),
                            retries=retries + 1, hints=False, numeric=True))
    call_sid = request.form.get("CallSid", "")
    gw.storage.records.put(callback_key(call_sid), phone, gw.settings.conversation_ttl)
    gw.storage.contacts.save(gw.storage.token(phone), Contact(phone, "voice", "en", region_of(phone)))
    twiml.say("Thank you.", voice=VOICE, language=LANGUAGE)
    return _xml(_gather(twiml, "Where is your car, and what's wrong with it?", action=url_for("voice.gather_turn")))


@bp.post("/gather")
def gather_turn() -> Response:
    gw = gateway()
    form = request.form
    retries = int(request.args.get("retries", "0") or 0)
    phone = _caller(gw)
    twiml = VoiceResponse()
    if phone is None:
        return _xml(_gather(twiml, "Please key in a number we can call you back on, then press pound.",
                            action=url_for("voice.callback_number"), hints=False, numeric=True))
    token = gw.storage.token(phone)
    digits = (form.get("Digits") or "").strip()
    speech = (form.get("SpeechResult") or "").strip()
    confidence = _confidence(form.get("Confidence"))
    if digits == "0" or speech.lower() in ("agent", "operator", "a person", "human"):
        escalate_from_gateway(gw.storage, token, "asked_for_agent")
        return _xml(_connect_to_person(gw, twiml))
    if digits:
        text = {"1": "yes", "2": "no"}.get(digits, digits)
    elif speech and confidence >= MIN_CONFIDENCE:
        text = speech
    else:
        if retries >= MAX_RETRIES:
            return _xml(_gather(twiml, "Sorry, I'm having trouble hearing you. Press 0 to talk to a person, "
                                "or try saying it once more.", action=url_for("voice.gather_turn"),
                                retries=retries + 1))
        prompt = ("Sorry, I didn't catch that. Could you say it again?" if not speech
                  else f"I think I heard: {speech}. Could you say that again, a little slower?")
        return _xml(_gather(twiml, prompt, action=url_for("voice.gather_turn"), retries=retries + 1))
    return _xml(_answer(gw, token, phone, text, heard=speech if not digits else None))


def _answer(gw: Gateway, token: str, phone: str, text: str, heard: str | None) -> VoiceResponse:
    twiml = VoiceResponse()
    try:
        replies = gw.rasa.send("voice", token, text, {"region": region_of(phone)})
    except RasaUnavailable as exc:
        log.error("Rasa unavailable on a call (%s): transferring", exc)
        escalate_from_gateway(gw.storage, token, "rasa_unavailable", message=text)
        twiml.say("Sorry, our system is slow right now.", voice=VOICE, language=LANGUAGE)
        return _connect_to_person(gw, twiml)
    if not replies:
        return _gather(twiml, "Sorry, I missed that. Could you say it again?", action=url_for("voice.gather_turn"))
    if finish_requested_erasure(gw.storage, token, actor="customer:voice"):
        twiml.say(" ".join(for_the_ear(r) for r in replies), voice=VOICE, language=LANGUAGE)
        twiml.hangup()
        return twiml
    spoken = " ".join(for_the_ear(r) for r in replies)
    if heard:
        spoken = f"I heard: {heard}. {spoken}"
    handoff = gw.storage.handoff.get(token)
    if handoff is not None:
        twiml.say(spoken, voice=VOICE, language=LANGUAGE)
        if handoff.get("reason") == "emergency":
            twiml.say(f"Please hang up and dial {' '.join(emergency_number(region_of(phone)))} now. "
                      "A person from our team will follow up.", voice=VOICE, language=LANGUAGE)
            twiml.hangup()
            return twiml
        return _connect_to_person(gw, twiml)
    reference = find_reference(replies)
    if reference is not None:
        twiml.say(spoken, voice=VOICE, language=LANGUAGE)
        return _gather(twiml, "Would you like text message updates about this request? Say yes or press 1, "
                       "or say no or press 2.", action=url_for("voice.sms_consent", ref=reference), hints=False)
    return _gather(twiml, spoken, action=url_for("voice.gather_turn"))


@bp.post("/sms-consent")
def sms_consent() -> Response:
    gw = gateway()
    phone = _caller(gw)
    answer = (request.form.get("Digits") or request.form.get("SpeechResult") or "").strip().lower()
    twiml = VoiceResponse()
    if phone is not None and (answer == "1" or answer.startswith("yes") or answer in ("sure", "ok", "okay")):
        token = gw.storage.token(phone)
        gw.storage.consent.opt_in(token, channel="voice", how="voice_yes")
        reference = request.args.get("ref", "")
        if REFERENCE_RE.fullmatch(reference):
            queues.update_sms_updates(gw.storage, token, reference, True)
        twiml.say("Great, we'll text you updates. Reply STOP to those texts at any time to stop them.",
                  voice=VOICE, language=LANGUAGE)
    else:
        twiml.say("Okay, no texts. We'll call you if we need anything.", voice=VOICE, language=LANGUAGE)
    twiml.say("Help is on the way. Goodbye.", voice=VOICE, language=LANGUAGE)
    twiml.hangup()
    return _xml(twiml)


def _confidence(raw: str | None) -> float:
    try:
        return float(raw) if raw else 0.0
    except ValueError:
        return 0.0
