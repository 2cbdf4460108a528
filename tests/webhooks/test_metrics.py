"""GET /metrics after real turns through the gateway: real Redis, Rasa played at its HTTP boundary."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from cli.redis_server import free_port
from conftest import ROOT, TEST_TWILIO_TOKEN, make_env
from helpers.fake_rasa import FakeRasa, fake_rasa
from helpers.twilio_requests import PUBLIC_BASE, messages, post_signed, sms_params
from messaging.outbound import NoSmsConsent, OptedOut
from server.app import create_app
from storage.keys import DISPATCH_STREAM
from storage.services import Storage
from storage.settings import Settings
from webhooks import metrics

PHONE = "+15085550142"
OTHER_PHONE = "+15085550177"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(app: Flask) -> Samples:
    resp = app.test_client().get("/metrics")
    assert resp.status_code == 200
    assert resp.mimetype == "text/plain"
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(resp.get_data(as_text=True)) for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    with fake_rasa() as fake:
        yield fake


def _app(redis_url: str, redis_client: Any, rasa_url: str) -> Flask:
    env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_URL=rasa_url, RASA_TIMEOUT_SECONDS="1")
    settings = Settings.from_env(env)
    return create_app(settings, storage=Storage.from_settings(settings, client=redis_client))


@pytest.fixture
def app(redis_url: str, redis_client: Any, rasa: FakeRasa) -> Flask:
    return _app(redis_url, redis_client, rasa.url)


@pytest.fixture
def rasa_down_app(redis_url: str, redis_client: Any) -> Flask:
    return _app(redis_url, redis_client, f"http://127.0.0.1:{free_port()}")


def sms(app: Flask, body: str, sender: str = PHONE) -> Any:
    resp = post_signed(app.test_client(), "/twilio/sms", sms_params(sender, body), TEST_TWILIO_TOKEN)
    assert resp.status_code == 200
    return resp


def call_turn(app: Flask, speech: str, sender: str = PHONE) -> Any:
    form = {"CallSid": "CA" + "2" * 32, "From": sender, "To": "+15005550006", "SpeechResult": speech,
            "Confidence": "0.9"}
    resp = post_signed(app.test_client(), "/twilio/voice/gather?retries=0&turn=1", form, TEST_TWILIO_TOKEN)
    assert resp.status_code == 200
    return resp


def test_turns_are_counted_and_timed_by_channel_and_language(app: Flask, rasa: FakeRasa) -> None:
    before = scrape(app)
    assert messages(sms(app, "battery dead on I-95 exit 12"))[0].startswith("Where is your car right now?")
    sms(app, "silver honda civic")
    assert b"Where is your car right now?" in call_turn(app, "flat tire on route 9").data
    after = scrape(app)
    assert len(rasa.received) == 3
    sms_en = {"channel": "sms", "language": "en"}
    voice_en = {"channel": "voice", "language": "en"}
    assert value(after, "roadside_turn_seconds_count", **sms_en) - value(before, "roadside_turn_seconds_count",
                                                                            **sms_en) == 2
    assert value(after, "roadside_turn_seconds_count", **voice_en) - value(before, "roadside_turn_seconds_count",
                                                                              **voice_en) == 1
    # The latency went into buckets: the slowest bucket holds every turn, the time spent is positive.
    assert value(after, "roadside_turn_seconds_bucket", **sms_en, le="+Inf") == value(
        after, "roadside_turn_seconds_count", **sms_en)
    assert value(after, "roadside_turn_seconds_sum", **sms_en) > value(before, "roadside_turn_seconds_sum", **sms_en)


def test_opt_outs_and_opt_ins_by_source(app: Flask) -> None:
    before = scrape(app)
    sms(app, "hello, my car broke down")  # first message: the implicit opt-in with the notice
    sms(app, "STOP")
    sms(app, "START")
    params = {"MessageSid": "SM1", "MessageStatus": "undelivered", "ErrorCode": "21610", "To": OTHER_PHONE,
              "From": "+15005550006"}
    assert post_signed(app.test_client(), "/twilio/status", params, TEST_TWILIO_TOKEN).status_code == 204
    after = scrape(app)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("roadside_opt_ins_total", channel="sms", source="first_message") == 1
    assert moved("roadside_opt_outs_total", channel="sms", source="keyword") == 1
    assert moved("roadside_opt_ins_total", channel="sms", source="keyword") == 1
    assert moved("roadside_opt_outs_total", channel="sms", source="twilio_21610") == 1


def test_rasa_down_counts_an_error_and_an_escalation(rasa_down_app: Flask) -> None:
    before = scrape(rasa_down_app)
    replies = messages(sms(rasa_down_app, "flat tire at exit 12"))
    assert any("slow right now" in r for r in replies)
    after = scrape(rasa_down_app)
    assert value(after, "roadside_dialogue_errors_total", kind="rasa_unavailable") - value(
        before, "roadside_dialogue_errors_total", kind="rasa_unavailable") == 1
    assert value(after, "roadside_escalations_total", reason="rasa_unavailable") - value(
        before, "roadside_escalations_total", reason="rasa_unavailable") == 1
    # Read from the escalation stream's clear fields: counts the bot's escalations as well.
    assert value(after, "roadside_escalations_last_hour", reason="rasa_unavailable") == 1
    assert value(after, "roadside_escalations_last_hour", reason="emergency") == 0


def test_empty_rasa_answer_is_a_dialogue_error(app: Flask, rasa: FakeRasa) -> None:
    rasa.replies = []
    before = scrape(app)
    replies = messages(sms(app, "my car is stuck"))
    assert replies  # the gateway re-asks rather than staying silent
    after = scrape(app)
    assert value(after, "roadside_dialogue_errors_total", kind="empty_answer") - value(
        before, "roadside_dialogue_errors_total", kind="empty_answer") == 1


def test_refused_sends_are_counted_by_kind_and_reason(app: Flask) -> None:
    gw = app.extensions["roadside"]
    st: Storage = gw.storage
    sms(app, "STOP")
    before = scrape(app)
    with pytest.raises(OptedOut):
        gw.outbound.send(st.token(PHONE), "An agent is looking at your request.", "agent")
    with pytest.raises(NoSmsConsent):
        gw.outbound.send(st.token(OTHER_PHONE), "Your truck is on the way.", "status")
    assert not gw.outbound.may_send(st.token(PHONE))  # a mere check sends nothing and blocks nothing
    after = scrape(app)
    assert value(after, "roadside_blocked_sends_total", kind="agent", reason="opted_out") - value(
        before, "roadside_blocked_sends_total", kind="agent", reason="opted_out") == 1
    assert value(after, "roadside_blocked_sends_total", kind="status", reason="no_consent") - value(
        before, "roadside_blocked_sends_total", kind="status", reason="no_consent") == 1
    assert value(after, "roadside_blocked_sends_total", kind="check", reason="opted_out") == 0
    assert value(after, "roadside_blocked_sends_total", kind="other", reason="opted_out") == value(
        before, "roadside_blocked_sends_total", kind="other", reason="opted_out")


def _publish(st: Storage, n: int) -> list[str]:
    return [st.dispatch.publish({"id": f"RS-TEST{i}", "category": "battery", "priority": "normal"},
                                {"customer": {"phone": PHONE}, "issue": {"text": "won't start"}}) for i in range(n)]


def test_queue_depth_matches_the_unacknowledged_dispatch_entries(app: Flask, redis_client: Any) -> None:
    st: Storage = app.extensions["roadside"].storage
    assert value(scrape(app), "roadside_queue_depth", queue="dispatch") == 0
    # One entry two minutes old (an id in Redis's own clock), then five fresh ones.
    seconds, _ = redis_client.time()
    st.dispatch.ensure_group()
    old_id = f"{(int(seconds) - 120) * 1000}-0"
    # Sealed as publish() seals, so the stream's own reader counts it too.
    clear = {"id": "RS-OLD", "category": "tow", "priority": "normal", "at": "2026-01-01T00:00:00Z", "aad": "2"}
    sealed = st.keyring.encrypt(json.dumps({"issue": {"text": "stuck"}}).encode(), st.dispatch.bound_aad(clear))
    redis_client.xadd(DISPATCH_STREAM, {**clear, "payload": sealed}, id=old_id)
    _publish(st, 5)
    samples = scrape(app)
    assert value(samples, "roadside_queue_depth", queue="dispatch") == 6 == len(st.dispatch.unacknowledged())
    assert 119 <= value(samples, "roadside_queue_oldest_pending_seconds", queue="dispatch") < 140

    claimed = st.dispatch.claim("dispatcher-1", count=3)  # three pending, three never delivered
    assert st.dispatch.ack(claimed[0].entry_id)  # the old one is done
    samples = scrape(app)
    assert value(samples, "roadside_queue_depth", queue="dispatch") == 5 == len(st.dispatch.unacknowledged())
    assert 0 <= value(samples, "roadside_queue_oldest_pending_seconds", queue="dispatch") < 30

    # Deleting an entry makes Redis forget the group's lag: the depth is then counted entry by entry.
    last = redis_client.xrevrange(DISPATCH_STREAM, count=1)[0][0]
    redis_client.xdel(DISPATCH_STREAM, last)
    samples = scrape(app)
    assert value(samples, "roadside_queue_depth", queue="dispatch") == 4 == len(st.dispatch.unacknowledged())
    for entry in st.dispatch.claim("dispatcher-1", count=10) + claimed[1:]:
        st.dispatch.ack(entry.entry_id)
    samples = scrape(app)
    assert value(samples, "roadside_queue_depth", queue="dispatch") == 0
    assert value(samples, "roadside_queue_oldest_pending_seconds", queue="dispatch") == 0


ALLOWED_LABEL_VALUES = {
    *metrics.CHANNELS, *metrics.LANGUAGES, *metrics.ESCALATION_REASONS, *metrics.CONSENT_SOURCES,
    *metrics.DIALOGUE_ERRORS, *metrics.DEPENDENCIES, *metrics.SEND_KINDS, *metrics.BLOCK_REASONS, metrics.OTHER,
    "dispatch",
}


def test_no_phone_token_or_text_anywhere_in_the_metrics(app: Flask, rasa: FakeRasa) -> None:
    st: Storage = app.extensions["roadside"].storage
    texts = ["my battery is dead at 12 Elm Street", "silver 2014 honda civic"]
    for text in texts:
        sms(app, text)
    call_turn(app, "tow me to 99 Main Road please", sender=OTHER_PHONE)
    sms(app, "STOP")
    _publish(st, 2)
    post_signed(app.test_client(), "/twilio/sms", sms_params(PHONE, "START", OptOutType="START"), TEST_TWILIO_TOKEN)
    body = app.test_client().get("/metrics").get_data(as_text=True)
    forbidden = [PHONE, PHONE[1:], PHONE[-10:], OTHER_PHONE[-10:], st.token(PHONE), st.token(OTHER_PHONE),
                 *texts, "99 Main Road", "Elm Street", "honda", *rasa.replies]
    for needle in forbidden:
        assert needle.lower() not in body.lower(), needle
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            for name, label_value in sample.labels.items():
                if name != "le":
                    assert label_value in ALLOWED_LABEL_VALUES, (sample.name, name, label_value)


def test_metrics_answer_when_redis_is_down(redis_url: str) -> None:
    env = make_env(f"redis://127.0.0.1:{free_port()}/0", PUBLIC_BASE_URL=PUBLIC_BASE)
    app = create_app(Settings.from_env(env))
    resp = app.test_client().get("/metrics")
    assert resp.status_code == 200
    assert "roadside_redis_up 0.0" in resp.get_data(as_text=True)
    assert "roadside_queue_depth" not in resp.get_data(as_text=True)


def test_readiness_failures_are_counted_by_dependency(rasa_down_app: Flask) -> None:
    before = scrape(rasa_down_app)
    assert rasa_down_app.test_client().get("/readyz").status_code == 503
    after = scrape(rasa_down_app)
    assert value(after, "roadside_readiness_failures_total", dependency="rasa") - value(
        before, "roadside_readiness_failures_total", dependency="rasa") == 1
    assert value(after, "roadside_readiness_failures_total", dependency="redis") == value(
        before, "roadside_readiness_failures_total", dependency="redis")


COUNT_IN_A_WORKER = """
from webhooks import metrics
metrics.opt_out("sms", "keyword")
metrics.opt_out("sms", "keyword")
"""

SCRAPE_LIKE_THE_VIEW = """
from prometheus_client import generate_latest
from webhooks import metrics
print(generate_latest(metrics._counters()).decode())
"""


def test_worker_processes_are_summed_in_multiprocess_mode(tmp_path: Any) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # two gunicorn workers, each with its own memory
        subprocess.run([sys.executable, "-c", COUNT_IN_A_WORKER], env=env, check=True, timeout=60)
    out = subprocess.run([sys.executable, "-c", SCRAPE_LIKE_THE_VIEW], env=env, check=True, timeout=60,
                         capture_output=True, text=True).stdout
    samples = {(s.name, frozenset(s.labels.items())): s.value
               for family in text_string_to_metric_families(out) for s in family.samples}
    assert samples[("roadside_opt_outs_total", frozenset({("channel", "sms"), ("source", "keyword")}))] == 4


def test_stack_gives_the_web_workers_a_fresh_private_metrics_dir() -> None:
    from cli.stack import Ports, service_env

    ports = Ports(web=free_port())
    first = service_env({}, ports)["PROMETHEUS_MULTIPROC_DIR"]
    with open(os.path.join(first, "counter_1.db"), "w"):
        pass  # a file left by an earlier run
    second = service_env({}, ports)["PROMETHEUS_MULTIPROC_DIR"]
    assert first == second and os.listdir(second) == []  # an earlier run's counts are not added to this one
    assert os.stat(second).st_mode & 0o077 == 0
    given = {"PROMETHEUS_MULTIPROC_DIR": "/srv/metrics"}
    assert service_env(given, ports)["PROMETHEUS_MULTIPROC_DIR"] == "/srv/metrics"
    shutil.rmtree(second)


def test_twilio_21610_on_a_send_counts_an_opt_out_and_a_blocked_send(redis_url: str, redis_client: Any,
                                                                      rasa: FakeRasa) -> None:
    from helpers.fake_twilio import fake_twilio

    with fake_twilio() as twilio_api:
        env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_URL=rasa.url, TWILIO_API_BASE=twilio_api.url)
        settings = Settings.from_env(env)
        app = create_app(settings, storage=Storage.from_settings(settings, client=redis_client))
        gw = app.extensions["roadside"]
        sms(app, "my car broke down")  # a texting customer may be answered by text
        twilio_api.refuse_unsubscribed(PHONE)
        before = scrape(app)
        with pytest.raises(OptedOut):
            gw.outbound.send(gw.storage.token(PHONE), "An agent is on it.", "agent")
        after = scrape(app)
    assert value(after, "roadside_opt_outs_total", channel="sms", source="twilio_21610") - value(
        before, "roadside_opt_outs_total", channel="sms", source="twilio_21610") == 1
    assert value(after, "roadside_blocked_sends_total", kind="agent", reason="twilio_21610") - value(
        before, "roadside_blocked_sends_total", kind="agent", reason="twilio_21610") == 1


def test_voice_yes_to_texts_and_an_empty_voice_answer(app: Flask, rasa: FakeRasa) -> None:
    before = scrape(app)
    form = {"CallSid": "CA" + "3" * 32, "From": OTHER_PHONE, "To": "+15005550006", "Digits": "1"}
    resp = post_signed(app.test_client(), "/twilio/voice/sms-consent?ref=RS-ABCDE", form, TEST_TWILIO_TOKEN)
    assert b"we'll text you updates" in resp.data
    rasa.replies = []
    assert b"I missed that" in call_turn(app, "hello").data
    after = scrape(app)
    assert value(after, "roadside_opt_ins_total", channel="voice", source="voice_yes") - value(
        before, "roadside_opt_ins_total", channel="voice", source="voice_yes") == 1
    assert value(after, "roadside_dialogue_errors_total", kind="empty_answer") - value(
        before, "roadside_dialogue_errors_total", kind="empty_answer") == 1
