"""The console over HTTP without a browser: cookies, CSRF, lockout, roles, privacy."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from conftest import make_env
from console.accounts import MAX_FAILURES, Agent
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings

PASSWORD = "correct horse battery staple"


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF token"
    return match.group(1)


def _login(client: FlaskClient, agent: Agent, code: str, password: str = PASSWORD) -> Any:
    token = _csrf(client.get("/console/login").text)
    return client.post("/console/login", data={"csrf_token": token, "name": agent.name, "password": password,
                                               "code": code})


@pytest.fixture
def client(console: Any) -> FlaskClient:
    return console.app.test_client()


def test_session_cookie_is_secure_httponly_samesite(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    resp = _login(client, agent, console.code(agent))
    assert resp.status_code == 302 and resp.headers["Location"] == "/console/queue"
    [cookie] = resp.headers.getlist("Set-Cookie")
    assert cookie.startswith("roadside_console=")
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/console"):
        assert flag in cookie
    assert client.get("/console/queue").status_code == 200


def test_pages_need_a_login(client: FlaskClient) -> None:
    assert client.get("/console/queue").headers["Location"] == "/console/login"
    polled = client.get("/console/queue/rows", headers={"HX-Request": "true"})
    assert polled.status_code == 401 and polled.headers["HX-Redirect"] == "/console/login"


def test_post_without_csrf_token_is_refused(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    ref = console.escalate(console.customer())
    _login(client, agent, console.code(agent))
    resp = client.post(f"/console/items/{ref}/claim", data={})
    assert resp.status_code == 400 and "The form has expired" in resp.text
    assert console.audit("claim") == []
    forged = client.post("/console/login", data={"name": "alice", "password": PASSWORD, "code": "123456"})
    assert forged.status_code == 400


def test_wrong_code_refused_then_lockout(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    resp = _login(client, agent, "000000")
    assert resp.status_code == 401 and "Wrong name, password or code." in resp.text
    for _ in range(MAX_FAILURES - 1):
        resp = _login(client, agent, "000000")
    assert resp.status_code == 401 and "locked" in resp.text
    resp = _login(client, agent, console.code(agent))
    assert resp.status_code == 401 and "locked" in resp.text, "a locked account stays locked"
    actions = [(e["subject"], e["locked"]) for e in console.audit("login_failed")]
    assert actions[-2:] == [("alice", "true"), ("alice", "true")] and len(actions) == MAX_FAILURES + 1


def test_agents_cannot_open_supervisor_pages(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    _login(client, agent, console.code(agent))
    assert client.get("/console/audit").status_code == 403
    assert client.get("/console/agents").status_code == 403
    assert b"Audit" not in client.get("/console/queue").data


def test_supervisor_adds_an_agent_and_sees_the_enrolment_qr(console: Any, client: FlaskClient) -> None:
    boss = console.add_agent("boss", "supervisor")
    _login(client, boss, console.code(boss))
    page = client.get("/console/agents").text
    resp = client.post("/console/agents", data={"csrf_token": _csrf(page), "name": "newbie",
                                                "password": "a long new password", "role": "agent"})
    assert resp.status_code == 200
    assert "otpauth://totp/" in resp.text and 'src="data:image/svg+xml' in resp.text
    assert [e["subject"] for e in console.audit("agent_added")] == ["newbie"]


def test_logout_ends_the_session_everywhere(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    _login(client, agent, console.code(agent))
    page = client.get("/console/queue").text
    stolen = client.get_cookie("roadside_console", path="/console")
    assert stolen is not None
    client.post("/console/logout", data={"csrf_token": _csrf(page)})
    replay = console.app.test_client()
    replay.set_cookie("roadside_console", stolen.value, path="/console")
    assert replay.get("/console/queue").status_code == 302, "the old cookie no longer works"


def test_no_personal_data_in_urls_titles_or_logs(console: Any, client: FlaskClient,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    agent = console.add_agent("alice")
    customer = console.customer()
    console.conversation(customer, [("user", "stuck at 5 Elm Street"), ("bot", "What car is it?")])
    ref = console.dispatch(customer, "RS-7K3Q9", pickup="5 Elm Street, Springfield")
    _login(client, agent, console.code(agent))
    token = _csrf(client.get("/console/queue").text)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": token})
    page = client.get(f"/console/items/{ref}").text
    assert "5 Elm Street, Springfield" in page and customer.phone in page  # the agent sees it…
    client.post(f"/console/items/{ref}/reply", data={"csrf_token": token, "text": "We see you at 5 Elm Street"})
    secret_bits = (customer.phone, customer.phone[2:], "Elm Street", customer.token)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)  # type: ignore[union-attr]
    urls = re.findall(r'(?:href|action|hx-get|src)="([^"]+)"', page)
    # Issue 11: the phone is a tel: link; that scheme dials, it never reaches a server or a log.
    assert f"tel:{customer.phone}" in urls
    urls = [u for u in urls if not u.startswith("tel:")]
    for bit in secret_bits:
        assert bit not in title
        assert not [u for u in urls if bit in u]
        assert bit not in caplog.text  # …but never in a title, URL or log line


def test_error_pages_show_no_stack_trace(console: Any, client: FlaskClient,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    agent = console.add_agent("alice")
    ref = console.escalate(console.customer())
    _login(client, agent, console.code(agent))
    token = _csrf(client.get("/console/queue").text)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": token})

    def broken(*args: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("console.history.transcript", broken)
    resp = client.get(f"/console/items/{ref}")
    assert resp.status_code == 500 and "Sorry, something went wrong" in resp.text
    assert "Traceback" not in resp.text and "secret internals" not in resp.text
    assert client.get("/console/items/XX-NOPE").status_code == 404


def test_without_twilio_credentials_replies_go_to_the_local_outbox(redis_url: str, redis_client: Any,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env(make_env(redis_url, TWILIO_ACCOUNT_SID="", TWILIO_FROM_NUMBER=""))
    storage = Storage.from_settings(settings, client=redis_client)
    with caplog.at_level(logging.WARNING):
        app = create_app(settings, storage=storage)
    assert "no Twilio credentials configured" in caplog.text
    from console.accounts import AgentStore
    from storage import queues
    from storage.contacts import Contact

    agent = AgentStore(storage.records).add("alice", PASSWORD)
    token = storage.token("+12125550177")
    storage.contacts.save(token, Contact("+12125550177"))
    ref = queues.escalate(storage, token, reason="asked_for_agent", priority="normal", summary={})
    client = app.test_client()
    import pyotp

    _login(client, agent, pyotp.TOTP(agent.totp_secret).now())
    csrf = _csrf(client.get("/console/queue").text)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    page = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "Help is coming"},
                       follow_redirects=True).text
    flashes = re.findall(r'<p class="flash (?:ok|info|error)" role="(?:status|alert)">([^<]*)</p>', page)
    assert flashes == ["Reply sent (no Twilio credentials: the text went to the local outbox)."], "one per action"
    outbox = client.get("/console/outbox").text
    assert "Help is coming" in outbox
    assert "kept in the local outbox" in caplog.text


def test_an_idle_claim_goes_back_to_the_queue(console: Any) -> None:
    console.app.config["CONSOLE_CLAIM_IDLE_SECONDS"] = 1
    ref = console.escalate(console.customer())
    alice, bob = console.add_agent("alice"), console.add_agent("bob")
    as_alice, as_bob = console.app.test_client(), console.app.test_client()
    _login(as_alice, alice, console.code(alice))
    _login(as_bob, bob, console.code(bob))
    csrf = _csrf(as_alice.get("/console/queue").text)
    as_alice.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    assert "Taken by alice" in as_bob.get("/console/queue").text
    import time

    time.sleep(1.1)
    page = as_bob.get("/console/queue").text
    assert "Taken by alice" not in page and f"/console/items/{ref}/claim" in page
    assert as_bob.post(f"/console/items/{ref}/claim", data={"csrf_token": _csrf(page)}).status_code == 302
    assert [(e["subject"], e["agent"]) for e in console.audit("claim_released_idle")] == [(ref, "alice")]
    back = as_alice.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "hello"},
                         follow_redirects=True)
    assert f"Claim {ref} from the queue first." in back.text and console.twilio.sent == []


def test_a_cancelled_request_is_shown_and_closed(console: Any, client: FlaskClient) -> None:
    from storage import queues

    agent = console.add_agent("alice")
    customer = console.customer()
    queues.cancel_dispatch(console.storage, customer.token, "RS-7K3Q9")
    _login(client, agent, console.code(agent))
    page = client.get("/console/queue").text
    assert "RS-7K3Q9" in page and '<td data-label="Type">cancel</td>' in page
    csrf = _csrf(page)
    item = client.post("/console/items/RS-7K3Q9:cancel/claim", data={"csrf_token": csrf}, follow_redirects=True)
    assert "Cancelled request" in item.text and "Truck status" not in item.text
    done = client.post("/console/items/RS-7K3Q9:cancel/close", data={"csrf_token": csrf}, follow_redirects=True)
    assert "RS-7K3Q9:cancel is closed." in done.text and console.storage.dispatch.pending_count() == 0


def test_a_removed_account_loses_its_session(console: Any, client: FlaskClient) -> None:
    from console.accounts import AgentStore

    agent = console.add_agent("alice")
    _login(client, agent, console.code(agent))
    store = AgentStore(console.storage.records)
    store.remove("alice")
    store.add("alice", PASSWORD)  # same name, a new account: the old session must not carry over
    assert client.get("/console/queue").headers["Location"] == "/console/login"


def test_polling_alone_does_not_keep_a_session_alive(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    _login(client, agent, console.code(agent))
    [key] = console.storage.client.keys("roadside:console:session:*")
    console.storage.client.expire(key, 5)
    assert client.get("/console/queue/rows", headers={"HX-Request": "true"}).status_code == 200
    assert console.storage.client.ttl(key) <= 5
    assert client.get("/console/queue").status_code == 200
    assert console.storage.client.ttl(key) > 60


def test_a_text_updates_change_is_shown_and_closed(console: Any, client: FlaskClient) -> None:
    from storage import queues

    agent = console.add_agent("alice")
    customer = console.customer()
    queues.update_sms_updates(console.storage, customer.token, "RS-7K3Q9", True)
    _login(client, agent, console.code(agent))
    page = client.get("/console/queue").text
    assert '<td data-label="Type">update</td>' in page
    csrf = _csrf(page)
    item = client.post("/console/items/RS-7K3Q9:update/claim", data={"csrf_token": csrf}, follow_redirects=True)
    assert "Update to request" in item.text and "What changed</dt><dd>customer accepted SMS updates" in item.text
    done = client.post("/console/items/RS-7K3Q9:update/close", data={"csrf_token": csrf}, follow_redirects=True)
    assert "RS-7K3Q9:update is closed." in done.text


def _logged_in(console: Any, name: str = "alice") -> tuple[FlaskClient, str]:
    agent = console.add_agent(name)
    client = console.app.test_client()
    _login(client, agent, console.code(agent))
    return client, _csrf(client.get("/console/queue").text)


def test_an_over_long_reply_is_refused_with_a_message_not_cut(console: Any) -> None:
    customer = console.customer()
    ref = console.escalate(customer)
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    resp = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": "y" * 641},
                       follow_redirects=True)
    assert "Not sent: the reply has 641 characters, over the limit of 640." in resp.text
    assert "Reply sent." not in resp.text
    assert console.twilio.sent == []
    assert [e["action"] for e in console.audit() if e["action"].startswith("reply")] == []


def test_an_agent_cannot_set_a_status_backwards_over_http(console: Any) -> None:
    customer = console.customer()
    ref = console.dispatch(customer, "RS-H7TQ2")
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "en_route", "eta": "25"},
                follow_redirects=True)
    for form in ({"status": "assigned"}, {"status": "assigned", "step_back": "yes"}, {"status": "en_route"}):
        resp = client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, **form}, follow_redirects=True)
        assert "Status set to" not in resp.text
    assert console.twilio.bodies_to(customer.phone) == [
        "Roadside Assist: the truck for your request RS-H7TQ2 is on the way, about 25 min."]
    resp = client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "en_route", "eta": "15"},
                       follow_redirects=True)
    assert "Status set to En route." in resp.text, "a new ETA on the way is a forward step"


def test_close_needs_a_confirmation(console: Any) -> None:
    customer = console.customer()
    ref = console.dispatch(customer, "RS-CL05E")
    client, csrf = _logged_in(console, "sue")
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    resp = client.post(f"/console/items/{ref}/close", data={"csrf_token": csrf})
    assert resp.status_code == 302 and resp.headers["Location"] == f"/console/items/{ref}/close"
    assert console.storage.dispatch.pending_count() == 1 and console.audit("close") == []
    assert console.twilio.sent == []


def test_remove_agent_needs_a_confirmation(console: Any) -> None:
    from console.accounts import AgentStore

    console.add_agent("bob")
    sue = console.add_agent("sue", "supervisor")
    client = console.app.test_client()
    _login(client, sue, console.code(sue))
    csrf = _csrf(client.get("/console/agents").text)
    resp = client.post("/console/agents/bob/remove", data={"csrf_token": csrf})
    assert resp.headers["Location"] == "/console/agents/bob/remove"
    assert AgentStore(console.storage.records).get("bob") is not None and console.audit("agent_removed") == []
    page = client.get("/console/agents/bob/remove").text
    assert "Remove bob?" in page
    done = client.post("/console/agents/bob/remove", data={"csrf_token": csrf, "confirmed": "yes"},
                       follow_redirects=True)
    assert "bob was removed" in done.text and AgentStore(console.storage.records).get("bob") is None


def test_audit_page_filters_by_agent_item_and_action_and_is_paged(console: Any) -> None:
    for n in range(230):
        console.storage.audit.record("agent:bob", "claim" if n % 2 else "view_request", f"RS-{n:05d}")
    console.storage.audit.record("agent:carol", "claim", "RS-00007")
    sue = console.add_agent("sue", "supervisor")
    client = console.app.test_client()
    _login(client, sue, console.code(sue))

    def subjects(page: str) -> list[str]:
        return re.findall(r"<td>(?:agent:\w+)</td><td>\w+</td><td>(RS-\d+)</td>", page)

    page = client.get("/console/audit?agent=bob&action=claim").text
    first = subjects(page)
    assert len(first) == 100 and first[0] == "RS-00229" and first[-1] == "RS-00031"
    older = re.search(r'href="([^"]+)" rel="next"', page)
    assert older
    page = client.get(older.group(1).replace("&amp;", "&")).text
    second = subjects(page)
    assert second[0] == "RS-00029" and second[-1] == "RS-00001" and 'rel="next"' not in page
    assert 'hx-get' not in page.split("<table")[1], "an older page is not polled"
    page = client.get("/console/audit?item=rs-00007").text
    assert re.findall(r"<td>(agent:\w+)</td><td>(\w+)</td><td>RS-00007</td>", page) == [
        ("agent:carol", "claim"), ("agent:bob", "claim")]


def test_a_just_used_code_says_wait_and_never_locks_the_account(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    code = console.code(agent)
    assert _login(client, agent, code).status_code == 302
    client.post("/console/logout", data={"csrf_token": _csrf(client.get("/console/queue").text)})
    for _ in range(MAX_FAILURES + 2):
        resp = _login(client, agent, code)
        assert resp.status_code == 401 and "That code was just used. Wait for the next code" in resp.text
    assert console.audit("login_failed") == [] and len(console.audit("login_code_reused")) == MAX_FAILURES + 2
    assert console.storage.client.keys("roadside:agent:alice:failures*") == []
    assert _login(client, agent, console.code(agent)).status_code == 302, "not locked: the next code works"
    resp = _login(console.app.test_client(), agent, code, password="wrong password!")
    assert "Wrong name, password or code." in resp.text, "a used code with a wrong password is just wrong"


def test_an_active_page_keeps_the_session_alive_up_to_its_maximum(console: Any, client: FlaskClient) -> None:
    agent = console.add_agent("alice")
    _login(client, agent, console.code(agent))
    [key] = console.storage.client.keys("roadside:console:session:*")
    console.storage.client.expire(key, 5)
    active = {"HX-Request": "true", "X-Console-Active": "1"}
    assert client.get("/console/queue/rows", headers=active).status_code == 200
    assert console.storage.client.ttl(key) > 60
    console.app.config["CONSOLE_SESSION_MAX_SECONDS"] = 0
    import time

    time.sleep(1.1)
    resp = client.get("/console/queue/rows", headers=active)
    assert resp.status_code == 401, "activity never stretches a session past its maximum"
