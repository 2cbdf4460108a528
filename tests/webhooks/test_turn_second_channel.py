"""A new channel is one small adapter around webhooks.turn: here a stand-in chat channel that answers JSON."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Blueprint, Flask, Response, jsonify, request

from helpers.fake_rasa import FakeRasa
from helpers.gateway import gateway_app
from webhooks import consent_keywords as kw
from webhooks.context import gateway
from webhooks.limits import limits
from webhooks.turn import Channel, Inbound, Party, run_turn

CHAT = Channel("chat", texted=True, consent_by_message=True)
PHONE = "+15085550142"


def chat_adapter() -> Blueprint:
    """Everything a channel has to do: read its request, run the turn, render the result."""
    bp = Blueprint("chat", __name__)

    @bp.post("/chat")
    def inbound() -> Response:
        gw, body = gateway(), request.get_json()
        party = Party(gw.storage.token(body["from"]), body["from"], "US")
        result = run_turn(gw, Inbound(CHAT, party, body["text"], {"region": "US"}, delivery_id=body["id"],
                                      keyword=kw.classify(body["text"]), keyword_text=kw.normalise(body["text"])),
                          limits())
        return jsonify(outcome=result.outcome.value, texts=[*result.texts, *result.notices],
                       reference=result.reference, language=result.language)

    return bp



@pytest.fixture
def app(redis_url: str, redis_client: Any, rasa: FakeRasa) -> Flask:
    flask_app = gateway_app(redis_url, redis_client, RASA_URL=rasa.url)
    flask_app.register_blueprint(chat_adapter())
    return flask_app


def chat(app: Flask, text: str, message_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = app.test_client().post("/chat", json={"from": PHONE, "text": text,
                                                                   "id": message_id}).get_json()
    return answer


def test_a_new_channel_gets_the_whole_turn(app: Flask, rasa: FakeRasa) -> None:
    first = chat(app, "flat tire on I-95", "m1")
    assert first["outcome"] == "answered" and first["language"] == "en"
    assert first["texts"][0] == "Where is your car right now?"
    assert "Reply STOP to opt out" in first["texts"][1]  # the first-contact notice, from the catalog
    assert rasa.received[-1]["message"] == "flat tire on I-95"

    assert chat(app, "flat tire on I-95", "m1")["outcome"] == "duplicate"
    assert len(rasa.received) == 1

    rasa.replies, rasa.payloads = ["Sent."], [{"reference": "RS-7K3Q9"}]
    assert chat(app, "yes", "m2")["reference"] == "RS-7K3Q9"

    stopped = chat(app, "STOP", "m3")
    assert stopped["outcome"] == "opted_out" and "unsubscribed" in stopped["texts"][0]
    assert chat(app, "hello?", "m4") == {"outcome": "ignored", "texts": [], "reference": None, "language": "en"}
    assert len(rasa.received) == 2
