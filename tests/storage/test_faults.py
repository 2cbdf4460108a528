"""Redis down or stalled: a clear error within the timeout, never a hang."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from cli.redis_server import free_port
from helpers.stalled_redis import stalled_server
from storage.errors import StoreUnavailable
from storage.redis_client import connect
from storage.services import Storage
from storage.settings import Settings


@pytest.fixture
def stalled_port() -> Iterator[int]:
    """A server that accepts connections and never answers."""
    with stalled_server() as port:
        yield port


def _storage(settings: Settings, url: str) -> Storage:
    return Storage.from_settings(settings, client=connect(url, socket_timeout=0.3, socket_connect_timeout=0.3))


def test_redis_down_is_a_clear_error_fast(settings: Settings) -> None:
    st = _storage(settings, f"redis://127.0.0.1:{free_port()}/0")
    start = time.monotonic()
    with pytest.raises(StoreUnavailable, match="ConnectionError"):
        st.contacts.load("a" * 32)
    assert time.monotonic() - start < 5


def test_redis_stalled_times_out(settings: Settings, stalled_port: int) -> None:
    st = _storage(settings, f"redis://127.0.0.1:{stalled_port}/0")
    start = time.monotonic()
    with pytest.raises(StoreUnavailable, match="TimeoutError"):
        st.consent.opt_out("a" * 32, channel="sms", how="STOP")
    assert time.monotonic() - start < 5


def test_a_stalled_redis_fails_within_twilios_budget_with_the_default_client(settings: Settings,
                                                                             stalled_port: int) -> None:
    # Default timeouts and retries, as production runs them: a webhook must still answer within 15 s.
    st = Storage.from_settings(settings, client=connect(f"redis://127.0.0.1:{stalled_port}/0"))
    start = time.monotonic()
    with pytest.raises(StoreUnavailable, match="TimeoutError"):
        st.consent.opt_out("a" * 32, channel="sms", how="STOP")
    assert time.monotonic() - start < 8
