"""The soak benchmark's own arithmetic: per-minute figures, who texts next, memory growth."""

from __future__ import annotations

from bench.load_drivers import SCRIPT, Numbers, Turn
from bench.load_stack import Growth, growth
from bench.soak import Conversations, memory_rows, minute_rows, per_minute

START = 1000.0


def _turn(offset: float, seconds: float, error: str = "") -> Turn:
    return Turn("+15085550100", SCRIPT[0], seconds, ["ok"], error, at=START + offset)


def test_turns_fall_in_the_minute_they_were_due_and_an_empty_minute_is_shown() -> None:
    turns = [_turn(0, 0.1), _turn(30, 0.2), _turn(59.9, 0.3, "Timeout"), _turn(60, 2.0), _turn(185, 0.5)]
    escalated = [False, False, False, True, False]
    minutes = per_minute(turns, START, escalated)
    assert [(m.index, m.turns, m.escalated, m.errors) for m in minutes] == [
        (1, 3, 0, 1), (2, 1, 1, 0), (3, 0, 0, 0), (4, 1, 0, 0)]
    assert (minutes[0].p50, minutes[0].p95) == (0.2, 0.3)
    assert minutes[1].p95 == 2.0
    rows = minute_rows(minutes)
    assert rows[1].split() == ["1", "3", "200", "300", "0", "1"]


def test_each_driver_does_a_whole_intake_and_is_replaced_by_a_new_number() -> None:
    conversations = Conversations(Numbers(), size=2)
    first, second = conversations.next(), conversations.next()
    assert first.phone != second.phone
    conversations.answered(first)
    assert conversations.next() is first  # two in flight: the one that got its reply texts again
    third = conversations.next()  # both wait for a reply: a new driver, the schedule does not wait
    assert third.phone not in (first.phone, second.phone)
    for _ in range(len(SCRIPT) - 1):  # first texts the rest of its intake
        conversations.answered(first)
        if first.step < len(SCRIPT):
            assert conversations.next() is first
    assert first.step == len(SCRIPT) and conversations.finished == 1 and not conversations.idle
    conversations.answered(second)
    conversations.answered(third)
    assert [conversations.next(), conversations.next()] == [second, third]  # the finished driver never comes back


def test_growth_is_flagged_above_ten_percent_and_a_vanished_process_counts_as_zero() -> None:
    grown = growth({"rasa": 400.0, "web worker 1": 100.0, "actions": 50.0},
                   {"rasa": 420.0, "web worker 1": 111.0})
    assert [(g.name, round(g.percent, 1), g.flagged()) for g in grown] == [
        ("rasa", 5.0, False), ("web worker 1", 11.0, True), ("actions", -100.0, False)]
    rows = memory_rows(grown)
    assert "FLAG" in rows[2] and "FLAG" not in rows[1]
    assert Growth("redis", 0.0, 5.0).percent == 0.0
