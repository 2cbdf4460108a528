from __future__ import annotations

from typing import Any

import pytest

from cli.main import main
from conftest import make_env
from storage.contacts import Contact
from storage.crypto import new_key_spec
from storage.keys import contact_key
from storage.services import Storage
from storage.settings import Settings


def test_rotate_keys_command(redis_url: str, redis_client: Any, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    env = make_env(redis_url)
    old = Storage.from_settings(Settings.from_env(env), client=redis_client)
    tok = old.token("+15085550142")
    old.contacts.save(tok, Contact("+15085550142"))
    env["ROADSIDE_DATA_KEYS"] = new_key_spec("k2") + "," + env["ROADSIDE_DATA_KEYS"]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["rotate-keys"]) == 0
    assert "re-encrypted 1 values under key k2" in capsys.readouterr().out
    assert redis_client.get(contact_key(tok)).startswith(b"v1.k2.")


def test_cli_reports_redis_down_clearly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from cli.redis_server import free_port

    for key, value in make_env(f"redis://127.0.0.1:{free_port()}/0").items():
        monkeypatch.setenv(key, value)
    assert main(["dispatch", "list"]) == 1
    assert "roadside: Redis" in capsys.readouterr().err
    assert main(["rotate-keys"]) == 1
    assert "Redis unavailable (ConnectionError)" in capsys.readouterr().err
