"""What the bot tells the gateway alongside its text, and reading it back.

Actions send a custom payload (``dispatcher.utter_message(json_message=…)``);
Rasa's channel returns it as ``{"custom": {…}}`` among the turn's messages.
The payload only says what happened (a hand-off, a request reference, the end
of the conversation, an erasure to finish, the language); the gateway decides
what that means for its channel. Nothing personal goes into a payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HANDOFF = "handoff"  # the reason a person now has the conversation ("emergency", "asked_for_agent", …)
REFERENCE = "reference"  # the request reference just given to the customer ("RS-7K3Q9")
END = "end"  # True: nothing more to say in this conversation (e.g. after an erasure)
ERASE = "erase"  # True: the customer confirmed erasure; the gateway finishes it once the turn is saved
LANGUAGE = "language"  # the language the conversation continues in ("en")
KEYS = (HANDOFF, REFERENCE, END, ERASE, LANGUAGE)


def payload(**signals: str | bool) -> dict[str, Any]:
    """The custom payload for ``signals``; an unknown name is a programming error."""
    unknown = sorted(set(signals) - set(KEYS))
    if unknown:
        raise ValueError(f"unknown bot reply signals: {', '.join(unknown)}")
    return dict(signals)


@dataclass(frozen=True)
class BotReply:
    """One turn's answer from the bot: texts in order, and what the bot did."""

    texts: list[str] = field(default_factory=list)
    handoff: str | None = None
    reference: str | None = None
    end: bool = False
    erase: bool = False
    language: str | None = None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_reply(messages: list[Any]) -> BotReply:
    """The texts (a repeat within the turn kept once) and the signals of Rasa's messages.

    Signals of several payloads are merged; a later one wins. Values of the
    wrong type are ignored rather than trusted.
    """
    texts: list[str] = []
    signals: dict[str, Any] = {}
    for message in messages:
        if not isinstance(message, dict):
            continue
        text = str(message.get("text") or "")
        if text and text not in texts:
            texts.append(text)
        custom = message.get("custom")
        if isinstance(custom, dict):
            signals.update({k: v for k, v in custom.items() if k in KEYS})
    return BotReply(texts=texts, handoff=_text(signals.get(HANDOFF)), reference=_text(signals.get(REFERENCE)),
                    end=signals.get(END) is True, erase=signals.get(ERASE) is True,
                    language=_text(signals.get(LANGUAGE)))
