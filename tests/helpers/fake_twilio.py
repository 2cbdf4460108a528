"""A local HTTP server that plays Twilio's Messages API for outbound SMS tests."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs

from helpers.local_http import serve


@dataclass
class FakeTwilio:
    url: str
    sent: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # To number -> (HTTP status, Twilio error code, message): answered as Twilio's REST errors are.
    refuse: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    refused: list[dict[str, str]] = field(default_factory=list)

    def refuse_unsubscribed(self, phone: str) -> None:
        """Answer sends to ``phone`` as Twilio does for a number that texted STOP to our sender."""
        self.refuse[phone] = (400, 21610, f"Attempt to send to unsubscribed recipient {phone}")

    def bodies_to(self, phone: str) -> list[str]:
        with self.lock:
            return [m["Body"] for m in self.sent if m.get("To") == phone]


@contextmanager
def fake_twilio() -> Iterator[FakeTwilio]:
    state: dict[str, Any] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            fake: FakeTwilio = state["fake"]
            if not self.path.endswith("/Messages.json") or "Authorization" not in self.headers:
                self.send_response(404)
                self.end_headers()
                return
            with fake.lock:
                refusal = fake.refuse.get(form.get("To", ""))
                (fake.refused if refusal else fake.sent).append(form)
            if refusal:
                status, code, message = refusal
                error = json.dumps({"code": code, "message": message, "status": status,
                                    "more_info": f"https://www.twilio.com/docs/errors/{code}"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(error)))
                self.end_headers()
                self.wfile.write(error)
                return
            sid = "SM" + uuid.uuid4().hex
            body = json.dumps({"sid": sid, "status": "queued", "to": form.get("To"), "from": form.get("From"),
                               "body": form.get("Body"), "account_sid": self.path.split("/")[3]}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Handler) as url:
        state["fake"] = FakeTwilio(url)
        yield state["fake"]
