"""Faults on the running stack (issue 12, item 3): real processes started and killed by pid.

One stack for the module: its own Redis with an append-only file, two Rasa
servers (each with its own action server), a web app with two gunicorn workers
and a second web process, so that one message can reach two workers for sure.
The tests run in file order; the last one leaves the first Rasa server dead.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

from cli.chat import send_sms
from cli.redis_server import free_port, wait_for_redis
from cli.stack import ROOT, bin_path, ensure_private_dir, redis_command
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.fake_twilio import FakeTwilio
from helpers.stack import RunningStack, running_stack
from storage.keys import lock_key
from storage.lock_store import parse_lock
from storage.queues import submit_dispatch
from storage.services import Storage
from storage.settings import Settings
from storage.tracker_store import EncryptedRedisTrackerStore
from webhooks.rasa_client import servers_for

pytestmark = pytest.mark.e2e

PUBLIC_BASE = "https://roadside.example.com"
HONEST_RASA_DOWN = "We have your message and a person will text you shortly"
HONEST_REDIS_DOWN = "couldn't save your message. Please text again"
_numbers = itertools.count(6000)


class RedisProcess:
    """The stack's Redis (append-only file, fsync every second), started and killed by pid."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.argv = redis_command(self.port, ensure_private_dir(data_dir))
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with open(self.log, "ab") as fh:
            self.proc = subprocess.Popen(self.argv, stdout=fh, stderr=subprocess.STDOUT)
        wait_for_redis(self.url, self.proc).close()

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@dataclass
class FaultStack:
    stack: RunningStack
    redis: RedisProcess
    store: Storage
    tracker_store: EncryptedRedisTrackerStore
    web2_url: str
    tmp: Path

    def phone_homed_on(self, rasa_name: str) -> str:
        """A fresh number whose conversation's home is the Rasa server ``rasa_name``."""
        url = next(p.rasa_url for p in self.stack.pairs if p.rasa_name == rasa_name)
        urls = [p.rasa_url for p in self.stack.pairs]
        while True:
            phone = f"+1617555{next(_numbers):04d}"
            if servers_for(self.store.token(phone), urls)[0] == url:
                return phone

    def say(self, phone: str, body: str, *, url: str | None = None, **extra: str) -> str:
        return "\n".join(send_sms(url or self.stack.web_url, TEST_TWILIO_TOKEN, phone, body,
                                  public_base=PUBLIC_BASE, extra=extra, timeout=30))

    def user_turns(self, phone: str) -> list[str]:
        tracker: Any = asyncio.run(self.tracker_store.retrieve_full_tracker(self.store.token(phone)))
        return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []

    def escalations(self, phone: str) -> list[Any]:
        token = self.store.token(phone)
        return [e for e in self.store.escalations.read_all() if e.payload.get("token") == token]

    def requests_of(self, phone: str) -> list[dict[str, Any]]:
        token = self.store.token(phone)
        return [e.payload["request"] for e in self.store.dispatch.read_all()
                if e.payload.get("token") == token and e.fields.get("type") == "request"]


