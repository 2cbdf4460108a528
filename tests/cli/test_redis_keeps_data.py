"""The private Redis of `make run` keeps opt-outs, accounts, requests and conversations across a restart."""

from __future__ import annotations

import asyncio
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyotp
import pytest
import redis

from cli.chat import send_sms
from cli.redis_server import free_port, wait_for_redis
from cli.run import plan_stack
from cli.stack import Ports, commands, ensure_model, ensure_private_dir
from conftest import TEST_TWILIO_TOKEN, make_env
from console.accounts import AgentStore
from helpers.fake_twilio import fake_twilio
from helpers.stack import running_stack
from helpers.trackers import DOMAIN, make_tracker
from messaging.outbound import OptedOut, OutboundSms
from storage.contacts import Contact
from storage.keys import tracker_key
from storage.queues import submit_dispatch
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore

PHONE = "+15085550177"
AGENT_PASSWORD = "tow-truck-dispatch-42"


class StackRedis:
    """The `redis` process of `make run`, started from its own command line and stopped by pid."""

    def __init__(self, argv: list[str], port: int, log: Path) -> None:
        self.argv, self.log = argv, log
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "ab") as fh:
            self.proc = subprocess.Popen(self.argv, stdout=fh, stderr=subprocess.STDOUT)
        wait_for_redis(self.url, self.proc).close()

    def stop(self, sig: signal.Signals = signal.SIGTERM) -> None:
        """Send ``sig`` to the pid (SIGTERM is what honcho sends on Ctrl-C) and wait for the exit."""
        assert self.proc is not None
        self.proc.send_signal(sig)
        self.proc.wait(timeout=30)


@contextmanager
def stack_redis(tmp_path: Path) -> Iterator[StackRedis]:
    port = free_port()
    data_dir = ensure_private_dir(tmp_path / ".run" / "redis")
    server = StackRedis(commands(Ports(redis=port), with_redis=True, redis_dir=data_dir)["redis"], port,
                        tmp_path / "redis.log")
    server.start()
    try:
        yield server
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=10)


def _request(request_id: str) -> dict[str, Any]:
    return {"schema": "roadside.dispatch/v1", "id": request_id, "created_at": "2026-11-23T13:00:00Z",
            "channel": "sms", "language": "en", "priority": "normal",
            "customer": {"phone": PHONE, "sms_updates": True},
            "pickup": {"text": "I-95 N exit 12 Stamford", "lat": None, "lng": None},
            "issue": {"category": "battery", "text": "won't start"}, "tow_required": False, "dropoff": None}


def _tracker_store(st: Storage) -> EncryptedRedisTrackerStore:
    return EncryptedRedisTrackerStore(DOMAIN, client=st.client, keyring=st.keyring, record_exp=3600)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGKILL], ids=["stopped", "killed"])
def test_restart_keeps_opt_out_agent_pending_requests_and_tracker(tmp_path: Path,
                                                                   stop_signal: signal.Signals) -> None:
    with fake_twilio() as twilio, stack_redis(tmp_path) as server:
        settings = Settings.from_env(make_env(server.url, TWILIO_API_BASE=twilio.url))
        before = Storage.from_settings(settings)
        token = before.token(PHONE)
        # They texted us (a contact with channel sms), then STOP: without the opt-out a send would go out.
        before.contacts.save(token, Contact(PHONE, "sms", "en", "US"))
        before.consent.opt_out(token, channel="sms", how="keyword:STOP")
        AgentStore(before.records).add("dana", AGENT_PASSWORD, role="supervisor")
        delivered = submit_dispatch(before, token, _request("RS-7K3Q9"))
        assert [e.entry_id for e in before.dispatch.claim("dispatcher-1")] == [delivered]  # taken, never acked
        waiting = submit_dispatch(before, token, _request("RS-8M4R2"))  # not yet taken by anyone
        asyncio.run(_tracker_store(before).save(make_tracker(token, 2)))
        before.client.close()
        if stop_signal == signal.SIGKILL:
            time.sleep(2.5)  # everysec: a crash may lose the last second or so of writes, not older ones

        server.stop(stop_signal)
        server.start()

        after = Storage.from_settings(settings)
        with pytest.raises(OptedOut):
            OutboundSms(settings, after).send(token, "Your truck is on its way.", "status")
        assert twilio.bodies_to(PHONE) == []

        agents = AgentStore(after.records)
        agent = agents.get("dana")
        assert agent is not None and agent.role == "supervisor"
        code = pyotp.TOTP(agent.totp_secret).now()
        assert agents.authenticate("dana", AGENT_PASSWORD, code).agent == agent

        assert [e.entry_id for e in after.dispatch.unacknowledged()] == [delivered, waiting]
        assert [e.payload["request"]["id"] for e in after.dispatch.unacknowledged()] == ["RS-7K3Q9", "RS-8M4R2"]
        assert after.dispatch.pending_count() == 1  # still assigned to dispatcher-1, reclaimable

        assert after.client.exists(tracker_key(token))
        tracker: Any = asyncio.run(_tracker_store(after).retrieve(token))
        assert tracker is not None and tracker.get_slot("pickup") == "I-95 N by exit 1"
        assert 0 < after.client.ttl(tracker_key(token)) <= 3600  # the conversation TTL survives too
        after.client.close()


