"""What console views share: the storage services, claim boards, the agent."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar, cast

from flask import abort, current_app, g, redirect, request, url_for

from console import sessions
from console.accounts import Agent, AgentStore
from console.claims import ClaimBoard
from console.services import ConsoleServices, services

ESCALATIONS = "escalations"
DISPATCH = "dispatch"
POLLED = frozenset({"console.queue_rows", "console.new_messages", "console.audit_rows"})
F = TypeVar("F", bound=Callable[..., object])


def gw() -> ConsoleServices:
    """The services the app factory gave the console (storage, settings, the outbound sender)."""
    return services()


def agents() -> AgentStore:
    return AgentStore(gw().storage.records)


def board(kind: str) -> ClaimBoard:
    """The claim board of one queue (``escalations`` or ``dispatch``)."""
    st = gw().storage
    stream = st.escalations if kind == ESCALATIONS else st.dispatch
    return ClaimBoard(stream, int(current_app.config["CONSOLE_CLAIM_IDLE_SECONDS"] * 1000))


def kind_of(ref: str) -> str | None:
    """Which queue a reference belongs to, from its prefix (None: not ours)."""
    if ref.startswith("ES-"):
        return ESCALATIONS
    if ref.startswith("RS-"):
        return DISPATCH
    return None


def current_agent() -> Agent:
    agent: Agent = g.agent
    return agent


def actor() -> str:
    """How the audit stream names the logged-in agent."""
    return f"agent:{current_agent().name}"


def current_agent_or_none() -> Agent | None:
    """The logged-in agent, or None (for pages open to everyone)."""
    return _load_agent()


def _load_agent() -> Agent | None:
    cfg = current_app.config
    client = gw().storage.client
    # A page left open polls forever; only what a person does keeps the session alive (a poll
    # says so with X-Console-Active when the agent used the page since the last one).
    polled = request.endpoint in POLLED and bool(request.headers.get("HX-Request")) \
        and request.headers.get("X-Console-Active") != "1"
    holder = sessions.current(client, cfg["CONSOLE_SESSION_IDLE_SECONDS"], cfg["CONSOLE_SESSION_MAX_SECONDS"],
                              refresh=not polled)
    if holder is None:
        return None
    name, _, account = holder.partition(":")
    agent = agents().get(name)
    if agent is None or agent.account_id != account:
        sessions.end(client)  # the account was removed (or removed and made anew)
        return None
    return agent


def login_required(view: F) -> F:
    """Send anyone not logged in (with password and TOTP) to the login page."""

    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> object:
        agent = _load_agent()
        if agent is None:
            if request.headers.get("HX-Request"):
                return "", 401, {"HX-Redirect": url_for("console.login")}
            return redirect(url_for("console.login"))
        g.agent = agent
        return view(*args, **kwargs)

    return cast(F, wrapped)


def supervisor_required(view: F) -> F:
    """Only supervisors see the audit stream and manage agents (403 otherwise)."""

    @login_required
    @wraps(view)
    def wrapped(*args: object, **kwargs: object) -> object:
        if not current_agent().is_supervisor:
            abort(403, description="Only supervisors can open this page.")
        return view(*args, **kwargs)

    return cast(F, wrapped)
