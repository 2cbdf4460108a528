"""Closing an item: asked first, with an offer to tell the customer (escalations and requests)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from console import customer_texts
from console.blueprint import bp
from console.claims import QueueItem
from console.context import ESCALATIONS, actor, current_agent, gw, kind_of, login_required
from console.transcript import load_tracker, tracker_lines
from console.views import customer_language, entry_of, held_item, remember_ended, sent_note, text_customer
from storage import queues


def needs_confirmation(item: QueueItem) -> bool:
    """A customer may still be waiting behind escalations and requests; updates and cancels are notes."""
    return kind_of(item.ref) == ESCALATIONS or item.fields.get("type") == "request"


@bp.get("/items/<ref>/close")
@login_required
def close_confirm(ref: str) -> str | Response:
    b, queued = held_item(ref)
    if not needs_confirmation(queued):
        return redirect(url_for("console.item", ref=ref))
    token = str(entry_of(b, queued).payload.get("token") or "")
    text = customer_texts.closing_text(gw().settings.service_name, str(kind_of(ref)), ref, customer_language(token)[0])
    return render_template("close.html", item=queued, kind=kind_of(ref), text=text,
                           may_text=bool(token) and gw().outbound.may_send(token))


@bp.post("/items/<ref>/close")
@login_required
def close(ref: str) -> Response:
    """Done. An escalated conversation ends (the bot starts afresh next time)."""
    b, queued = held_item(ref)
    if needs_confirmation(queued) and request.form.get("confirmed") != "yes":
        return redirect(url_for("console.close_confirm", ref=ref))
    token = str(entry_of(b, queued).payload.get("token") or "")
    told, note = _tell_customer(token, ref) if token and request.form.get("tell_customer") == "yes" else (False, "")
    b.finish(queued, current_agent().name)
    if token:
        # The bot's conversation is deleted below: keep its lines for the customer's next item.
        escalated = kind_of(ref) == ESCALATIONS
        remember_ended(token, ref, "close", tracker_lines(load_tracker(gw().storage, token)) if escalated else None)
        if escalated:
            queues.close_conversation(gw().storage, token)
    gw().storage.audit.record(actor(), "close", ref, told=str(told).lower())
    flash(f"{ref} is closed.{note}", "ok")
    return redirect(url_for("console.queue"))


def _tell_customer(token: str, ref: str) -> tuple[bool, str]:
    """Text the closing message: whether it went, and what to tell the agent."""
    text = customer_texts.closing_text(gw().settings.service_name, str(kind_of(ref)), ref, customer_language(token)[0])
    error = text_customer(token, text, "agent")
    if error is not None:
        return False, f" The customer was not told: {error}"
    gw().storage.handoff.add_message(token, "agent", text)
    return True, f" The customer was told{sent_note()}."