@pytest.mark.e2e
def test_conversation_continues_after_the_whole_stack_restarts(tmp_path: Path) -> None:
    model = ensure_model()
    with fake_twilio() as twilio, stack_redis(tmp_path) as server:
        env = make_env(server.url, TWILIO_API_BASE=twilio.url, PUBLIC_BASE_URL="https://roadside.example.com",
                       RASA_TIMEOUT_SECONDS="8")

        def text(web_url: str, body: str) -> str:
            return "\n".join(send_sms(web_url, TEST_TWILIO_TOKEN, PHONE, body, public_base=env["PUBLIC_BASE_URL"]))

        (tmp_path / "before").mkdir()
        with running_stack(env, model, tmp_path / "before") as stack:
            assert "Which car" in text(stack.web_url, "flat on I-95 N by exit 12")
        # Every process of the stack has exited (running_stack waits for them); now Redis goes too.
        server.stop()
        server.start()

        (tmp_path / "after").mkdir()
        with running_stack(env, model, tmp_path / "after") as stack:
            summary = text(stack.web_url, "2014 honda civic")
            assert "Please check:" in summary and "I-95 N" in summary and "Civic" in summary
            assert "RS-" in text(stack.web_url, "yes")

        store = Storage.from_settings(Settings.from_env(env))
        [request] = [e.payload["request"] for e in store.dispatch.unacknowledged()]
        assert "exit 12" in request["pickup"]["text"] and request["issue"]["category"] == "flat_tire"
        assert request["vehicle"]["make"] == "Honda" and request["customer"]["phone"] == PHONE
        store.client.close()


def test_private_redis_appends_to_a_private_directory(tmp_path: Path) -> None:
    with stack_redis(tmp_path) as server:
        client = redis.Redis.from_url(server.url, decode_responses=True)
        config = client.config_get("*")
        client.close()
    assert config["appendonly"] == "yes" and config["appendfsync"] == "everysec"
    data_dir = tmp_path / ".run" / "redis"
    assert config["dir"] == str(data_dir)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert any(data_dir.rglob("*.aof"))


def test_run_starts_a_persistent_redis_only_without_redis_url(tmp_path: Path) -> None:
    ports = Ports(redis=free_port())
    data_dir = tmp_path / ".run" / "redis"
    given = plan_stack(ports, {"REDIS_URL": "redis://db.internal:6379/2"}, redis_dir=data_dir)
    assert not given.private_redis and "redis" not in given.commands
    assert given.env["REDIS_URL"] == "redis://db.internal:6379/2"
    assert not data_dir.exists()

    private = plan_stack(ports, {}, redis_dir=data_dir)
    assert private.private_redis
    assert private.env["REDIS_URL"] == f"redis://127.0.0.1:{ports.redis}/0"
    argv = private.commands["redis"]
    assert argv[argv.index("--dir") + 1] == str(data_dir)
    assert argv[argv.index("--appendonly") + 1] == "yes"
    assert argv[argv.index("--appendfsync") + 1] == "everysec"
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
