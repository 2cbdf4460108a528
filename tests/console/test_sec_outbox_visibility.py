"""Issue 14, item 9: the local outbox shows an agent only texts to customers whose item they hold."""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest
from flask.testing import FlaskClient

from conftest import make_env
from console.accounts import AgentStore
from server.app import create_app
from storage import queues
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

PASSWORD = "correct horse battery staple"


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


@pytest.fixture
def outbox_app(redis_url: str, redis_client: Any) -> tuple[Any, Storage]:
    settings = Settings.from_env(make_env(redis_url, TWILIO_ACCOUNT_SID="", TWILIO_FROM_NUMBER=""))
    storage = Storage.from_settings(settings, client=redis_client)
    return create_app(settings, storage=storage), storage


def _logged_in(app: Any, storage: Storage, name: str, role: str = "agent") -> tuple[FlaskClient, str]:
    agent = AgentStore(storage.records).add(name, PASSWORD, role)
    client = app.test_client()
    csrf = _csrf(client.get("/console/login").text)
    client.post("/console/login", data={"csrf_token": csrf, "name": name, "password": PASSWORD,
                                        "code": pyotp.TOTP(agent.totp_secret).now()})
    return client, _csrf(client.get("/console/queue").text)


def _escalated(storage: Storage, phone: str) -> str:
    token = storage.token(phone)
    storage.contacts.save(token, Contact(phone))
    return queues.escalate(storage, token, reason="asked_for_agent", priority="normal", summary={})


def test_an_agent_sees_only_texts_of_items_they_hold(outbox_app: tuple[Any, Storage]) -> None:
    app, storage = outbox_app
    mine, theirs = _escalated(storage, "+12125550101"), _escalated(storage, "+12125550102")
    alice, alice_csrf = _logged_in(app, storage, "alice")
    bob, bob_csrf = _logged_in(app, storage, "bob")
    alice.post(f"/console/items/{mine}/claim", data={"csrf_token": alice_csrf})
    alice.post(f"/console/items/{mine}/reply", data={"csrf_token": alice_csrf, "text": "Alice writes"})
    bob.post(f"/console/items/{theirs}/claim", data={"csrf_token": bob_csrf})
    bob.post(f"/console/items/{theirs}/reply", data={"csrf_token": bob_csrf, "text": "Bob writes"})

    page = alice.get("/console/outbox").text
    assert "Alice writes" in page and "Bob writes" not in page
    # Once Alice hands the item back, she no longer sees its texts.
    alice.post(f"/console/items/{mine}/return", data={"csrf_token": alice_csrf})
    assert "Alice writes" not in alice.get("/console/outbox").text


def test_a_supervisor_sees_the_whole_outbox(outbox_app: tuple[Any, Storage]) -> None:
    app, storage = outbox_app
    ref = _escalated(storage, "+12125550103")
    alice, csrf = _logged_in(app, storage, "alice")
    alice.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    alice.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "Alice writes"})
    sue, _ = _logged_in(app, storage, "sue", role="supervisor")
    assert "Alice writes" in sue.get("/console/outbox").text


def test_the_outbox_shows_the_recipients_reference_and_the_time(outbox_app: tuple[Any, Storage]) -> None:
    app, storage = outbox_app
    ref = _escalated(storage, "+12125550104")
    sue, csrf = _logged_in(app, storage, "sue", role="supervisor")
    sue.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    sue.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "Line one\nLine two"})
    page = sue.get("/console/outbox").text
    row = re.search(r'<time class="local" datetime="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)">([^<]+)</time></td>\s*'
                    r'<td class="ref">([^<]+)</td><td>agent</td><td class="message">([^<]+)</td>', page)
    assert row, page
    assert row.group(2).endswith(" UTC") and row.group(3) == ref and row.group(4) == "Line one\nLine two"
    sue.post(f"/console/items/{ref}/release", data={"csrf_token": csrf})
    assert f'<td class="ref">{ref}</td>' in sue.get("/console/outbox").text, "still named after the item ended"
