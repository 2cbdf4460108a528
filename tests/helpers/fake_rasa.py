"""A local HTTP server that answers like Rasa's sms/voice channels (for gateway tests without a model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from helpers.local_http import serve


@dataclass
class FakeRasa:
    url: str
    replies: list[str] = field(default_factory=lambda: ["Where is your car right now?"])
    payloads: list[dict[str, Any]] = field(default_factory=list)  # custom payloads after the texts
    received: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def fake_rasa() -> Iterator[FakeRasa]:
    state: dict[str, FakeRasa] = {}

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(200, b'{"status": "ok"}')

        def do_POST(self) -> None:
            fake = state["fake"]
            if not self.path.endswith("/webhook"):
                self._answer(404, b"{}")
                return
            fake.received.append(json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0))))
            sender = fake.received[-1]["sender"]
            messages = [*({"recipient_id": sender, "text": t} for t in fake.replies),
                        *({"recipient_id": sender, "custom": p} for p in fake.payloads)]
            self._answer(200, json.dumps(messages).encode())

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serve(Handler) as url:
        state["fake"] = FakeRasa(url)
        yield state["fake"]
