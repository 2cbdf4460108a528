"""The queues and one claimed item: claim, view, reply, status, release, close."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from console import history, places, queue_filters, sessions
from console import status as request_status
from console.blueprint import bp
from console.claims import ClaimBoard, ClaimError, QueueItem
from console.context import (
    DISPATCH,
    ESCALATIONS,
    actor,
    agents,
    board,
    current_agent,
    gw,
    kind_of,
    login_required,
)
from console.customer_texts import canned_replies
from console.queue_view import triage_rows
from console.reminders import overdue
from console.reply_text import MAX_REPLY_CHARS, ReplyError, checked, counter_alphabet
from console.resume import Resumed, resume_intake
from console.transcript import Line
from console.triage import WaitTargets
from messaging.outbound import NoSmsConsent, OptedOut, SendFailed
from storage import queues
from storage.streams import StreamEntry

log = logging.getLogger(__name__)

RECENT_AUDIT_ROWS = 5000  # enough for a busy day's closes, completions and releases

OPTED_OUT = ("Not sent: this customer opted out of texts (they replied STOP). "
             "Nothing can be texted to them until they text START.")
NO_CONTACT = "Not sent: the customer's contact details have expired or were erased."
NO_CONSENT = ("Not sent: this customer never agreed to texts (for example a caller who declined text updates). "
              "Call them instead.")
NO_UPDATES = "Not texted: the customer asked for no text updates about this request."
REFUSED = "Not sent: {reason}. Nothing was texted; try again later or call the customer."


class Bounce(Exception):
    """Back to the queue with a message (the item is not yours, or gone)."""


@bp.errorhandler(Bounce)
@bp.errorhandler(ClaimError)
def _bounce(exc: Exception) -> Response:
    flash(str(exc), "error")
    return redirect(url_for("console.queue"))


def _sorted(items: list[QueueItem]) -> list[QueueItem]:
    """Urgent first, then oldest first."""
    return sorted(items, key=lambda i: (i.priority != "urgent", i.entry_id))


def _release_idle() -> None:
    for kind in (ESCALATIONS, DISPATCH):
        b = board(kind)
        released = b.release_idle()
        if released:
            refs = {i.entry_id: i.ref for i in b.items()}
            for entry_id, agent in released:
                gw().storage.audit.record("console", "claim_released_idle", refs.get(entry_id, entry_id),
                                          agent=agent)
                log.info("idle claim on %s released from agent %s", refs.get(entry_id, entry_id), agent)


def wait_targets() -> WaitTargets:
    cfg = current_app.config
    return WaitTargets(cfg["CONSOLE_WAIT_URGENT_AMBER_SECONDS"], cfg["CONSOLE_WAIT_URGENT_RED_SECONDS"],
                       cfg["CONSOLE_WAIT_NORMAL_AMBER_SECONDS"], cfg["CONSOLE_WAIT_NORMAL_RED_SECONDS"])


def _queues() -> dict[str, Any]:
    _release_idle()
    client = gw().storage.client
    tab, query = queue_filters.tab_of(request.args.get("tab")), request.args.get("q", "").strip()[:100]
    found_dispatch = [i for i in board(DISPATCH).items() if queue_filters.matches(i, query)]
    found_escalations = [i for i in board(ESCALATIONS).items() if queue_filters.matches(i, query)]
    counts = {DISPATCH: len(found_dispatch), ESCALATIONS: len(found_escalations),
              "urgent": sum(i.priority == "urgent" and i.owner is None for i in found_escalations + found_dispatch)}
    dispatch = _sorted(found_dispatch) if tab in ("all", DISPATCH) else []
    escalations = _sorted(found_escalations) if tab in ("all", ESCALATIONS) else []
    recent = queue_filters.recent(gw().storage.audit.entries(RECENT_AUDIT_ROWS)) if tab == "recent" else []
    if query:
        recent = [r for r in recent if query.lower() in r.ref.lower()]
    overdue_ids = {i.entry_id for i in overdue(escalations, gw().settings.escalation_wait_seconds)}
    return {"escalations": escalations, "dispatch": dispatch, "overdue": overdue_ids,
            "triage": triage_rows(gw().storage, [*escalations, *dispatch]), "targets": wait_targets(),
            "tab": tab, "q": query, "recent": recent, "counts": counts,
            "team": agents().names() if current_agent().is_supervisor else [],
            "statuses": request_status.load_many(client, [i.ref for i in dispatch]), "csrf": sessions.csrf_token(),
            "labels": request_status.LABELS, "me": current_agent().name}


@bp.get("/")
@login_required
def index() -> Response:
    return redirect(url_for("console.queue"))


@bp.get("/queue")
@login_required
def queue() -> str:
    return render_template("queue.html", **_queues())


@bp.get("/queue/rows")
@login_required
def queue_rows() -> str:
    """The live part of the queue page, polled by htmx."""
    return render_template("_queue_rows.html", **_queues())


def item_on_board(ref: str) -> tuple[ClaimBoard, QueueItem]:
    kind = kind_of(ref)
    if kind is None:
        abort(404)
    b = board(kind)
    item = b.find(ref)
    if item is None:
        raise Bounce(f"{ref} is not in the queue any more.")
    return b, item


def held_item(ref: str) -> tuple[ClaimBoard, QueueItem]:
    """The item, which the logged-in agent must hold; the claim is refreshed."""
    b, item = item_on_board(ref)
    if item.holder != current_agent().name:
        raise Bounce(f"Claim {ref} from the queue first.")
    b.touch(item, current_agent().name)
    return b, item


def entry_of(b: ClaimBoard, item: QueueItem) -> StreamEntry:
    entry = b.stream.entry(item.entry_id)
    if entry is None:
        raise Bounce(f"{item.ref} is not in the queue any more.")
    return entry


def _request_id(item: QueueItem) -> str:
    return item.fields.get("request_id") or item.ref


@bp.post("/items/<ref>/claim")
@login_required
def claim(ref: str) -> Response:
    b, item = item_on_board(ref)
    b.claim(item, current_agent().name)
    gw().storage.audit.record(actor(), "claim", ref)
    log.info("agent %s claimed %s", current_agent().name, ref)
    return redirect(url_for("console.item", ref=ref))


@bp.get("/items/<ref>")
@login_required
def item(ref: str) -> str:
    b, queued = held_item(ref)
    entry = entry_of(b, queued)
    token = str(entry.payload.get("token") or "")
    # One entry for the whole page: the request and its transcript (read after the entry is written).
    gw().storage.audit.record(actor(), "view_request", ref, transcript=str(bool(token)).lower())
    lines, earlier = history.whole_conversation(gw().storage, token) if token else ([], [])
    return render_template(
        "item.html", item=queued, entry=entry, kind=kind_of(ref), lines=lines, earlier=earlier,
        inbox_count=_inbox_count(token), may_text=bool(token) and gw().outbound.may_send(token),
        status=request_status.load(gw().storage.client, _request_id(queued)), labels=request_status.LABELS,
        status_history=request_status.history(gw().storage.client, _request_id(queued)),
        status_order=request_status.STATUSES, max_reply=MAX_REPLY_CHARS, gsm=counter_alphabet(),
        targets=wait_targets(), canned=canned_replies(*customer_language(token)),
        claim_deadline_ms=int((time.time() + current_app.config["CONSOLE_CLAIM_IDLE_SECONDS"]) * 1000),
        handoff=bool(token) and gw().storage.handoff.active(token))


def _inbox_count(token: str) -> int:
    return gw().storage.handoff.inbox_count(token) if token else 0


@bp.get("/items/<ref>/new-messages")
@login_required
def new_messages(ref: str) -> str:
    """Polled: says that new messages arrived, without decrypting them."""
    b, queued = item_on_board(ref)
    if queued.holder != current_agent().name:
        return render_template("_lost.html", ref=ref)
    token = str(entry_of(b, queued).payload.get("token") or "")
    seen = request.args.get("seen", type=int) or 0
    return render_template("_new_messages.html", ref=ref, count=_inbox_count(token), seen=seen)


@bp.get("/items/<ref>/transcript")
@login_required
def transcript_part(ref: str) -> str:
    b, queued = held_item(ref)
    token = str(entry_of(b, queued).payload.get("token") or "")
    gw().storage.audit.record(actor(), "view_transcript", ref)
    lines, _earlier = history.whole_conversation(gw().storage, token) if token else ([], [])
    return render_template("_transcript.html", ref=ref, lines=lines,
                           inbox_count=_inbox_count(token))


def customer_language(token: str) -> tuple[str | None, str | None]:
    """The conversation's language and the phone's region, from the contact record (None when there is none)."""
    contact = gw().storage.contacts.load(token) if token else None
    return (contact.language, contact.region) if contact else (None, None)


def text_customer(token: str, body: str, kind: str) -> str | None:
    """Text the customer through the outbound guard; an error message or None."""
    try:
        result = gw().outbound.send(token, body, kind)
    except OptedOut:
        return OPTED_OUT
    except NoSmsConsent:
        return NO_CONSENT
    except LookupError:
        return NO_CONTACT
    except SendFailed as exc:
        return REFUSED.format(reason=exc)
    if result.via == "outbox":
        g.outbox_used = True  # said in the action's one flash message (see sent_note)
    return None


def sent_note() -> str:
    """Appended to an action's flash when its text went to the local outbox instead of Twilio."""
    return " (no Twilio credentials: the text went to the local outbox)" if g.get("outbox_used") else ""


