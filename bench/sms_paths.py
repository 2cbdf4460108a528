"""N drivers completing an intake at once: over signed webhooks vs straight to Rasa's sms channel.

The web layer's share of a turn and voice vs SMS latency (earlier targets);
``bench.sms_load`` is the stress and realistic-load benchmark.

Run: ``.venv/bin/python -m bench.sms_paths`` (starts a private Redis and the real
stack). Prints messages/s and p50/p95/p99 reply latency for both paths and the
web layer's added share at p50 (target ≤ 15%), and checks that every driver got
exactly one dispatch entry (nothing lost, nothing answered twice).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from cli.chat import send_sms
from cli.redis_server import private_redis
from cli.stack import ensure_model
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.stack import RunningStack, running_stack
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings

SCRIPT = ("my battery is dead on I-95 N by exit 12", "2014 honda civic", "yes")
COUNTS = (10, 50)


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_drivers(n: int, turn: Callable[[str, str], list[str]], first_number: int) -> tuple[list[float], float, int]:
    """Each driver sends SCRIPT in order; drivers run at once. Returns latencies, seconds, empty replies."""
    latencies: list[float] = []
    empty = 0

    def one(i: int) -> None:
        nonlocal empty
        phone = f"+1508555{first_number + i:04d}"
        for text in SCRIPT:
            start = time.perf_counter()
            replies = turn(phone, text)
            latencies.append(time.perf_counter() - start)
            if not replies:
                empty += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        list(pool.map(one, range(n)))
    return latencies, time.perf_counter() - start, empty


def voice_vs_sms(stack: RunningStack, via_webhook: Callable[[str, str], list[str]], first_number: int) -> None:
    """p95 from a gather callback to its TwiML vs an SMS turn, same load, same run (target ≤ 1.2×)."""
    import uuid

    from webhooks.signature import sign

    session = requests.Session()
    public = stack.env["PUBLIC_BASE_URL"]

    def post(path: str, form: dict[str, str]) -> str:
        resp = session.post(f"{stack.web_url}{path}", data=form, timeout=30,
                            headers={"X-Twilio-Signature": sign(TEST_TWILIO_TOKEN, f"{public}{path}", form)})
        return resp.text

    def call_form(phone: str) -> dict[str, str]:
        return {"CallSid": "CA" + uuid.uuid5(uuid.NAMESPACE_URL, phone).hex, "From": phone, "To": "+15005550006"}

    def voice_turn(phone: str, text: str) -> list[str]:
        form = call_form(phone)
        reply = post("/twilio/voice/gather?retries=0", {**form, "SpeechResult": text, "Confidence": "0.9"})
        return [reply] if "<Say" in reply else []

    n = COUNTS[0]
    sms_lat, _, _ = run_drivers(n, via_webhook, first_number)
    for i in range(n):  # calls are answered before the timed gathers
        post("/twilio/voice", call_form(f"+1508555{first_number + n + i:04d}"))
    voice_lat, _, empty = run_drivers(n, voice_turn, first_number + n)
    sms95, voice95 = pct(sms_lat, 0.95), pct(voice_lat, 0.95)
    print(f"voice gather p95 {voice95 * 1000:.0f} ms vs SMS p95 {sms95 * 1000:.0f} ms with {n} at once: "
          f"{voice95 / sms95:.2f}x (target <= 1.20), empty {empty}")


def gateway_own_cost(env: dict[str, str]) -> None:
    """The gateway's own work per turn, in process (no Rasa call): what it adds on an idle machine."""
    from helpers.twilio_requests import post_signed, sms_params
    from server.app import create_app

    app = create_app(Settings.from_env({**env, "RASA_URL": "http://127.0.0.1:9"}))
    client, st = app.test_client(), app.extensions["roadside"].storage
    for i in range(50):
        st.handoff.start(st.token(f"+1617555{i:04d}"), "bench", "ES-BENCH")  # bot quiet: no Rasa call
    samples = []
    for i in range(500):
        params = sms_params(f"+1617555{i % 50:04d}", "flat tire on i95 exit 12")
        start = time.perf_counter()
        post_signed(client, "/twilio/sms", params, TEST_TWILIO_TOKEN)
        samples.append(time.perf_counter() - start)
    print(f"gateway's own work per turn (signature, dedupe, consent, contact, hand-off, TwiML): "
          f"p50 {statistics.median(samples) * 1000:.1f} ms, p95 {pct(samples, 0.95) * 1000:.1f} ms")


