"""Login (password and TOTP code together) and logout."""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from console import sessions
from console.blueprint import bp
from console.context import agents, current_agent_or_none, gw, login_required

log = logging.getLogger(__name__)

WRONG = "Wrong name, password or code."
LOCKED = "Too many failed attempts. This account is locked for a while; try again later or ask a supervisor."


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | str:
    if request.method == "GET":
        if current_agent_or_none() is not None:
            return redirect(url_for("console.queue"))
        return render_template("login.html")
    name = request.form.get("name", "").strip().lower()
    result = agents().authenticate(name, request.form.get("password", ""), request.form.get("code", ""))
    audit = gw().storage.audit
    if result.agent is None:
        # Only a known agent's name is written: a mistyped field could hold anything.
        subject = name if name in agents().names() else "unknown-name"
        audit.record("console", "login_failed", subject, locked=str(result.locked).lower())
        log.info("console login refused%s", " (account locked)" if result.locked else "")
        return render_template("login.html", error=LOCKED if result.locked else WRONG, name=name), 401
    cfg = current_app.config
    holder = f"{result.agent.name}:{result.agent.account_id}"
    sessions.start(gw().storage.client, holder, cfg["CONSOLE_SESSION_IDLE_SECONDS"])
    audit.record(f"agent:{result.agent.name}", "login", result.agent.name)
    return redirect(url_for("console.queue"))


@bp.post("/logout")
@login_required
def logout() -> Response:
    client = gw().storage.client
    sessions.end(client)
    flash("You are logged out.", "info")
    return redirect(url_for("console.login"))