@bp.post("/items/<ref>/reply")
@login_required
def reply(ref: str) -> Response:
    b, queued = held_item(ref)
    token = str(entry_of(b, queued).payload.get("token") or "")
    back = redirect(url_for("console.item", ref=ref))
    try:
        text = checked(request.form.get("text", ""))
    except ReplyError as exc:
        flash(str(exc), "error")
        return back
    error = text_customer(token, text, "agent")
    gw().storage.audit.record(actor(), "reply" if error is None else "reply_refused", ref)
    if error:
        flash(error, "error")
        return back
    gw().storage.handoff.add_message(token, "agent", text)
    flash(f"Reply sent{sent_note()}.", "ok")
    return back


@bp.post("/items/<ref>/status")
@login_required
def set_status(ref: str) -> Response:
    b, queued = held_item(ref)
    entry = entry_of(b, queued)
    if kind_of(ref) != DISPATCH or entry.fields.get("type") != "request":
        raise Bounce(f"{ref} has no truck status.")
    st = gw().storage
    current = request_status.load(st.client, ref).get("status")
    confirmed = current_agent().is_supervisor and request.form.get("step_back") == "yes"
    try:
        update = request_status.parse(request.form.get("status", ""), request.form.get("eta"))
        request_status.check_order(current, update, step_back_confirmed=confirmed)
        provider, unit = request_status.truck(request.form.get("provider"), request.form.get("unit"))
        update = replace(update, provider=provider, unit=unit)
    except request_status.StatusError as exc:
        flash(str(exc), "error")
        return redirect(url_for("console.item", ref=ref))
    request_status.save(st.client, ref, update, current_agent().name, gw().settings.retention_days * 86400)
    token = str(entry.payload.get("token") or "")
    text = request_status.customer_text(gw().settings.service_name, ref, update, customer_language(token)[0])
    wanted = queues.sms_updates_wanted(st, entry.payload.get("request") or {}, token)
    error = text_customer(token, text, "status") if wanted else NO_UPDATES
    if error is None:
        st.handoff.add_message(token, "agent", text)  # the transcript shows what the customer got
    back = {"step_back_from": str(current)} if request_status.is_step_back(current, update) else {}
    st.audit.record(actor(), f"status_{update.status}", ref, texted=str(error is None).lower(), **back)
    label = request_status.LABELS[update.status]
    flash(f"Status set to {label}{sent_note()}." + ("" if error is None else f" {error}"),
          "ok" if error is None else "error")
    if update.status == request_status.COMPLETED:
        b.finish(queued, current_agent().name)
        if token:
            remember_ended(token, ref, "completed")
        return redirect(url_for("console.queue"))
    return redirect(url_for("console.item", ref=ref))


