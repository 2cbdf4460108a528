"""The agent console: a Flask blueprint under /console.

``init_console(app)`` is called by ``webhooks.app.create_app``.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:
    from console.throttle import LoginThrottle

log = logging.getLogger(__name__)

DEFAULTS = {
    "CONSOLE_CLAIM_IDLE_SECONDS": 15 * 60,
    "CONSOLE_SESSION_IDLE_SECONDS": 30 * 60,
    "CONSOLE_SESSION_MAX_SECONDS": 12 * 3600,
    "CONSOLE_POLL_SECONDS": 3,
    # How long an item may wait before its row turns amber, then red (console.triage.WaitTargets).
    "CONSOLE_WAIT_URGENT_AMBER_SECONDS": 5 * 60,
    "CONSOLE_WAIT_URGENT_RED_SECONDS": 10 * 60,
    "CONSOLE_WAIT_NORMAL_AMBER_SECONDS": 15 * 60,
    "CONSOLE_WAIT_NORMAL_RED_SECONDS": 30 * 60,
}
THROTTLE_EXTENSION = "roadside_console_throttle"


def init_console(app: Flask) -> None:
    """Register the console and harden the session cookie it relies on."""
    from console import admin, auth, closing, supervising, views  # noqa: F401  (their routes attach to the blueprint)
    from console.blueprint import bp

    for name, default in DEFAULTS.items():
        raw = os.environ.get(name, "").strip()
        app.config.setdefault(name, int(raw) if raw.isdigit() and int(raw) > 0 else default)
    # Secure cookies always, except when a developer or test opts out for plain http.
    insecure = os.environ.get("ROADSIDE_INSECURE_COOKIES", "") == "1"
    app.config.update(
        SESSION_COOKIE_NAME="roadside_console",
        SESSION_COOKIE_SECURE=not insecure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PATH="/console",
    )
    if insecure:
        log.warning("ROADSIDE_INSECURE_COOKIES=1: console cookies are sent over plain http (dev/test only)")
    proxies = os.environ.get("CONSOLE_TRUSTED_PROXIES", "").strip()
    app.config.setdefault("CONSOLE_TRUSTED_PROXIES", int(proxies) if proxies.isdigit() else 0)
    app.extensions[THROTTLE_EXTENSION] = _login_throttle(app)
    app.config["CONSOLE_OUTBOX_MODE"] = not _has_twilio_credentials(app)
    if app.config["CONSOLE_OUTBOX_MODE"]:
        log.warning("no Twilio credentials configured: outbound SMS goes to the local outbox (see /console/outbox)")
    app.register_blueprint(bp)


def _login_throttle(app: Flask) -> LoginThrottle:
    """Per-address and global limits on failed logins, kept in the app's Redis."""
    from console.throttle import DEFAULT_GLOBAL, DEFAULT_PER_ADDRESS, LoginThrottle

    gw = app.extensions["roadside"]
    return LoginThrottle.for_redis(
        gw.storage.client, gw.settings.secret_key,
        per_address=os.environ.get("CONSOLE_LOGIN_LIMIT_PER_ADDRESS", "").strip() or DEFAULT_PER_ADDRESS,
        everyone=os.environ.get("CONSOLE_LOGIN_LIMIT_GLOBAL", "").strip() or DEFAULT_GLOBAL)


def _has_twilio_credentials(app: Flask) -> bool:
    gw = app.extensions.get("roadside")
    s = getattr(gw, "settings", None)
    return bool(s and s.twilio_account_sid and s.twilio_auth_token and s.twilio_from_number)
