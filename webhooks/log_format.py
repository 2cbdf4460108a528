"""Log lines as one JSON object each (LOG_FORMAT=json), for log shippers.

Our log calls never pass personal data, but an exception's message can carry
one (some Twilio errors quote the phone number). So a record keeps only the
exception's class and where it was raised, never its message, and any
E.164 number that still slips into a message is masked.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import traceback
from collections.abc import Mapping
from datetime import datetime, timezone

from storage.errors import ConfigError

E164 = re.compile(r"\+\d{8,15}")
MASK = "+[number]"
HANDLER_NAME = "roadside-log-format"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": E164.sub(MASK, record.getMessage()),
            "process": record.process,
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exc_type"] = record.exc_info[0].__name__
            # File, line and function of each frame: enough to find the bug, no values and no message.
            frames = traceback.extract_tb(record.exc_info[2])
            line["exc_where"] = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in frames]
        return json.dumps(line, ensure_ascii=False)


def configure_logging(env: Mapping[str, str] = os.environ) -> logging.Handler | None:
    """Apply LOG_FORMAT (json or text) and LOG_LEVEL (default INFO) to the root logger.

    Without LOG_FORMAT nothing changes. Calling it again replaces the handler it
    added before, so building several apps in one process never doubles lines.
    """
    fmt = env.get("LOG_FORMAT", "").strip().lower()
    if not fmt:
        return None
    if fmt not in ("json", "text"):
        raise ConfigError(f"LOG_FORMAT must be json or text, not {fmt!r}")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(JsonLineFormatter() if fmt == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(env.get("LOG_LEVEL", "INFO").upper())
    return handler
