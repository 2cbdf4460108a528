"""Twilio Voice: the same intake by speech or keypad, answered with <Say>/<Gather>."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import Blueprint, Response, request, url_for
from twilio.twiml.voice_response import VoiceResponse

from catalog import text
from facts.emergency_numbers import emergency_number
from facts.languages import DEFAULT, MENU, language_for_key, menu_key, voice_settings
from facts.phone import region_of, sender_e164, to_e164
from facts.references import is_request_reference
from storage import queues
from storage.call_token import call_token
from storage.consent import OPTED_IN, OPTED_OUT
from storage.contacts import Contact
from storage.dedupe import first_delivery
from storage.errors import StoreUnavailable
from storage.keys import voice_turn_key
from storage.trackers import tracker_exists
from webhooks import metrics
from webhooks.context import Gateway, gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.limits import init_limits, limits
from webhooks.turn import VOICE, Inbound, Outcome, Party, TurnResult, conversation_language, run_turn
from webhooks.twilio_auth import require_twilio_signature
from webhooks.voice_text import for_the_ear, hints, said_yes

log = logging.getLogger(__name__)
bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")
bp.before_request(require_twilio_signature)
bp.record_once(init_limits)

MIN_CONFIDENCE = 0.45
MAX_RETRIES = 2
TURN_REPLAY_TTL = 300  # Twilio gives up on a webhook after 15 s; a retry comes well within this


@dataclass(frozen=True)
class CallParty:
    """Who the conversation of this call belongs to."""

    token: str
    phone: str | None  # how to reach them: the caller id, or a number keyed in on this call
    verified: bool  # True: the caller id (from Twilio); False: only a number the caller keyed in
    language: str = DEFAULT  # the conversation's language


def _xml(twiml: VoiceResponse) -> Response:
    return Response(str(twiml), mimetype="text/xml")


def _turn() -> int | None:
    """This request's place in the call; each prompt we send names the next one.

    None for a URL without one (a call that began before turns were numbered).
    """
    raw = request.args.get("turn", "")
    return int(raw) if raw.isdigit() else None


def _say(twiml: VoiceResponse, words: str, language: str) -> None:
    voice = voice_settings(language)
    twiml.say(words, voice=voice.say_voice, language=voice.say_language)


def _gather(twiml: VoiceResponse, prompt: str, language: str, *, action: str, retries: int = 0,
            with_hints: bool = True, numeric: bool = False, menu: bool = False) -> VoiceResponse:
    action = f"{action}{'&' if '?' in action else '?'}retries={retries}&turn={(_turn() or 0) + 1}"
    voice = voice_settings(language)
    gather = twiml.gather(input="dtmf" if numeric else "speech dtmf", action=action,
                          method="POST", speech_timeout="auto", language=voice.gather_language, timeout=6,
                          hints=hints(language) if with_hints else None, finish_on_key="#" if numeric else None)
    if menu:
        # "For English press 1, Tiếng Việt bấm 2, …": each option in its own language's voice.
        for option in MENU:
            option_voice = voice_settings(option)
            gather.say(text("voice.language_option", option, key=menu_key(option)), voice=option_voice.say_voice,
                       language=option_voice.say_language)
    gather.say(prompt, voice=voice.say_voice, language=voice.say_language)
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
        token = gw.storage.token(phone)
        return CallParty(token, phone, True, conversation_language(gw, token, phone))
    call_sid = request.form.get("CallSid", "")
    if not call_sid:
        return None
    token = call_token(call_sid, gw.storage.token_key)
    contact = gw.storage.contacts.load(token)
    phone = contact.phone if contact else None
    return CallParty(token, phone, False, conversation_language(gw, token, phone))


def _ask_for_callback_number(twiml: VoiceResponse, prompt: str, language: str, retries: int = 0) -> VoiceResponse:
    return _gather(twiml, prompt, language, action=url_for("voice.callback_number"), retries=retries,
                   with_hints=False, numeric=True)


def _connect_to_person(gw: Gateway, twiml: VoiceResponse, language: str) -> VoiceResponse:
    _say(twiml, text("voice.connecting", language), language)
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
    language = DEFAULT
    try:
        fresh = first_delivery(gw.storage.client, call_sid)
        party = _caller(gw)
        language = party.language if party is not None else DEFAULT
        if party is None or party.phone is None:
            _say(twiml, text("voice.hello", language, service=gw.settings.service_name), language)
            return _xml(_ask_for_callback_number(twiml, text("voice.hidden_number", language), language))
        if fresh and party.verified:
            _save_caller(gw, party.token, party.phone, language)
        if gw.storage.handoff.active(party.token):
            return _xml(_connect_to_person(gw, twiml, language))
        returning = tracker_exists(gw.storage.client, party.token)
    except StoreUnavailable:
        log.error("Redis unavailable at call start")
        return _xml(_connect_to_person(gw, twiml, language))
    prompt = text("voice.welcome_back", language) if returning else text("voice.first_question", language)
    _say(twiml, text("voice.greeting", language, service=gw.settings.service_name), language)
    return _xml(_gather(twiml, prompt, language, action=url_for("voice.gather_turn", menu=1), menu=True))


def _save_caller(gw: Gateway, token: str, phone: str, language: str, *, chosen: bool = False) -> None:
    """The caller's contact record; a language chosen on the call (or settled before) stays settled."""
    kept = gw.storage.contacts.load(token) if not chosen else None
    settled = chosen or bool(kept is not None and kept.language_settled)
    gw.storage.contacts.save(token, Contact(phone, "voice", language, region_of(phone), settled))


