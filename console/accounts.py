"""Console accounts: argon2 password hashes, TOTP secrets, roles and lockout with backoff.

An agent's record lives encrypted at ``roadside:agent:<name>`` (the TOTP
secret is a secret); failure counters and locks are plain keys with an
expiry, so they are atomic across web workers.

Failures are counted per account *and* client address (a keyed hash of it).
After ``MAX_FAILURES`` failures from one address, that address waits
``LOCK_BASE_SECONDS``, doubling with each further failure up to
``LOCK_MAX_SECONDS``. Nobody else is locked out: someone guessing an agent's
name from elsewhere cannot keep the agent from logging in. Guessing from many
addresses is bounded by the per-address and global throttles
(``console.throttle``).
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import asdict, dataclass, replace
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage.keys import AGENTS_SET, agent_failures_key, agent_key, agent_locked_key, agent_totp_used_key
from storage.records import EncryptedRecords

AGENT = "agent"
SUPERVISOR = "supervisor"
ROLES = (AGENT, SUPERVISOR)
ISSUER = "Roadside Assist console"
MAX_FAILURES = 5
LOCK_BASE_SECONDS = 30
LOCK_MAX_SECONDS = 15 * 60
FAILURE_WINDOW_SECONDS = 30 * 60  # failures older than this (since the last one) are forgotten
LOCAL_SOURCE = "local"  # the CLI and tests: no client address
MIN_PASSWORD_CHARS = 12
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
CODE_OK, WRONG_CODE, REUSED_CODE = "ok", "wrong", "reused"

_hasher = PasswordHasher()
# Verified when the name is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-0000")


class AccountError(ValueError):
    """A name, role or password that cannot be used."""


@dataclass(frozen=True)
class Agent:
    name: str
    role: str
    password_hash: str
    totp_secret: str
    created_at: int
    account_id: str = ""  # random: a name removed and made anew is a different account

    @property
    def is_supervisor(self) -> bool:
        return self.role == SUPERVISOR


@dataclass(frozen=True)
class LoginResult:
    agent: Agent | None
    locked: bool = False
    code_reused: bool = False  # right password and a valid code that was just used: wait for the next one


def check_name(name: str) -> str:
    """A lower-case login name of 2–32 letters, digits, dots, dashes or underscores."""
    name = name.strip().lower()
    if not _NAME.match(name):
        raise AccountError("a name is 2-32 lower-case letters, digits, '.', '-' or '_'")
    return name


def otpauth_uri(agent: Agent) -> str:
    """The URI an authenticator app enrols from (also shown as a QR code)."""
    return pyotp.TOTP(agent.totp_secret).provisioning_uri(name=agent.name, issuer_name=ISSUER)


class AgentStore:
    """Create, list, authenticate and remove console accounts."""

    def __init__(self, records: EncryptedRecords) -> None:
        self.records = records
        self.client: Any = records.client

    def add(self, name: str, password: str, role: str = AGENT) -> Agent:
        name = check_name(name)
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
        if self.get(name) is not None:
            raise AccountError(f"an agent named {name!r} already exists")
        agent = Agent(name, role, _hasher.hash(password), pyotp.random_base32(), int(time.time()),
                      secrets.token_hex(8))
        self.records.put(agent_key(name), asdict(agent), None)
        self.client.sadd(AGENTS_SET, name)
        return agent

    def get(self, name: str) -> Agent | None:
        data = self.records.get(agent_key(name))
        return None if data is None else Agent(**data)

    def names(self) -> list[str]:
        return sorted(n.decode() if isinstance(n, bytes) else str(n) for n in self.client.smembers(AGENTS_SET))

    def _throttle_keys(self, name: str) -> list[Any]:
        """Every failure counter and lock of ``name``, whatever the address."""
        return [*self.client.scan_iter(match=agent_failures_key(name) + "*", count=500),
                *self.client.scan_iter(match=agent_locked_key(name) + "*", count=500)]

    def remove(self, name: str) -> bool:
        self.client.srem(AGENTS_SET, name)
        throttles = self._throttle_keys(name)
        return bool(self.records.delete(agent_key(name), *(k.decode() for k in throttles)))

    def reset_totp(self, name: str) -> Agent:
        """A new TOTP secret (a lost phone); the old code stops working and open sessions end."""
        agent = self.get(check_name(name))
        if agent is None:
            raise AccountError(f"no agent named {name!r}")
        # A new account id ends sessions opened with the old code (see console.context).
        renewed = replace(agent, totp_secret=pyotp.random_base32(), account_id=secrets.token_hex(8))
        self._save(renewed)
        return renewed

    def locked_for(self, name: str, source: str | None = None) -> int:
        """Seconds until ``source`` may try ``name`` again; without a source, the longest lock on it."""
        if source is not None:
            return max(0, int(self.client.ttl(agent_locked_key(name, source))))
        locks = self.client.scan_iter(match=agent_locked_key(name) + "*", count=500)
        return max((int(self.client.ttl(k)) for k in locks), default=0)

    def unlock(self, name: str) -> None:
        """Lift every lock on ``name`` and forget its failures (a supervisor's action)."""
        keys = self._throttle_keys(name)
        if keys:
            self.client.delete(*keys)

    def authenticate(self, name: str, password: str, code: str, source: str = LOCAL_SOURCE) -> LoginResult:
        """Check password and TOTP code together; count failures and back off, per address."""
        try:
            name = check_name(name)
        except AccountError:
            _password_ok(_DUMMY_HASH, password)
            return LoginResult(None)
        if self.locked_for(name, source):
            return LoginResult(None, locked=True)
        agent = self.get(name)
        password_ok = _password_ok(agent.password_hash if agent else _DUMMY_HASH, password)
        code_state = self._code_state(agent, code) if agent is not None and password_ok else WRONG_CODE
        if code_state == REUSED_CODE:
            # Both factors right, the code just too soon again: not a guess, so no failure is counted.
            return LoginResult(None, code_reused=True)
        if agent is None or code_state != CODE_OK:
            return LoginResult(None, locked=self._count_failure(name, source))
        self.client.delete(agent_failures_key(name, source))
        if _hasher.check_needs_rehash(agent.password_hash):
            self._save(replace(agent, password_hash=_hasher.hash(password)))
        return LoginResult(agent)

    def _code_state(self, agent: Agent, code: str) -> str:
        code = re.sub(r"\s+", "", code or "")
        if not (code.isdigit() and len(code) == 6):
            return WRONG_CODE
        if not pyotp.TOTP(agent.totp_secret).verify(code, valid_window=1):
            return WRONG_CODE
        # A code works once: a shoulder-surfed or replayed code is refused.
        fresh = self.client.set(agent_totp_used_key(agent.name, code), b"1", nx=True, ex=120)
        return CODE_OK if fresh else REUSED_CODE

    def _count_failure(self, name: str, source: str) -> bool:
        """Count a failure; from the MAX_FAILURES-th on, lock this address out for a doubling while."""
        key = agent_failures_key(name, source)
        with self.client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, FAILURE_WINDOW_SECONDS)
            failures = int(pipe.execute()[0])
        if failures < MAX_FAILURES:
            return False
        self.client.set(agent_locked_key(name, source), b"1", ex=lock_seconds(failures))
        return True

    def _save(self, agent: Agent) -> None:
        self.records.put(agent_key(agent.name), asdict(agent), None)


def lock_seconds(failures: int) -> int:
    """How long an address waits after its ``failures``-th failure in a row (MAX_FAILURES or more)."""
    return min(LOCK_MAX_SECONDS, LOCK_BASE_SECONDS * 2 ** min(failures - MAX_FAILURES, 16))


def _password_ok(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False
