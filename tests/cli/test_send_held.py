from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from cli.main import main
from conftest import make_env
from helpers.fake_twilio import fake_twilio
from messaging.outbound import OutboundSms
from messaging.proactive import send_or_hold
from storage.contacts import Contact
from storage.services import Storage
from storage.settings import Settings


def test_send_held_sends_what_is_due(redis_url: str, redis_client: Any, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with fake_twilio() as twilio:
        env = make_env(redis_url, TWILIO_API_BASE=twilio.url)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings.from_env(env)
        st = Storage.from_settings(settings, client=redis_client)
        phone = "+12125550100"
        st.contacts.save(st.token(phone), Contact(phone))
        night = datetime(2020, 7, 2, 3, 0, tzinfo=timezone.utc)  # long past: due now
        assert send_or_hold(OutboundSms(settings, st), st.token(phone), "How did we do?", "survey", now=night) == "held"
        assert main(["send-held"]) == 0
        assert "sent 1 held message" in capsys.readouterr().out
        assert twilio.bodies_to(phone) == ["How did we do?"]