@bp.post("/callback-number")
def callback_number() -> Response:
    gw = gateway()
    retries = int(request.args.get("retries", "0") or 0)
    raw = request.form.get("Digits") or request.form.get("SpeechResult") or ""
    phone = to_e164(raw, default_region=region_of(to_e164(request.form.get("To")) or "") or "US")
    twiml = VoiceResponse()
    party = _caller(gw)
    language = party.language if party is not None else DEFAULT
    if phone is None:
        if retries >= MAX_RETRIES:
            return _xml(_connect_to_person(gw, twiml, language))
        return _xml(_ask_for_callback_number(twiml, text("voice.callback_number_again", language), language,
                                             retries=retries + 1))
    first_question = text("voice.first_question", language)
    if party is None or party.verified:
        # Only a call with a hidden number is asked for one; a shown caller id is kept.
        return _xml(_gather(twiml, first_question, language, action=url_for("voice.gather_turn")))
    # The number reaches dispatch through this call's own contact record; it names
    # no conversation and changes nobody's consent.
    gw.storage.contacts.save(party.token, Contact(phone, "voice", language, region_of(phone)))
    _say(twiml, text("voice.thank_you", language), language)
    return _xml(_gather(twiml, first_question, language, action=url_for("voice.gather_turn")))


@bp.post("/gather")
def gather_turn() -> Response:
    gw = gateway()
    form = request.form
    retries = int(request.args.get("retries", "0") or 0)
    party = _caller(gw)
    twiml = VoiceResponse()
    if party is None or party.phone is None:
        language = party.language if party is not None else DEFAULT
        return _xml(_ask_for_callback_number(twiml, text("voice.ask_callback_number", language), language))
    replay = _replayed_turn(gw, party.language)
    if replay is not None:
        return replay
    response = _xml(_gather_turn(gw, party, form.get("Digits"), form.get("SpeechResult"), form.get("Confidence"),
                                 retries))
    _keep_for_replay(gw, response)
    return response


