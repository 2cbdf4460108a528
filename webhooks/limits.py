"""The per-number limits one web process enforces, read from the environment once."""

from __future__ import annotations

from flask import current_app
from flask.blueprints import BlueprintSetupState

from storage.rate_limits import RateLimits

EXTENSION = "roadside_limits"


def init_limits(state: BlueprintSetupState) -> None:
    """``Blueprint.record_once`` hook: the first channel blueprint reads the limits."""
    state.app.extensions.setdefault(EXTENSION, RateLimits.from_env())


def limits() -> RateLimits:
    """The limits of the current app."""
    found: RateLimits = current_app.extensions.get(EXTENSION) or RateLimits()
    return found
