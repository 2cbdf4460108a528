"""Reading one configuration value from the environment, with the error naming it."""

from __future__ import annotations

from collections.abc import Mapping

from storage.errors import ConfigError


def int_setting(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    """A whole-number setting: ``default`` when unset, ConfigError naming it when invalid or too small."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}")
    return value
