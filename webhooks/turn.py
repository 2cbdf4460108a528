"""One turn of a conversation, the same for every channel.

A channel adapter (``sms.py``, ``voice.py``, ``location_page.py``) reads its
Twilio request into an ``Inbound`` and renders the ``TurnResult`` (TwiML
``<Message>``, ``<Say>``/``<Gather>``, or texts through the consent guard).
In between, every channel gets the same steps, in this order: dedupe, the
conversation's language, consent, rate limit, contact, hand-off (danger while
waiting), the bot, escalation when the bot is down, erasure, the dispatch
limit, an empty answer, and a STOP that arrived while the turn ran.

Adding a channel (WhatsApp) means one ``Channel`` and one small adapter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from facts import language_detection
from facts.bot_reply import BotReply
from facts.danger import mentions_danger
from facts.emergency_numbers import emergency_number
from facts.languages import DEFAULT, supported
from storage import queues
from storage.consent import OPTED_OUT, UNKNOWN, ConsentRecord
from storage.contacts import Contact
from storage.dedupe import first_delivery, forget_delivery
from storage.erasure import finish_requested_erasure
from storage.errors import DecryptError, StoreUnavailable
from storage.rate_limits import RateLimits, count_inbound_turn, dispatch_refused
from webhooks import consent_keywords as kw
from webhooks import metrics
from webhooks.context import Gateway
from webhooks.escalation import escalate_from_gateway
from webhooks.rasa_client import RasaUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Channel:
    """How a channel's turns differ; everything else is the same turn."""

    name: str  # the Rasa channel, the metrics label, and how the audit names the customer ("customer:sms")
    texted: bool  # the gateway's own words go back as texts (so a STOP during the turn withholds them)
    consent_by_message: bool  # a message from the number speaks for it: STOP/START/HELP, first-message opt-in
    detects_language: bool = False  # the language is read from what the customer writes


SMS = Channel("sms", texted=True, consent_by_message=True, detects_language=True)
VOICE = Channel("voice", texted=False, consent_by_message=False)
# A position shared on the location page: the driver's next SMS turn, answered by text.
LOCATION_PAGE = Channel("sms", texted=True, consent_by_message=False)


@dataclass(frozen=True)
class Party:
    """Whose conversation this is."""

    token: str
    phone: str | None  # how to reach them, when known
    region: str | None  # for the emergency number
    verified: bool = True  # the number itself wrote or called (not one keyed in): its contact record is saved


@dataclass(frozen=True)
class Inbound:
    """One message in, as the channel read it."""

    channel: Channel
    party: Party
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    delivery_id: str | None = None  # Twilio's id: a repeat of it is not run again
    keyword: str | None = None  # consent keyword class (consent_keywords), for channels with consent_by_message
    keyword_text: str = ""  # the keyword as written, normalised, for the consent record
    has_media: bool = False
    shortened: bool = False  # the text was cut to the inbound limit


class Outcome(str, Enum):
    ANSWERED = "answered"  # the bot answered
    DUPLICATE = "duplicate"  # a repeated delivery: nothing done
    OPTED_OUT = "opted_out"  # STOP recorded
    OPTED_IN = "opted_in"  # START recorded
    HELP = "help"
    IGNORED = "ignored"  # an opted-out number: not answered
    LIMITED = "limited"  # over the inbound turn limit
    WAITING = "waiting"  # a person has the conversation: kept for them
    EMPTY = "empty"  # nothing to hand to the bot
    UNAVAILABLE = "unavailable"  # the bot did not answer: escalated
    ERASED = "erased"  # the customer's data was erased after the bot confirmed it
    DISPATCH_LIMIT = "dispatch_limit"  # too many requests today: escalated
    EMPTY_ANSWER = "empty_answer"  # the bot answered with nothing (a dialogue bug)
    WITHHELD = "withheld"  # a STOP arrived while the turn ran: no reply


@dataclass(frozen=True)
class TurnResult:
    """What the channel renders. ``texts`` are the bot's and, on texted channels, the gateway's own."""

    outcome: Outcome
    language: str = DEFAULT
    texts: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # the gateway's consent notice: goes last, never cut
    handoff: str | None = None  # a person has (or now takes) the conversation, for this reason
    reference: str | None = None  # the request reference the bot just gave
    end: bool = False  # nothing more to say in this conversation
    erased: bool = False


def run_turn(gw: Gateway, inbound: Inbound, limits: RateLimits) -> TurnResult:
    """Run one turn. Raises StoreUnavailable for the channel to answer without storage."""
    delivery = inbound.delivery_id
    if delivery and not first_delivery(gw.storage.client, delivery):
        log.info("duplicate delivery %s dropped", delivery)
        return TurnResult(Outcome.DUPLICATE)
    try:
        return _Turn(gw, inbound, limits).run()
    except StoreUnavailable:
        if delivery and inbound.keyword == kw.OPT_OUT:
            _forget_if_possible(gw, delivery)
        raise
    except Exception:
        if delivery:
            # Let Twilio's retry through: this delivery did not finish.
            forget_delivery(gw.storage.client, delivery)
        raise


