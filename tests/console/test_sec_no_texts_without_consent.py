"""Issue 14, item 2: texts reach only customers who agreed to them.

A caller who declined text updates stays at consent ``unknown``; neither an
agent reply nor a status update may text them. A status update also honours
the request's ``sms_updates`` (and a later change of it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from console.accounts import Agent
from storage import queues
from storage.contacts import Contact

PHONE = "+12125550177"
PASSWORD = "correct horse battery staple"  # the console fixture's agents use it


@dataclass
class Customer:
    phone: str
    token: str


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def _login(client: FlaskClient, agent: Agent, code: str) -> str:
    token = _csrf(client.get("/console/login").text)
    client.post("/console/login", data={"csrf_token": token, "name": agent.name, "password": PASSWORD,
                                        "code": code})
    return _csrf(client.get("/console/queue").text)


def _caller_who_declined(console: Any) -> Customer:
    """A voice caller who said no to text updates: contact by voice, consent never given."""
    token = console.storage.token(PHONE)
    console.storage.contacts.save(token, Contact(PHONE, "voice", "en", "US"))
    return Customer(PHONE, token)


@pytest.fixture
def client(console: Any) -> FlaskClient:
    return console.app.test_client()


def test_agent_reply_to_a_caller_who_declined_texts_is_not_sent(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    ref = console.escalate(_caller_who_declined(console))
    csrf = _login(client, agent, console.code(agent))
    page = client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf}, follow_redirects=True).text
    assert 'id="no-texts"' in page  # the agent is told before writing
    resp = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "We are on it."},
                       follow_redirects=True)
    assert resp.status_code == 200 and "never agreed to texts" in resp.text
    assert console.twilio.sent == []
    assert console.audit("reply_refused")[-1]["subject"] == ref


def test_status_text_to_a_caller_who_declined_is_not_sent(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    customer = _caller_who_declined(console)
    ref = console.dispatch(customer, "RS-DECL1")
    csrf = _login(client, agent, console.code(agent))
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    resp = client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "assigned"},
                       follow_redirects=True)
    assert resp.status_code == 200 and "never agreed to texts" in resp.text
    assert console.twilio.sent == []
    assert console.audit("status_assigned")[-1]["texted"] == "false"


def test_status_text_honours_the_requests_sms_updates(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    customer = console.customer()  # opted in by text...
    ref = console.dispatch(customer, "RS-NOUPD")
    queues.update_sms_updates(console.storage, customer.token, ref, False)  # ...but then said no updates
    csrf = _login(client, agent, console.code(agent))
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    resp = client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "en_route", "eta": "20"},
                       follow_redirects=True)
    assert "asked for no text updates" in resp.text
    assert console.twilio.sent == []


def test_status_text_goes_out_when_wanted(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    customer = console.customer()
    ref = console.dispatch(customer, "RS-WANT1")
    csrf = _login(client, agent, console.code(agent))
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "assigned"})
    assert console.twilio.bodies_to(customer.phone) == [
        f"Roadside Assist: a truck is assigned to your request {ref}."]
