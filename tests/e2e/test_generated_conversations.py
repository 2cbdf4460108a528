"""Generated conversations with detours, against the real stack (trained model, action server, signed webhooks).

Each simulated driver has real facts (a place, a problem, a car, a drop-off
for a tow). It answers what the bot asks, but at random points it sends
something off script instead: an acknowledgement, "wait", a question, an
emoji, gibberish (never twice in a row), the answer to a different
question, a rough place that needs a follow-up, or a wrong car corrected
later. Every conversation must end with exactly one correct dispatch entry,
and every reply must make sense on its own (see ``check_reply``).
"""

from __future__ import annotations

import os
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest

from facts.sms_segments import segments
from helpers.off_script import CARS, DETOURS, DROPOFFS, PLACES, PROBLEMS, WRONG_CARS, Car, Place, Problem

pytestmark = pytest.mark.e2e

CONVERSATIONS = int(os.environ.get("GENERATED_CONVERSATIONS", "300"))
SEED = int(os.environ.get("GENERATED_SEED", "20261123"))
WORKERS = 6
MAX_TURNS = 30
DETOUR_RATE = 0.35

QUESTIONS = (
    ("done", re.compile(r"Your reference is RS-|Help is on the way")),
    ("summary", re.compile(r"Please check:|Reply YES to send help")),
    ("change", re.compile(r"What should I change")),
    ("dropoff", re.compile(r"Where should (?:we tow it|the truck take)")),
    ("vehicle", re.compile(r"Which car is it|What make and model")),
    ("issue", re.compile(r"What's wrong with the car|What's the problem")),
    ("pickup", re.compile(r"Where (?:exactly )?is the car|Which exit, mile marker")),
)
FAULT_TEXTS = ("system is slow", "technical trouble", "Sorry, I missed that", "couldn't", "passing you to a person")
LONG_REPLIES = ("Please check:", "Reply STOP to opt out", "Privacy policy")
# At the summary a yes-like or no-like "ack" would be an answer, not a detour.
SUMMARY_SAFE_ACKS = ("thanks", "thank you", "ty", "?", "??", "...", "hello?", "🙏", "😅")


def question_in(reply: str) -> str | None:
    """Which question the bot's reply asks (the last one named), if any."""
    for name, pattern in QUESTIONS:
        if pattern.search(reply):
            return name
    return None


def check_reply(reply: list[str]) -> list[str]:
    """What is wrong with one reply, as a driver would see it."""
    problems = []
    text = "\n".join(reply)
    if not text.strip():
        problems.append("silent reply")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) != len(set(lines)):
        problems.append(f"a line repeats: {text!r}")
    limit = 3 if any(marker in text for marker in LONG_REPLIES) else 2
    cost = sum(segments(message) for message in reply)
    if cost > limit:
        problems.append(f"{cost} segments (limit {limit}): {text!r}")
    for fault in FAULT_TEXTS:
        if fault in text:
            problems.append(f"fault text {fault!r}: {text!r}")
    return problems


@dataclass
class Simulated:
    """One driver's facts and what they have told the bot so far."""

    rng: random.Random
    place: Place
    problem: Problem
    car: Car
    dropoff: str | None
    correct_car_later: bool
    given: set[str] = field(default_factory=set)
    rough_sent: bool = False
    wrong_car_sent: bool = False
    last_was_miss: bool = False

    def missing(self) -> list[str]:
        needed = ["pickup", "issue", "vehicle"] + (["dropoff"] if self.dropoff else [])
        return [name for name in needed if name not in self.given]

    def detour(self, asked: str | None) -> str:
        kinds = [k for k in DETOURS if not (k == "miss" and self.last_was_miss)]
        kind = self.rng.choice(kinds)
        self.last_was_miss = kind == "miss"
        if asked == "summary" and kind == "ack":
            return self.rng.choice(SUMMARY_SAFE_ACKS)
        return self.rng.choice(DETOURS[kind])

    def answer(self, asked: str | None) -> str:
        self.last_was_miss = False
        if asked == "summary":
            if self.wrong_car_sent and self.correct_car_later and "vehicle_fixed" not in self.given:
                self.given.add("vehicle_fixed")
                return f"sorry, it's actually a {self.car.text}"
            return self.rng.choice(("yes", "yes", "ok", "yep", "Yes please", "correct"))
        if asked == "change":
            return "the car"
        missing = self.missing()
        target = asked if asked in missing else (missing[0] if missing else "vehicle")
        others = [m for m in missing if m != target and m != "dropoff"]
        if others and target != "dropoff" and self.rng.random() < 0.2:
            target = self.rng.choice(others)  # the answer to a different question
        return self.say(target, asked)

    def say(self, target: str, asked: str | None) -> str:
        if target == "pickup":
            if self.place.rough and not self.rough_sent:
                self.rough_sent = True
                return self.place.rough
            self.given.add("pickup")
            return self.place.text
        if target == "issue":
            self.given.add("issue")
            return self.problem.text
        if target == "dropoff":
            self.given.add("dropoff")
            return str(self.dropoff)
        if self.correct_car_later and not self.wrong_car_sent:
            self.wrong_car_sent = True
            self.given.add("vehicle")
            return self.rng.choice(WRONG_CARS)
        self.given.add("vehicle")
        self.given.add("vehicle_fixed")
        return self.car.text


