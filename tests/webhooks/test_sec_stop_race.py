"""Issue 14, item 4: a STOP that races a first message or a running turn always wins.

The running-turn race needs the real Rasa: tests/e2e/test_sec_stop_race.py.
"""

from __future__ import annotations

import threading
from typing import Any

from helpers.gateway import gateway_app, storage_of, text_in
from helpers.twilio_requests import messages
from storage.consent import OPTED_IN, OPTED_OUT, UNKNOWN
from storage.services import Storage


def test_first_message_opt_in_never_overwrites_an_opt_out(storage: Storage) -> None:
    token = storage.token("+15085550142")
    storage.consent.opt_out(token, channel="sms", how="STOP")
    assert storage.consent.opt_in_if_unknown(token, channel="sms", how="first_message") == OPTED_OUT
    rec = storage.consent.load(token)
    assert rec.status == OPTED_OUT and [h["event"] for h in rec.history] == ["opt_out"]


def test_first_message_opt_in_moves_only_unknown(storage: Storage) -> None:
    token = storage.token("+15085550143")
    assert storage.consent.opt_in_if_unknown(token, channel="sms", how="first_message") == UNKNOWN
    assert storage.consent.opt_in_if_unknown(token, channel="sms", how="first_message") == OPTED_IN
    assert [h["how"] for h in storage.consent.load(token).history] == ["first_message"]


def test_stop_racing_a_first_message_always_ends_opted_out(redis_url: str, redis_client: Any) -> None:
    """Each pair: a first message and a STOP from the same new number, sent at once."""
    app = gateway_app(redis_url, redis_client)
    st = storage_of(app)
    phones = [f"+1617555{i:04d}" for i in range(40)]
    replies: dict[str, list[str]] = {}

    def send(phone: str, body: str, gate: threading.Barrier) -> None:
        gate.wait()
        replies[f"{phone}:{body}"] = messages(text_in(app, phone, body))

    for phone in phones:
        gate = threading.Barrier(2)
        threads = [threading.Thread(target=send, args=(phone, body, gate)) for body in ("my battery is dead", "STOP")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for phone in phones:
        assert st.consent.load(st.token(phone)).status == OPTED_OUT, phone
        assert "unsubscribed" in replies[f"{phone}:STOP"][0]
