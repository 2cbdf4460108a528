"""All storage services of one process, built once from Settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from storage.audit import AuditLog
from storage.consent import ConsentStore
from storage.contacts import ContactStore
from storage.crypto import KeyRing
from storage.handoff import HandoffStore
from storage.held_messages import HeldMessages
from storage.keys import DISPATCH_GROUP, DISPATCH_STREAM, ESCALATION_GROUP, ESCALATION_STREAM
from storage.location_links import LocationLinks
from storage.outbox import Outbox
from storage.phone_token import phone_token
from storage.records import EncryptedRecords
from storage.redis_client import connect
from storage.settings import Settings
from storage.streams import EncryptedStream


@dataclass
class Storage:
    client: Any
    keyring: KeyRing
    token_key: bytes
    records: EncryptedRecords
    contacts: ContactStore
    consent: ConsentStore
    handoff: HandoffStore
    dispatch: EncryptedStream
    escalations: EncryptedStream
    audit: AuditLog
    location_links: LocationLinks

    @classmethod
    def from_settings(cls, settings: Settings, client: Any = None) -> Storage:
        client = client if client is not None else connect(settings.redis_url)
        records = EncryptedRecords(client, settings.data_keys)
        ttl = settings.conversation_ttl
        days = settings.retention_days
        token_of = partial(phone_token, token_key=settings.token_key)
        return cls(
            client=client,
            keyring=settings.data_keys,
            token_key=settings.token_key,
            records=records,
            contacts=ContactStore(records, ttl, token_of=token_of),
            consent=ConsentStore(records),
            handoff=HandoffStore(records, ttl),
            dispatch=EncryptedStream(client, settings.data_keys, DISPATCH_STREAM, DISPATCH_GROUP, retention_days=days,
                                     token_of=token_of),
            escalations=EncryptedStream(client, settings.data_keys, ESCALATION_STREAM, ESCALATION_GROUP,
                                        retention_days=days, token_of=token_of),
            audit=AuditLog(client, retention_days=max(days, 365)),
            location_links=LocationLinks(records),
        )

    @property
    def outbox(self) -> Outbox:
        return Outbox(self.records)

    @property
    def held_messages(self) -> HeldMessages:
        return HeldMessages(self.records)

    def token(self, e164: str) -> str:
        """The phone token that names this customer everywhere in storage."""
        return phone_token(e164, self.token_key)

    def ping(self) -> bool:
        return bool(self.client.ping())
