"""The stand-in Twilio Messages API, an outbound sender wired to it, and a stand-in Rasa."""

from collections.abc import Iterator

import pytest

from helpers.fake_rasa import FakeRasa, fake_rasa
from helpers.outbound_fixtures import outbound_for, twilio_api

__all__ = ["outbound_for", "rasa", "twilio_api"]


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    """A stand-in Rasa server on loopback HTTP that records what the gateway sent it."""
    with fake_rasa() as fake:
        yield fake
