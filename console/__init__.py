"""The agent console: a Flask blueprint under /console.

``init_console(app, services)`` is called by ``server.app.create_app``, which builds the services.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from flask import Flask

if TYPE_CHECKING:
    from console.services import ConsoleServices
    from console.throttle import LoginThrottle

log = logging.getLogger(__name__)

THROTTLE_EXTENSION = "roadside_console_throttle"


def init_console(app: Flask, services: ConsoleServices) -> None:
    """Register the console on its services and harden the session cookie it relies on."""
    from console import admin, auth, closing, supervising, views  # noqa: F401  (their routes attach to the blueprint)
    from console.blueprint import bp

    services.init_app(app)
    cfg = services.settings.console
    app.config.setdefault("CONSOLE_CLAIM_IDLE_SECONDS", cfg.claim_idle_seconds)
    app.config.setdefault("CONSOLE_SESSION_IDLE_SECONDS", cfg.session_idle_seconds)
    app.config.setdefault("CONSOLE_SESSION_MAX_SECONDS", cfg.session_max_seconds)
    app.config.setdefault("CONSOLE_POLL_SECONDS", cfg.poll_seconds)
    app.config.setdefault("CONSOLE_WAIT_URGENT_AMBER_SECONDS", cfg.wait_urgent_amber_seconds)
    app.config.setdefault("CONSOLE_WAIT_URGENT_RED_SECONDS", cfg.wait_urgent_red_seconds)
    app.config.setdefault("CONSOLE_WAIT_NORMAL_AMBER_SECONDS", cfg.wait_normal_amber_seconds)
    app.config.setdefault("CONSOLE_WAIT_NORMAL_RED_SECONDS", cfg.wait_normal_red_seconds)
    # Secure cookies always, except when a developer or test opts out for plain http.
    insecure = cfg.insecure_cookies
    app.config.update(
        SESSION_COOKIE_NAME="roadside_console",
        SESSION_COOKIE_SECURE=not insecure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PATH="/console",
    )
    if insecure:
        log.warning("ROADSIDE_INSECURE_COOKIES=1: console cookies are sent over plain http (dev/test only)")
    app.config.setdefault("CONSOLE_TRUSTED_PROXIES", cfg.trusted_proxies)
    app.extensions[THROTTLE_EXTENSION] = _login_throttle(services)
    app.config["CONSOLE_OUTBOX_MODE"] = not _has_twilio_credentials(services)
    if app.config["CONSOLE_OUTBOX_MODE"]:
        log.warning("no Twilio credentials configured: outbound SMS goes to the local outbox (see /console/outbox)")
    app.register_blueprint(bp)


def _login_throttle(services: ConsoleServices) -> LoginThrottle:
    """Per-address and global limits on failed logins, kept in the app's Redis."""
    from console.throttle import DEFAULT_GLOBAL, DEFAULT_PER_ADDRESS, LoginThrottle

    cfg = services.settings.console
    return LoginThrottle.for_redis(
        services.storage.client, services.settings.secret_key,
        per_address=cfg.login_limit_per_address or DEFAULT_PER_ADDRESS,
        everyone=cfg.login_limit_global or DEFAULT_GLOBAL)


def _has_twilio_credentials(services: ConsoleServices) -> bool:
    s = services.settings
    return bool(s.twilio_account_sid and s.twilio_auth_token and s.twilio_from_number)
