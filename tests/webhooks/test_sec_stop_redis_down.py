"""Issue 14, item 5: a STOP that cannot be recorded gets a 5xx, so Twilio retries or uses its fallback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN
from helpers.gateway import gateway_app, storage_of, text_in
from helpers.stalled_redis import stalled_server
from helpers.twilio_requests import messages, post_signed, sms_params
from storage.redis_client import connect

PHONE = "+15085550142"


def _app_on(redis_url: str, url: str) -> Flask:
    return gateway_app(redis_url, connect(url, socket_timeout=0.3, socket_connect_timeout=0.3))


@pytest.fixture(params=["down", "stalled"])
def broken_app(request: pytest.FixtureRequest, redis_url: str) -> Iterator[Flask]:
    if request.param == "down":
        yield _app_on(redis_url, f"redis://127.0.0.1:{free_port()}/0")
        return
    with stalled_server() as port:
        yield _app_on(redis_url, f"redis://127.0.0.1:{port}/0")


@pytest.mark.parametrize("extra", [{"Body": "STOP"}, {"Body": "ST\u200bop."},
                                   {"Body": "no more", "OptOutType": "STOP"}])
def test_stop_is_a_5xx_while_redis_is_unavailable(broken_app: Flask, extra: dict[str, str]) -> None:
    form = dict(extra)
    start = time.monotonic()
    resp = text_in(broken_app, PHONE, form.pop("Body"), **form)
    assert resp.status_code == 503
    assert resp.headers["Retry-After"]
    assert b"<Message>" not in resp.data
    assert time.monotonic() - start < 10  # well inside Twilio's 15 s


def test_ordinary_text_still_gets_an_honest_answer(broken_app: Flask) -> None:
    resp = text_in(broken_app, PHONE, "flat tire on I-95")
    assert resp.status_code == 200
    assert "technical trouble" in messages(resp)[0]


def test_retried_stop_is_recorded_once_redis_is_back(redis_url: str, redis_client: Any) -> None:
    params = sms_params(PHONE, "STOP")
    down = _app_on(redis_url, f"redis://127.0.0.1:{free_port()}/0")
    assert post_signed(down.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN).status_code == 503
    up = gateway_app(redis_url, redis_client)
    retry = post_signed(up.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN)  # same MessageSid
    assert "unsubscribed" in messages(retry)[0]
    st = storage_of(up)
    assert st.consent.load(st.token(PHONE)).opted_out
