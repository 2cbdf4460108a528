"""`roadside agents add` and `roadside agents list`."""

from __future__ import annotations

import io
import time
from typing import Any

import pyotp
import pytest

from cli.main import main
from conftest import make_env
from console.accounts import AgentStore
from storage.services import Storage
from storage.settings import Settings


@pytest.fixture
def env(redis_url: str, redis_client: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = make_env(redis_url)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def test_add_prints_enrolment_and_the_agent_can_log_in(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["agents", "add", "sam", "--role", "supervisor", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "added supervisor sam" in out and "otpauth://totp/" in out
    assert "█" in out or "▀" in out or "▄" in out  # the terminal QR code
    secret = out.split("secret=")[1].split("&")[0]
    store = AgentStore(Storage.from_settings(Settings.from_env(env)).records)
    result = store.authenticate("sam", "a long enough password", pyotp.TOTP(secret).at(time.time()))
    assert result.agent is not None and result.agent.is_supervisor

    assert main(["agents", "list"]) == 0
    assert "sam  supervisor" in capsys.readouterr().out


def test_add_refuses_a_short_password(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["agents", "add", "sam", "--password-stdin"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
