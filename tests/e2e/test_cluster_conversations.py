"""Two Rasa servers, two web workers and a three-master Redis Cluster serve simultaneous conversations.

Issue 12, item 2. The 100-conversation run is bench/cluster_run.py; here ten
drivers do a whole intake at once (the same check, small enough for the suite).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from cli.stack import ROOT
from conftest import make_env
from helpers.cluster import redis_cluster
from helpers.fake_twilio import FakeTwilio
from helpers.many_drivers import PUBLIC_BASE, check, drive
from helpers.stack import RunningStack, running_stack
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore
from webhooks.rasa_client import servers_for

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def cluster_stack(model: Path, twilio_api: FakeTwilio,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningStack, Storage]]:
    with redis_cluster() as url:
        env = make_env(url, TWILIO_API_BASE=twilio_api.url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_TIMEOUT_SECONDS="12",
                       ROADSIDE_TURNS_PER_MINUTE="1000", ROADSIDE_TURNS_PER_HOUR="10000")
        with running_stack(env, model, tmp_path_factory.mktemp("cluster-stack"), rasa_servers=2,
                           web_workers=2) as stack:
            yield stack, Storage.from_settings(Settings.from_env(env))


def test_simultaneous_conversations_on_two_rasa_servers_and_a_cluster(
        cluster_stack: tuple[RunningStack, Storage]) -> None:
    stack, store = cluster_stack
    assert int(store.client.cluster_info()["cluster_known_nodes"]) == 3
    phones = [f"+1978555{i:04d}" for i in range(10)]
    homes = {servers_for(store.token(p), [pair.rasa_url for pair in stack.pairs])[0] for p in phones}
    assert len(homes) == 2  # both Rasa servers get conversations
    trackers = EncryptedRedisTrackerStore(Domain.load(str(ROOT / "bot" / "domain.yml")), client=store.client,
                                          keyring=store.keyring, record_exp=3600)
    began = time.monotonic()
    runs = drive([stack.web_url], phones, think=(0.0, 1.0))
    outcome = check(runs, store, trackers, time.monotonic() - began)
    print("\n" + outcome.summary())
    assert outcome.errors == []
    assert outcome.turns == 30
    assert (outcome.lost, outcome.doubled, outcome.out_of_order) == (0, 0, 0)
    assert outcome.escalated == 0  # ten drivers are well within what two Rasa servers serve in time
    assert outcome.requests_per_driver == {1: 10}  # every intake yields exactly one dispatch entry
    for log in ("rasa", "rasa2"):
        assert "Circuit breaker tripped" not in stack.logs[log].read_text(errors="replace")
