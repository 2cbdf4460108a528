"""After a load run: was any text lost or handled twice? Read back from Redis, not from the replies.

A text is kept when it is in the conversation's tracker (Rasa handled it), or
was handed to a person (escalation or hand-off inbox). Lost: kept nowhere, or
an intake whose every turn the bot answered but that left no dispatch request.
Doubled: a text the tracker holds twice, or an intake with two requests.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from bench.load_drivers import SCRIPT, Run
from storage.keys import tracker_key
from storage.services import Storage


@dataclass
class Outcome:
    lost: int = 0
    doubled: int = 0
    escalated: int = 0  # texts handed to a person because Rasa did not answer in time (told so honestly)
    errors: int = 0  # turns whose HTTP request failed or timed out at the client
    requests: int = 0  # dispatch requests written
    intakes: int = 0


def _user_texts(storage: Storage, token: str) -> Counter[str]:
    raw = storage.client.get(tracker_key(token))
    if raw is None:
        return Counter()
    events = json.loads(storage.keyring.decrypt(raw, tracker_key(token))).get("events", [])
    return Counter(e.get("text") for e in events if e.get("event") == "user")


def _by_token(storage: Storage) -> tuple[Counter[str], dict[str, set[str]]]:
    """Dispatch requests per token; texts escalated because Rasa was unavailable, per token."""
    requests = Counter(str(e.payload.get("token")) for e in storage.dispatch.matching(type="request"))
    escalated: dict[str, set[str]] = {}
    for entry in storage.escalations.matching(reason="rasa_unavailable"):
        escalated.setdefault(entry.payload.get("token", ""), set()).add(entry.payload.get("message") or "")
    return requests, escalated


def escalated_turns(storage: Storage, run: Run) -> list[bool]:
    """For each turn of ``run`` (senders named by phone token): was its text handed to a person (Rasa late)?"""
    _, escalated = _by_token(storage)
    return [t.text in escalated.get(storage.token(t.phone), set()) for t in run.turns]


def check(storage: Storage, run: Run, *, token_of_phone: bool = True) -> Outcome:
    """Count lost and doubled texts of ``run`` (senders named by phone token when ``token_of_phone``)."""
    out = Outcome(errors=sum(1 for t in run.turns if t.error))
    requests, escalated = _by_token(storage)
    for phone in run.phones:
        token = storage.token(phone) if token_of_phone else phone
        seen = _user_texts(storage, token)
        inbox = {m.get("text") for m in storage.handoff.messages(token)}
        handed = escalated.get(token, set())
        sent = [t.text for t in run.turns if t.phone == phone]
        out.intakes += 1
        out.requests += requests.get(token, 0)
        out.escalated += sum(1 for text in sent if text in handed)
        out.lost += sum(1 for text in sent if seen[text] == 0 and text not in handed and text not in inbox)
        out.doubled += sum(1 for text in sent if seen[text] > 1)
        whole = len(sent) == len(SCRIPT) and not handed
        out.doubled += max(0, requests.get(token, 0) - 1)
        out.lost += int(whole and requests.get(token, 0) == 0)
    return out
