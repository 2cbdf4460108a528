"""The per-turn profile's own arithmetic: predictions per turn, Redis command deltas, the gateway's metric."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from bench import rasa_timed
from bench.turn_profile import TOTAL, Profile, command_delta, metric_sum


def test_redis_commands_between_two_readings_leave_out_info_itself() -> None:
    before = {"cmdstat_get": {"calls": 10, "usec": 100}, "cmdstat_info": {"calls": 3, "usec": 900}}
    after = {"cmdstat_get": {"calls": 14, "usec": 180}, "cmdstat_set": {"calls": 2, "usec": 20},
             "cmdstat_info": {"calls": 5, "usec": 1500}}
    calls, seconds = command_delta(before, after)
    assert calls == 6
    assert abs(seconds - 100e-6) < 1e-12


def test_the_gateways_rasa_time_sums_every_label_of_the_histogram() -> None:
    text = "\n".join([
        "# TYPE roadside_turn_seconds histogram",
        'roadside_turn_seconds_bucket{channel="sms",language="en",le="0.05"} 1.0',
        'roadside_turn_seconds_sum{channel="sms",language="en"} 1.25',
        'roadside_turn_seconds_sum{channel="voice",language="other"} 0.5',
        'roadside_turn_seconds_sum_other 9.0',
    ])
    assert metric_sum(text, "roadside_turn_seconds_sum") == 1.75


def test_shares_are_of_the_mean_turn_and_overlapping_parts_are_marked() -> None:
    profile = Profile()
    for total, nlu, redis in ((0.1, 0.02, 0.001), (0.3, 0.04, 0.003)):
        profile.add(TOTAL, total)
        profile.add("NLU parse", nlu)
        profile.add("Redis server time", redis)
    profile.round_trips += [20, 30]
    rows = {row[:26].strip(): row for row in profile.table()[1:]}
    assert rows[TOTAL].split()[-1] == "100.0%"
    assert "15.0%" in rows["NLU parse"] and "overlaps" not in rows["NLU parse"]
    assert "1.0% (overlaps)" in rows["Redis server time"]
    assert rows["Redis commands per turn"].split()[-2:] == ["25", "30"]


def test_rasa_timed_writes_one_line_per_message_with_the_steps_inside_it(tmp_path: Path) -> None:
    path = tmp_path / "timings.jsonl"

    async def parse() -> None:
        await asyncio.sleep(0.02)

    def predict() -> None:
        time.sleep(0.005)

    timed_parse = rasa_timed._timed_async("nlu", parse)
    timed_predict = rasa_timed._timed("policy", predict)

    async def handle() -> None:
        await timed_parse()
        timed_predict()
        timed_predict()

    asyncio.run(rasa_timed._turn(handle, str(path))())
    asyncio.run(timed_parse())  # outside a message (/model/parse): written nowhere
    lines = path.read_text().splitlines()
    assert len(lines) == 1
    steps = json.loads(lines[0])
    assert (steps["nlu_count"], steps["policy_count"]) == (1, 2)
    assert steps["nlu"] >= 0.02 and steps["policy"] >= 0.01
    assert steps["total"] >= steps["nlu"] + steps["policy"]
