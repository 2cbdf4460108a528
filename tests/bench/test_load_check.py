"""The load benchmark's lost/doubled count reads Redis, so it must see a lost or doubled text."""

from __future__ import annotations

import json

import pytest

from bench.load_check import check
from bench.load_drivers import SCRIPT, Run, Turn
from storage.keys import tracker_key
from storage.queues import escalate, submit_dispatch
from storage.services import Storage

PHONE = "+15085550142"


def _tracker(storage: Storage, token: str, texts: list[str]) -> None:
    events = [{"event": "user", "text": t} for t in texts]
    key = tracker_key(token)
    storage.client.set(key, storage.keyring.encrypt(json.dumps({"events": events}).encode(), key))


def _run(phone: str = PHONE) -> Run:
    return Run([Turn(phone, text, 0.1, ["ok"]) for text in SCRIPT], wall=1.0)


def test_a_whole_intake_handled_once_is_neither_lost_nor_doubled(storage: Storage) -> None:
    token = storage.token(PHONE)
    _tracker(storage, token, list(SCRIPT))
    submit_dispatch(storage, token, {"id": "RS-AAAAA", "issue": {"category": "battery"}})
    out = check(storage, _run())
    assert (out.lost, out.doubled, out.requests, out.intakes) == (0, 0, 1, 1)


def test_a_text_missing_from_the_tracker_is_lost_and_one_held_twice_is_doubled(storage: Storage) -> None:
    token = storage.token(PHONE)
    _tracker(storage, token, [SCRIPT[0], SCRIPT[0]])  # the first text twice, the others never
    out = check(storage, _run())
    assert out.doubled == 1
    assert out.lost == 3  # two texts, and the intake that left no request


def test_a_second_request_is_doubled_and_an_escalated_text_is_kept(storage: Storage) -> None:
    from storage.contacts import Contact

    token = storage.token(PHONE)
    storage.contacts.save(token, Contact(PHONE))
    _tracker(storage, token, list(SCRIPT[:2]))
    escalate(storage, token, reason="rasa_unavailable", priority="normal", summary={}, message=SCRIPT[2])
    for ref in ("RS-AAAAA", "RS-BBBBB"):
        submit_dispatch(storage, token, {"id": ref, "issue": {"category": "battery"}})
    out = check(storage, _run())
    assert (out.lost, out.doubled, out.escalated) == (0, 1, 1)


def test_the_cpu_split_prints_each_process_per_turn() -> None:
    from bench.sms_load import cpu_split
    line = cpu_split({"rasa": 1.0, "actions": 0.5}, {"rasa": 3.0, "actions": 0.9}, 100)
    assert line == "  CPU ms per turn: rasa 20.0, actions 4.0"
    assert cpu_split({"rasa": 1.0}, {"rasa": 1.0}, 0) == "  CPU ms per turn: "


def test_gunicorns_master_is_counted_without_its_workers() -> None:
    import os

    from bench.load_stack import cpu_by_process, cpu_seconds
    me = os.getpid()
    split = cpu_by_process({"web master": [me], "rasa": [me]})
    assert split["web master"] == pytest.approx(cpu_seconds([me], descendants=False), abs=0.05)
    assert split["rasa"] >= split["web master"]
