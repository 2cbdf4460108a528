"""Issue 12, item 4: export and erase find a customer's stream entries through a per-token index.

Other customers' entries are never decrypted; entries written before the index
existed are still found (read in full until `roadside index-streams` indexes them).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from typing import Any

import pytest

from cli.main import main
from conftest import make_env
from storage.contacts import Contact
from storage.crypto import KeyRing
from storage.erasure import erase_token, export_token
from storage.keys import (
    DISPATCH_STREAM,
    ESCALATION_STREAM,
    linked_key,
    stream_index_key,
    stream_indexed_since_key,
)
from storage.queues import escalate, submit_dispatch
from storage.services import Storage
from storage.settings import Settings

PHONE = "+15085550142"
OTHER = "+15085550199"


def run_index_streams(monkeypatch: pytest.MonkeyPatch, redis_url: str, settings: Settings) -> int:
    """`roadside index-streams` against the test Redis, with the test's keys."""
    env = make_env(redis_url)
    env.update({"ROADSIDE_DATA_KEYS": settings.data_keys.spec(),
                "ROADSIDE_TOKEN_KEY": base64.b64encode(settings.token_key).decode()})
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return main(["index-streams"])


@pytest.fixture
def decrypted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The associated data of every value decrypted while the test runs."""
    seen: list[str] = []
    real = KeyRing.decrypt

    def counting(self: KeyRing, envelope: str | bytes, aad: str) -> bytes:
        seen.append(aad)
        return real(self, envelope, aad)

    monkeypatch.setattr(KeyRing, "decrypt", counting)
    yield seen


def _request(request_id: str, phone: str | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"id": request_id, "issue": {"category": "fuel"}}
    if phone:
        request["customer"] = {"phone": phone}
    return request


def _stream_reads(aads: list[str]) -> list[str]:
    return [a for a in aads if a.startswith((DISPATCH_STREAM + "#", ESCALATION_STREAM + "#"))]


def test_export_and_erase_decrypt_only_the_customers_entries(storage: Storage, decrypted: list[str]) -> None:
    token, other = storage.token(PHONE), storage.token(OTHER)
    for i in range(300):
        submit_dispatch(storage, other, _request(f"RS-O{i:04d}", OTHER))
    submit_dispatch(storage, token, _request("RS-MINE1", PHONE))
    storage.contacts.save(token, Contact(PHONE, "sms", "en", "US"))
    escalate(storage, token, reason="asked_for_agent", priority="normal", summary={"pickup": "exit 12"})
    decrypted.clear()

    data = export_token(storage, token, actor="cli:operator")
    assert [d["request"]["id"] for d in data["dispatch_requests"]] == ["RS-MINE1"]
    assert [e["summary"] for e in data["escalations"]] == [{"pickup": "exit 12"}]
    assert len(_stream_reads(decrypted)) == 2

    decrypted.clear()
    assert erase_token(storage, token, actor="cli:operator")["stream_entries"] == 2
    assert len(_stream_reads(decrypted)) == 2
    assert storage.client.xlen(DISPATCH_STREAM) == 300
    assert storage.client.exists(stream_index_key(token, DISPATCH_STREAM)) == 0  # erased with the customer
    assert len(export_token(storage, other, actor="cli:operator")["dispatch_requests"]) == 300


def test_the_index_holds_entry_ids_under_the_token_with_the_streams_retention(storage: Storage,
                                                                              redis_client: Any) -> None:
    token = storage.token(PHONE)
    entry_id = submit_dispatch(storage, token, _request("RS-MINE1", PHONE))
    key = stream_index_key(token, DISPATCH_STREAM)
    assert key == f"roadside:entries:{{{token}}}:dispatch" and PHONE[2:] not in key
    assert redis_client.zrange(key, 0, -1, withscores=True) == [(entry_id.encode(), float(entry_id.split("-")[0]))]
    retention_ms = storage.dispatch.retention_ms
    assert retention_ms - 5000 < redis_client.pttl(key) <= retention_ms


def test_trimmed_entries_drop_out_of_the_index(storage: Storage, redis_client: Any) -> None:
    token = storage.token(PHONE)
    storage.dispatch.retention_ms = storage.dispatch.index.retention_ms = 1000
    first = submit_dispatch(storage, token, _request("RS-OLD01", PHONE))
    redis_client.xtrim(DISPATCH_STREAM, minid=f"{int(first.split('-')[0]) + 1}-0")  # retention trimmed it
    assert export_token(storage, token, actor="cli:operator")["dispatch_requests"] == []
    time.sleep(1.1)
    second = submit_dispatch(storage, token, _request("RS-NEW01", PHONE))
    key = stream_index_key(token, DISPATCH_STREAM)
    assert [i.decode() for i in redis_client.zrange(key, 0, -1)] == [second]
    assert 0 < redis_client.pttl(key) <= 1000
    assert [d["request"]["id"] for d in export_token(storage, token, actor="t")["dispatch_requests"]] == ["RS-NEW01"]


def test_an_entry_is_indexed_under_the_number_it_carries(storage: Storage) -> None:
    """A withheld-id call's request names its own conversation but carries the customer's number."""
    token = storage.token(PHONE)
    submit_dispatch(storage, "call-CA0123456789abcdef", _request("RS-CALL1", PHONE))  # no contact record left
    assert [d["request"]["id"] for d in export_token(storage, token, actor="t")["dispatch_requests"]] == ["RS-CALL1"]
    assert erase_token(storage, token, actor="t")["stream_entries"] == 1
    assert storage.client.xlen(DISPATCH_STREAM) == 0


def _as_before_the_index(storage: Storage, redis_client: Any) -> None:
    """Leave Redis as the code before the index wrote it: entries, no index keys, no mark."""
    for key in redis_client.scan_iter(match="roadside:entries:*"):
        redis_client.delete(key)
    redis_client.delete(stream_indexed_since_key(DISPATCH_STREAM), stream_indexed_since_key(ESCALATION_STREAM))


def test_entries_from_before_the_index_are_still_found_then_indexed_once(
        storage: Storage, redis_client: Any, redis_url: str, settings: Settings, decrypted: list[str],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    token, other = storage.token(PHONE), storage.token(OTHER)
    for i in range(50):
        submit_dispatch(storage, other, _request(f"RS-O{i:04d}", OTHER))
    submit_dispatch(storage, token, _request("RS-OLD01", PHONE))
    _as_before_the_index(storage, redis_client)
    submit_dispatch(storage, token, _request("RS-NEW01", PHONE))  # the first indexed entry sets the mark

    assert [d["request"]["id"] for d in export_token(storage, token, actor="t")["dispatch_requests"]] == [
        "RS-OLD01", "RS-NEW01"]

    assert run_index_streams(monkeypatch, redis_url, settings) == 0
    assert "roadside:dispatch: indexed 52 entries by customer" in capsys.readouterr().out
    assert redis_client.get(stream_indexed_since_key(DISPATCH_STREAM)) == b"0-0"

    decrypted.clear()
    assert [d["request"]["id"] for d in export_token(storage, token, actor="t")["dispatch_requests"]] == [
        "RS-OLD01", "RS-NEW01"]
    assert len(_stream_reads(decrypted)) == 2  # the other customer's 50 are no longer opened
    assert erase_token(storage, token, actor="t")["stream_entries"] == 2
    assert len(export_token(storage, other, actor="t")["dispatch_requests"]) == 50


def test_a_dead_lettered_entry_is_found_through_its_source(storage: Storage) -> None:
    from storage.streams import EncryptedStream

    token = storage.token(PHONE)
    submit_dispatch(storage, storage.token(OTHER), _request("RS-OTHER", OTHER))
    submit_dispatch(storage, token, _request("RS-MINE1", PHONE))
    impatient = EncryptedStream(storage.client, storage.keyring, DISPATCH_STREAM, "dispatchers", max_deliveries=1)
    impatient.claim("crashy", count=10)
    time.sleep(0.02)
    impatient.reclaim("next", min_idle_ms=10, count=10)
    dead = export_token(storage, token, actor="t")["dead_letters"]
    assert [d["request"]["id"] for d in dead] == ["RS-MINE1"]
    erase_token(storage, token, actor="t")
    assert [e.payload["request"]["id"] for e in storage.dispatch.dead_letters()] == ["RS-OTHER"]


def test_index_streams_lists_withheld_id_calls_saved_before_the_lists(storage: Storage, settings: Settings,
                                                                     redis_url: str, redis_client: Any,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A call's contact record written by a version without the list is found once the command has run."""
    token = storage.token(PHONE)
    call = "call-CA00112233445566778899aabbccddeeff"
    storage.contacts.save(call, Contact(PHONE, "voice", "en", "US"))
    storage.contacts.save(token, Contact(PHONE, "sms", "en", "US"))
    redis_client.delete(linked_key(token))  # as the older version left it: the record, no list
    assert export_token(storage, token, actor="t")["other_conversations"] == []

    assert run_index_streams(monkeypatch, redis_url, settings) == 0
    assert "contacts: listed 1 withheld-id calls under the number they keyed in" in capsys.readouterr().out

    assert [c["contact"]["phone"] for c in export_token(storage, token, actor="t")["other_conversations"]] == [PHONE]
    erase_token(storage, token, actor="t")
    assert storage.contacts.load(call) is None
