"""The per-number limits one web process enforces (from its Settings, read once)."""

from __future__ import annotations

from flask import current_app
from flask.blueprints import BlueprintSetupState

from storage.rate_limits import RateLimits
from webhooks.context import EXTENSION as GATEWAY

EXTENSION = "roadside_limits"


def init_limits(state: BlueprintSetupState) -> None:
    """``Blueprint.record_once`` hook: the first channel blueprint takes the limits from the gateway's settings."""
    state.app.extensions.setdefault(EXTENSION, state.app.extensions[GATEWAY].settings.limits)


def limits() -> RateLimits:
    """The limits of the current app."""
    found: RateLimits = current_app.extensions.get(EXTENSION) or RateLimits()
    return found