def expected_problems(sim: Simulated, request: dict[str, Any]) -> list[str]:
    """Field-by-field differences between the dispatch entry and the driver's facts."""
    wrong = []
    if sim.place.expect.lower() not in request["pickup"]["text"].lower():
        wrong.append(f"pickup {request['pickup']['text']!r} lacks {sim.place.expect!r}")
    if request["issue"]["category"] != sim.problem.category:
        wrong.append(f"issue {request['issue']['category']} != {sim.problem.category}")
    vehicle = request["vehicle"]
    if (vehicle["year"], vehicle["make"], vehicle["model"]) != (sim.car.year, sim.car.make, sim.car.model):
        wrong.append(f"vehicle {vehicle} != {sim.car}")
    if request["tow_required"] != sim.problem.tow:
        wrong.append(f"tow_required {request['tow_required']}")
    if sim.dropoff and (not request["dropoff"] or sim.dropoff.split(",")[0].lower()
                        not in request["dropoff"]["text"].lower()):
        wrong.append(f"dropoff {request['dropoff']} != {sim.dropoff}")
    return wrong


def play(new_driver: Any, index: int) -> list[str]:
    """One generated conversation; returns what went wrong (empty when all is well)."""
    rng = random.Random(SEED * 1000 + index)
    problem = rng.choice(PROBLEMS)
    sim = Simulated(rng, rng.choice(PLACES), problem, rng.choice(CARS),
                    rng.choice(DROPOFFS) if problem.tow else None, correct_car_later=rng.random() < 0.15)
    driver = new_driver(f"+1617555{index:04d}")
    transcript: list[str] = []
    failures: list[str] = []
    asked = None
    opener = rng.choice(("hi", "hello", "hey can you help", "help me please", None, None))
    for turn in range(MAX_TURNS):
        if turn == 0 and opener:
            message = opener
        elif rng.random() < DETOUR_RATE and asked != "done":
            message = sim.detour(asked)
        else:
            message = sim.answer(asked)
        reply = driver.text(message)
        transcript += [f"> {message}", *(f"< {r}" for r in reply)]
        failures += check_reply(reply)
        asked = question_in("\n".join(reply)) or asked
        if asked == "done":
            break
    else:
        failures.append(f"no request after {MAX_TURNS} turns")
    requests = driver.dispatched()
    if len(requests) != 1:
        failures.append(f"{len(requests)} dispatch entries")
    else:
        failures += expected_problems(sim, requests[0])
    if failures:
        return [f"conversation {index}: " + "; ".join(failures) + "\n  " + "\n  ".join(transcript)]
    return []


def test_generated_conversations_with_detours_all_end_in_one_correct_request(stack: Any, new_driver: Any) -> None:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(lambda i: play(new_driver, i), range(CONVERSATIONS)))
    failed = [r[0] for r in results if r]
    passed = CONVERSATIONS - len(failed)
    print(f"\ngenerated conversations: {passed}/{CONVERSATIONS} passed ({100 * passed / CONVERSATIONS:.1f}%)")
    report = os.environ.get("GENERATED_REPORT")
    if report:
        with open(report, "w") as fh:
            fh.write("\n\n".join(failed))
    assert not failed, f"{len(failed)} of {CONVERSATIONS} failed; first ones:\n" + "\n".join(failed[:5])
