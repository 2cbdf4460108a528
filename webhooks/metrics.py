"""Prometheus metrics of the gateway, served at GET /metrics.

Every label value comes from a small fixed set below; anything else is counted
as "other". No phone number, token, reference or message text ever becomes a
label, so a scrape can be shipped to any monitoring system.

Several gunicorn workers serve the app (cli/stack.py). Each worker counts in
its own memory, so a scrape answered by one worker would only show that
worker's share. prometheus-client's multiprocess mode keeps each worker's
values in small memory-mapped files under PROMETHEUS_MULTIPROC_DIR and sums
them at scrape time, whichever worker answers. We chose it over a push
gateway or a Redis-backed counter because it is the library's own answer for
pre-forking servers and needs no extra service. Only counters and histograms
are kept that way: the queue figures are read from Redis at scrape time, so
they are right in any worker and need no per-process gauge (and so no
``mark_process_dead`` hook in gunicorn).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from redis.exceptions import RedisError

from storage.backlog import backlog, field_counts_since, redis_now_ms
from storage.streams import EncryptedStream

log = logging.getLogger(__name__)
bp = Blueprint("metrics", __name__)

OTHER = "other"
CHANNELS = ("sms", "voice")
LANGUAGES = ("en", "vi", "id", "ru")
ESCALATION_REASONS = ("asked_for_agent", "dispatch_limit", "emergency", "rasa_unavailable", "turn_limit")
CONSENT_SOURCES = ("keyword", "twilio_21610", "first_message", "voice_yes")
DIALOGUE_ERRORS = ("rasa_unavailable", "empty_answer")
DEPENDENCIES = ("redis", "rasa", "action_server")
SEND_KINDS = ("bot", "agent", "status", "reminder", "survey")
BLOCK_REASONS = ("opted_out", "no_consent", "twilio_21610")
RECENT_ESCALATIONS_SECONDS = 3600

# Our own registry: the default one would also carry process metrics that are
# wrong in multiprocess mode.
REGISTRY = CollectorRegistry(auto_describe=True)

TURN_SECONDS = Histogram(
    "roadside_turn_seconds", "Time the gateway waited for the dialogue (Rasa and the action server) in one turn; "
    "its _count is the number of turns.", ["channel", "language"], registry=REGISTRY,
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0))
OPT_OUTS = Counter("roadside_opt_outs", "Opt-outs recorded.", ["channel", "source"], registry=REGISTRY)
OPT_INS = Counter("roadside_opt_ins", "Opt-ins recorded.", ["channel", "source"], registry=REGISTRY)
ESCALATIONS = Counter("roadside_escalations", "Conversations the gateway put in front of a person.", ["reason"],
                      registry=REGISTRY)
DIALOGUE_ERRORS_TOTAL = Counter(
    "roadside_dialogue_errors", "Turns Rasa or the action server could not answer: rasa_unavailable (down, "
    "timeout, bad reply) or empty_answer (a 200 with no text).", ["kind"], registry=REGISTRY)
READINESS_FAILURES = Counter("roadside_readiness_failures", "Readiness probes that found a dependency down.",
                             ["dependency"], registry=REGISTRY)
BLOCKED_SENDS = Counter("roadside_blocked_sends", "Outbound SMS the consent guard (or Twilio's 21610) refused.",
                        ["kind", "reason"], registry=REGISTRY)


def _one_of(value: str | None, allowed: Iterable[str]) -> str:
    """``value`` if it is in the fixed set, else "other": no free text reaches a label."""
    return value if value is not None and value in allowed else OTHER


def _language(value: str | None) -> str:
    """"en-US" and "en" both count as "en"."""
    return _one_of((value or "").split("-")[0].lower(), LANGUAGES)


@contextmanager
def timed_turn(channel: str, language: str | None) -> Iterator[None]:
    """Count one dialogue turn and how long it took, whether or not it succeeded."""
    start = time.perf_counter()
    try:
        yield
    finally:
        TURN_SECONDS.labels(_one_of(channel, CHANNELS), _language(language)).observe(time.perf_counter() - start)


def opt_out(channel: str, source: str) -> None:
    OPT_OUTS.labels(_one_of(channel, CHANNELS), _one_of(source, CONSENT_SOURCES)).inc()


def opt_in(channel: str, source: str) -> None:
    OPT_INS.labels(_one_of(channel, CHANNELS), _one_of(source, CONSENT_SOURCES)).inc()


def escalation(reason: str) -> None:
    ESCALATIONS.labels(_one_of(reason, ESCALATION_REASONS)).inc()


def dialogue_error(kind: str) -> None:
    DIALOGUE_ERRORS_TOTAL.labels(_one_of(kind, DIALOGUE_ERRORS)).inc()


def readiness_failures(down: Iterable[str]) -> None:
    for dependency in down:
        READINESS_FAILURES.labels(_one_of(dependency, DEPENDENCIES)).inc()


def blocked_send(kind: str, reason: str) -> None:
    BLOCKED_SENDS.labels(_one_of(kind, SEND_KINDS), _one_of(reason, BLOCK_REASONS)).inc()


def _id_ms(entry_id: str) -> int:
    return int(entry_id.split("-")[0])


class QueueCollector:
    """Reads the streams' backlog from Redis at scrape time (storage/backlog.py): never a payload."""

    def __init__(self, client: Any, queues: dict[str, EncryptedStream], escalations: EncryptedStream) -> None:
        self.client = client
        self.queues = queues
        self.escalations = escalations

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("roadside_redis_up", "1 when Redis answered this scrape.")
        try:
            now_ms = redis_now_ms(self.client)
            depth = GaugeMetricFamily("roadside_queue_depth", "Entries not yet acknowledged by the consumer "
                                      "group (pending plus never delivered).", labels=["queue"])
            oldest = GaugeMetricFamily("roadside_queue_oldest_pending_seconds", "Age of the oldest entry not yet "
                                       "acknowledged; 0 when the queue is empty.", labels=["queue"])
            for name, stream in self.queues.items():
                count, first_id = backlog(self.client, stream)
                depth.add_metric([name], count)
                oldest.add_metric([name], max(0, now_ms - _id_ms(first_id)) / 1000 if first_id else 0.0)
            recent = self._recent_escalations(now_ms)
        except RedisError as exc:
            log.warning("metrics: Redis unavailable at scrape time (%s)", exc.__class__.__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield from (up, depth, oldest, recent)

    def _recent_escalations(self, now_ms: int) -> GaugeMetricFamily:
        """Escalations of the last hour by reason, from every process (the bot's actions escalate too)."""
        recent = GaugeMetricFamily("roadside_escalations_last_hour", "Escalations published in the last hour, by "
                                   "reason (the gateway's and the bot's).", labels=["reason"])
        counts = dict.fromkeys((*ESCALATION_REASONS, OTHER), 0)
        since = now_ms - RECENT_ESCALATIONS_SECONDS * 1000
        for reason, count in field_counts_since(self.client, self.escalations, "reason", since).items():
            counts[_one_of(reason, ESCALATION_REASONS)] += count
        for reason, count in counts.items():
            recent.add_metric([reason], count)
        return recent


class _Scrape:
    """What one scrape reports: the counters (every worker's, summed) and the queues."""

    def __init__(self, *sources: Any) -> None:
        self.sources = sources

    def collect(self) -> Iterator[Metric]:
        for source in self.sources:
            yield from source.collect()


def _counters() -> Any:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return REGISTRY  # one process (tests, `flask run`): its own values are the whole picture
    merged = CollectorRegistry()
    MultiProcessCollector(merged, path=directory)
    return merged


@bp.get("/metrics")
def metrics() -> Response:
    # Imported here: outbound (which the gateway holds) counts into this module, so a top-level import
    # of the gateway would be circular.
    from webhooks.context import gateway

    storage = gateway().storage
    # Escalations are not acknowledged by anyone today (agents claim them through hand-off records), so only
    # the dispatch stream has a meaningful backlog.
    queues = QueueCollector(storage.client, {"dispatch": storage.dispatch}, storage.escalations)
    body = generate_latest(_Scrape(_counters(), queues))  # type: ignore[arg-type]
    return Response(body, content_type=CONTENT_TYPE_LATEST)