@pytest.fixture(scope="module")
def faulty(model: Path, twilio_api: FakeTwilio, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    tmp = tmp_path_factory.mktemp("faults")
    server = RedisProcess(tmp / "redis", tmp / "redis.log")
    server.start()
    env = make_env(server.url, TWILIO_API_BASE=twilio_api.url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_TIMEOUT_SECONDS="8",
                   ROADSIDE_TURNS_PER_MINUTE="1000", ROADSIDE_TURNS_PER_HOUR="10000")
    try:
        with running_stack(env, model, tmp, rasa_servers=2, web_workers=2) as stack:
            # A second web process: a post to it and one to `web` surely reach two different workers.
            web2_port = free_port()
            argv = list(stack.cmds["web"])
            argv[argv.index("--workers") + 1] = "1"
            argv[argv.index("--bind") + 1] = f"127.0.0.1:{web2_port}"
            stack.cmds["web2"], stack.envs["web2"] = argv, stack.envs["web"]
            stack.logs["web2"] = tmp / "web2.log"
            stack.health["web2"] = f"http://127.0.0.1:{web2_port}/healthz"
            stack.start("web2")
            store = Storage.from_settings(Settings.from_env(env))
            domain = Domain.load(str(ROOT / "bot" / "domain.yml"))
            trackers = EncryptedRedisTrackerStore(domain, client=store.client, keyring=store.keyring, record_exp=3600)
            yield FaultStack(stack, server, store, trackers, f"http://127.0.0.1:{web2_port}", tmp)
    finally:
        server.stop()


def timed(call: Callable[[], str]) -> tuple[str, float]:
    start = time.monotonic()
    reply = call()
    return reply, time.monotonic() - start


def kill_mid_turn(faulty: FaultStack, phone: str, body: str, kill: Callable[[], object]) -> tuple[str, float]:
    """Send ``body`` and run ``kill`` once the turn holds its conversation lock (it is inside Rasa)."""
    result: dict[str, Any] = {}

    def turn() -> None:
        result["reply"], result["seconds"] = timed(lambda: faulty.say(phone, body))

    key = lock_key(faulty.store.token(phone))
    watcher = redis.Redis.from_url(faulty.redis.url)
    thread = threading.Thread(target=turn)
    thread.start()
    deadline = time.monotonic() + 30
    while not watcher.exists(key):
        assert thread.is_alive() and time.monotonic() < deadline, "the turn never took its lock"
        time.sleep(0.002)
    kill()
    thread.join(timeout=60)
    watcher.close()
    return result["reply"], result["seconds"]


def test_same_message_posted_twice_to_two_web_workers_runs_one_turn(faulty: FaultStack) -> None:
    phone = faulty.phone_homed_on("rasa")
    sid = "SM" + os.urandom(16).hex()
    replies: dict[str, str] = {}

    def post(name: str, url: str) -> None:
        replies[name] = faulty.say(phone, "flat tire on I-95 N by exit 12", url=url, MessageSid=sid)

    first = threading.Thread(target=post, args=("web", faulty.stack.web_url))
    second = threading.Thread(target=post, args=("web2", faulty.web2_url))
    first.start()
    time.sleep(0.001)
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    answered = [name for name, text in replies.items() if text]
    assert len(replies) == 2 and len(answered) == 1, replies
    assert "Which car" in replies[answered[0]]
    assert faulty.user_turns(phone) == ["flat tire on I-95 N by exit 12"]  # Rasa saw the message once
    print(f"\nduplicate post: answered by {answered[0]}, the other got an empty TwiML response")


def test_consumer_that_crashes_before_its_ack_is_taken_over_and_each_entry_processed_once(
        faulty: FaultStack) -> None:
    out = faulty.tmp / "dispatch-system"
    out.mkdir()
    handler = out / "take.py"
    handler.write_text(
        "import json, pathlib, sys, time\n"
        "out = pathlib.Path(sys.argv[1])\n"
        "entry = json.load(sys.stdin)\n"
        "if (out / 'hang').exists():\n"
        "    (out / 'started').write_text(entry['entry_id'])\n"
        "    time.sleep(600)\n"
        "with open(out / 'taken.jsonl', 'a') as fh:\n"
        "    fh.write(json.dumps({'entry_id': entry['entry_id'], 'id': entry['id'],"
        " 'deliveries': entry['deliveries']}) + '\\n')\n")
    store = faulty.store
    token = store.token(faulty.phone_homed_on("rasa"))
    for n in range(3):
        submit_dispatch(store, token, {"id": f"RS-CRSH{n}", "issue": {"category": "fuel"}, "priority": "normal"})
    expected = [e.entry_id for e in store.dispatch.unacknowledged()]
    (out / "hang").write_text("")

    def consumer(name: str) -> subprocess.Popen[bytes]:
        argv = [bin_path("roadside"), "dispatch", "consume", "--consumer", name, "--idle-seconds", "2",
                "--command", f"{sys.executable} {handler} {out}"]
        log = open(faulty.tmp / f"consumer-{name}.log", "ab")
        # Its own process group: the crash takes the consumer and the command it was running.
        return subprocess.Popen(argv, cwd=ROOT, env=faulty.stack.envs["web"], stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    crashy = consumer("crashy")
    deadline = time.monotonic() + 60
    while not (out / "started").exists():
        assert crashy.poll() is None and time.monotonic() < deadline, "the first consumer never took an entry"
        time.sleep(0.05)
    os.killpg(crashy.pid, signal.SIGKILL)  # dies mid-entry, before its ack
    crashy.wait(timeout=10)
    crashed_on = (out / "started").read_text()
    assert store.dispatch.pending_count() >= 1  # still pending, assigned to the dead consumer
    (out / "hang").unlink()

    healthy = consumer("healthy")
    try:
        deadline = time.monotonic() + 60
        while store.dispatch.unacknowledged():
            assert healthy.poll() is None and time.monotonic() < deadline, "entries were never taken over"
            time.sleep(0.1)
    finally:
        healthy.send_signal(signal.SIGTERM)
        healthy.wait(timeout=20)
    taken = [json.loads(line) for line in (out / "taken.jsonl").read_text().splitlines()]
    counts = Counter(t["entry_id"] for t in taken)
    assert set(counts) == set(expected) and set(counts.values()) == {1}, counts  # each processed once
    assert next(t for t in taken if t["entry_id"] == crashed_on)["deliveries"] == 2  # the retry of the crash
    assert store.dispatch.pending_count() == 0
    print(f"\nconsumer crash: {len(expected)} entries, the crashed one ({crashed_on}) taken over and processed "
          f"once; healthy consumer exit status {healthy.returncode}")


def test_redis_killed_and_restarted_mid_conversation(faulty: FaultStack) -> None:
    done, phone = faulty.phone_homed_on("rasa"), faulty.phone_homed_on("rasa2")
    assert "Which car" in faulty.say(done, "battery dead on Route 9 by exit 4")
    assert "Please check:" in faulty.say(done, "2012 ford focus")
    accepted = faulty.say(done, "yes")
    assert "RS-" in accepted
    assert "Which car" in faulty.say(phone, "flat on I-95 N by exit 12")
    time.sleep(1.5)  # appendfsync everysec: what was accepted a second ago is on disk

    faulty.redis.kill()
    down, seconds = timed(lambda: faulty.say(phone, "2014 honda civic"))
    assert HONEST_REDIS_DOWN in down and "911" in down
    assert seconds < 10
    faulty.redis.start()

    summary = faulty.say(phone, "2014 honda civic")
    assert "Please check:" in summary and "I-95 N" in summary and "Civic" in summary  # continued where it was
    assert "RS-" in faulty.say(phone, "yes")
    [before] = faulty.requests_of(done)  # accepted before the crash: still there, once
    assert before["vehicle"]["make"] == "Ford" and before["id"] in accepted
    [after] = faulty.requests_of(phone)
    assert after["vehicle"]["make"] == "Honda" and "exit 12" in after["pickup"]["text"]
    print(f"\nRedis killed: reply in {seconds * 1000:.0f} ms: {down!r}; after restart the conversation went on to "
          f"{after['id']}")


def test_action_server_killed_mid_turn(faulty: FaultStack) -> None:
    victim, neighbour = faulty.phone_homed_on("rasa"), faulty.phone_homed_on("rasa")
    assert "Which car" in faulty.say(neighbour, "out of gas on Route 1 by exit 7")
    assert "Which car" in faulty.say(victim, "flat on I-95 N by exit 12")
    try:
        reply, seconds = kill_mid_turn(faulty, victim, "2014 honda civic", lambda: faulty.stack.kill("actions"))
        assert HONEST_RASA_DOWN in reply and "911" in reply, reply
        assert seconds < 10
        [escalation] = faulty.escalations(victim)
        assert escalation.fields["reason"] == "rasa_unavailable"
        assert escalation.payload["message"] == "2014 honda civic"  # the message is kept for the person
        # Its home server's action server is down: the other Rasa server serves the next turn.
        summary, next_seconds = timed(lambda: faulty.say(neighbour, "2016 toyota camry"))
        assert "Please check:" in summary and "Route 1" in summary and "Camry" in summary
        assert "RS-" in faulty.say(neighbour, "yes")
        assert faulty.escalations(neighbour) == []
    finally:
        faulty.stack.start("actions")
    breaker = "Circuit breaker tripped" in faulty.stack.logs["rasa"].read_text(errors="replace")
    print(f"\naction server killed: reply in {seconds * 1000:.0f} ms: {reply!r}; next turn of a neighbour served "
          f"by rasa2 in {next_seconds * 1000:.0f} ms; Rasa's breaker tripped in that turn: {breaker}")


def test_rasa_server_killed_mid_turn(faulty: FaultStack) -> None:
    victim, neighbour = faulty.phone_homed_on("rasa"), faulty.phone_homed_on("rasa")
    assert "Which car" in faulty.say(neighbour, "locked out on Main St by the library")
    assert "Which car" in faulty.say(victim, "flat on I-95 N by exit 12")
    reply, seconds = kill_mid_turn(faulty, victim, "2014 honda civic", lambda: faulty.stack.kill("rasa"))
    assert HONEST_RASA_DOWN in reply and "911" in reply, reply
    assert seconds < 10
    [escalation] = faulty.escalations(victim)
    assert escalation.fields["reason"] == "rasa_unavailable"
    assert escalation.payload["message"] == "2014 honda civic"
    # The dead server's conversations move to the other one and continue where they were.
    summary, next_seconds = timed(lambda: faulty.say(neighbour, "2016 toyota camry"))
    assert "Please check:" in summary and "Main St" in summary and "Camry" in summary
    assert "RS-" in faulty.say(neighbour, "yes")
    [request] = faulty.requests_of(neighbour)
    assert request["issue"]["category"] == "lockout"
    # A person releases the victim's conversation back to the bot: once the dead server's lock ticket
    # has expired (TICKET_LOCK_LIFETIME), the other server serves it from where it was.
    faulty.store.handoff.release(faulty.store.token(victim))
    waited = wait_for_stale_ticket(faulty, victim)
    resumed, resumed_seconds = timed(lambda: faulty.say(victim, "2014 honda civic"))
    assert "Please check:" in resumed and "I-95 N" in resumed and "Civic" in resumed
    assert "RS-" in faulty.say(victim, "yes")
    print(f"\nRasa server killed: reply in {seconds * 1000:.0f} ms: {reply!r}; the neighbour's next turn served "
          f"by rasa2 in {next_seconds * 1000:.0f} ms; the victim, released, resumed on rasa2 in "
          f"{resumed_seconds * 1000:.0f} ms after its dead ticket expired ({waited:.1f} s after the release)")


def wait_for_stale_ticket(faulty: FaultStack, phone: str) -> float:
    """Seconds until the conversation's lock holds no live ticket (the killed server's expires)."""
    began = time.monotonic()
    key = lock_key(faulty.store.token(phone))
    lifetime = float(faulty.stack.env["TICKET_LOCK_LIFETIME"])
    while True:
        raw = faulty.store.client.get(key)
        if raw is None or all(t.has_expired() for t in parse_lock(raw).tickets):
            return time.monotonic() - began
        assert time.monotonic() - began < lifetime + 5, "the dead server's ticket never expired"
        time.sleep(0.2)
