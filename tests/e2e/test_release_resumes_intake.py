"""Issue 11 item 5: after an agent releases a conversation, the bot resumes the intake from what is known."""

from __future__ import annotations

import re
from typing import Any

import pyotp
import pytest

from console.accounts import AgentStore
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def _release_in_the_console(stack_env: dict[str, str], store: Storage, ref: str) -> str:
    """An agent claims the escalation and releases it to the bot; returns the flash message."""
    settings = Settings.from_env(stack_env)
    app = create_app(settings, storage=Storage.from_settings(settings))
    agent = AgentStore(store.records).add("rita", PASSWORD)
    client = app.test_client()
    client.post("/console/login", data={"csrf_token": _csrf(client.get("/console/login").text), "name": "rita",
                                        "password": PASSWORD, "code": pyotp.TOTP(agent.totp_secret).now()})
    csrf = _csrf(client.get("/console/queue").text)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    page = client.post(f"/console/items/{ref}/release", data={"csrf_token": csrf}, follow_redirects=True).text
    match = re.search(r'<p class="flash ok" role="status">([^<]*)</p>', page)
    assert match, "no flash after the release"
    return match.group(1)


def test_release_resumes_the_intake_with_what_the_customer_told_the_agent(driver: Any, store: Storage,
                                                                          stack_env: dict[str, str]) -> None:
    driver.say("my battery is dead")
    assert "passing you to a person" in driver.say("can I talk to a person")
    [escalation] = driver.escalations()
    assert driver.text("I'm on I-95 N at exit 12 in Stamford") == []  # to the agent, not the bot

    note = _release_in_the_console(stack_env, store, escalation.fields["id"])
    reply = driver.say("ok thanks")
    assert "Where is the car" not in reply
    assert "Which car is it?" in reply
    assert "it took: pickup" in note and "it asks for the vehicle" in note, "the agent is told what the bot knows"
    summary = driver.say("2014 silver honda civic")
    assert "Please check:" in summary and "exit 12" in summary and "battery" in summary.lower()
    driver.say("yes")
    [request] = driver.dispatched()
    assert "exit 12" in request["pickup"]["text"] and request["vehicle"]["make"] == "Honda"
