"""Issue 14, item 10: a stream entry's clear fields are bound into the AES-GCM associated data.

Someone who can write to Redis must not be able to copy an entry with a
changed priority, category, type or request id. Entries written before the
change (associated data ``<stream>#<id>`` only) stay readable until they age
out, but a copy of one made after the change is refused.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from console.claims import ClaimBoard
from storage import queues
from storage.errors import DecryptError
from storage.keys import DISPATCH_STREAM
from storage.services import Storage

REQUEST = {"id": "RS-ABCDE", "priority": "normal", "issue": {"category": "battery"},
           "customer": {"phone": "+12125550100", "sms_updates": True}}


def _copy_with(redis_client: Any, **changes: str) -> None:
    """What an intruder with Redis write access would do: re-add an entry with altered clear fields."""
    _, raw = redis_client.xrange(DISPATCH_STREAM)[0]
    fields = {k.decode(): v.decode() for k, v in raw.items()}
    redis_client.xadd(DISPATCH_STREAM, {**fields, **changes})


@pytest.mark.parametrize("changes", [
    {"priority": "urgent"}, {"category": "accident"}, {"type": "cancel"}, {"id": "RS-ZZZZZ"},
    {"priority": "urgent", "aad": "1"},
])
def test_a_copy_with_a_changed_clear_field_fails_to_decrypt(storage: Storage, redis_client: Any,
                                                            changes: dict[str, str]) -> None:
    queues.submit_dispatch(storage, "tok", REQUEST)
    _copy_with(redis_client, **changes)
    original, copy = redis_client.xrange(DISPATCH_STREAM)
    assert storage.dispatch.decode(*original).payload["request"]["id"] == "RS-ABCDE"
    with pytest.raises(DecryptError):
        storage.dispatch.decode(*copy)
    assert [e.fields["priority"] for e in storage.dispatch.read_all()] == ["normal"]


def test_the_console_queue_does_not_list_an_entry_copied_as_urgent(storage: Storage, redis_client: Any) -> None:
    queues.submit_dispatch(storage, "tok", REQUEST)
    _copy_with(redis_client, priority="urgent")
    board = ClaimBoard(storage.dispatch, 60_000)
    assert [(i.ref, i.priority) for i in board.items()] == [("RS-ABCDE", "normal")]


def test_an_entry_written_before_the_change_is_still_read(storage: Storage, redis_client: Any) -> None:
    stream = storage.dispatch
    ref = "RS-OLD01"
    sealed = storage.keyring.encrypt(json.dumps({"token": "tok", "request": {"id": ref}}).encode(), stream.aad(ref))
    redis_client.xadd(DISPATCH_STREAM, {"id": ref, "type": "request", "priority": "normal", "payload": sealed})
    time.sleep(0.002)
    queues.submit_dispatch(storage, "tok", REQUEST)  # the first entry with bound fields
    assert [e.payload["request"]["id"] for e in stream.read_all()] == [ref, "RS-ABCDE"]
    # ...but a copy of the old entry made now, re-labelled urgent, is refused.
    _, old = redis_client.xrange(DISPATCH_STREAM)[0]
    redis_client.xadd(DISPATCH_STREAM, {**old, b"priority": b"urgent"})
    assert [e.payload["request"]["id"] for e in stream.read_all()] == [ref, "RS-ABCDE"]
