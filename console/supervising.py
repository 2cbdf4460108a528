"""Supervisors take over or reassign an item another agent holds (each move audited)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from console.blueprint import bp
from console.context import actor, agents, current_agent, gw, supervisor_required
from console.views import Bounce, item_on_board


@bp.post("/items/<ref>/take-over")
@supervisor_required
def take_over(ref: str) -> Response:
    b, item = item_on_board(ref)
    me = current_agent().name
    b.reassign(item, me)
    gw().storage.audit.record(actor(), "take_over", ref, **{"from": item.holder or "queue"})
    flash(f"You took over {ref}" + (f" from {item.holder}." if item.holder else "."), "ok")
    return redirect(url_for("console.item", ref=ref))


@bp.post("/items/<ref>/reassign")
@supervisor_required
def reassign(ref: str) -> Response:
    b, item = item_on_board(ref)
    to = request.form.get("agent", "").strip()
    if not to or agents().get(to) is None:
        raise Bounce(f"{ref}: choose an agent to give it to.")
    b.reassign(item, to)
    gw().storage.audit.record(actor(), "reassign", ref, **{"from": item.holder or "queue", "to": to})
    flash(f"{ref} is now with {to}.", "ok")
    return redirect(url_for("console.queue"))
