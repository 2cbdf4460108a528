"""Rasa, unchanged, with a stopwatch on the steps of each message it handles (for bench/turn_profile.py).

Run as Rasa is run: ``python -m bench.rasa_timed run --model … --port …``, with
``ROADSIDE_TURN_TIMINGS`` naming a file. Rasa 3.6 logs no timings (tracing is Rasa Pro),
so this wraps, in this process only, the methods one message goes through:
``MessageProcessor.handle_message`` (the whole turn inside Rasa, after the channel and the
conversation lock), ``parse_message`` (NLU), ``_predict_next_with_tracker`` (one policy
prediction), ``RemoteAction.run`` (a custom action: request built, sent, events applied),
``EndpointConfig.request`` (the HTTP call to the action server), within a custom action
``DialogueStateTracker.current_state`` (the tracker sent), ``_validate_action_result``
(the answer checked against Rasa's JSON schema) and ``_utter_responses``, and the tracker store's
``retrieve`` and ``save``. After each message it appends one JSON line of seconds per step
(and counts) to the file: numbers only, never a text or a sender.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_current: dict[str, float] | None = None


def _add(step: str, seconds: float) -> None:
    if _current is not None:
        _current[step] = _current.get(step, 0.0) + seconds
        _current[f"{step}_count"] = _current.get(f"{step}_count", 0) + 1


def _timed_async(step: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await method(*args, **kwargs)
        finally:
            _add(step, time.perf_counter() - start)
    return wrapper


def _timed(step: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            _add(step, time.perf_counter() - start)
    return wrapper


def _turn(method: Callable[..., Any], path: str) -> Callable[..., Any]:
    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _current
        _current = {}
        start = time.perf_counter()
        try:
            return await method(*args, **kwargs)
        finally:
            timings, _current = _current, None
            timings["total"] = time.perf_counter() - start
            with _lock, open(path, "a") as fh:
                fh.write(json.dumps(timings) + "\n")
    return wrapper


def install(path: str) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    from storage.tracker_store import EncryptedRedisTrackerStore

    MessageProcessor.handle_message = _turn(MessageProcessor.handle_message, path)  # type: ignore[method-assign]
    MessageProcessor.parse_message = _timed_async("nlu", MessageProcessor.parse_message)  # type: ignore[method-assign]
    MessageProcessor._predict_next_with_tracker = _timed(  # type: ignore[method-assign]
        "policy", MessageProcessor._predict_next_with_tracker)
    RemoteAction.run = _timed_async("actions", RemoteAction.run)  # type: ignore[method-assign]
    EndpointConfig.request = _timed_async("action_http", EndpointConfig.request)  # type: ignore[method-assign]
    # Inside RemoteAction.run: the tracker's state for the request, the check of the answer, its responses.
    DialogueStateTracker.current_state = _timed(  # type: ignore[method-assign]
        "tracker_state", DialogueStateTracker.current_state)
    RemoteAction._validate_action_result = _timed(  # type: ignore[method-assign]
        "action_validate", RemoteAction._validate_action_result)
    RemoteAction._utter_responses = staticmethod(  # type: ignore[method-assign]
        _timed_async("action_responses", RemoteAction._utter_responses))
    EncryptedRedisTrackerStore.retrieve = _timed_async(  # type: ignore[method-assign]
        "tracker_load", EncryptedRedisTrackerStore.retrieve)
    EncryptedRedisTrackerStore.save = _timed_async(  # type: ignore[method-assign]
        "tracker_save", EncryptedRedisTrackerStore.save)


if __name__ == "__main__":
    install(os.environ["ROADSIDE_TURN_TIMINGS"])
    from rasa.__main__ import main

    sys.argv = ["rasa", *sys.argv[1:]]
    main()
