"""The trained model: the language slot picks each language's text on SMS and voice, and the intents
the issue names are understood in Vietnamese, Indonesian and Russian."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import SlotSet

from bot.channels import SmsCollector, VoiceCollector
from cli.stack import ensure_model

# Loading DIET runs one dummy step whose dropout calls random.randint with a float (Rasa's code, not ours).
pytestmark = pytest.mark.filterwarnings("ignore:non-integer arguments to randrange:DeprecationWarning")


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(ensure_model()))


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def greet_with_language(agent: Agent, language: str | None, collector: SmsCollector) -> str:
    """A real turn through the agent: the first bot message is utter_greet, chosen for this channel."""
    sender = f"lang-test-{language}-{collector.name()}"

    async def turn() -> None:
        tracker = await agent.processor.fetch_tracker_with_initial_session(sender)
        if language is not None:
            tracker.update(SlotSet("language", language))
            await agent.tracker_store.save(tracker)
        await agent.handle_message(UserMessage("hi", collector, sender))

    run(turn())
    return collector.messages[0]["text"]


@pytest.mark.parametrize(("language", "sms", "voice"), [
    (None, "Hi, this is Roadside Assist. I'll get you sorted.", "Hi, this is Roadside Assist. I'll get help to you."),
    ("en", "Hi, this is Roadside Assist. I'll get you sorted.", "Hi, this is Roadside Assist. I'll get help to you."),
    ("vi", "Chào bạn, đây là Roadside Assist. Tôi sẽ giúp bạn ngay.",
     "Xin chào, đây là Roadside Assist. Tôi sẽ gửi người đến giúp bạn."),
    ("id", "Halo, ini Roadside Assist. Kami bantu ya.", "Halo, ini Roadside Assist. Kami akan kirim bantuan."),
    ("ru", "Здравствуйте, это Roadside Assist. Сейчас поможем.",
     "Здравствуйте, это Roadside Assist. Мы пришлём помощь."),
])
def test_the_greeting_follows_the_language_slot_on_each_channel(agent, language, sms, voice):
    assert greet_with_language(agent, language, SmsCollector()) == sms
    assert greet_with_language(agent, language, VoiceCollector()) == voice


@pytest.mark.parametrize("language", ["vi", "id", "ru"])
def test_every_response_renders_in_the_slot_language_with_its_values(agent, language):
    from rasa.shared.core.trackers import DialogueStateTracker

    values = {"request_id": "RS-7K3Q9", "request_id_spoken": "R S 7 K 3 Q 9", "pickup": "I-95 N exit 12",
              "issue": "flat", "vehicle": "Civic", "dropoff": "5 Oak St", "location_link": "https://x.example/l/1",
              "cost_policy": "POLICY", "emergency_number": "911", "emergency_number_spoken": "9 1 1",
              "retention_days": "30", "privacy_url": "https://x.example/p"}
    domain = agent.domain
    tracker = DialogueStateTracker.from_events("render", [SlotSet("language", language)], slots=domain.slots)
    for name in domain.responses:
        for channel in ("sms", "voice"):
            wanted = next(v["text"] for v in domain.responses[name]
                          if v.get("channel") == (None if channel == "sms" else "voice")
                          and (v.get("condition") or [{}])[0].get("value") == language)
            message = run(agent.nlg.generate(name, tracker, channel, **values))
            assert message["text"] == wanted.format(**values), (name, channel)


INTENTS = [
    ("vi", "Xe của tôi không nổ máy", "inform"),
    ("vi", "xe toi bi hong", "inform"),
    ("vi", "xe tôi bị hỏng", "inform"),
    ("vi", "xóa dữ liệu của tôi", "delete_my_data"),
    ("vi", "xoa du lieu cua toi di", "delete_my_data"),
    ("vi", "bao lâu nữa xe kéo tới vậy", "ask_eta"),
    ("id", "Ban mobil saya bocor di jalan tol", "inform"),
    ("id", "mobil gw mogok", "inform"),
    ("id", "hapus data saya", "delete_my_data"),
    ("id", "berapa lama lagi dereknya datang", "ask_eta"),
    ("ru", "машина сломалась", "inform"),
    ("ru", "у меня машина сломалась на трассе", "inform"),
    ("ru", "удалите мои данные", "delete_my_data"),
    ("ru", "пока", "goodbye"),
    ("ru", "сколько ещё ждать эвакуатор", "ask_eta"),
]


@pytest.mark.parametrize(("language", "text", "intent"), INTENTS)
def test_the_issues_examples_get_their_intent(agent, language, text, intent):
    parsed = run(agent.parse_message(text))
    assert parsed["intent"]["name"] == intent, (language, text, parsed["intent"])
