"""Status texts, closing texts and canned replies go out in the customer's language (the contact's)."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any

import pytest
from flask.testing import FlaskClient

from storage.contacts import Contact

PASSWORD = "correct horse battery staple"

# language, phone (its country gives the emergency number), region
CUSTOMERS = {
    "en": ("+12125550177", "US"),
    "vi": ("+84912345678", "VN"),
    "id": ("+6281234567890", "ID"),
    "ru": ("+79161234567", "RU"),
}

STATUS_TEXTS = {
    "en": ["Roadside Assist: a truck is assigned to your request RS-L4NG1, expected in about 20 min.",
           "Roadside Assist: the truck for your request RS-L4NG1 is on the way, about 15 min.",
           "Roadside Assist: the truck for your request RS-L4NG1 has arrived.",
           "Roadside Assist: your request RS-L4NG1 is complete. Thank you."],
    "vi": ["Roadside Assist: đã có xe cứu hộ nhận yêu cầu RS-L4NG1, khoảng 20 phút nữa tới.",
           "Roadside Assist: xe cứu hộ cho yêu cầu RS-L4NG1 đang tới, khoảng 15 phút.",
           "Roadside Assist: xe cứu hộ cho yêu cầu RS-L4NG1 đã tới nơi.",
           "Roadside Assist: yêu cầu RS-L4NG1 đã hoàn tất. Cảm ơn bạn."],
    "id": ["Roadside Assist: derek sudah ditugaskan untuk permintaan Anda RS-L4NG1, tiba sekitar 20 menit lagi.",
           "Roadside Assist: derek untuk permintaan RS-L4NG1 sedang menuju ke lokasi Anda, sekitar 15 menit lagi.",
           "Roadside Assist: derek untuk permintaan RS-L4NG1 sudah tiba.",
           "Roadside Assist: permintaan RS-L4NG1 sudah selesai. Terima kasih."],
    "ru": ["Roadside Assist: на заявку RS-L4NG1 назначена техпомощь, будет примерно через 20 мин.",
           "Roadside Assist: техпомощь по заявке RS-L4NG1 уже едет, будет примерно через 15 мин.",
           "Roadside Assist: техпомощь по заявке RS-L4NG1 на месте.",
           "Roadside Assist: заявка RS-L4NG1 выполнена. Спасибо!"],
}


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF token"
    return match.group(1)


def _logged_in(console: Any) -> tuple[FlaskClient, str]:
    agent = console.add_agent("alice")
    client = console.app.test_client()
    csrf = _csrf(client.get("/console/login").text)
    client.post("/console/login", data={"csrf_token": csrf, "name": agent.name, "password": PASSWORD,
                                        "code": console.code(agent)})
    return client, _csrf(client.get("/console/queue").text)


def _customer(console: Any, language: str) -> SimpleNamespace:
    phone, region = CUSTOMERS[language]
    token = console.storage.token(phone)
    console.storage.contacts.save(token, Contact(phone, "sms", language, region, language_settled=True))
    console.storage.consent.opt_in(token, channel="sms", how="first_message")
    return SimpleNamespace(phone=phone, token=token)


def _canned(page: str) -> dict[str, str]:
    select = re.search(r'<select id="canned".*?</select>', page, re.S)
    assert select, "the item page offers no canned replies"
    return {html.unescape(label): html.unescape(value)
            for value, label in re.findall(r'<option value="([^"]+)">([^<]+)</option>', select.group(0))}


@pytest.mark.parametrize("language", ["en", "vi", "id", "ru"])
def test_status_texts_go_out_in_the_customers_language(console: Any, language: str) -> None:
    customer = _customer(console, language)
    ref = console.dispatch(customer, "RS-L4NG1")
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    for form in ({"status": "assigned", "eta": "20"}, {"status": "en_route", "eta": "15"}, {"status": "arrived"},
                 {"status": "completed"}):
        resp = client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, **form}, follow_redirects=True)
        assert "Status set to" in resp.text
    assert console.twilio.bodies_to(customer.phone) == STATUS_TEXTS[language]


def test_a_plain_assigned_status_without_an_eta_in_russian(console: Any) -> None:
    customer = _customer(console, "ru")
    ref = console.dispatch(customer, "RS-R0SS1")
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    client.post(f"/console/items/{ref}/status", data={"csrf_token": csrf, "status": "assigned"})
    assert console.twilio.bodies_to(customer.phone) == ["Roadside Assist: на вашу заявку RS-R0SS1 назначена техпомощь."]


@pytest.mark.parametrize(("language", "safety", "location", "will_call"), [
    ("en", "Please stay in a safe place away from traffic. If anyone is hurt or in danger, call 911.",
     "Where exactly is the car? The nearest exit, mile marker or cross street helps us most.",
     "We will call you in a few minutes. Please keep your phone nearby."),
    ("vi", "Bạn hãy đứng ở chỗ an toàn, tránh xa xe cộ. Nếu có người bị thương hoặc gặp nguy hiểm, hãy gọi 115.",
     "Xe của bạn đang ở đâu chính xác? Cho biết lối ra, cột km hoặc ngã tư gần nhất.",
     "Vài phút nữa chúng tôi sẽ gọi cho bạn. Bạn để điện thoại gần bên nhé."),
    ("ru", "Отойдите в безопасное место подальше от дороги. Если кто-то ранен или в опасности, звоните 112.",
     "Где именно стоит машина? Напишите ближайший съезд, километр или перекрёсток.",
     "Мы позвоним вам в ближайшие минуты. Держите телефон рядом."),
])
def test_canned_replies_are_offered_in_the_customers_language(console: Any, language: str, safety: str,
                                                              location: str, will_call: str) -> None:
    customer = _customer(console, language)
    ref = console.escalate(customer)
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    canned = _canned(client.get(f"/console/items/{ref}").text)
    assert (canned["Safety first"], canned["Ask for location"], canned["We will call you"]) == (safety, location,
                                                                                               will_call)
    assert {"Truck assigned", "Truck on the way", "Ask what the car is", "Greeting", "Still working"} <= set(canned)
    # The agent sends what they picked: it reaches the customer as it was offered.
    sent = client.post(f"/console/items/{ref}/reply", data={"csrf_token": csrf, "text": canned["Ask what the car is"]},
                       follow_redirects=True)
    assert "Reply sent" in sent.text
    assert console.twilio.bodies_to(customer.phone) == [canned["Ask what the car is"]]


@pytest.mark.parametrize(("language", "told"), [
    ("en", "Roadside Assist: we have closed your request RS-C1OSE. If you still need roadside help, reply to this "
           "text and we will pick it up again."),
    ("vi", "Roadside Assist: chúng tôi đã đóng yêu cầu RS-C1OSE. Nếu vẫn cần cứu hộ, bạn hãy trả lời tin nhắn này."),
    ("ru", "Roadside Assist: мы закрыли вашу заявку RS-C1OSE. Если помощь ещё нужна, ответьте на это SMS."),
])
def test_the_closing_text_is_in_the_customers_language(console: Any, language: str, told: str) -> None:
    customer = _customer(console, language)
    ref = console.dispatch(customer, "RS-C1OSE")
    client, csrf = _logged_in(console)
    client.post(f"/console/items/{ref}/claim", data={"csrf_token": csrf})
    assert told in html.unescape(client.get(f"/console/items/{ref}/close").text), "the agent sees what will be sent"
    client.post(f"/console/items/{ref}/close", data={"csrf_token": csrf, "confirmed": "yes", "tell_customer": "yes"})
    assert console.twilio.bodies_to(customer.phone) == [told]
