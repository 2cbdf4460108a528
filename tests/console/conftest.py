"""Console fixtures: a real web server on a free port, seeded queues, agents."""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyotp
import pytest
from flask import Flask
from werkzeug.serving import make_server

from conftest import make_env
from console.accounts import Agent, AgentStore
from helpers.chromium import chromium_browser
from helpers.fake_twilio import FakeTwilio, fake_twilio
from server.app import create_app
from storage import queues
from storage.contacts import Contact
from storage.keys import tracker_key
from storage.services import Storage
from storage.settings import Settings

PASSWORD = "correct horse battery staple"
_phones = itertools.count(100)


@dataclass
class Customer:
    phone: str
    token: str


@dataclass
class Console:
    """The running console plus helpers to seed it, as a test sees it."""

    url: str
    app: Flask
    storage: Storage
    twilio: FakeTwilio
    _used_codes: set[tuple[str, str]] = field(default_factory=set)

    def add_agent(self, name: str, role: str = "agent") -> Agent:
        return AgentStore(self.storage.records).add(name, PASSWORD, role)

    def code(self, agent: Agent) -> str:
        """A TOTP code not used yet in this test (each code works once)."""
        totp = pyotp.TOTP(agent.totp_secret)
        for step in (0, 1, -1):
            code = totp.at(time.time() + step * 30)
            if (agent.name, code) not in self._used_codes:
                self._used_codes.add((agent.name, code))
                return code
        raise AssertionError("no fresh TOTP code left in this 90 s window")

    def customer(self, *, opted_out: bool = False) -> Customer:
        phone = f"+1212555{next(_phones):04d}"
        token = self.storage.token(phone)
        self.storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
        self.storage.consent.opt_in(token, channel="sms", how="first_message")
        if opted_out:
            self.storage.consent.opt_out(token, channel="sms", how="STOP")
        return Customer(phone, token)

    def conversation(self, customer: Customer, turns: list[tuple[str, str]], ago: float = 300) -> None:
        """Write an encrypted Rasa tracker holding these (user|bot, text) turns, a second apart from ``ago`` s ago."""
        now = time.time() - ago
        events = [{"event": kind, "text": text, "timestamp": now + i} for i, (kind, text) in enumerate(turns)]
        key = tracker_key(customer.token)
        sealed = self.storage.keyring.encrypt(json.dumps({"sender_id": customer.token, "events": events}).encode(),
                                              key)
        self.storage.client.set(key, sealed)

    def escalate(self, customer: Customer, *, priority: str = "normal", reason: str = "asked_for_agent",
                 message: str | None = None) -> str:
        return queues.escalate(self.storage, customer.token, reason=reason, priority=priority,
                               summary={"stage": "pickup", "issue": "flat tire"}, message=message)

    def dispatch(self, customer: Customer, ref: str, *, category: str = "battery", priority: str = "normal",
                 pickup: str = "I-95 N near exit 12, Stamford", lat: float | None = None,
                 lng: float | None = None) -> str:
        request = {
            "schema": "roadside.dispatch/v1", "id": ref, "created_at": "2026-11-21T23:05:11Z", "channel": "sms",
            "language": "en", "priority": priority, "customer": {"phone": customer.phone, "sms_updates": True},
            "pickup": {"text": pickup, "lat": lat, "lng": lng},
            "issue": {"category": category, "text": "won't start, clicking"},
            "vehicle": {"text": "silver 2014 honda civic", "year": 2014, "make": "Honda", "model": "Civic"},
            "tow_required": False, "dropoff": None,
        }
        queues.submit_dispatch(self.storage, customer.token, request)
        return ref

    def audit(self, action: str | None = None) -> list[dict[str, str]]:
        """Audit entries, oldest first (optionally one action only)."""
        rows = list(reversed(self.storage.audit.entries(1000)))
        return [r for r in rows if action is None or r["action"] == action]


@pytest.fixture
def twilio_api() -> Iterator[FakeTwilio]:
    with fake_twilio() as fake:
        yield fake


@pytest.fixture
def console(redis_url: str, redis_client: Any, twilio_api: FakeTwilio) -> Iterator[Console]:
    settings = Settings.from_env(make_env(redis_url, TWILIO_API_BASE=twilio_api.url))
    storage = Storage.from_settings(settings, client=redis_client)
    app = create_app(settings, storage=storage)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Console(f"http://127.0.0.1:{server.server_port}", app, storage, twilio_api)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_browser() as chromium:
        yield chromium


@pytest.fixture
def web(console: Console) -> Console:
    console.app.config["CONSOLE_POLL_SECONDS"] = 1
    return console


DESKTOP = {"width": 1200, "height": 800}
QUEUE_TITLE = re.compile(r"^(\(\d+\) )?Queue · Roadside console$")  # urgent items waiting count in the title


@pytest.fixture
def open_page(browser: Any, web: Console) -> Iterator[Any]:
    """``open_page(agent, viewport=DESKTOP)``: a logged-in page on the queue, in its own browser context."""
    from playwright.sync_api import expect

    contexts = []

    def login(agent: Agent, viewport: dict[str, int] = DESKTOP) -> Any:
        context = browser.new_context(base_url=web.url, viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/console/login")
        page.fill("input[name=name]", agent.name)
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=code]", web.code(agent))
        page.click("button:text('Log in')")
        expect(page).to_have_title(QUEUE_TITLE)
        return page

    yield login
    for context in contexts:
        context.close()
