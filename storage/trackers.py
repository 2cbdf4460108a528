"""Read-only looks at a conversation's Rasa tracker (storage/tracker_store.py is what Rasa writes it with)."""

from __future__ import annotations

import json
from typing import Any

from redis.exceptions import RedisError

from storage.crypto import KeyRing
from storage.errors import StoreUnavailable
from storage.keys import tracker_key


def tracker_exists(client: Any, token: str) -> bool:
    """True when this customer has a conversation Rasa still remembers (not expired, not erased)."""
    try:
        return bool(client.exists(tracker_key(token)))
    except RedisError as exc:
        raise StoreUnavailable(f"Redis tracker check failed: {exc.__class__.__name__}") from exc


def load_tracker(client: Any, keyring: KeyRing, token: str) -> dict[str, Any] | None:
    """The decrypted tracker, or None when the conversation expired or was erased."""
    key = tracker_key(token)
    raw = client.get(key)
    if raw is None:
        return None
    value = json.loads(keyring.decrypt(raw, key))
    return value if isinstance(value, dict) else None
