"""Redis key names. Per-customer keys carry the token in a {hash tag}."""

from __future__ import annotations

PREFIX = "roadside:"
DISPATCH_STREAM = "roadside:dispatch"
ESCALATION_STREAM = "roadside:escalations"
AUDIT_STREAM = "roadside:audit"
DISPATCH_GROUP = "dispatchers"
ESCALATION_GROUP = "agents"
OUTBOX_KEY = "roadside:outbox"  # list: SMS kept locally when no Twilio credentials
HELD_KEY = "roadside:held"  # sorted set: proactive messages waiting out quiet hours


def tracker_key(token: str) -> str:
    return f"{PREFIX}tracker:{{{token}}}"


def contact_key(token: str) -> str:
    return f"{PREFIX}contact:{{{token}}}"


def consent_key(token: str) -> str:
    return f"{PREFIX}consent:{{{token}}}"


def handoff_key(token: str) -> str:
    return f"{PREFIX}handoff:{{{token}}}"


def inbox_key(token: str) -> str:
    return f"{PREFIX}inbox:{{{token}}}"


def history_key(token: str) -> str:
    """List: the customer's earlier console items (and the bot conversation of each one closed)."""
    return f"{PREFIX}history:{{{token}}}"


def requests_key(token: str) -> str:
    return f"{PREFIX}requests:{{{token}}}"


def erasure_mark_key(token: str) -> str:
    return f"{PREFIX}erase:{{{token}}}"


def lock_key(conversation_id: str) -> str:
    return f"{PREFIX}lock:{{{conversation_id}}}"


def linked_key(token: str) -> str:
    """Set: the other conversations whose contact record holds this customer's number (withheld-id calls)."""
    return f"{PREFIX}linked:{{{token}}}"


# The agent console's keys: accounts, login throttling, sessions, truck status.
AGENTS_SET = "roadside:agents"
CONSOLE_SESSION_PREFIX = "roadside:console:session:"  # + sha256 of the session id


def agent_key(name: str) -> str:
    return f"{PREFIX}agent:{name}"


def agent_failures_key(name: str, source: str = "") -> str:
    """Failed logins on ``name``; with ``source`` (a hashed client address), from there only."""
    return f"{PREFIX}agent:{name}:failures" + (f":{source}" if source else "")


def agent_locked_key(name: str, source: str = "") -> str:
    """The backoff lock on ``name``; with ``source``, for that client address only."""
    return f"{PREFIX}agent:{name}:locked" + (f":{source}" if source else "")


def agent_totp_used_key(name: str, code: str) -> str:
    return f"{PREFIX}agent:{name}:totp-used:{code}"


def request_status_key(request_id: str) -> str:
    return f"{PREFIX}console:status:{request_id}"


def request_status_history_key(request_id: str) -> str:
    """List of every status set on a request (non-personal: status, ETA, truck, agent, time)."""
    return f"{PREFIX}console:status-history:{request_id}"


def seen_key(sid: str) -> str:
    return f"{PREFIX}seen:{sid}"


def stream_index_key(token: str, stream: str) -> str:
    """The ids of this customer's entries in ``stream`` (a sorted set scored by entry time, same retention)."""
    return f"{PREFIX}entries:{{{token}}}:{stream.removeprefix(PREFIX)}"


def stream_indexed_since_key(stream: str) -> str:
    """The first entry of ``stream`` written with its customers indexed ("0-0" once every entry is)."""
    return f"{stream}:indexed-since"


def dead_letter_stream(stream: str) -> str:
    return f"{stream}:dead"


def aad_v2_since_key(stream: str) -> str:
    """When ``stream`` got its first entry with bound clear fields (ms since the epoch)."""
    return f"{stream}:aad-v2-since"


def token_from_key(key: str) -> str | None:
    """The token inside a per-customer key's hash tag, if any."""
    start, end = key.find("{"), key.find("}")
    if start == -1 or end <= start + 1:
        return None
    return key[start + 1 : end]


def location_link_key(link_id: str) -> str:
    """A one-time location link: which conversation its point belongs to (30 minutes)."""
    return f"{PREFIX}loclink:{{{link_id}}}"


def location_links_of_key(token: str) -> str:
    """The ids of a customer's live location links (a set, as long as its newest link), so erasure finds them."""
    return f"{PREFIX}loclinks:{{{token}}}"


# Per-number rate limits (webhooks' inbound turns, dispatch requests). Counters
# only, each with a TTL, under the token's hash tag; erasure deletes rate_keys().
RATE_WINDOWS = ("turns:minute", "turns:hour", "dispatch:day")


def rate_key(token: str, window: str) -> str:
    return f"{PREFIX}rate:{{{token}}}:{window}"


def rate_keys(token: str) -> list[str]:
    return [rate_key(token, window) for window in RATE_WINDOWS] + [dispatch_refused_key(token)]


def dispatch_refused_key(token: str) -> str:
    """Set when a dispatch request was refused over the daily limit during this turn."""
    return f"{PREFIX}dispatch-refused:{{{token}}}"


def voice_turn_key(call_sid: str, turn: int) -> str:
    """The answer given to one voice turn (encrypted, minutes), replayed if Twilio posts that turn again."""
    return f"{PREFIX}voice-turn:{{{call_sid}}}:{turn}"


def customer_keys(token: str, streams: tuple[str, ...]) -> list[str]:
    """Every key under this customer's hash tag but the consent record, named, so erasure needs no SCAN.

    ``streams`` are the streams with a per-token index of entries. A new per-customer key belongs
    here too: tests/storage/test_sec_erase_every_store.py scans all of Redis after an erasure.
    """
    return [tracker_key(token), contact_key(token), handoff_key(token), inbox_key(token), history_key(token),
            requests_key(token), erasure_mark_key(token), lock_key(token), linked_key(token),
            location_links_of_key(token), *rate_keys(token), *(stream_index_key(token, s) for s in streams)]
