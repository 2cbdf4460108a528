"""Putting a conversation in front of a person from the gateway itself."""

from __future__ import annotations

import logging

from storage import queues
from storage.errors import StorageError
from storage.services import Storage
from webhooks import metrics

log = logging.getLogger(__name__)


def escalate_from_gateway(storage: Storage, token: str, reason: str, priority: str = "normal",
                          message: str | None = None) -> None:
    """Escalate unless a person already has the conversation.

    The customer is already being answered, so a storage failure here is
    logged rather than turned into an error page.
    """
    try:
        if not storage.handoff.active(token):
            queues.escalate(storage, token, reason=reason, priority=priority, summary={}, message=message)
            metrics.escalation(reason)
    except StorageError:
        log.exception("could not record the escalation")