def _forget_if_possible(gw: Gateway, delivery: str) -> None:
    """A retried STOP must not be dropped as a duplicate of the attempt that failed."""
    try:
        forget_delivery(gw.storage.client, delivery)
    except StoreUnavailable:
        log.warning("could not clear the duplicate guard of a failed opt-out")


def _contact(gw: Gateway, token: str) -> Contact | None:
    try:
        return gw.storage.contacts.load(token)
    except DecryptError:
        # Unreadable (e.g. keys rotated away): the turn saves a fresh record where it can.
        log.warning("contact record unreadable: conversation language from the phone's country")
        return None


def conversation_language(gw: Gateway, token: str, phone: str | None = None) -> str:
    """The language of the conversation: its contact record's, else the one ``phone``'s country suggests."""
    contact = _contact(gw, token)
    return supported(contact.language) if contact is not None else language_detection.prior(phone)


class _Turn:
    def __init__(self, gw: Gateway, inbound: Inbound, limits: RateLimits) -> None:
        self.gw, self.inbound, self.limits = gw, inbound, limits
        self.channel, self.token = inbound.channel, inbound.party.token
        self.language = DEFAULT
        self.language_settled = False
        self.notices: list[str] = []

    def result(self, outcome: Outcome, *texts: str, **flags: Any) -> TurnResult:
        return TurnResult(outcome, self.language, list(texts), self.notices, **flags)

    def said(self, outcome: Outcome, text: str, **flags: Any) -> TurnResult:
        """The gateway's own words, on channels that answer by text (a call says its own)."""
        return self.result(outcome, *([text] if self.channel.texted else []), **flags)

    @property
    def emergency_number(self) -> str:
        return emergency_number(self.inbound.party.region)

    def run(self) -> TurnResult:
        self.start_language()
        consent = self.gw.storage.consent.load(self.token) if self.channel.consent_by_message else None
        early = self.consent_keywords(consent) or self.over_the_limit()
        if early is not None:
            return early
        self.follow_language()
        self.save_contact()
        early = self.first_contact(consent) or self.waiting_for_a_person() or self.nothing_to_say()
        if early is not None:
            return early
        return self.unless_opted_out(self.answer())

    def consent_keywords(self, consent: ConsentRecord | None) -> TurnResult | None:
        """STOP, HELP and START, and silence for an opted-out number."""
        if consent is None:
            return None
        st, notices, how = self.gw.storage, self.gw.notices, self.inbound.keyword_text
        if self.inbound.keyword == kw.OPT_OUT:
            st.consent.opt_out(self.token, channel=self.channel.name, how=how or "STOP")
            queues.close_conversation(st, self.token)
            metrics.opt_out(self.channel.name, "keyword")
            log.info("opt-out recorded")
            return self.confirm(Outcome.OPTED_OUT, notices.opted_out)
        if self.inbound.keyword == kw.HELP:
            return self.confirm(Outcome.HELP, notices.help)
        if not consent.opted_out:
            return None
        if self.inbound.keyword == kw.OPT_IN:
            st.consent.opt_in(self.token, channel=self.channel.name, how=how)
            metrics.opt_in(self.channel.name, "keyword")
            return self.confirm(Outcome.OPTED_IN, notices.opted_in)
        log.info("message from an opted-out number: not answered")
        return self.result(Outcome.IGNORED)

    def confirm(self, outcome: Outcome, notice: Callable[[str], str]) -> TurnResult:
        """A keyword is confirmed in the language it was written in (СТОП: Russian, STOP: English),
        else (Twilio's OptOutType on a longer message) in the conversation's."""
        self.language = supported(kw.keyword_language(self.inbound.keyword_text) or self.language)
        return self.result(outcome, notice(self.language))

    def start_language(self) -> None:
        """The conversation's language so far: the contact record's, else the phone's country."""
        contact = _contact(self.gw, self.token)
        if contact is None:
            self.language = language_detection.prior(self.inbound.party.phone)
        else:
            self.language, self.language_settled = supported(contact.language), contact.language_settled

    def follow_language(self) -> None:
        """The language this message is written in or asks for, when it says enough (see language_detection)."""
        if self.channel.detects_language:
            self.language, self.language_settled = language_detection.next_language(
                self.inbound.text, self.language, self.language_settled)

    def over_the_limit(self) -> TurnResult | None:
        over = count_inbound_turn(self.gw.storage.client, self.token, self.limits)
        if not over:
            return None
        log.warning("inbound turn limit reached for a number (%d over) on %s", over, self.channel.name)
        if not self.channel.texted:
            # A caller can be put through to a person now.
            escalate_from_gateway(self.gw.storage, self.token, "turn_limit")
            return self.result(Outcome.LIMITED, handoff="turn_limit")
        # Said once when the limit is hit; a flood beyond it gets no paid replies.
        if over == 1:
            return self.result(Outcome.LIMITED, self.gw.notices.slow_down(self.emergency_number, self.language))
        return self.result(Outcome.LIMITED)

    def save_contact(self) -> None:
        party = self.inbound.party
        if party.verified and party.phone:
            self.gw.storage.contacts.save(self.token, Contact(party.phone, self.channel.name, self.language,
                                                              party.region, self.language_settled))

    def first_contact(self, consent: ConsentRecord | None) -> TurnResult | None:
        """A first message from a number opts it in to texts about its breakdown, with a notice saying so."""
        if consent is None or consent.status != UNKNOWN:
            return None
        found = self.gw.storage.consent.opt_in_if_unknown(self.token, channel=self.channel.name, how="first_message")
        if found == UNKNOWN:
            self.notices = [self.gw.notices.first_contact(self.language)]
            metrics.opt_in(self.channel.name, "first_message")
        elif found == OPTED_OUT:
            log.info("opt-out landed before the first-message opt-in: not answered")
            return self.result(Outcome.IGNORED)
        return None

    def waiting_for_a_person(self) -> TurnResult | None:
        st, text = self.gw.storage, self.inbound.text
        handoff = st.handoff.get(self.token)
        if handoff is None:
            return None
        st.handoff.add_message(self.token, "customer", text)
        if text and mentions_danger(text):
            # Waiting for a person must never delay the emergency advice.
            queues.make_urgent(st, self.token, message=text)
            return self.said(Outcome.WAITING, self.gw.notices.danger_while_waiting(self.emergency_number,
                                                                                   self.language),
                             handoff="emergency")
        return self.result(Outcome.WAITING, handoff=str(handoff.get("reason") or "waiting"))

    def nothing_to_say(self) -> TurnResult | None:
        if self.inbound.text:
            return None
        notices = self.gw.notices
        text = notices.attachment_only(self.language) if self.inbound.has_media else notices.empty_message(
            self.language)
        return self.said(Outcome.EMPTY, text)

    def answer(self) -> TurnResult:
        """The bot's answer, or what the gateway says when there is none."""
        st, text = self.gw.storage, self.inbound.text
        try:
            reply = self.ask_the_bot()
        except RasaUnavailable as exc:
            log.error("Rasa unavailable (%s) on %s: escalating the conversation", exc, self.channel.name)
            metrics.dialogue_error("rasa_unavailable")
            escalate_from_gateway(st, self.token, "rasa_unavailable", message=text)
            return self.said(Outcome.UNAVAILABLE, self.gw.notices.unavailable(self.emergency_number, self.language),
                             handoff="rasa_unavailable")
        if reply.language:
            self.language = supported(reply.language)
        # Rasa saved the turn's tracker before it answered, so erasing now leaves nothing behind.
        if reply.erase and finish_requested_erasure(st, self.token, actor=f"customer:{self.channel.name}"):
            return TurnResult(Outcome.ERASED, self.language, reply.texts, erased=True, end=True)
        if dispatch_refused(st.client, self.token):
            log.warning("daily dispatch request limit reached for a number: handed to a person")
            escalate_from_gateway(st, self.token, "dispatch_limit", message=text)
            return self.said(Outcome.DISPATCH_LIMIT, self.gw.notices.dispatch_limit(self.emergency_number,
                                                                                    self.language),
                             handoff="dispatch_limit")
        return self.bot_answer(reply)

    def ask_the_bot(self) -> BotReply:
        with metrics.timed_turn(self.channel.name, self.language):
            metadata = {**self.inbound.metadata, "language": self.language}
            return self.gw.rasa.reply(self.channel.name, self.token, self.inbound.text, metadata)

    def bot_answer(self, reply: BotReply) -> TurnResult:
        texts, outcome = list(reply.texts), Outcome.ANSWERED
        if not texts:
            metrics.dialogue_error("empty_answer")
            outcome = Outcome.EMPTY_ANSWER
            texts = [self.gw.notices.say_again(self.language)] if self.channel.texted else []
        if self.inbound.shortened and self.channel.texted:
            texts = [self.gw.notices.shortened(self.language), *texts]
        return self.result(outcome, *texts, handoff=reply.handoff, reference=reply.reference, end=reply.end)

    def unless_opted_out(self, result: TurnResult) -> TurnResult:
        """The turn's reply, unless a STOP arrived while the turn ran (TwiML replies bypass the outbound guard)."""
        if not self.channel.texted or not self.gw.storage.consent.is_opted_out(self.token):
            return result
        # The turn saved its tracker after the STOP closed the conversation: close it again.
        queues.close_conversation(self.gw.storage, self.token)
        log.info("opted out during the turn: reply withheld")
        return replace(result, outcome=Outcome.WITHHELD, texts=[], notices=[])
