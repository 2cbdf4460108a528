"""Per-number limits on inbound turns and dispatch requests, counted in Redis.

Fixed windows: a counter per number and window, created with a TTL on its
first hit, so a flood costs one small key per window and nothing personal.
One key per script call, so it works on Redis Cluster too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError

from storage.config_values import int_setting
from storage.errors import StorageError, StoreUnavailable
from storage.keys import dispatch_refused_key, rate_key

MINUTE, HOUR, DAY = 60, 3600, 86400

# One hit on each key (ARGV: each key's window in seconds); returns the counts.
# The TTL is set when a window opens (and repaired if a counter somehow lost
# it, so no key lives forever). The keys share the token's hash tag: one slot.
_HIT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 or redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = n
end
return counts
"""


class DispatchLimitReached(StorageError):
    """This number already sent as many dispatch requests today as allowed."""


@dataclass(frozen=True)
class RateLimits:
    """How much one number may send; every value is configurable (read with the rest of Settings)."""

    turns_per_minute: int = 20
    turns_per_hour: int = 120
    dispatch_per_day: int = 5
    max_reply_parts: int = 4

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RateLimits:
        return cls(
            turns_per_minute=int_setting(env, "ROADSIDE_TURNS_PER_MINUTE", cls.turns_per_minute, minimum=1),
            turns_per_hour=int_setting(env, "ROADSIDE_TURNS_PER_HOUR", cls.turns_per_hour, minimum=1),
            dispatch_per_day=int_setting(env, "ROADSIDE_DISPATCH_PER_DAY", cls.dispatch_per_day, minimum=1),
            max_reply_parts=int_setting(env, "ROADSIDE_MAX_REPLY_PARTS", cls.max_reply_parts, minimum=1),
        )



def hit(client: Any, token: str, windows: dict[str, int]) -> list[int]:
    """Count one event in each window (name: seconds) for this number, in one round trip."""
    keys = [rate_key(token, name) for name in windows]
    try:
        return [int(n) for n in client.eval(_HIT, len(keys), *keys, *windows.values())]
    except RedisError as exc:
        raise StoreUnavailable(f"Redis rate count failed: {exc.__class__.__name__}") from exc


def count_inbound_turn(client: Any, token: str, limits: RateLimits) -> int:
    """Count one inbound turn; how far over the tighter limit it is (0: within limits)."""
    per_minute, per_hour = hit(client, token, {"turns:minute": MINUTE, "turns:hour": HOUR})
    return max(per_minute - limits.turns_per_minute, per_hour - limits.turns_per_hour, 0)


def take_dispatch_slot(client: Any, token: str, per_day: int) -> None:
    """Count one dispatch request, or refuse it (and mark the refusal for the gateway)."""
    [today] = hit(client, token, {"dispatch:day": DAY})
    if today <= per_day:
        return
    try:
        client.set(dispatch_refused_key(token), b"1", ex=600)
    except RedisError as exc:
        raise StoreUnavailable(f"Redis write failed: {exc.__class__.__name__}") from exc
    raise DispatchLimitReached("daily dispatch request limit reached for this number")


def dispatch_refused(client: Any, token: str) -> bool:
    """True once if a dispatch request was refused for this number since the last check."""
    try:
        return bool(client.delete(dispatch_refused_key(token)))
    except RedisError as exc:
        raise StoreUnavailable(f"Redis delete failed: {exc.__class__.__name__}") from exc

