"""Issue 14, item 13: HSTS, WhatsApp senders kept apart, no Rasa REST channel, voice turns deduped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.gateway import call_post, gateway_app, storage_of, text_in
from helpers.twilio_requests import post_signed
from server.app import create_app
from storage.services import Storage
from storage.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PHONE = "+15085550142"


def test_hsts_on_every_response_when_served_over_https(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)  # PUBLIC_BASE_URL is https
    client = app.test_client()
    for resp in (client.get("/healthz"), text_in(app, PHONE, "HELP"), client.post("/twilio/sms", data={})):
        assert resp.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_hsts_over_plain_http(redis_url: str, redis_client: Any) -> None:
    settings = Settings.from_env(make_env(redis_url, PUBLIC_BASE_URL="http://localhost:8080",
                                          RASA_URL=f"http://127.0.0.1:{free_port()}"))
    app = create_app(settings, storage=Storage.from_settings(settings, client=redis_client))
    assert "Strict-Transport-Security" not in app.test_client().get("/healthz").headers


def test_whatsapp_sender_never_shares_the_sms_numbers_conversation(redis_url: str, redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    st = storage_of(app)
    text_in(app, PHONE, "STOP")
    resp = text_in(app, f"whatsapp:{PHONE}", "START")
    assert resp.status_code == 400 and b"WhatsApp" in resp.data
    assert st.consent.load(st.token(PHONE)).opted_out  # a WhatsApp START cannot lift the SMS STOP
    resp = text_in(app, f"WhatsApp:{PHONE}", "my car broke down")
    assert resp.status_code == 400
    assert st.contacts.load(st.token(PHONE)) is None


def test_rasa_rest_channel_is_not_in_the_credentials() -> None:
    credentials = yaml.safe_load((ROOT / "bot" / "credentials.yml").read_text())
    assert "rest" not in credentials
    assert set(credentials) == {"bot.channels.SmsInput", "bot.channels.VoiceInput"}


def test_a_repeated_voice_turn_gets_the_same_answer_without_running_again(redis_url: str,
                                                                          redis_client: Any) -> None:
    app = gateway_app(redis_url, redis_client)
    st = storage_of(app)
    sid = "CA" + "5" * 32
    greeting = call_post(app, "/twilio/voice", PHONE, sid)
    action = greeting.find("Gather").attrib["action"]  # type: ignore[union-attr]
    assert "turn=1" in action
    form = {"CallSid": sid, "From": PHONE, "To": "+15005550006", "SpeechResult": "", "Confidence": "0"}
    first = post_signed(app.test_client(), action, form, TEST_TWILIO_TOKEN)
    again = post_signed(app.test_client(), action, form, TEST_TWILIO_TOKEN)
    assert first.status_code == again.status_code == 200
    assert again.data == first.data
    assert b"turn=2" in first.data
    # Nothing in the replay store is readable text.
    kept = [k for k in st.client.scan_iter("roadside:voice-turn:*")]
    assert len(kept) == 1 and b"catch that" not in st.client.get(kept[0])
