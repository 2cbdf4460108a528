"""A turn whose action failed inside Rasa is reported as failed, not answered as if it went well."""

from __future__ import annotations

import logging

from bot import channels


def test_rasa_swallowed_action_failure_marks_only_the_current_turn() -> None:
    channels.watch_failed_turns()
    channels.watch_failed_turns()  # idempotent: one watch per logger
    processor = logging.getLogger("rasa.core.processor")
    assert sum(isinstance(h, channels._FailedTurnWatch) for h in processor.handlers) == 1

    processor.error("Encountered an exception while running action 'intake_form'.Bot will continue")  # no turn
    failures: list[str] = []
    token = channels._turn_failures.set(failures)
    try:
        processor.info("Restarted conversation")
        processor.warning("Some other warning")
        assert failures == []
        processor.error("Encountered an exception while running action 'intake_form'.Bot will continue, but ...")
        processor.warning("Circuit breaker tripped. Stopped predicting more actions for sender 'x'.")
    finally:
        channels._turn_failures.reset(token)
    assert failures == ["Encountered an exception while running action 'intake_form'", "Circuit breaker tripped"]
