"""The encrypted contact record: how to reach the customer behind a token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from redis.exceptions import RedisError

from storage.errors import DecryptError, StoreUnavailable
from storage.keys import contact_key, linked_key, token_from_key
from storage.records import EncryptedRecords


@dataclass(frozen=True)
class Contact:
    phone: str
    channel: str = "sms"
    language: str = "en"
    region: str | None = None
    language_settled: bool = False  # the language was detected or asked for, not just the phone's country


class ContactStore:
    """Contact records live as long as the conversation (TTL refreshed on save).

    A record can hold a number that is not its conversation's own: a caller with
    a withheld id keys in a callback number, and that call is a conversation of
    its own. Such a record is also listed under the number's token
    (``linked_key``), so export and erasure find it without opening every
    contact record there is.
    """

    def __init__(self, records: EncryptedRecords, ttl: int, token_of: Callable[[str], str] | None = None) -> None:
        self.records = records
        self.ttl = ttl
        self.token_of = token_of

    def save(self, token: str, contact: Contact) -> None:
        self.records.put(contact_key(token), asdict(contact), self.ttl)
        self._list_under_owner(token, contact.phone)

    def _list_under_owner(self, token: str, phone: str) -> bool:
        """List ``token`` under the token of the number it holds, when that is someone else's; True if it did."""
        owner = self._owner(phone)
        if owner is None or owner == token:
            return False
        try:
            with self.records.client.pipeline(transaction=False) as pipe:
                pipe.sadd(linked_key(owner), token)
                pipe.expire(linked_key(owner), self.ttl)
                pipe.execute()
        except RedisError as exc:
            raise StoreUnavailable(f"Redis write failed: {exc.__class__.__name__}") from exc
        return True

    def index_existing(self) -> int:
        """List the records saved before the lists existed (once, after upgrading); how many it listed."""
        listed = 0
        for raw_key in self.records.client.scan_iter(match=contact_key("*"), count=500):
            key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
            token = token_from_key(key)
            try:
                data = self.records.get(key)
            except DecryptError:
                continue  # not ours to judge here; key rotation reports it
            if token is not None and isinstance(data, dict):
                listed += self._list_under_owner(token, data.get("phone", ""))
        return listed

    def load(self, token: str) -> Contact | None:
        data = self.records.get(contact_key(token))
        return None if data is None else Contact(**data)

    def delete(self, token: str) -> None:
        self.records.delete(contact_key(token))

    def linked(self, token: str) -> list[str]:
        """The other conversations whose contact record holds this customer's number, checked record by record."""
        found = []
        for raw in self.records.client.smembers(linked_key(token)):
            other = raw.decode() if isinstance(raw, bytes) else str(raw)
            try:
                contact = self.load(other)
            except DecryptError:
                continue  # not ours to judge here; key rotation reports it
            if contact is not None and other != token and self._owner(contact.phone) == token:
                found.append(other)
        return sorted(found)

    def _owner(self, phone: str) -> str | None:
        """The token of the customer a number belongs to (None for no number or no token function)."""
        if self.token_of is None or not isinstance(phone, str) or not phone.startswith("+"):
            return None
        return self.token_of(phone)
