"""The gateway spreads conversations over several Rasa servers and fails over to a live one."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from cli.main import build_parser
from cli.redis_server import free_port
from cli.run import plan_stack
from cli.stack import Ports
from conftest import make_env
from helpers.fake_rasa import fake_rasa
from helpers.local_http import serve
from storage.errors import ConfigError
from storage.settings import Settings
from webhooks.rasa_client import RasaClient, RasaUnavailable, servers_for


def test_rasa_urls_from_the_environment(redis_url: str) -> None:
    one = Settings.from_env(make_env(redis_url, RASA_URL="http://10.0.0.5:5005/"))
    assert one.rasa_urls == ("http://10.0.0.5:5005",)
    many = Settings.from_env(make_env(redis_url, RASA_URLS=" http://a:5005/, http://b:5005,http://a:5005"))
    assert many.rasa_urls == ("http://a:5005", "http://b:5005")
    with pytest.raises(ConfigError, match="RASA_URLS"):
        Settings.from_env(make_env(redis_url, RASA_URLS="a:5005"))


def test_each_conversation_has_one_home_and_they_spread() -> None:
    urls = ["http://a:5005", "http://b:5005", "http://c:5005"]
    homes = Counter(servers_for(f"token-{i}", urls)[0] for i in range(600))
    assert set(homes) == set(urls) and min(homes.values()) > 150
    assert all(servers_for(f"token-{i}", urls) == servers_for(f"token-{i}", list(reversed(urls)))
               for i in range(50))
    # Losing server c moves only c's conversations: the others keep their home.
    for i in range(200):
        order = servers_for(f"token-{i}", urls)
        assert servers_for(f"token-{i}", urls[:2])[0] == next(u for u in order if u != "http://c:5005")


def test_a_server_that_refuses_connections_is_skipped() -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    with fake_rasa() as live:
        client = RasaClient([closed, live.url], timeout=2)
        senders = [f"token-{i}" for i in range(20)]
        assert any(servers_for(s, client.urls)[0] == closed for s in senders)  # some have the dead one as home
        for sender in senders:
            assert client.send("sms", sender, "flat tire") == ["Where is your car right now?"]
        assert [r["sender"] for r in live.received] == senders
        assert client.ready()
    assert not RasaClient([closed]).ready()
    with pytest.raises(RasaUnavailable):
        RasaClient([closed, f"http://127.0.0.1:{free_port()}"]).send("sms", "token-1", "hi")


def test_a_server_that_drops_a_turn_it_took_is_not_retried_elsewhere() -> None:
    """The turn may have run on the server that died: sending it to another could run it twice."""
    taken: list[str] = []

    class Dropper(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            taken.append(self.path)
            self.connection.shutdown(socket.SHUT_RDWR)  # dies mid-turn: no answer at all

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Dropper) as dropping, fake_rasa() as live:
        client = RasaClient([dropping, live.url], timeout=2)
        sender = next(f"token-{i}" for i in range(100) if servers_for(f"token-{i}", client.urls)[0] == dropping)
        with pytest.raises(RasaUnavailable):
            client.send("sms", sender, "flat tire")
        assert taken == ["/webhooks/sms/webhook"] and live.received == []


def test_one_client_serves_many_threads() -> None:
    with fake_rasa() as a, fake_rasa() as b:
        client = RasaClient([a.url, b.url], timeout=5)
        errors: list[BaseException] = []

        def turn(i: int) -> None:
            try:
                client.send("sms", f"token-{i}", "hi")
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=turn, args=(i,)) for i in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(a.received) + len(b.received) == 40 and a.received and b.received


def test_run_starts_n_rasa_servers_each_with_its_action_server(tmp_path: Path) -> None:
    args = build_parser().parse_args(["run", "--rasa-servers", "2", "--web-workers", "3"])
    assert (args.rasa_servers, args.web_workers) == (2, 3)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--rasa-servers", "0"])
    plan = plan_stack(Ports(web=8000, rasa=5005, actions=5055, redis=6390), {}, redis_dir=tmp_path / "redis",
                      rasa_servers=2, web_workers=3)
    assert [n for n in plan.commands if n.startswith(("rasa", "actions"))] == ["actions", "rasa", "actions2", "rasa2"]
    assert plan.env["RASA_URLS"] == "http://127.0.0.1:5005,http://127.0.0.1:5006"
    assert plan.commands["rasa2"][plan.commands["rasa2"].index("--port") + 1] == "5006"
    assert plan.commands["actions2"][plan.commands["actions2"].index("--port") + 1] == "5056"
    assert plan.env_of("rasa")["ACTION_SERVER_URL"] == "http://127.0.0.1:5055"
    assert plan.env_of("rasa2")["ACTION_SERVER_URL"] == "http://127.0.0.1:5056"
    # A Rasa server killed mid-turn blocks its conversation until its lock ticket expires: not Rasa's 60 s.
    assert 15 < int(plan.env["TICKET_LOCK_LIFETIME"]) <= 30
    web = plan.commands["web"]
    assert web[web.index("--workers") + 1] == "3"
    single = plan_stack(Ports(), {}, redis_dir=tmp_path / "redis")
    assert "rasa2" not in single.commands and single.env["RASA_URLS"] == "http://127.0.0.1:5005"
    given = plan_stack(Ports(), {"RASA_URL": "http://10.0.0.5:5005"}, redis_dir=tmp_path / "redis")
    assert given.env["RASA_URL"] == "http://10.0.0.5:5005" and "RASA_URLS" not in given.env


def test_a_server_that_refuses_the_turn_before_starting_it_is_skipped() -> None:
    """503 with started=false (its action server is down): nothing ran there, so another server takes it."""
    refused: list[str] = []

    class Refuser(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            refused.append(json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))["sender"])
            body = b'{"error": "action server unavailable", "started": false}'
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with serve(Refuser) as refusing, fake_rasa() as live:
        client = RasaClient([refusing, live.url], timeout=2)
        sender = next(f"token-{i}" for i in range(100) if servers_for(f"token-{i}", client.urls)[0] == refusing)
        assert client.send("sms", sender, "flat tire") == ["Where is your car right now?"]
        assert refused == [sender] and [r["sender"] for r in live.received] == [sender]
        with pytest.raises(RasaUnavailable, match="503"):
            RasaClient([refusing]).send("sms", sender, "flat tire")
