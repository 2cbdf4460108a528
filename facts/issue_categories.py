"""The dispatch categories a driver's problem is sorted into.

One list for the parser (bot/actions/parsing/issue.py), the bot's slot, the
dispatch schema (schema/roadside.dispatch.v1.schema.json) and the domain's
``issue_category`` values; tests/facts/test_issue_categories.py checks the
last two against it.
"""

from __future__ import annotations

__all__ = ["CATEGORIES"]

CATEGORIES = ("flat_tire", "battery", "lockout", "fuel", "tow", "winch", "accident", "other")
