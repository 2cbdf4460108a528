"""Encrypted JSON records kept under per-customer Redis keys."""

from __future__ import annotations

import json
from typing import Any

from redis.exceptions import RedisError

from storage.crypto import KeyRing
from storage.errors import DecryptError, StoreUnavailable


class EncryptedRecords:
    """Reads and writes JSON values sealed with the key as associated data."""

    def __init__(self, client: Any, keyring: KeyRing) -> None:
        self.client = client
        self.keyring = keyring

    def seal(self, key: str, value: Any) -> str:
        return self.keyring.encrypt(json.dumps(value, separators=(",", ":")).encode(), key)

    def open(self, key: str, envelope: bytes | str) -> Any:
        plaintext = self.keyring.decrypt(envelope, key)
        try:
            return json.loads(plaintext)
        except ValueError:
            raise DecryptError("decrypted value is not JSON", key=key) from None

    def put(self, key: str, value: Any, ttl: int | None) -> None:
        """Store ``value`` under ``key``; ``ttl`` None means no expiry."""
        try:
            self.client.set(key, self.seal(key, value), ex=ttl)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis write failed: {exc.__class__.__name__}") from exc

    def get(self, key: str) -> Any | None:
        """The decrypted value, or None when absent. Corrupt → DecryptError."""
        try:
            raw = self.client.get(key)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis read failed: {exc.__class__.__name__}") from exc
        return None if raw is None else self.open(key, raw)

    def delete(self, *keys: str) -> int:
        try:
            return int(sum(self.client.delete(k) for k in keys))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis delete failed: {exc.__class__.__name__}") from exc
