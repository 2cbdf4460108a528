"""Supervisor pages (audit stream, agents) and the local SMS outbox."""

from __future__ import annotations

import re
import time

import segno
from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from console import history
from console.accounts import ROLES, AccountError, otpauth_uri
from console.audit_view import AuditFilter, audit_page
from console.blueprint import bp
from console.context import (
    DISPATCH,
    ESCALATIONS,
    actor,
    agents,
    board,
    current_agent,
    gw,
    login_required,
    supervisor_required,
)

_ENTRY_ID = re.compile(r"^\d{1,20}-\d{1,20}$")
AUDIT_ACTIONS = ("login", "login_failed", "logout", "claim", "view_request", "view_transcript", "reply",
                 "reply_refused", "status_assigned", "status_en_route", "status_arrived", "status_completed",
                 "return_to_queue", "release_to_bot", "close", "take_over", "reassign", "claim_released_idle",
                 "view_outbox", "agent_added", "agent_removed", "agent_unlocked")


def _audit_page() -> dict[str, object]:
    wanted = AuditFilter.from_args(request.args)
    before = request.args.get("before") or None
    if before and not _ENTRY_ID.match(before):
        before = None
    entries, more = audit_page(gw().storage.audit.client, wanted, before)
    return {"entries": entries, "wanted": wanted, "before": before, "more": more, "actions": AUDIT_ACTIONS}


@bp.get("/audit")
@supervisor_required
def audit() -> str:
    return render_template("audit.html", **_audit_page())


@bp.get("/audit/rows")
@supervisor_required
def audit_rows() -> str:
    """The live part of the audit page's first page, polled by htmx."""
    return render_template("_audit_rows.html", **_audit_page())


@bp.get("/agents")
@supervisor_required
def agent_list() -> str:
    store = agents()
    rows = [(a, store.locked_for(a.name)) for a in (store.get(n) for n in store.names()) if a is not None]
    return render_template("agents.html", rows=rows, roles=ROLES)


@bp.post("/agents")
@supervisor_required
def agent_add() -> Response | tuple[str, int] | str:
    """Create an account; its TOTP enrolment (QR code and URI) is shown once."""
    try:
        agent = agents().add(request.form.get("name", ""), request.form.get("password", ""),
                             request.form.get("role", "agent"))
    except AccountError as exc:
        flash(f"Not added: {exc}.", "error")
        return redirect(url_for("console.agent_list"))
    gw().storage.audit.record(actor(), "agent_added", agent.name, role=agent.role)
    uri = otpauth_uri(agent)
    qr = segno.make(uri, error="m").svg_data_uri(scale=4)
    return render_template("enrol.html", agent=agent, uri=uri, qr=qr)


@bp.post("/agents/<name>/unlock")
@supervisor_required
def agent_unlock(name: str) -> Response:
    agents().unlock(name)
    gw().storage.audit.record(actor(), "agent_unlocked", name)
    flash(f"{name} can log in again.", "ok")
    return redirect(url_for("console.agent_list"))


@bp.get("/agents/<name>/remove")
@supervisor_required
def agent_remove_confirm(name: str) -> str | Response:
    agent = agents().get(name)
    if agent is None or name == current_agent().name:
        return redirect(url_for("console.agent_list"))
    return render_template("remove_agent.html", agent=agent)


@bp.post("/agents/<name>/remove")
@supervisor_required
def agent_remove(name: str) -> Response:
    if name == current_agent().name:
        flash("You cannot remove your own account.", "error")
    elif request.form.get("confirmed") != "yes":
        return redirect(url_for("console.agent_remove_confirm", name=name))
    elif agents().remove(name):
        gw().storage.audit.record(actor(), "agent_removed", name)
        flash(f"{name} was removed; their sessions have ended.", "ok")
    return redirect(url_for("console.agent_list"))


def _refs_by_token() -> dict[str, str]:
    """The queue reference of each customer with an item waiting or held (newest item wins)."""
    refs: dict[str, str] = {}
    for kind in (ESCALATIONS, DISPATCH):
        for item in board(kind).items():
            token = str(item.payload.get("token") or "")
            if token:
                refs[token] = str(item.fields.get("request_id") or item.ref)
    return refs


def _ref_of(token: str, queued: dict[str, str]) -> str:
    """Its queue item's reference, else the customer's latest ended item (from their history)."""
    if token in queued:
        return queued[token]
    earlier = history.earlier_items(gw().storage, token) if token else []
    return earlier[-1].ref if earlier else ""


def _tokens_held_by_me() -> set[str]:
    """Customer tokens of the queue items the logged-in agent holds now."""
    me = current_agent().name
    tokens = set()
    for kind in (ESCALATIONS, DISPATCH):
        b = board(kind)
        for item in b.items():
            if item.owner != me:
                continue
            entry = b.stream.entry(item.entry_id)
            if entry is not None:
                tokens.add(str(entry.payload.get("token") or ""))
    tokens.discard("")
    return tokens


@bp.get("/outbox")
@login_required
def outbox() -> str:
    """Texts kept locally because no Twilio credentials are configured (audited).

    Supervisors see them all; an agent sees only texts to customers whose queue item they hold.
    """
    messages = gw().outbound.outbox()
    if not current_agent().is_supervisor:
        held = _tokens_held_by_me()
        messages = [m for m in messages if m.get("token") in held]
    gw().storage.audit.record(actor(), "view_outbox", "outbox")
    queued = _refs_by_token()
    for m in messages:
        m["time"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(int(m.get("at") or 0)))
        m["iso"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(m.get("at") or 0)))
        m["ref"] = _ref_of(str(m.get("token") or ""), queued)
    return render_template("outbox.html", messages=messages)
