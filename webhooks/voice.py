"""Twilio Voice: the same intake by speech or keypad, answered with <Say>/<Gather>."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from flask import Blueprint, Response, request, url_for
from twilio.twiml.voice_response import VoiceResponse

from facts.emergency_numbers import emergency_number
from facts.phone import region_of, sender_e164, to_e164
from storage import queues
from storage.call_token import call_token
from storage.consent import OPTED_IN, OPTED_OUT
from storage.contacts import Contact
from storage.dedupe import first_delivery
from storage.erasure import finish_requested_erasure
from storage.errors import StoreUnavailable
from storage.keys import voice_turn_key
from storage.rate_limits import count_inbound_turn
from storage.trackers import tracker_exists
from webhooks import metrics
from webhooks.context import Gateway, gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.limits import init_limits, limits
from webhooks.rasa_client import RasaUnavailable
from webhooks.twilio_auth import require_twilio_signature
from webhooks.voice_text import HINTS, find_reference, for_the_ear

log = logging.getLogger(__name__)
bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")
bp.before_request(require_twilio_signature)
bp.record_once(init_limits)

LANGUAGE = "en-US"
VOICE = "Polly.Joanna"
MIN_CONFIDENCE = 0.45
MAX_RETRIES = 2
REFERENCE_RE = re.compile(r"RS-[0-9A-Z]{4,8}")
TURN_REPLAY_TTL = 300  # Twilio gives up on a webhook after 15 s; a retry comes well within this


@dataclass(frozen=True)
class CallParty:
    """Who the conversation of this call belongs to."""

    token: str
    phone: str | None  # how to reach them: the caller id, or a number keyed in on this call
    verified: bool  # True: the caller id (from Twilio); False: only a number the caller keyed in


def _xml(twiml: VoiceResponse) -> Response:
    return Response(str(twiml), mimetype="text/xml")


def _turn() -> int | None:
    """This request's place in the call; each prompt we send names the next one.

    None for a URL without one (a call that began before turns were numbered).
    """
    raw = request.args.get("turn", "")
    return int(raw) if raw.isdigit() else None


def _gather(twiml: VoiceResponse, prompt: str, *, action: str, retries: int = 0, hints: bool = True,
            numeric: bool = False) -> VoiceResponse:
    action = f"{action}{'&' if '?' in action else '?'}retries={retries}&turn={(_turn() or 0) + 1}"
    gather = twiml.gather(input="dtmf" if numeric else "speech dtmf", action=action,
                          method="POST", speech_timeout="auto", language=LANGUAGE, timeout=6,
                          hints=HINTS if hints else None, finish_on_key="#" if numeric else None)
    gather.say(prompt, voice=VOICE, language=LANGUAGE)
    # Silence falls through to here: the gather callback handles it as an empty result.
    twiml.redirect(f"{action}&silent=1", method="POST")
    return twiml


def _caller(gw: Gateway) -> CallParty | None:
    """The party of this call.

    A shown caller id names the customer (their conversation, their consent).
    A withheld one gets a conversation of its own, named after the call: a
    keyed-in number is only contact data on it, because anyone can key in
    anyone's number.
    """
    phone = sender_e164(request.form.get("From"))
    if phone is not None:
        return CallParty(gw.storage.token(phone), phone, True)
    call_sid = request.form.get("CallSid", "")
    if not call_sid:
        return None
    token = call_token(call_sid, gw.storage.token_key)
    contact = gw.storage.contacts.load(token)
    return CallParty(token, contact.phone if contact else None, False)


def _ask_for_callback_number(twiml: VoiceResponse, prompt: str, retries: int = 0) -> VoiceResponse:
    return _gather(twiml, prompt, action=url_for("voice.callback_number"), retries=retries, hints=False,
                   numeric=True)


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
        party = _caller(gw)
        if party is None or party.phone is None:
            twiml.say(f"Hello, this is {gw.settings.service_name}.", voice=VOICE, language=LANGUAGE)
            return _xml(_ask_for_callback_number(twiml, "Your number is hidden. Please key in a number we can "
                                                        "call you back on, then press the pound key."))
        if fresh and party.verified:
            gw.storage.contacts.save(party.token, Contact(party.phone, "voice", "en", region_of(party.phone)))
        if gw.storage.handoff.active(party.token):
            return _xml(_connect_to_person(gw, twiml))
        returning = tracker_exists(gw.storage.client, party.token)
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
        return _xml(_ask_for_callback_number(twiml, "Sorry, that didn't sound like a full phone number. Please "
                                                    "key it in again, with the area code, then press pound.",
                                             retries=retries + 1))
    party = _caller(gw)
    if party is None or party.verified:
        # Only a call with a hidden number is asked for one; a shown caller id is kept.
        return _xml(_gather(twiml, "Where is your car, and what's wrong with it?", action=url_for("voice.gather_turn")))
    # The number reaches dispatch through this call's own contact record; it names
    # no conversation and changes nobody's consent.
    gw.storage.contacts.save(party.token, Contact(phone, "voice", "en", region_of(phone)))
    twiml.say("Thank you.", voice=VOICE, language=LANGUAGE)
    return _xml(_gather(twiml, "Where is your car, and what's wrong with it?", action=url_for("voice.gather_turn")))


@bp.post("/gather")
def gather_turn() -> Response:
    gw = gateway()
    form = request.form
    retries = int(request.args.get("retries", "0") or 0)
    party = _caller(gw)
    twiml = VoiceResponse()
    if party is None or party.phone is None:
        return _xml(_ask_for_callback_number(twiml, "Please key in a number we can call you back on, then press "
                                                    "pound."))
    replay = _replayed_turn(gw)
    if replay is not None:
        return replay
    response = _xml(_gather_turn(gw, party, form.get("Digits"), form.get("SpeechResult"), form.get("Confidence"),
                                 retries))
    _keep_for_replay(gw, response)
    return response


def _replayed_turn(gw: Gateway) -> Response | None:
    """None for a turn seen the first time; for a repeat, the answer it got (the turn never runs twice)."""
    call_sid, turn = request.form.get("CallSid", ""), _turn()
    if turn is None or first_delivery(gw.storage.client, f"{call_sid}:turn:{turn}"):
        return None
    log.info("repeated voice turn %d of a call: not run again", turn)
    kept = gw.storage.records.get(voice_turn_key(call_sid, turn))
    if isinstance(kept, str):
        return Response(kept, mimetype="text/xml")
    # The first attempt is still running: ask again rather than run the turn twice.
    return _xml(_gather(VoiceResponse(), "Sorry, one moment. Could you say that again?",
                        action=url_for("voice.gather_turn")))


def _keep_for_replay(gw: Gateway, response: Response) -> None:
    turn = _turn()
    body = response.get_data(as_text=True)
    if turn is None or "<Hangup" in body:
        return  # a turn that ends the call (an erasure among them) leaves nothing behind
    key = voice_turn_key(request.form.get("CallSid", ""), turn)
    try:
        gw.storage.records.put(key, body, TURN_REPLAY_TTL)
    except StoreUnavailable:
        log.warning("could not keep a voice turn's answer for replay")


def _gather_turn(gw: Gateway, party: CallParty, digits: str | None, speech: str | None, confidence_raw: str | None,
                 retries: int) -> VoiceResponse:
    twiml = VoiceResponse()
    token = party.token
    digits = (digits or "").strip()
    speech = (speech or "").strip()
    confidence = _confidence(confidence_raw)
    if digits == "0" or speech.lower() in ("agent", "operator", "a person", "human"):
        escalate_from_gateway(gw.storage, token, "asked_for_agent")
        return _connect_to_person(gw, twiml)
    if digits:
        text = {"1": "yes", "2": "no"}.get(digits, digits)
    elif speech and confidence >= MIN_CONFIDENCE:
        text = speech
    else:
        if retries >= MAX_RETRIES:
            return _gather(twiml, "Sorry, I'm having trouble hearing you. Press 0 to talk to a person, "
                           "or try saying it once more.", action=url_for("voice.gather_turn"), retries=retries + 1)
        prompt = ("Sorry, I didn't catch that. Could you say it again?" if not speech
                  else f"I think I heard: {speech}. Could you say that again, a little slower?")
        return _gather(twiml, prompt, action=url_for("voice.gather_turn"), retries=retries + 1)
    if count_inbound_turn(gw.storage.client, token, limits()):
        log.warning("inbound turn limit reached on a call: transferring")
        escalate_from_gateway(gw.storage, token, "turn_limit")
        return _connect_to_person(gw, twiml)
    return _answer(gw, party, text, heard=speech if not digits else None)


def _answer(gw: Gateway, party: CallParty, text: str, heard: str | None) -> VoiceResponse:
    twiml = VoiceResponse()
    token, region = party.token, region_of(party.phone or "")
    try:
        with metrics.timed_turn("voice", LANGUAGE):
            replies = gw.rasa.send("voice", token, text, {"region": region})
    except RasaUnavailable as exc:
        log.error("Rasa unavailable on a call (%s): transferring", exc)
        metrics.dialogue_error("rasa_unavailable")
        escalate_from_gateway(gw.storage, token, "rasa_unavailable", message=text)
        twiml.say("Sorry, our system is slow right now.", voice=VOICE, language=LANGUAGE)
        return _connect_to_person(gw, twiml)
    if not replies:
        metrics.dialogue_error("empty_answer")
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
            twiml.say(f"Please hang up and dial {' '.join(emergency_number(region))} now. "
                      "A person from our team will follow up.", voice=VOICE, language=LANGUAGE)
            twiml.hangup()
            return twiml
        return _connect_to_person(gw, twiml)
    reference = find_reference(replies)
    if reference is not None:
        twiml.say(spoken, voice=VOICE, language=LANGUAGE)
        if not party.verified:
            # Texts only go to a number that asked for them itself (an SMS from it).
            twiml.say("We'll call you on the number you gave if we need anything. Goodbye.", voice=VOICE,
                      language=LANGUAGE)
            twiml.hangup()
            return twiml
        return _gather(twiml, "Would you like text message updates about this request? Say yes or press 1, "
                       "or say no or press 2.", action=url_for("voice.sms_consent", ref=reference), hints=False)
    return _gather(twiml, spoken, action=url_for("voice.gather_turn"))


@bp.post("/sms-consent")
def sms_consent() -> Response:
    gw = gateway()
    party = _caller(gw)
    answer = (request.form.get("Digits") or request.form.get("SpeechResult") or "").strip().lower()
    twiml = VoiceResponse()
    said_yes = answer == "1" or answer.startswith("yes") or answer in ("sure", "ok", "okay")
    if party is not None and party.verified and said_yes:
        _voice_yes_to_texts(gw, party.token, twiml)
    elif party is not None and not party.verified:
        twiml.say("We'll call you on the number you gave if we need anything.", voice=VOICE, language=LANGUAGE)
    else:
        twiml.say("Okay, no texts. We'll call you if we need anything.", voice=VOICE, language=LANGUAGE)
    twiml.say("Help is on the way. Goodbye.", voice=VOICE, language=LANGUAGE)
    twiml.hangup()
    return _xml(twiml)


def _voice_yes_to_texts(gw: Gateway, token: str, twiml: VoiceResponse) -> None:
    """A spoken yes opts in a number that never chose; it never undoes an SMS STOP.

    A caller id can be spoofed, so only an SMS from the number (START) lifts an opt-out.
    """
    found = gw.storage.consent.opt_in_if_unknown(token, channel="voice", how="voice_yes")
    if found == OPTED_OUT:
        log.info("voice yes to texts from an opted-out number: nothing recorded")
        twiml.say("Texts to this number are turned off, because it replied STOP. To turn them on again, "
                  "text START to this number. We'll call you if we need anything.", voice=VOICE, language=LANGUAGE)
        return
    if found != OPTED_IN:
        metrics.opt_in("voice", "voice_yes")
    reference = request.args.get("ref", "")
    if REFERENCE_RE.fullmatch(reference):
        queues.update_sms_updates(gw.storage, token, reference, True)
    twiml.say("Great, we'll text you updates. Reply STOP to those texts at any time to stop them.",
              voice=VOICE, language=LANGUAGE)


def _confidence(raw: str | None) -> float:
    try:
        return float(raw) if raw else 0.0
    except ValueError:
        return 0.0
