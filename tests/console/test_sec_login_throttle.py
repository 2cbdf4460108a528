"""Issue 14, item 7: console login throttling cannot be turned against agents.

Failures lock with backoff only the address they come from; per-address and
global limits (``limits`` in Redis) answer 429 before any password is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pyotp
import pytest
from flask.testing import FlaskClient

from conftest import make_env
from console.accounts import LOCK_BASE_SECONDS, LOCK_MAX_SECONDS, MAX_FAILURES, Agent, AgentStore
from helpers.redis_scan import dump_everything
from server.app import create_app
from storage.errors import ConfigError
from storage.keys import agent_locked_key
from storage.services import Storage
from storage.settings import Settings

PASSWORD = "correct horse battery staple"
ATTACKER, AGENT_DESK, OTHER_DESK = "203.0.113.66", "198.51.100.7", "198.51.100.8"


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


class Desk:
    """A browser at one address."""

    def __init__(self, app: Any, address: str, forwarded_for: str | None = None) -> None:
        self.client: FlaskClient = app.test_client()
        self.environ = {"REMOTE_ADDR": address}
        self.headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}

    def login(self, name: str, password: str, code: str) -> Any:
        page = self.client.get("/console/login", environ_base=self.environ).text
        return self.client.post("/console/login", environ_base=self.environ, headers=self.headers,
                                data={"csrf_token": _csrf(page), "name": name, "password": password, "code": code})


@pytest.fixture
def make_app(redis_url: str, redis_client: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[Any, Storage]]:
    def build(**env: str) -> tuple[Any, Storage]:
        settings = Settings.from_env(make_env(redis_url, **env))
        storage = Storage.from_settings(settings, client=redis_client)
        return create_app(settings, storage=storage), storage

    return build


def _agent(storage: Storage, name: str = "alice") -> Agent:
    return AgentStore(storage.records).add(name, PASSWORD)


def _code(agent: Agent) -> str:
    return pyotp.TOTP(agent.totp_secret).now()


def test_guessing_an_agents_name_elsewhere_does_not_lock_the_agent_out(make_app: Callable[..., Any]) -> None:
    app, storage = make_app()
    alice = _agent(storage)
    attacker = Desk(app, ATTACKER)
    for _ in range(MAX_FAILURES + 2):
        resp = attacker.login("alice", "wrong wrong wrong", "000000")
    assert resp.status_code == 401 and "locked" in resp.text  # the attacker is locked out...
    ok = Desk(app, AGENT_DESK).login("alice", PASSWORD, _code(alice))
    assert ok.status_code == 302 and ok.headers["Location"] == "/console/queue"  # ...alice is not


def test_the_lock_backs_off_instead_of_a_fixed_hard_lock(make_app: Callable[..., Any], redis_client: Any) -> None:
    _app, storage = make_app()
    store = AgentStore(storage.records)
    _agent(storage, "bob")
    waits = []
    for _ in range(MAX_FAILURES + 2):
        result = store.authenticate("bob", "wrong wrong wrong", "000000", source="abc")
        if result.locked:
            waits.append(store.locked_for("bob", "abc"))
            redis_client.delete(agent_locked_key("bob", "abc"))  # as if the wait had passed
    assert len(waits) == 3
    assert waits[0] <= LOCK_BASE_SECONDS and waits[1] > LOCK_BASE_SECONDS and waits[2] > waits[1]
    assert all(w <= LOCK_MAX_SECONDS for w in waits)
    assert store.locked_for("bob", "elsewhere") == 0


def test_an_address_with_many_failures_is_throttled_before_any_password_check(
        make_app: Callable[..., Any]) -> None:
    app, storage = make_app(CONSOLE_LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    carol = _agent(storage, "carol")
    attacker = Desk(app, ATTACKER)
    for name in ("x1", "x2", "x3"):  # spread over names, so no account lock helps
        assert attacker.login(name, "wrong wrong wrong", "000000").status_code == 401
    refused = attacker.login("carol", PASSWORD, _code(carol))
    assert refused.status_code == 429 and "Too many failed logins from your network" in refused.text
    assert int(refused.headers["Retry-After"]) > 0
    assert Desk(app, AGENT_DESK).login("carol", PASSWORD, _code(carol)).status_code == 302


def test_a_global_limit_stops_guessing_from_many_addresses(make_app: Callable[..., Any]) -> None:
    app, storage = make_app(CONSOLE_LOGIN_LIMIT_GLOBAL="4 per 5 minutes")
    dave = _agent(storage, "dave")
    for i in range(4):
        assert Desk(app, f"203.0.113.{i}").login("dave", "wrong wrong wrong", "000000").status_code == 401
    refused = Desk(app, AGENT_DESK).login("dave", PASSWORD, _code(dave))
    assert refused.status_code == 429 and "refusing logins for a short while" in refused.text


def test_behind_a_trusted_proxy_the_forwarded_address_counts(make_app: Callable[..., Any],
                                                             redis_client: Any) -> None:
    app, storage = make_app(CONSOLE_TRUSTED_PROXIES="1", CONSOLE_LOGIN_LIMIT_PER_ADDRESS="2 per 15 minutes")
    erin = _agent(storage, "erin")
    proxy = "10.0.0.2"
    for spoof in ("1.1.1.1", "2.2.2.2"):  # a client-written left part must not buy fresh attempts
        Desk(app, proxy, f"{spoof}, {ATTACKER}").login("erin", "wrong wrong wrong", "000000")
    assert Desk(app, proxy, f"9.9.9.9, {ATTACKER}").login("erin", PASSWORD, _code(erin)).status_code == 429
    assert Desk(app, proxy, AGENT_DESK).login("erin", PASSWORD, _code(erin)).status_code == 302
    assert ATTACKER.encode() not in dump_everything(redis_client)  # addresses are only counted, hashed


def test_a_malformed_limit_refuses_to_start(make_app: Callable[..., Any]) -> None:
    with pytest.raises(ConfigError, match="CONSOLE_LOGIN_LIMIT_PER_ADDRESS"):
        make_app(CONSOLE_LOGIN_LIMIT_PER_ADDRESS="lots")