def _resume_note(resumed: Resumed | None) -> str:
    if resumed is None:
        return ""
    learned = f" From the customer's texts to you it took: {', '.join(resumed.learned)}." if resumed.learned else ""
    asks = f"asks for the {resumed.next_question}" if resumed.next_question else "reads the request back to confirm"
    return f"{learned} On their next text it {asks}."


def remember_ended(token: str, ref: str, action: str, lines: list[Line] | None = None) -> None:
    """Note the ended item in the customer's history, so a later item links it."""
    done = history.ended(ref, action, current_agent().name, lines)
    history.remember(gw().storage, token, done, gw().settings.retention_days * 86400)


@bp.post("/items/<ref>/return")
@login_required
def return_to_queue(ref: str) -> Response:
    b, queued = held_item(ref)
    b.unclaim(queued, current_agent().name)
    gw().storage.audit.record(actor(), "return_to_queue", ref)
    flash(f"{ref} is back in the queue for someone else.", "ok")
    return redirect(url_for("console.queue"))


@bp.post("/items/<ref>/release")
@login_required
def release(ref: str) -> Response:
    """The bot takes the conversation back; the item leaves the queue."""
    b, queued = held_item(ref)
    token = str(entry_of(b, queued).payload.get("token") or "")
    resumed = None
    if token:
        # Before the hand-off ends, so no bot turn runs on the tracker while it is rewritten.
        resumed = resume_intake(gw().storage, token, gw().settings.conversation_ttl)
        gw().storage.handoff.release(token)
    b.finish(queued, current_agent().name)
    if token:
        remember_ended(token, ref, "release_to_bot")
    gw().storage.audit.record(actor(), "release_to_bot", ref)
    flash(f"{ref}: the conversation is back with the bot.{_resume_note(resumed)}", "ok")
    return redirect(url_for("console.queue"))


@bp.app_template_filter("place")
def _place(text: object, lat: object, lng: object) -> places.Place:
    return places.place(text, lat, lng)


@bp.app_template_filter("tel_uri")
def _tel_uri(phone: object) -> str:
    return places.tel_uri(phone)


@bp.app_template_filter("wait")
def _wait(seconds: int) -> str:
    """A wait as m:ss, or h:mm:ss past an hour (the page's script keeps it ticking)."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
