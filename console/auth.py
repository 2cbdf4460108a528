"""Login (password and TOTP code together) and logout."""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from console import THROTTLE_EXTENSION, sessions
from console.blueprint import bp
from console.context import agents, current_agent_or_none, gw, login_required
from console.throttle import LoginThrottle, client_address

log = logging.getLogger(__name__)

WRONG = "Wrong name, password or code."
CODE_REUSED = ("That code was just used. Wait for the next code in your authenticator app (a new one comes every "
               "30 seconds) and log in with it.")
LOCKED = ("Too many failed attempts: this account is locked from here for a while. Try again later "
          "(each further failure doubles the wait), or ask a supervisor to unlock it.")
THROTTLED = {
    "address": "Too many failed logins from your network. Try again in {minutes} min.",
    "everyone": "The console is refusing logins for a short while after many failed attempts. "
                "Try again in {minutes} min.",
}


def _throttle() -> LoginThrottle:
    throttle: LoginThrottle = current_app.extensions[THROTTLE_EXTENSION]
    return throttle


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int] | tuple[str, int, dict[str, str]] | str:
    if request.method == "GET":
        if current_agent_or_none() is not None:
            return redirect(url_for("console.queue"))
        return render_template("login.html")
    name = request.form.get("name", "").strip().lower()
    audit = gw().storage.audit
    throttle = _throttle()
    address = client_address(request.remote_addr, request.headers.get("X-Forwarded-For"),
                             current_app.config["CONSOLE_TRUSTED_PROXIES"])
    source = throttle.source_id(address)
    refusal = throttle.refusal(source)
    if refusal is not None:
        # Refused before any password is checked: guessing gets nowhere, and no account is locked by it.
        audit.record("console", "login_throttled", refusal.scope)
        log.warning("console login throttled (%s limit)", refusal.scope)
        message = THROTTLED[refusal.scope].format(minutes=max(1, -(-refusal.retry_after // 60)))
        return render_template("login.html", error=message, name=name), 429, {"Retry-After": str(refusal.retry_after)}
    result = agents().authenticate(name, request.form.get("password", ""), request.form.get("code", ""),
                                   source=source)
    if result.code_reused:
        audit.record("console", "login_code_reused", name)
        return render_template("login.html", error=CODE_REUSED, name=name), 401
    if result.agent is None:
        throttle.failed(source)
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