def main(stack: RunningStack, store: Storage) -> None:
    session = requests.Session()

    def via_webhook(phone: str, text: str) -> list[str]:
        return send_sms(stack.web_url, TEST_TWILIO_TOKEN, phone, text, public_base=stack.env["PUBLIC_BASE_URL"])

    def via_rasa(phone: str, text: str) -> list[str]:
        if text == SCRIPT[0]:  # the gateway would have saved the contact; submit needs it
            store.contacts.save(store.token(phone), Contact(phone, "sms", "en", "US"))
        resp = session.post(f"{stack.rasa_url}/webhooks/sms/webhook",
                            json={"sender": store.token(phone), "message": text}, timeout=30)
        return [m["text"] for m in resp.json() if m.get("text")]

    # Warm both paths with a whole untimed round, so neither is measured cold.
    run_drivers(COUNTS[0], via_rasa, 8000)
    run_drivers(COUNTS[0], via_webhook, 8100)
    print(f"{'path':>8} {'drivers':>7} {'msg/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'mean':>7} {'empty':>5}")
    means: dict[str, float] = {}
    base = 1000
    for n in COUNTS:
        results = {}
        rounds = max(1, 150 // (n * len(SCRIPT)))  # at least ~150 timed turns per path
        for name, turn in (("rasa", via_rasa), ("webhook", via_webhook)):
            lat: list[float] = []
            secs = 0.0
            empty = 0
            for _ in range(rounds):
                round_lat, round_secs, round_empty = run_drivers(n, turn, base)
                base += n
                lat += round_lat
                secs += round_secs
                empty += round_empty
            results[name] = statistics.median(lat)
            means[name] = statistics.mean(lat)
            print(f"{name:>8} {n:>7} {len(lat) / secs:>7.1f} {results[name] * 1000:>7.0f} "
                  f"{pct(lat, 0.95) * 1000:>7.0f} {pct(lat, 0.99) * 1000:>7.0f} {means[name] * 1000:>7.0f} {empty:>5}")
        print(f"  web layer adds {100 * (results['webhook'] / results['rasa'] - 1):.1f}% at p50, "
              f"{100 * (means['webhook'] / means['rasa'] - 1):.1f}% on the mean (target <= 15% at p50)")
    voice_vs_sms(stack, via_webhook, base)
    per_token: dict[str, int] = {}
    for entry in store.dispatch.read_all():
        if entry.fields.get("type") == "request":
            per_token[entry.payload["token"]] = per_token.get(entry.payload["token"], 0) + 1
    numbers = [*range(1000, base + 2 * COUNTS[0]), *range(8000, 8000 + COUNTS[0]), *range(8100, 8100 + COUNTS[0])]
    drivers = [store.token(f"+1508555{i:04d}") for i in numbers]
    exactly_one = sum(1 for t in drivers if per_token.get(t) == 1)
    print(f"dispatch entries: {sum(per_token.values())}; drivers who completed an intake: {len(drivers)}; "
          f"with exactly one request: {exactly_one} (lost or doubled: {len(drivers) - exactly_one})")


if __name__ == "__main__":
    with ExitStack() as stack_:
        url = os.environ.get("REDIS_URL") or stack_.enter_context(private_redis())
        env = make_env(url, PUBLIC_BASE_URL="https://roadside.example.com", RASA_TIMEOUT_SECONDS="10")
        logdir = Path(tempfile.mkdtemp(prefix="roadside-bench-"))
        running = stack_.enter_context(running_stack(env, ensure_model(), logdir))
        main(running, Storage.from_settings(Settings.from_env(env)))
        gateway_own_cost(env)
