"""Small real rasa_sdk trackers, an action runner, and a recording stand-in for backend."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from facts.bot_reply import read_reply
from storage.contacts import Contact

DOMAIN_PATH = Path(__file__).resolve().parents[3] / "bot" / "domain.yml"
TOKEN = "9f2c4e1ab7d35c60"  # a phone token: opaque hex, never a phone number


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load(DOMAIN_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def token() -> str:
    return TOKEN


@dataclass
class BackendCalls:
    """Records what the actions asked of the backend; names in ``fail`` raise."""

    contact: Contact | None = field(default_factory=lambda: Contact(phone="+15085550142", region="US"))
    fail: set[str] = field(default_factory=set)
    submitted: list[dict[str, Any]] = field(default_factory=list)
    submitted_tokens: list[str | None] = field(default_factory=list)
    cancelled: list[tuple[str, str]] = field(default_factory=list)
    escalated: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)
    callbacks: list[tuple[str, str]] = field(default_factory=list)

    def _maybe_fail(self, name: str) -> None:
        if name in self.fail:
            raise ConnectionError(name + " unavailable")

    def lookup_contact(self, token: str) -> Contact | None:
        self._maybe_fail("lookup_contact")
        return self.contact

    def submit_dispatch(self, request: dict[str, Any], token: str | None = None) -> None:
        self._maybe_fail("submit_dispatch")
        self.submitted.append(request)
        self.submitted_tokens.append(token)

    def cancel_dispatch(self, token: str, request_id: str) -> None:
        self._maybe_fail("cancel_dispatch")
        self.cancelled.append((token, request_id))

    def escalate(self, token: str, reason: str, priority: str, summary: dict[str, Any]) -> None:
        self._maybe_fail("escalate")
        assert summary, "escalate needs a non-empty summary"
        self.escalated.append((token, reason, priority, summary))

    def request_callback(self, token: str, request_id: str) -> None:
        self._maybe_fail("request_callback")
        self.callbacks.append((token, request_id))

    def location_link(self, token: str, channel: str) -> str | None:
        return None

    def cost_policy(self, language: str) -> str | None:
        return "Your plan covers the tow." if language == "en" else None

    def erase_customer(self, token: str) -> None:
        self._maybe_fail("erase_customer")
        self.erased.append(token)


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch) -> BackendCalls:
    """bot.actions.backend with Redis replaced by a recorder (backend has its own Redis tests)."""
    from bot.actions import backend as real_backend

    calls = BackendCalls()
    for name in ("lookup_contact", "submit_dispatch", "cancel_dispatch", "escalate", "erase_customer",
                 "request_callback", "location_link", "cost_policy"):
        monkeypatch.setattr(real_backend, name, getattr(calls, name))
    return calls


def make_tracker(
    domain: dict[str, Any],
    text: str = "",
    intent: str = "inform",
    slots: dict[str, Any] | None = None,
    requested_slot: str | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = "intake_form",
    channel: str = "sms",
    after: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker as the action server receives it, right after the driver's message."""
    values: dict[str, Any] = {name: spec.get("initial_value") for name, spec in domain["slots"].items()}
    values["requested_slot"] = requested_slot
    values.update(slots or {})
    parse_data = {"text": text, "intent": {"name": intent, "confidence": 0.93}, "entities": [],
                  "metadata": metadata or {}}
    history = list(events or [])
    history.append({"event": "user", "text": text, "parse_data": parse_data, "input_channel": channel})
    history.extend(after or [])  # events of this very turn, before the action runs
    return Tracker(
        TOKEN,
        values,
        parse_data,
        history,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


@dataclass
class Outcome:
    """What one action run returned and said."""

    events: list[dict[str, Any]]
    dispatcher: CollectingDispatcher

    @property
    def slots(self) -> dict[str, Any]:
        """The last value set for each slot."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.dispatcher.messages

    @property
    def responses(self) -> list[str]:
        """The responses the driver is told (the payloads for the gateway left out)."""
        return [m["response"] for m in self.dispatcher.messages if not m.get("custom")]

    @property
    def signals(self) -> dict[str, Any]:
        """What the action told the gateway in its custom payloads, as the gateway reads it."""
        reply = read_reply([{"custom": m["custom"]} for m in self.dispatcher.messages if m.get("custom")])
        return {k: v for k, v in vars(reply).items() if k != "texts" and v not in (None, False)}


@pytest.fixture
def run_action(domain: dict[str, Any]) -> Callable[..., Outcome]:
    """Run an action on a fresh tracker: ``run_action(Action(), text=..., intent=..., slots=...)``."""

    def run(action: Action, **tracker_args: Any) -> Outcome:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(domain, **tracker_args)
        events = asyncio.run(action.run(dispatcher, tracker, domain))
        return Outcome(events, dispatcher)

    return run
