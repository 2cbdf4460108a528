"""Console sessions kept in Redis, and CSRF tokens.

The browser's (signed, HttpOnly, Secure, SameSite) cookie holds only a
random session id; who is logged in lives in Redis, so logging out or
removing an agent ends the session on every web worker at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Any

from flask import abort, request, session

from storage.keys import CONSOLE_SESSION_PREFIX

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def _key(sid: str) -> str:
    # Only a hash of the id is stored: a Redis dump does not hand out live sessions.
    return CONSOLE_SESSION_PREFIX + hashlib.sha256(sid.encode()).hexdigest()


def start(client: Any, holder: str, idle_seconds: int) -> None:
    """A fresh session (new id, new CSRF token) for ``holder`` (the agent's account)."""
    session.clear()
    sid = secrets.token_urlsafe(32)
    client.set(_key(sid), holder.encode(), ex=idle_seconds)
    session["sid"] = sid
    session["started"] = int(time.time())
    session[CSRF_FIELD] = secrets.token_urlsafe(32)


def current(client: Any, idle_seconds: int, max_age_seconds: int, *, refresh: bool = True) -> str | None:
    """Who is logged in (as given to ``start``); None when logged out.

    ``refresh`` restarts the idle timer: a person did something.
    """
    sid = session.get("sid")
    if not isinstance(sid, str):
        return None
    if int(time.time()) - int(session.get("started") or 0) > max_age_seconds:
        end(client)
        return None
    name = client.get(_key(sid))
    if name is None:
        return None
    if refresh:
        client.expire(_key(sid), idle_seconds)
    return name.decode() if isinstance(name, bytes) else str(name)


def end(client: Any) -> None:
    sid = session.get("sid")
    if isinstance(sid, str):
        client.delete(_key(sid))
    session.clear()


def csrf_token() -> str:
    """The token every console form (and htmx request) sends back."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return token


def require_csrf() -> None:
    """Refuse a state-changing request without the session's CSRF token (400)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = session.get(CSRF_FIELD)
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if not isinstance(expected, str) or not hmac.compare_digest(expected.encode(), sent.encode()):
        abort(400, description="The form has expired. Reload the page and try again.")
