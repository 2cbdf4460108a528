"""Make Rasa check the action server's answers once per schema, not once per answer,
and find an event's class by its name without walking every Event subclass.

Rasa 3.6 validates every answer of the action server with ``jsonschema.validate``, which
re-checks the schema itself before checking the answer. In jsonschema 4.17 that self-check
costs about 140 ms on this project's machines, two thirds of a whole turn (measured by
``python -m bench.turn_profile``). The schema never changes, so it is checked once and one
validator is kept: the answer is validated exactly as before, with the same error and message.

Reading a stored tracker turns each event's ``event`` name into its class with
``Event.resolve_by_type``, which lists every subclass of ``Event`` again for every event
(``all_subclasses`` walks the class tree and checks each for abstract methods): about a tenth
of a Rasa server's CPU under load (py-spy, ``bench.sms_load stress``). The classes found are
kept by name; a name not found yet is looked up as before, so an unknown name still raises.

Applied when Rasa loads our channels (bot/channels.py) or our model's NLU step (bot/nlu_facts.py), so it
runs in every Rasa server that serves this bot.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_ORIGINAL = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.resolve_by_type
_EVENT_CLASSES: dict[str, type[Event]] = {}


@functools.cache
def _answer_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """What RemoteAction._validate_action_result does, with the schema checked once."""
    error: ValidationError | None = best_match(_answer_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """What Event.resolve_by_type returns, each class found once by its name."""
    found = _EVENT_CLASSES.get(type_name)
    if found is not None:
        return found
    resolved = _ORIGINAL_RESOLVE(type_name, default)  # raises as before for an unknown name and no default
    if resolved is not None and getattr(resolved, "type_name", None) == type_name:
        _EVENT_CLASSES[type_name] = resolved
    return resolved


def apply() -> None:
    """Install the faster check and look-up (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]
