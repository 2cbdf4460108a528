"""How long the console's queue page takes with 500 items waiting (target: under 300 ms).

Run: ``.venv/bin/python -m bench.console_queue`` (uses a private redis-server).
Seeds 250 escalations (each with hand-off messages) and 250 dispatch requests,
logs an agent in, and times GET /console/queue and its polled rows; prints the
median and the 95th percentile and exits 1 when the median is over the target.
"""

from __future__ import annotations

import base64
import os
import re
import statistics
import time
from contextlib import ExitStack
from typing import Any

import pyotp

from cli.redis_server import private_redis
from console.accounts import AgentStore
from server.app import create_app
from storage import queues
from storage.contacts import Contact
from storage.crypto import new_key_spec
from storage.services import Storage
from storage.settings import Settings

TARGET_MS = 300.0
ITEMS = 500
ROUNDS = 30
PASSWORD = "correct horse battery staple"


def settings_for(redis_url: str) -> Settings:
    """Fresh keys, no Twilio credentials (nothing is texted anyway)."""
    return Settings.from_env({
        "ROADSIDE_DATA_KEYS": new_key_spec("k1"), "ROADSIDE_TOKEN_KEY": base64.b64encode(os.urandom(32)).decode(),
        "REDIS_URL": redis_url, "ROADSIDE_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
        "TWILIO_AUTH_TOKEN": "x" * 32, "TWILIO_ACCOUNT_SID": "", "TWILIO_FROM_NUMBER": "",
        "CONVERSATION_TTL_SECONDS": "3600",
    })


def seed(storage: Storage, items: int) -> None:
    """Half escalations with a few hand-off messages, half dispatch requests."""
    for n in range(items):
        phone = f"+1212555{n:04d}"
        token = storage.token(phone)
        storage.contacts.save(token, Contact(phone, "sms", "en", "US"))
        if n % 2:
            queues.escalate(storage, token, reason="asked_for_agent", priority="urgent" if n % 7 == 0 else "normal",
                            summary={"stage": "vehicle", "pickup": "I-95 N near exit 12, Stamford"},
                            message="can I talk to a person please")
            for text in ("hello?", "still here, the car is a silver 2014 honda civic"):
                storage.handoff.add_message(token, "customer", text)
        else:
            queues.submit_dispatch(storage, token, {
                "schema": "roadside.dispatch/v1", "id": f"RS-{n:05d}", "created_at": "2026-11-21T23:05:11Z",
                "channel": "sms", "language": "en", "priority": "normal", "customer": {"phone": phone,
                                                                                      "sms_updates": True},
                "pickup": {"text": "Route 9 by the Shell station, Natick", "lat": None, "lng": None},
                "issue": {"category": "battery", "text": "won't start, clicking"},
                "vehicle": {"text": "silver 2014 honda civic", "year": 2014, "make": "Honda", "model": "Civic"},
                "tow_required": False, "dropoff": None})


def logged_in_client(app: Any, storage: Storage) -> Any:
    agent = AgentStore(storage.records).add("bench", PASSWORD)
    client = app.test_client()
    page = client.get("/console/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/console/login", data={"csrf_token": csrf, "name": "bench", "password": PASSWORD,
                                        "code": pyotp.TOTP(agent.totp_secret).now()})
    return client


def time_page(client: Any, path: str, rounds: int, headers: dict[str, str] | None = None) -> list[float]:
    """Seconds per request (each must list every item)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        resp = client.get(path, headers=headers or {})
        times.append(time.perf_counter() - start)
        assert resp.status_code == 200 and resp.text.count("<tr class=") == ITEMS, "not every item was listed"
    return times


def measure(storage: Storage, settings: Settings, rounds: int = ROUNDS) -> dict[str, float]:
    """Median and 95th percentile in ms of the queue page and its polled rows, 500 items seeded."""
    app = create_app(settings, storage=storage)
    seed(storage, ITEMS)
    client = logged_in_client(app, storage)
    time_page(client, "/console/queue", 3)  # warm-up (templates, scripts)
    page = time_page(client, "/console/queue", rounds)
    rows = time_page(client, "/console/queue/rows", rounds, {"HX-Request": "true"})
    return {"page_median": statistics.median(page) * 1000, "page_p95": _p95(page) * 1000,
            "rows_median": statistics.median(rows) * 1000, "rows_p95": _p95(rows) * 1000}


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main(redis_url: str) -> int:
    settings = settings_for(redis_url)
    result = measure(Storage.from_settings(settings), settings)
    print(f"queue page, {ITEMS} items: median {result['page_median']:.0f} ms, p95 {result['page_p95']:.0f} ms; "
          f"polled rows: median {result['rows_median']:.0f} ms, p95 {result['rows_p95']:.0f} ms "
          f"(target < {TARGET_MS:.0f} ms)")
    return 0 if result["page_median"] < TARGET_MS else 1


if __name__ == "__main__":
    with ExitStack() as stack:
        raise SystemExit(main(os.environ.get("REDIS_URL") or stack.enter_context(private_redis())))
