"""Fixtures for tests that send texts: the stand-in Twilio Messages API and an outbound sender wired to it.

Imported by the conftest of tests/webhooks and tests/messaging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conftest import make_env
from helpers.fake_twilio import FakeTwilio, fake_twilio
from messaging.outbound import OutboundSms
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings


@pytest.fixture
def twilio_api() -> Iterator[FakeTwilio]:
    with fake_twilio() as fake:
        yield fake


@pytest.fixture
def outbound_for(redis_url: str, redis_client: Any, twilio_api: FakeTwilio) -> Callable[..., OutboundSms]:
    """``outbound_for(contact, **env)``: the real sender, pointed at the stand-in API, for one saved contact."""

    def make(contact: Contact, **env: str) -> OutboundSms:
        settings = Settings.from_env(make_env(redis_url, TWILIO_API_BASE=twilio_api.url, **env))
        st = Storage.from_settings(settings, client=redis_client)
        st.contacts.save(st.token(contact.phone), contact)
        return OutboundSms(settings, st)

    return make
