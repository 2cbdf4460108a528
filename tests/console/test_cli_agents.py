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


def test_add_without_a_terminal_gives_a_clear_error(env: dict[str, str]) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "cli.main", "agents", "add", "sam"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, cwd=root, timeout=120,
                          env={**os.environ, **env, "PYTHONPATH": str(root)})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr
    assert "no terminal to ask for the password on; pipe it in with --password-stdin" in done.stderr
    assert AgentStore(Storage.from_settings(Settings.from_env(env)).records).get("sam") is None


def test_remove_and_reset_totp(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    store = AgentStore(Storage.from_settings(Settings.from_env(env)).records)
    old = store.add("sam", "a long enough password")
    assert main(["agents", "reset-totp", "sam", "--no-qr"]) == 0
    out = capsys.readouterr().out
    secret = out.split("secret=")[1].split("&")[0]
    assert secret != old.totp_secret and "the old code no longer works" in out
    renewed = store.get("sam")
    assert renewed is not None and renewed.account_id != old.account_id, "open sessions end"
    stale = pyotp.TOTP(old.totp_secret).at(time.time())
    assert store.authenticate("sam", "a long enough password", stale).agent is None
    assert store.authenticate("sam", "a long enough password", pyotp.TOTP(secret).at(time.time())).agent

    assert main(["agents", "remove", "sam"]) == 0
    assert "removed sam" in capsys.readouterr().out and store.get("sam") is None
    assert main(["agents", "remove", "sam"]) == 1
    assert main(["agents", "reset-totp", "nobody"]) == 1
    assert "no agent named 'nobody'" in capsys.readouterr().err