def _replayed_turn(gw: Gateway, language: str) -> Response | None:
    """None for a turn seen the first time; for a repeat, the answer it got (the turn never runs twice)."""
    call_sid, turn = request.form.get("CallSid", ""), _turn()
    if turn is None or first_delivery(gw.storage.client, f"{call_sid}:turn:{turn}"):
        return None
    log.info("repeated voice turn %d of a call: not run again", turn)
    kept = gw.storage.records.get(voice_turn_key(call_sid, turn))
    if isinstance(kept, str):
        return Response(kept, mimetype="text/xml")
    # The first attempt is still running: ask again rather than run the turn twice.
    return _xml(_gather(VoiceResponse(), text("voice.one_moment", language), language,
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


# Said instead of pressing 0 ("press 0 at any time to talk to a person"): the recogniser writes "0" or "zero",
# or the caller names a person, in any of our languages. Not "không" (also "no").
_PERSON_PLEASE = frozenset({
    "0", "zero", "agent", "operator", "a person", "human", "nhân viên", "tổng đài viên", "gặp nhân viên", "nol",
    "agen", "operator saja", "ноль", "оператор", "оператора", "человек", "живой человек",
})


def _gather_turn(gw: Gateway, party: CallParty, digits: str | None, speech: str | None, confidence_raw: str | None,
                 retries: int) -> VoiceResponse:
    twiml = VoiceResponse()
    language = party.language
    digits = (digits or "").strip()
    speech = (speech or "").strip()
    confidence = _confidence(confidence_raw)
    if digits == "0" or speech.lower().strip(" .!?") in _PERSON_PLEASE:
        escalate_from_gateway(gw.storage, party.token, "asked_for_agent")
        return _connect_to_person(gw, twiml, language)
    chosen = language_for_key(digits) if request.args.get("menu") else None
    if chosen is not None:
        return _language_chosen(gw, party, chosen)
    if digits:
        said = {"1": "yes", "2": "no"}.get(digits, digits)
    elif speech and confidence >= MIN_CONFIDENCE:
        said = speech
    else:
        if retries >= MAX_RETRIES:
            return _gather(twiml, text("voice.trouble_hearing", language), language,
                           action=url_for("voice.gather_turn"), retries=retries + 1)
        prompt = (text("voice.didnt_catch", language) if not speech
                  else text("voice.heard_unsure", language, speech=speech))
        return _gather(twiml, prompt, language, action=url_for("voice.gather_turn"), retries=retries + 1)
    return _answer(gw, party, said, heard=speech if not digits else None)


def _language_chosen(gw: Gateway, party: CallParty, language: str) -> VoiceResponse:
    """A key of the greeting's language menu: the call (and the conversation) goes on in that language."""
    if party.phone:
        _save_caller(gw, party.token, party.phone, language, chosen=True)
    return _gather(VoiceResponse(), text("voice.first_question", language), language,
                   action=url_for("voice.gather_turn"))


def _answer(gw: Gateway, party: CallParty, said: str, heard: str | None) -> VoiceResponse:
    region = region_of(party.phone or "")
    inbound = Inbound(VOICE, Party(party.token, party.phone, region, party.verified), said, {"region": region})
    result = run_turn(gw, inbound, limits())
    language = result.language
    twiml = VoiceResponse()
    if result.outcome == Outcome.UNAVAILABLE:
        _say(twiml, text("voice.system_slow", language), language)
        return _connect_to_person(gw, twiml, language)
    if result.outcome in (Outcome.EMPTY_ANSWER, Outcome.EMPTY):
        return _gather(twiml, text("voice.missed_that", language), language, action=url_for("voice.gather_turn"))
    spoken = " ".join(for_the_ear(r) for r in result.texts)
    if result.erased or result.end:
        _say(twiml, spoken, language)
        twiml.hangup()
        return twiml
    if heard and spoken:
        spoken = text("voice.heard", language, speech=heard, reply=spoken)
    if result.handoff is not None:
        return _hand_over(gw, twiml, spoken, result.handoff, region, language)
    if result.reference is not None:
        return _after_the_request(twiml, spoken, result, party.verified)
    return _gather(twiml, spoken, language, action=url_for("voice.gather_turn"))


def _hand_over(gw: Gateway, twiml: VoiceResponse, spoken: str, reason: str, region: str | None,
               language: str) -> VoiceResponse:
    """A person has the conversation: put the caller through, or send them to the emergency number."""
    if spoken:
        _say(twiml, spoken, language)
    if reason == "emergency":
        _say(twiml, text("voice.emergency_hang_up", language, emergency_number=" ".join(emergency_number(region))),
             language)
        twiml.hangup()
        return twiml
    return _connect_to_person(gw, twiml, language)


def _after_the_request(twiml: VoiceResponse, spoken: str, result: TurnResult, verified: bool) -> VoiceResponse:
    """The request is sent (the bot gave its reference): offer text updates, or say goodbye."""
    language = result.language
    _say(twiml, spoken, language)
    if not verified:
        # Texts only go to a number that asked for them itself (an SMS from it).
        _say(twiml, text("voice.call_back_goodbye", language), language)
        twiml.hangup()
        return twiml
    return _gather(twiml, text("voice.sms_updates_question", language), language,
                   action=url_for("voice.sms_consent", ref=result.reference), with_hints=False)


@bp.post("/sms-consent")
def sms_consent() -> Response:
    gw = gateway()
    party = _caller(gw)
    language = party.language if party is not None else DEFAULT
    answer = request.form.get("Digits") or request.form.get("SpeechResult") or ""
    twiml = VoiceResponse()
    if party is not None and party.verified and said_yes(answer, language):
        _voice_yes_to_texts(gw, party.token, twiml, language)
    elif party is not None and not party.verified:
        _say(twiml, text("voice.call_back", language), language)
    else:
        _say(twiml, text("voice.no_texts", language), language)
    _say(twiml, text("voice.help_on_the_way", language), language)
    twiml.hangup()
    return _xml(twiml)


def _voice_yes_to_texts(gw: Gateway, token: str, twiml: VoiceResponse, language: str) -> None:
    """A spoken yes opts in a number that never chose; it never undoes an SMS STOP.

    A caller id can be spoofed, so only an SMS from the number (START) lifts an opt-out.
    """
    found = gw.storage.consent.opt_in_if_unknown(token, channel="voice", how="voice_yes")
    if found == OPTED_OUT:
        log.info("voice yes to texts from an opted-out number: nothing recorded")
        _say(twiml, text("voice.texts_turned_off", language), language)
        return
    if found != OPTED_IN:
        metrics.opt_in("voice", "voice_yes")
    reference = request.args.get("ref", "")
    if is_request_reference(reference):
        queues.update_sms_updates(gw.storage, token, reference, True)
    _say(twiml, text("voice.texts_on", language), language)


def _confidence(raw: str | None) -> float:
    try:
        return float(raw) if raw else 0.0
    except ValueError:
        return 0.0
