"""The per-turn profile's own arithmetic: predictions per turn, Redis command deltas, the gateway's metric."""

from __future__ import annotations

from bench.turn_profile import TOTAL, Profile, command_delta, metric_sum, predictions_in_last_turn


def test_predictions_are_the_actions_after_the_last_user_message() -> None:
    events = [{"event": "action", "name": "action_session_start"}, {"event": "session_started"},
              {"event": "action", "name": "action_listen"}, {"event": "user", "text": "flat tire"},
              {"event": "action", "name": "intake_form"}, {"event": "active_loop"},
              {"event": "slot"}, {"event": "action", "name": "action_listen"}]
    assert predictions_in_last_turn(events) == 2
    assert predictions_in_last_turn(events[:4]) == 0


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
