"""The conversation's language through the SMS webhook: detected, kept in the contact record, sent to the bot.

Signed requests to the real webhook, a real Redis, and the stand-in Rasa (helpers/fake_rasa.py) to see
what the gateway hands the bot.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from conftest import TEST_TWILIO_TOKEN
from helpers.fake_rasa import FakeRasa
from helpers.gateway import gateway_app
from helpers.twilio_requests import messages, post_signed, sms_params
from storage.services import Storage

US, VN, ID, RU = "+15085550142", "+84912345678", "+6281234567890", "+79161234567"

# The first-contact notice, as a reader of each language would recognise it.
FIRST_CONTACT = {"en": "Reply STOP to opt out", "vi": "Nhắn DỪNG để hủy", "id": "Balas BERHENTI untuk berhenti",
                 "ru": "СТОП — отписка"}



@pytest.fixture
def app(redis_url: str, redis_client: Any, rasa: FakeRasa) -> Flask:
    return gateway_app(redis_url, redis_client, RASA_URL=rasa.url)


@pytest.fixture
def st(app: Flask) -> Storage:
    storage: Storage = app.extensions["roadside"].storage
    return storage


def sms(app: Flask, sender: str, body: str) -> list[str]:
    return messages(post_signed(app.test_client(), "/twilio/sms", sms_params(sender, body), TEST_TWILIO_TOKEN))


def language_of(st: Storage, phone: str) -> tuple[str, bool]:
    contact = st.contacts.load(st.token(phone))
    assert contact is not None
    return contact.language, contact.language_settled


def sent_language(rasa: FakeRasa) -> str:
    return str(rasa.received[-1]["metadata"]["language"])


@pytest.mark.parametrize("phone, body, language", [
    (US, "Xe của tôi không nổ máy", "vi"),  # a +1 number writing in Vietnamese gets Vietnamese
    (US, "xe toi bi hong o cau Sai Gon", "vi"),
    (VN, "my car broke down on the freeway", "en"),  # a +84 number writing in English gets English
    (US, "Ban mobil saya bocor di jalan tol", "id"),
    (US, "машина сломалась", "ru"),
])
def test_the_first_message_with_signal_sets_the_language(app: Flask, st: Storage, rasa: FakeRasa, phone: str,
                                                        body: str, language: str) -> None:
    replies = sms(app, phone, body)
    assert FIRST_CONTACT[language] in replies[-1]
    assert language_of(st, phone) == (language, True)
    assert sent_language(rasa) == language


@pytest.mark.parametrize("phone, language", [(VN, "vi"), (ID, "id"), (RU, "ru"), (US, "en")])
def test_the_phone_country_is_the_language_until_a_message_says_more(app: Flask, st: Storage, rasa: FakeRasa,
                                                                   phone: str, language: str) -> None:
    replies = sms(app, phone, "ok")
    assert FIRST_CONTACT[language] in replies[-1]
    assert language_of(st, phone) == (language, False)
    assert sent_language(rasa) == language


def test_neutral_texts_keep_the_language_and_the_driver_can_switch(app: Flask, st: Storage, rasa: FakeRasa) -> None:
    sms(app, US, "xe toi khong chay duoc")
    for neutral in ["ok", "10.7769, 106.7009", "https://maps.app.goo.gl/AbCdEf12", "51A-123.45", "123 Main St",
                    "Toyota Vios", "yes"]:
        sms(app, US, neutral)
        assert language_of(st, US) == ("vi", True) and sent_language(rasa) == "vi", neutral
    sms(app, US, "English please")
    assert language_of(st, US) == ("en", True) and sent_language(rasa) == "en"
    sms(app, US, "по-русски")
    assert language_of(st, US) == ("ru", True) and sent_language(rasa) == "ru"
    sms(app, US, "ok")
    assert language_of(st, US) == ("ru", True)


def test_the_gateways_own_texts_follow_the_language(app: Flask, st: Storage, rasa: FakeRasa) -> None:
    rasa.replies = []  # the bot says nothing: the gateway asks again, in the conversation's language
    sms(app, RU, "машина не заводится")
    assert sms(app, RU, "я на трассе М4")[0] == "Извините, сообщение не дошло. Пришлите ещё раз?"
