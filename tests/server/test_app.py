"""The app factory builds the services once and hands the console its share."""

from __future__ import annotations

from typing import Any

from conftest import make_env
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings


def test_the_console_and_the_webhooks_share_one_storage_and_sender(redis_url: str, redis_client: Any) -> None:
    s = Settings.from_env(make_env(redis_url, CONSOLE_CLAIM_IDLE_SECONDS="60", CONSOLE_TRUSTED_PROXIES="1"))
    app = create_app(s, storage=Storage.from_settings(s, client=redis_client))
    gateway = app.extensions["roadside"]
    console = app.extensions["roadside_console_services"]
    assert console.storage is gateway.storage and console.outbound is gateway.outbound
    assert console.settings is s
    assert app.config["CONSOLE_CLAIM_IDLE_SECONDS"] == 60 and app.config["CONSOLE_TRUSTED_PROXIES"] == 1
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.test_client().get("/console/login").status_code == 200
    assert app.test_client().get("/healthz").json == {"status": "ok"}
