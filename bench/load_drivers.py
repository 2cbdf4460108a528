"""Simulated drivers: each does whole intakes, one text after another, and times every turn."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

# One whole intake: the problem and the place, the car, then "yes" to the summary.
SCRIPT = ("my battery is dead on I-95 N by exit 12", "2014 honda civic", "yes")
AREA_CODES = (508, 617, 781, 978, 413, 339, 351, 774, 857, 202, 212, 415)

# phone, text -> the bot's reply texts
Send = Callable[[str, str], list[str]]


@dataclass
class Turn:
    phone: str
    text: str
    seconds: float
    replies: list[str]
    error: str = ""
    at: float = 0.0  # when it was due to be sent (perf_counter), for per-minute figures


@dataclass
class Run:
    """Every turn of one load run, and how long the run took."""

    turns: list[Turn] = field(default_factory=list)
    wall: float = 0.0

    @property
    def phones(self) -> list[str]:
        return sorted({t.phone for t in self.turns})

    def per_second(self) -> float:
        return len(self.turns) / self.wall if self.wall else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(t.seconds for t in self.turns)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


class Numbers:
    """Fresh, valid phone numbers: each intake gets its own conversation (no per-number limits hit)."""

    def __init__(self, start: int = 0) -> None:
        self._next = start
        self._lock = threading.Lock()

    def take(self) -> str:
        with self._lock:
            n, self._next = self._next, self._next + 1
        area = AREA_CODES[n // 10000 % len(AREA_CODES)]
        return f"+1{area}555{n % 10000:04d}"


def intake(send: Send, phone: str, pause: tuple[float, float] | None, rng: random.Random) -> list[Turn]:
    """One driver's whole intake; with ``pause``, a person's think time between a reply and the next text."""
    turns = []
    for i, text in enumerate(SCRIPT):
        if pause is not None and i:
            time.sleep(rng.uniform(*pause))
        start = time.perf_counter()
        try:
            replies, error = send(phone, text), ""
        except Exception as exc:  # a failed turn is counted, not fatal to the run
            replies, error = [], exc.__class__.__name__
        turns.append(Turn(phone, text, time.perf_counter() - start, replies, error))
    return turns


def _together(drivers: int, one: Callable[[int], list[Turn]]) -> Run:
    run = Run()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=drivers) as pool:
        for turns in pool.map(one, range(drivers)):
            run.turns += turns
    run.wall = time.perf_counter() - start
    return run


def stress(send: Send, drivers: int, seconds: float, numbers: Numbers) -> Run:
    """``drivers`` texting back the moment they get a reply, intake after intake, for ``seconds``."""
    end = time.perf_counter() + seconds

    def one(_: int) -> list[Turn]:
        turns: list[Turn] = []
        while time.perf_counter() < end:
            turns += intake(send, numbers.take(), None, random.Random())
        return turns

    return _together(drivers, one)


def realistic(send: Send, drivers: int, numbers: Numbers, pause: tuple[float, float], seed: int = 12) -> Run:
    """``drivers`` each doing one intake, starting spread over the first pause, pausing between turns."""
    phones = [numbers.take() for _ in range(drivers)]

    def one(i: int) -> list[Turn]:
        rng = random.Random(seed * 100003 + i)
        time.sleep(rng.uniform(0, pause[1]))
        return intake(send, phones[i], pause, rng)

    return _together(drivers, one)
