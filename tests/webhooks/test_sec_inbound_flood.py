"""Issue 14, item 8: per-number limits on inbound turns and dispatch requests; replies capped in parts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from flask import Flask

from helpers.gateway import call_post, gateway_app, spoken, storage_of, text_in
from helpers.twilio_requests import messages
from storage import queues
from storage.errors import ConfigError
from storage.rate_limits import DispatchLimitReached, RateLimits, dispatch_refused
from storage.services import Storage
from webhooks.twiml import sms_reply

PHONE = "+15085550142"


@pytest.fixture
def tight(redis_url: str, redis_client: Any) -> Flask:
    return gateway_app(redis_url, redis_client, ROADSIDE_TURNS_PER_MINUTE="3", ROADSIDE_TURNS_PER_HOUR="50")


def test_a_flood_gets_one_polite_reply_then_silence(tight: Flask) -> None:
    for i in range(3):
        assert text_in(tight, PHONE, f"hello {i}").status_code == 200
    [polite] = messages(text_in(tight, PHONE, "hello again"))
    assert "faster than we can read" in polite and "911" in polite
    for _ in range(5):
        assert messages(text_in(tight, PHONE, "spam")) == []
    st = storage_of(tight)
    # Over the limit nothing more reaches a person's inbox either.
    assert len(st.handoff.messages(st.token(PHONE))) == 2


def test_consent_keywords_are_never_limited(tight: Flask) -> None:
    for i in range(6):
        text_in(tight, PHONE, f"hello {i}")
    assert "Msg&data rates may apply" in messages(text_in(tight, PHONE, "HELP"))[0]
    assert "unsubscribed" in messages(text_in(tight, PHONE, "STOP"))[0]
    assert "subscribed again" in messages(text_in(tight, PHONE, "START"))[0]


def test_other_numbers_are_not_affected(tight: Flask) -> None:
    for i in range(6):
        text_in(tight, PHONE, f"hello {i}")
    assert any("slow right now" in r for r in messages(text_in(tight, "+15085550143", "flat tire")))


def test_counters_are_small_expiring_and_impersonal(tight: Flask) -> None:
    for i in range(4):
        text_in(tight, PHONE, f"hello {i}")
    st = storage_of(tight)
    keys = sorted(k.decode() for k in st.client.scan_iter("roadside:rate:*"))
    token = st.token(PHONE)
    assert keys == [f"roadside:rate:{{{token}}}:turns:hour", f"roadside:rate:{{{token}}}:turns:minute"]
    assert 0 < st.client.ttl(keys[1]) <= 60 and 0 < st.client.ttl(keys[0]) <= 3600
    assert [st.client.get(k) for k in keys] == [b"4", b"4"]
    assert all("5085550142" not in k for k in keys)


def test_voice_turns_over_the_limit_go_to_a_person(tight: Flask) -> None:
    sid = "CA" + "4" * 32
    for turn in range(1, 4):
        call_post(tight, f"/twilio/voice/gather?retries=0&turn={turn}", PHONE, sid, Digits="5")
    root = call_post(tight, "/twilio/voice/gather?retries=0&turn=4", PHONE, sid, Digits="5")
    assert "Connecting you to a person" in spoken(root)
    assert root.find("Dial") is not None or root.find("Enqueue") is not None


def test_reply_parts_are_capped_and_notices_kept() -> None:
    long_answers = [(f"Answer {i}: " + "a very long street name " * 20 + ".") for i in range(17)]
    question = "Is that right? Reply YES to send help, or tell me what to change."
    notice = "Roadside Assist: we use this number only to help. Reply STOP to opt out, HELP for help."
    root = ET.fromstring(sms_reply([*long_answers, question], 4, [notice]).get_data())
    parts = [m.text or "" for m in root.iter("Message")]
    assert len(parts) == 4
    assert parts[0].startswith("Answer 0:") and parts[1].endswith("…")
    assert parts[2] == question and parts[3] == notice  # the question and the notice are never cut
    uncapped = ET.fromstring(sms_reply(long_answers).get_data())
    assert len(list(uncapped.iter("Message"))) >= 17


def test_limits_come_from_the_environment() -> None:
    env = {"ROADSIDE_TURNS_PER_MINUTE": "7", "ROADSIDE_TURNS_PER_HOUR": "70", "ROADSIDE_DISPATCH_PER_DAY": "2",
           "ROADSIDE_MAX_REPLY_PARTS": "3"}
    assert RateLimits.from_env(env) == RateLimits(7, 70, 2, 3)
    assert RateLimits.from_env({}) == RateLimits()
    with pytest.raises(ConfigError, match="ROADSIDE_DISPATCH_PER_DAY"):
        RateLimits.from_env({"ROADSIDE_DISPATCH_PER_DAY": "many"})
    with pytest.raises(ConfigError, match="at least 1"):
        RateLimits.from_env({"ROADSIDE_TURNS_PER_MINUTE": "0"})


def test_dispatch_requests_beyond_the_daily_limit_are_refused(storage: Storage) -> None:
    token = storage.token(PHONE)
    for i in range(2):
        queues.submit_dispatch(storage, token, {"id": f"RS-AAAA{i}", "issue": {"category": "fuel"}}, per_day=2)
    with pytest.raises(DispatchLimitReached):
        queues.submit_dispatch(storage, token, {"id": "RS-AAAA2", "issue": {"category": "fuel"}}, per_day=2)
    assert [e.fields["id"] for e in storage.dispatch.read_all()] == ["RS-AAAA0", "RS-AAAA1"]
    assert dispatch_refused(storage.client, token) and not dispatch_refused(storage.client, token)
    assert 0 < storage.client.ttl(f"roadside:rate:{{{token}}}:dispatch:day") <= 86400
    other = storage.token("+15085550143")
    queues.submit_dispatch(storage, other, {"id": "RS-BBBB0", "issue": {"category": "fuel"}}, per_day=2)
