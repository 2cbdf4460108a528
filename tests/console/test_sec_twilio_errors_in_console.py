"""Issue 14, item 6, as the agent sees it: a Twilio refusal is a clear message, not a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

PASSWORD = "correct horse battery staple"  # the console fixture's agents use it


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


@pytest.fixture
def client(console: Any) -> FlaskClient:
    return console.app.test_client()


def _claimed(console: Any, client: FlaskClient, ref: str) -> str:
    agent = console.add_agent("alice")
    csrf = _csrf(client.get("/console/login").text)
    client.post("/console/login", data={"csrf_token": csrf, "name": "alice", "password": PASSWORD,
                                        "code": console.code(agent)})
    csrf = _csrf(client.get("/console/queue").text)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    return csrf


def test_reply_to_an_unsubscribed_number_tells_the_agent_and_records_the_opt_out(console: Any,
                                                                                 client: FlaskClient) -> None:
    customer = console.customer()
    ref = console.escalate(customer)
    console.twilio.refuse_unsubscribed(customer.phone)
    csrf = _claimed(console, client, ref)
    resp = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "We are on it."},
                       follow_redirects=True)
    assert resp.status_code == 200
    assert "opted out of texts" in resp.text
    assert console.storage.consent.is_opted_out(customer.token)
    assert console.audit("reply_refused")[-1]["subject"] == ref


def test_other_twilio_errors_are_a_message_with_the_code(console: Any, client: FlaskClient,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    customer = console.customer()
    ref = console.escalate(customer)
    console.twilio.refuse[customer.phone] = (400, 21614, f"'To' number {customer.phone} is not a mobile number")
    csrf = _claimed(console, client, ref)
    resp = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "We are on it."},
                       follow_redirects=True)
    assert resp.status_code == 200 and "Twilio refused the text (error 21614)" in resp.text
    assert customer.phone not in caplog.text
