"""Compare-and-set on one key with a Lua script.

WATCH/MULTI is not available through redis-py's cluster client, and every
read-modify-write here touches one key, so a single-key CAS script gives the
same guarantee on one server and on Redis Cluster alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from redis.exceptions import RedisError

from storage.errors import StoreUnavailable

T = TypeVar("T")

# ARGV: expected ("" with ARGV[2]=="missing" for no value), new value, mode, px
_CAS = """
local cur = redis.call('GET', KEYS[1])
if ARGV[2] == 'missing' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then
  return 0
end
local mode = ARGV[4]
if mode == 'delete' then redis.call('DEL', KEYS[1])
elseif mode == 'keepttl' then redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL')
elseif mode == 'px' then redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[5])
else redis.call('SET', KEYS[1], ARGV[3]) end
return 1
"""

_LIST_CAS = """
if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1
"""

_ZSET_CAS = """
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], score, ARGV[2])
return 1
"""

_PUSH_CAPPED = """
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""

KEEP = "keep"  # plain SET (no expiry)
KEEPTTL = "keepttl"
PX = "px"
DELETE = "delete"


def compare_and_set(client: Any, key: str, expected: bytes | None, new: bytes | str | None, *,
                    mode: str = KEEP, px: int = 0) -> bool:
    """Write ``new`` only if the key still holds ``expected`` (None: absent)."""
    args = [expected or b"", "missing" if expected is None else "present", new or b"",
            DELETE if new is None else mode, str(px)]
    return bool(client.eval(_CAS, 1, key, *args))


def update(client: Any, key: str, change: Callable[[bytes | None], tuple[bytes | str | None, T]], *,
           mode: str = KEEP, px: int = 0, tries: int = 50) -> T:
    """Read, change, and write back atomically; retry when someone else wrote first.

    ``change`` returns (new value or None to delete, result to return).
    """
    try:
        for _ in range(tries):
            current = client.get(key)
            new, result = change(current)
            if compare_and_set(client, key, current, new, mode=mode, px=px):
                return result
    except RedisError as exc:
        raise StoreUnavailable(f"Redis update of {key} failed: {exc.__class__.__name__}") from exc
    raise StoreUnavailable(f"{key} kept changing; gave up after {tries} tries")


def replace_list_item(client: Any, key: str, index: int, expected: bytes, new: str | bytes) -> bool:
    return bool(client.eval(_LIST_CAS, 1, key, index, expected, new))


def replace_zset_member(client: Any, key: str, expected: bytes, new: str | bytes) -> bool:
    """Swap one sorted-set member for another with the same score, if still there."""
    return bool(client.eval(_ZSET_CAS, 1, key, expected, new))


def push_capped(client: Any, key: str, value: str | bytes, limit: int, ttl: int) -> None:
    """RPUSH, keep the last ``limit`` items and refresh the TTL, in one step."""
    client.eval(_PUSH_CAPPED, 1, key, value, limit, ttl)
