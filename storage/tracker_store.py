"""Rasa tracker store that keeps each conversation encrypted in Redis.

Rasa loads it from ``bot/endpoints.yml``::

    tracker_store:
      type: storage.tracker_store.EncryptedRedisTrackerStore

Rasa silently falls back to an in-memory store when a custom store fails to
import, so configuration errors here raise ``ConfigError`` (not ImportError
or AttributeError), which stops Rasa at start-up instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import RedisTrackerStore, SerializedTrackerAsText, TrackerStore
from rasa.shared.core.conversation import Dialogue
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions
from redis.exceptions import RedisError

from storage.crypto import KeyRing
from storage.errors import StoreUnavailable
from storage.keys import tracker_key
from storage.rasa_endpoint import check_keys, redis_from_endpoint
from storage.settings import Settings

log = logging.getLogger(__name__)

_SENDER_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_PATTERN = tracker_key("*")
# Set on a tracker read from (or saved to) the store: the digest of the sealed value it was read from or
# last saved as, and the events of the earlier sessions that retrieve() left out. Kept on the object, not
# in this process: a save by any other server changes the stored value, and this one then merges.
_STORED_AS = "_roadside_stored_as"


def _digest(sealed: str | bytes) -> bytes:
    """The same for the envelope as written (text) and as read back (bytes, or text with decode_responses)."""
    return hashlib.blake2b(sealed.encode() if isinstance(sealed, str) else sealed, digest_size=16).digest()


class EncryptedRedisTrackerStore(TrackerStore, SerializedTrackerAsText):
    """Whole tracker sealed with AES-256-GCM under ``roadside:tracker:{token}``."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        record_exp: float | None = None,
        *,
        client: Any = None,
        keyring: KeyRing | None = None,
        **kwargs: Any,
    ) -> None:
        """Built by Rasa from ``endpoints.yml`` (``host`` is its ``url``) or directly with a client.

        ``url`` is a host name combined with ``port``, ``db``, ``password``, ``use_ssl`` …
        as in Rasa's ``RedisTrackerStore``, or a whole Redis URL; without it, ``REDIS_URL``.
        """
        options = dict(kwargs)  # the Redis options of Rasa's store section
        url = host or options.pop("url", None)
        check_keys("tracker_store", options)
        if client is None or keyring is None or record_exp is None:
            settings = Settings.from_env()
            keyring = keyring or settings.data_keys
            if client is None:
                client = redis_from_endpoint("tracker_store", url, options, settings.redis_url)
            record_exp = record_exp or settings.conversation_ttl
        self.client = client
        self.keyring = keyring
        self.ttl = int(record_exp)
        super().__init__(domain, event_broker)

    @staticmethod
    def _key(sender_id: str) -> str:
        if not _SENDER_RE.match(sender_id):
            raise ValueError("sender id must be an opaque token (A-Z a-z 0-9 _ . : -)")
        return tracker_key(sender_id)

    def _read(self, key: str) -> str | bytes | None:
        try:
            raw: str | bytes | None = self.client.get(key)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis read of {key} failed: {exc.__class__.__name__}") from exc
        return raw

    def _open(self, sender_id: str, key: str, raw: str | bytes) -> DialogueStateTracker | None:
        # A corrupt or foreign value raises DecryptError naming the key and is
        # left in place: save() below reads first, so it never overwrites it.
        plaintext = self.keyring.decrypt(raw, key)
        return self.deserialise_tracker(sender_id, plaintext)

    def _load(self, sender_id: str) -> DialogueStateTracker | None:
        key = self._key(sender_id)
        raw = self._read(key)
        return None if raw is None else self._open(sender_id, key, raw)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Merge with what is stored, seal, and write with a fresh TTL.

        The merge keeps the events of earlier sessions, which ``retrieve`` leaves out. It is skipped
        (the stored tracker is not decrypted and read again) when ``tracker`` came from ``retrieve``
        (or an earlier save of this object) and the stored value is still exactly the one it came
        from: the stored events are then the earlier sessions ``retrieve`` set aside followed by the
        start of ``tracker``'s own, which is what the merge would write.
        """
        await self.stream_events(tracker)
        key = self._key(tracker.sender_id)
        raw = self._read(key)
        earlier = self._unchanged_since_read(tracker, raw)
        if earlier is None and raw is not None:
            prior = self._open(tracker.sender_id, key, raw)
            if prior is not None:
                tracker = RedisTrackerStore._merge_trackers(prior, tracker)
        if earlier:
            text = json.dumps(Dialogue(tracker.sender_id, [*earlier, *tracker.events]).as_dict())
        else:
            text = self.serialise_tracker(tracker)
        sealed = self.keyring.encrypt(text.encode(), key)
        try:
            self.client.set(key, sealed, ex=self.ttl)
        except RedisError as exc:
            raise StoreUnavailable(f"Redis write of {key} failed: {exc.__class__.__name__}") from exc
        if earlier is not None or raw is None:
            setattr(tracker, _STORED_AS, (_digest(sealed), earlier or ()))

    @staticmethod
    def _unchanged_since_read(tracker: DialogueStateTracker, raw: str | bytes | None) -> tuple[Event, ...] | None:
        """The earlier sessions' events set aside when ``tracker`` was read, if the stored value is still
        the one it was read from (or last saved as); None when it must be merged."""
        memo = getattr(tracker, _STORED_AS, None)
        if raw is None or memo is None or tracker._max_event_history is not None:
            return None
        digest, earlier = memo
        return earlier if digest == _digest(raw) else None

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest conversation session, or None (Rasa then starts afresh)."""
        key = self._key(sender_id)
        raw = self._read(key)
        if raw is None:
            return None
        tracker = self._open(sender_id, key, raw)
        if tracker is None:
            return None
        sessions = get_trackers_for_conversation_sessions(tracker)
        latest = tracker if len(sessions) <= 1 else sessions[-1]
        earlier = tuple(tracker.events)[: len(tracker.events) - len(latest.events)]
        setattr(latest, _STORED_AS, (_digest(raw), earlier))
        return latest

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return self._load(sender_id)

    async def keys(self) -> Iterable[str]:
        """Sender ids (phone tokens) of every stored conversation."""
        prefix = _PATTERN.split("{", 1)[0]
        try:
            found = [k.decode() if isinstance(k, bytes) else k
                     for k in self.client.scan_iter(match=_PATTERN, count=500)]
        except RedisError as exc:
            raise StoreUnavailable(f"Redis scan failed: {exc.__class__.__name__}") from exc
        return [k[len(prefix) + 1 : -1] for k in found]

    def delete(self, sender_id: str) -> None:
        self.client.delete(self._key(sender_id))
