"""Reading the bot's answer: texts in order, and the custom payloads the actions send."""

from __future__ import annotations

import pytest

from facts.bot_reply import BotReply, payload, read_reply


def test_texts_in_order_a_repeat_kept_once() -> None:
    reply = read_reply([{"recipient_id": "t", "text": "OK."}, {"text": "Which car?"}, {"text": "OK."}])
    assert reply == BotReply(texts=["OK.", "Which car?"])


def test_payloads_next_to_the_text_are_read_and_merged() -> None:
    messages = [{"recipient_id": "t", "text": "Sent. Your reference is RS-7K3Q9."},
                {"recipient_id": "t", "custom": payload(reference="RS-7K3Q9")},
                {"recipient_id": "t", "custom": payload(handoff="emergency", language="en")}]
    reply = read_reply(messages)
    assert reply.texts == ["Sent. Your reference is RS-7K3Q9."]
    assert (reply.reference, reply.handoff, reply.language) == ("RS-7K3Q9", "emergency", "en")
    assert not reply.erase and not reply.end


def test_erase_and_end() -> None:
    reply = read_reply([{"text": "Your details are deleted."}, {"custom": {"erase": True, "end": True}}])
    assert reply.erase and reply.end


@pytest.mark.parametrize("custom", [{"erase": "yes"}, {"erase": 1}, {"reference": 7}, {"handoff": ""},
                                    {"unknown": True}, "erase", None])
def test_malformed_payloads_are_ignored(custom: object) -> None:
    assert read_reply([{"text": "Hi.", "custom": custom}]) == BotReply(texts=["Hi."])


def test_non_messages_are_skipped() -> None:
    assert read_reply(["text", 3, None, {"text": ""}]) == BotReply()


def test_an_unknown_signal_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        payload(erased=True)
