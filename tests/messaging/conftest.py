"""The stand-in Twilio Messages API and an outbound sender wired to it (tests/helpers/outbound_fixtures.py)."""

from helpers.outbound_fixtures import outbound_for, twilio_api

__all__ = ["outbound_for", "twilio_api"]
