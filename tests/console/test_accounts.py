"""Accounts: argon2 hash, encrypted TOTP secret, both needed, lockout."""

from __future__ import annotations

import time
from typing import Any

import pyotp
import pytest

from console.accounts import MAX_FAILURES, AccountError, AgentStore, otpauth_uri
from storage.keys import agent_key
from storage.services import Storage

PASSWORD = "correct horse battery staple"


@pytest.fixture
def store(storage: Storage) -> AgentStore:
    return AgentStore(storage.records)


def test_secret_and_hash_are_stored_encrypted(store: AgentStore, redis_client: Any) -> None:
    agent = store.add("alice", PASSWORD, "supervisor")
    assert agent.password_hash.startswith("$argon2id$") and agent.is_supervisor
    raw = redis_client.get(agent_key("alice"))
    assert raw.startswith(b"v1.") and agent.totp_secret.encode() not in raw and b"argon2" not in raw
    assert store.names() == ["alice"]
    assert otpauth_uri(agent).startswith("otpauth://totp/Roadside%20Assist%20console:alice?secret=")


def test_login_needs_password_and_current_code(store: AgentStore) -> None:
    agent = store.add("bob", PASSWORD)
    totp = pyotp.TOTP(agent.totp_secret)
    assert store.authenticate("bob", PASSWORD, "000000").agent is None
    assert store.authenticate("bob", "wrong password!", totp.now()).agent is None
    assert store.authenticate("nobody", PASSWORD, totp.now()).agent is None
    code = totp.at(time.time() + 30)
    ok = store.authenticate("bob", PASSWORD, code)
    assert ok.agent is not None and ok.agent.name == "bob"
    assert store.authenticate("bob", PASSWORD, code).agent is None, "a code works only once"


def test_repeated_failures_lock_the_account(store: AgentStore) -> None:
    agent = store.add("carol", PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        assert not store.authenticate("carol", "nope nope nope", "123456").locked
    assert store.authenticate("carol", "nope nope nope", "123456").locked
    good = pyotp.TOTP(agent.totp_secret).now()
    refused = store.authenticate("carol", PASSWORD, good)
    assert refused.agent is None and refused.locked and store.locked_for("carol") > 0
    store.unlock("carol")
    assert store.authenticate("carol", PASSWORD, good).agent is not None


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("A", PASSWORD, "agent", "a name is"),
    ("has space", PASSWORD, "agent", "a name is"),
    ("dave", "short", "agent", "at least 12"),
    ("dave", PASSWORD, "admin", "role must be"),
])
def test_bad_accounts_are_refused(store: AgentStore, name: str, password: str, role: str, message: str) -> None:
    with pytest.raises(AccountError, match=message):
        store.add(name, password, role)


def test_names_are_unique(store: AgentStore) -> None:
    store.add("erin", PASSWORD)
    with pytest.raises(AccountError, match="already exists"):
        store.add("Erin", PASSWORD)
