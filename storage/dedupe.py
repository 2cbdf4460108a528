"""Duplicate-delivery guard for Twilio MessageSid / CallSid."""

from __future__ import annotations

from typing import Any

from redis.exceptions import RedisError

from storage.errors import StoreUnavailable
from storage.keys import seen_key

SEEN_TTL = 24 * 3600


def first_delivery(client: Any, sid: str, ttl: int = SEEN_TTL) -> bool:
    """True the first time ``sid`` is seen within ``ttl``; False for a repeat."""
    try:
        return bool(client.set(seen_key(sid), b"1", nx=True, ex=ttl))
    except RedisError as exc:
        raise StoreUnavailable(f"Redis write failed: {exc.__class__.__name__}") from exc


def forget_delivery(client: Any, sid: str) -> None:
    """Let a retry of ``sid`` through again (the first attempt did not finish)."""
    try:
        client.delete(seen_key(sid))
    except RedisError as exc:
        raise StoreUnavailable(f"Redis delete failed: {exc.__class__.__name__}") from exc
