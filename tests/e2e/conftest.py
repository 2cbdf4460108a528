"""The whole stack, started once per session: Redis, action server, Rasa, web app."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli.chat import send_sms
from cli.stack import ensure_model
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.fake_twilio import FakeTwilio, fake_twilio
from helpers.stack import RunningStack, running_stack
from storage.services import Storage
from storage.settings import Settings

_numbers = itertools.count(100)


@pytest.fixture(scope="session")
def model() -> Path:
    return ensure_model()


@pytest.fixture(scope="session")
def twilio_api() -> Iterator[FakeTwilio]:
    with fake_twilio() as fake:
        yield fake


@pytest.fixture(scope="session")
def stack_env(redis_url: str, twilio_api: FakeTwilio) -> dict[str, str]:
    # Simulated drivers text far faster than people do; the per-number turn limits
    # have tests of their own (tests/webhooks/test_sec_inbound_flood.py).
    return make_env(redis_url, TWILIO_API_BASE=twilio_api.url, PUBLIC_BASE_URL="https://roadside.example.com",
                    RASA_TIMEOUT_SECONDS="8", ROADSIDE_TURNS_PER_MINUTE="1000", ROADSIDE_TURNS_PER_HOUR="10000")


@pytest.fixture(scope="session")
def stack(stack_env: dict[str, str], model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    with running_stack(stack_env, model, tmp_path_factory.mktemp("stack-logs")) as running:
        yield running


@pytest.fixture(scope="session")
def store(stack_env: dict[str, str]) -> Storage:
    return Storage.from_settings(Settings.from_env(stack_env))


class Driver:
    """A driver texting the bot over signed Twilio webhooks (like flaskr's AuthActions)."""

    def __init__(self, stack: RunningStack, store: Storage, phone: str) -> None:
        self.stack, self.store, self.phone = stack, store, phone
        self.token = store.token(phone)

    def text(self, body: str, **extra: str) -> list[str]:
        return send_sms(self.stack.web_url, TEST_TWILIO_TOKEN, self.phone, body,
                        public_base=self.stack.env["PUBLIC_BASE_URL"], extra=extra)

    def say(self, body: str) -> str:
        return "\n".join(self.text(body))

    def dispatched(self) -> list[dict[str, Any]]:
        return [e.payload["request"] for e in self.store.dispatch.read_all()
                if e.payload.get("token") == self.token and e.fields.get("type") == "request"]

    def escalations(self) -> list[Any]:
        return [e for e in self.store.escalations.read_all() if e.payload.get("token") == self.token]


@pytest.fixture
def driver(stack: RunningStack, store: Storage) -> Driver:
    """A fresh US mobile number for each test, so conversations never mix."""
    return Driver(stack, store, f"+1508555{next(_numbers):04d}")


@pytest.fixture
def new_driver(stack: RunningStack, store: Storage) -> Any:
    def make(phone: str | None = None) -> Driver:
        return Driver(stack, store, phone or f"+1508555{next(_numbers):04d}")

    return make


@pytest.fixture(autouse=True)
def no_circuit_breaker(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any test during which Rasa's circuit breaker tripped (an action predicted in a loop)."""
    if "stack" not in request.fixturenames and "driver" not in request.fixturenames \
            and "new_driver" not in request.fixturenames:
        yield
        return
    running: RunningStack = request.getfixturevalue("stack")
    log = running.logs.get("rasa")
    start = log.stat().st_size if log is not None and log.exists() else 0
    yield
    if log is not None and log.exists():
        with open(log, "rb") as fh:
            fh.seek(start)
            new = fh.read().decode(errors="replace")
        assert "Circuit breaker tripped" not in new, "Rasa's circuit breaker tripped during this test"
