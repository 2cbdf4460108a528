"""The encrypted contact record: how to reach the customer behind a token."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from storage.keys import contact_key
from storage.records import EncryptedRecords


@dataclass(frozen=True)
class Contact:
    phone: str
    channel: str = "sms"
    language: str = "en"
    region: str | None = None
    language_settled: bool = False  # the language was detected or asked for, not just the phone's country


class ContactStore:
    """Contact records live as long as the conversation (TTL refreshed on save)."""

    def __init__(self, records: EncryptedRecords, ttl: int) -> None:
        self.records = records
        self.ttl = ttl

    def save(self, token: str, contact: Contact) -> None:
        self.records.put(contact_key(token), asdict(contact), self.ttl)

    def load(self, token: str) -> Contact | None:
        data = self.records.get(contact_key(token))
        return None if data is None else Contact(**data)

    def delete(self, token: str) -> None:
        self.records.delete(contact_key(token))
