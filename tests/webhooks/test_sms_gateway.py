"""The SMS gateway's own duties, with a real Redis and Rasa not running."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from cli.redis_server import free_port
from conftest import TEST_TWILIO_TOKEN, make_env
from helpers.twilio_requests import PUBLIC_BASE, messages, post_signed, sms_params
from server.app import create_app
from storage.contacts import Contact
from storage.errors import ConfigError
from storage.services import Storage
from storage.settings import Settings

PHONE = "+15085550142"


@pytest.fixture
def app(redis_url: str, redis_client: Any) -> Flask:
    env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_URL=f"http://127.0.0.1:{free_port()}",
                   RASA_TIMEOUT_SECONDS="1")
    settings = Settings.from_env(env)
    return create_app(settings, storage=Storage.from_settings(settings, client=redis_client))


@pytest.fixture
def st(app: Flask) -> Storage:
    return app.extensions["roadside"].storage


def sms(app: Flask, body: str | None, sender: str = PHONE, **extra: str) -> Any:
    return post_signed(app.test_client(), "/twilio/sms", sms_params(sender, body, **extra), TEST_TWILIO_TOKEN)


def test_bad_or_missing_signature_is_403(app: Flask) -> None:
    client = app.test_client()
    params = sms_params(PHONE, "flat tire")
    assert client.post("/twilio/sms", data=params).status_code == 403
    resp = client.post("/twilio/sms", data=params, headers={"X-Twilio-Signature": "bm9wZQ=="})
    assert resp.status_code == 403 and b"invalid signature" in resp.data
    signed_for_other_host = post_signed(client, "/twilio/sms", params, TEST_TWILIO_TOKEN, base="http://localhost")
    assert signed_for_other_host.status_code == 403


def test_missing_from_or_sid_is_400(app: Flask) -> None:
    params = sms_params(PHONE, "hi")
    del params["From"]
    assert post_signed(app.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN).status_code == 400
    params = sms_params(PHONE, "hi")
    del params["MessageSid"]
    assert post_signed(app.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN).status_code == 400


@pytest.mark.parametrize("word", ["STOP", "stop.", " Stop ", "UNSUBSCRIBE", "opt out", "Cancel"])
def test_stop_records_opt_out_and_confirms_once(app: Flask, st: Storage, word: str) -> None:
    resp = sms(app, word)
    assert resp.status_code == 200
    [reply] = messages(resp)
    assert "Roadside Assist" in reply and "unsubscribed" in reply and "START" in reply
    rec = st.consent.load(st.token(PHONE))
    assert rec.opted_out and rec.history[-1]["channel"] == "sms"
    # Everything after is silence, except HELP and START.
    assert messages(sms(app, "my car broke down on I-95")) == []
    assert messages(sms(app, "STOP")) != []  # a repeated STOP is confirmed again, still opted out
    assert "Msg&data rates may apply" in messages(sms(app, "HELP"))[0]
    [back] = messages(sms(app, "start"))
    assert "subscribed again" in back
    assert not st.consent.is_opted_out(st.token(PHONE))


def test_twilio_opt_out_type_is_honoured(app: Flask, st: Storage) -> None:
    sms(app, "please no more", OptOutType="STOP")
    assert st.consent.is_opted_out(st.token(PHONE))


def test_yes_from_a_subscribed_number_is_not_an_opt_in_keyword(app: Flask, st: Storage) -> None:
    # Not opted out: "yes" goes to the dialogue (here Rasa is down, so the honest fallback answers).
    replies = messages(sms(app, "YES"))
    assert any("slow right now" in r for r in replies)


def test_help_lists_what_carriers_require(app: Flask) -> None:
    [reply] = messages(sms(app, "help"))
    for needle in ("Roadside Assist", "Msg&data rates may apply", "STOP", "AGENT", "updates"):
        assert needle in reply


def test_rasa_down_gets_honest_reply_message_kept_and_escalated(app: Flask, st: Storage) -> None:
    replies = messages(sms(app, "battery dead at exit 12 on I-95"))
    assert any("slow right now" in r and "911" in r for r in replies)
    assert any("Reply STOP to opt out" in r for r in replies)  # first contact notice
    [entry] = st.escalations.read_all()
    assert entry.fields["reason"] == "rasa_unavailable"
    assert entry.payload["message"] == "battery dead at exit 12 on I-95"
    assert entry.payload["phone"] == PHONE
    # The bot stays quiet while a person has it; later messages are kept for the agent.
    assert messages(sms(app, "hello?")) == []
    assert [m["text"] for m in st.handoff.messages(st.token(PHONE))] == ["hello?"]


def test_rasa_down_in_the_uk_names_999(app: Flask) -> None:
    replies = messages(sms(app, "flat tyre on the M25", sender="+442079460958"))
    assert any("999" in r for r in replies)


def test_duplicate_delivery_answered_once(app: Flask, st: Storage) -> None:
    params = sms_params(PHONE, "STOP")
    first = post_signed(app.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN)
    second = post_signed(app.test_client(), "/twilio/sms", params, TEST_TWILIO_TOKEN)
    assert len(messages(first)) == 1 and messages(second) == []
    assert [h["event"] for h in st.consent.load(st.token(PHONE)).history] == ["opt_out"]


@pytest.mark.parametrize("body, expected", [(None, "empty"), ("", "empty"), ("   ", "empty")])
def test_missing_or_empty_body(app: Flask, body: str | None, expected: str) -> None:
    resp = sms(app, body)
    assert resp.status_code == 200
    assert any(expected in r for r in messages(resp))


def test_attachment_only_mms(app: Flask) -> None:
    resp = sms(app, "", NumMedia="1", MediaContentType0="text/x-vcard", MediaUrl0="https://api.twilio.com/x")
    assert any("attachments" in r for r in messages(resp))


def test_huge_message_never_500(app: Flask) -> None:
    resp = sms(app, "help me " * 700)
    assert resp.status_code == 200 and messages(resp)


def test_status_callback_21610_records_opt_out(app: Flask, st: Storage) -> None:
    params = {"MessageSid": "SM1", "MessageStatus": "undelivered", "ErrorCode": "21610", "To": PHONE,
              "From": "+15005550006"}
    assert post_signed(app.test_client(), "/twilio/status", params, TEST_TWILIO_TOKEN).status_code == 204
    assert st.consent.load(st.token(PHONE)).history[-1]["how"] == "twilio:21610"
    assert post_signed(app.test_client(), "/twilio/status", {**params, "ErrorCode": "30003"},
                       TEST_TWILIO_TOKEN).status_code == 204


def test_readyz_names_what_is_down(app: Flask) -> None:
    resp = app.test_client().get("/readyz")
    assert resp.status_code == 503
    assert resp.json["checks"]["redis"] == "ok" and resp.json["checks"]["rasa"] == "down"
    assert app.test_client().get("/healthz").status_code == 200


def test_refuses_to_start_without_secrets(redis_url: str) -> None:
    with pytest.raises(ConfigError):
        create_app(Settings.from_env(make_env(redis_url, TWILIO_AUTH_TOKEN="")))


def test_redis_down_gets_an_honest_reply(redis_url: str) -> None:
    env = make_env(f"redis://127.0.0.1:{free_port()}/0", PUBLIC_BASE_URL=PUBLIC_BASE)
    app = create_app(Settings.from_env(env))
    resp = sms(app, "flat tire")
    assert resp.status_code == 200
    [reply] = messages(resp)
    assert "technical trouble" in reply and "911" in reply
    [reply] = messages(sms(app, "машина не заводится"))
    assert "сообщение не сохранилось" in reply
    [reply] = messages(sms(app, "ok", sender="+84912345678"))  # nothing telling: the phone's country
    assert "hệ thống lỗi" in reply


def test_shared_location_becomes_coordinates_for_the_dialogue(app: Flask, st: Storage) -> None:
    sms(app, "", Latitude="41.0534", Longitude="-73.5387", NumMedia="0")
    [entry] = st.escalations.read_all()  # Rasa is down here, so the kept message shows what it would have got
    assert entry.payload["message"] == "41.053400, -73.538700"


def test_stalled_rasa_gets_an_honest_reply_in_time(redis_url: str, redis_client: Any) -> None:
    import socket
    import time

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)  # accepts connections, never answers
    try:
        env = make_env(redis_url, PUBLIC_BASE_URL=PUBLIC_BASE, RASA_TIMEOUT_SECONDS="1.5",
                       RASA_URL=f"http://127.0.0.1:{server.getsockname()[1]}")
        settings = Settings.from_env(env)
        slow_app = create_app(settings, storage=Storage.from_settings(settings, client=redis_client))
        start = time.monotonic()
        replies = messages(sms(slow_app, "flat tire on I-95 exit 12"))
        assert time.monotonic() - start < 5
        assert any("slow right now" in r for r in replies)
    finally:
        server.close()


def test_odd_num_media_value_is_not_a_500(app: Flask) -> None:
    resp = sms(app, "", NumMedia="lots")
    assert resp.status_code == 200
    assert any("empty" in r for r in messages(resp))


# Words a reader of each language would see in its confirmations (and an English reader would not).
UNSUBSCRIBED = {"en": "unsubscribed", "vi": "hủy đăng ký", "id": "berhenti berlangganan", "ru": "вы отписались"}
RESUBSCRIBE = {"en": "Reply START", "vi": "Nhắn BẮT ĐẦU hoặc START", "id": "Balas MULAI atau START",
               "ru": "ответьте СТАРТ или START"}
SUBSCRIBED_AGAIN = {"en": "subscribed again", "vi": "đã đăng ký lại", "id": "berlangganan lagi",
                    "ru": "снова подписаны"}
RATES = {"en": "Msg&data rates may apply", "vi": "Có thể tính phí SMS", "id": "biaya SMS/data",
         "ru": "Возможна плата за SMS"}


@pytest.mark.parametrize("word, back, language", [
    ("DỪNG", "bat dau", "vi"), ("dung", "BẮT ĐẦU", "vi"), ("Hủy", "bắt đầu", "vi"), ("ngừng!", "Bắt đầu", "vi"),
    ("BERHENTI", "MULAI", "id"), ("unreg", "mulai", "id"), ("Berhenti.", "Mulai", "id"),
    ("СТОП", "старт", "ru"), ("отписаться", "СТАРТ", "ru"), ("Стоп!", "Старт", "ru"),
    ("STOP", "START", "en"), ("stop.", "start", "en"),
])
def test_opt_out_in_another_language_is_honoured_and_confirmed_in_it(app: Flask, st: Storage, word: str, back: str,
                                                                     language: str) -> None:
    [reply] = messages(sms(app, word))
    assert reply.startswith("Roadside Assist")
    assert UNSUBSCRIBED[language] in reply and RESUBSCRIBE[language] in reply
    rec = st.consent.load(st.token(PHONE))
    assert rec.opted_out and rec.history[-1]["channel"] == "sms"
    assert messages(sms(app, "my car broke down on I-95")) == []
    [again] = messages(sms(app, back))
    assert SUBSCRIBED_AGAIN[language] in again
    assert not st.consent.is_opted_out(st.token(PHONE))


@pytest.mark.parametrize("word, language", [("TRỢ GIÚP", "vi"), ("tro giup", "vi"), ("BANTUAN", "id"),
                                            ("помощь", "ru"), ("HELP", "en")])
def test_help_is_answered_in_the_language_it_was_asked_in(app: Flask, word: str, language: str) -> None:
    [reply] = messages(sms(app, word))
    assert reply.startswith("Roadside Assist") and RATES[language] in reply
    assert "AGENT" in reply


def test_english_stop_is_confirmed_in_english_in_a_russian_conversation(app: Flask, st: Storage) -> None:
    token = st.token(PHONE)
    st.contacts.save(token, Contact(PHONE, "sms", "ru", "US"))
    [reply] = messages(sms(app, "STOP"))
    assert "unsubscribed" in reply and "Reply START" in reply
    [reply] = messages(sms(app, "СТОП"))
    assert "вы отписались" in reply


def test_twilio_opt_out_type_on_a_longer_message_is_confirmed_in_the_conversation_language(app: Flask,
                                                                                          st: Storage) -> None:
    st.contacts.save(st.token(PHONE), Contact(PHONE, "sms", "id", "US"))
    [reply] = messages(sms(app, "tolong jangan kirim lagi", OptOutType="STOP"))
    assert "berhenti berlangganan" in reply
    assert st.consent.is_opted_out(st.token(PHONE))
