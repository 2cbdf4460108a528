"""One-time location links: a random id that lets a browser post the car's position once."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from redis.exceptions import RedisError

from storage.errors import StoreUnavailable
from storage.keys import location_link_key, location_links_of_key
from storage.records import EncryptedRecords

LINK_TTL_SECONDS = 30 * 60
_LINK_ID = re.compile(r"[A-Za-z0-9_-]{20,64}")


def is_link_id(value: str) -> bool:
    """True for something shaped like an id this module makes (before any Redis look-up)."""
    return _LINK_ID.fullmatch(value) is not None


class LocationLinks:
    """Create, look at and use up location links. Nothing personal is in the id."""

    def __init__(self, records: EncryptedRecords, ttl: int = LINK_TTL_SECONDS) -> None:
        self.records = records
        self.ttl = ttl

    def create(self, token: str, channel: str) -> str:
        """A fresh random link id for this conversation, valid for ``ttl`` seconds."""
        link_id = secrets.token_urlsafe(24)
        self.records.put(location_link_key(link_id), {"token": token, "channel": channel,
                                                       "created": int(time.time())}, self.ttl)
        try:
            with self.records.client.pipeline(transaction=True) as pipe:  # one hash tag: fine on a cluster
                pipe.sadd(location_links_of_key(token), link_id)
                pipe.expire(location_links_of_key(token), self.ttl)
                pipe.execute()
        except RedisError as exc:
            raise StoreUnavailable(f"Redis write failed: {exc.__class__.__name__}") from exc
        return link_id

    def forget_for(self, token: str) -> int:
        """Delete every live link of this customer (erasure); returns how many there were."""
        try:
            ids = [i.decode() if isinstance(i, bytes) else str(i)
                   for i in self.records.client.smembers(location_links_of_key(token))]
            gone = sum(int(self.records.client.delete(location_link_key(i))) for i in ids if is_link_id(i))
            self.records.client.delete(location_links_of_key(token))
        except RedisError as exc:
            raise StoreUnavailable(f"Redis delete failed: {exc.__class__.__name__}") from exc
        return gone

    def peek(self, link_id: str) -> dict[str, Any] | None:
        """The link's record while it is unused and unexpired, else None."""
        if not is_link_id(link_id):
            return None
        value = self.records.get(location_link_key(link_id))
        return value if isinstance(value, dict) else None

    def use(self, link_id: str) -> dict[str, Any] | None:
        """Take the link's record and delete it in one step: a second use gets None."""
        if not is_link_id(link_id):
            return None
        key = location_link_key(link_id)
        try:
            raw = self.records.client.getdel(key)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis read failed: {exc.__class__.__name__}") from exc
        if raw is None:
            return None
        value = self.records.open(key, raw)
        return value if isinstance(value, dict) else None
