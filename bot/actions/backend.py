"""The action server's door to encrypted storage. Nothing is built at import."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storage import queues
from storage.contacts import Contact
from storage.rate_limits import RateLimits
from storage.services import Storage
from storage.settings import Settings


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Read once, on first use, per action-server process."""
    return Settings.from_env()


def limits() -> RateLimits:
    """Part of settings(), read once per action-server process."""
    return settings().limits


@lru_cache(maxsize=1)
def storage() -> Storage:
    """Built on first use, once per action-server process."""
    return Storage.from_settings(settings())


def cost_policy(language: str) -> str | None:
    """The company's one-line answer to "what does it cost / does insurance cover it" in ``language``, as the
    operator configured it; None when they did not (the catalog's default answer applies)."""
    return settings().cost_answer(language)


def location_link(token: str, channel: str) -> str | None:
    """A one-time URL where the driver's phone can share its position, or None without a public URL."""
    base = settings().public_base_url
    if not base:
        return None
    return f"{base}/l/{storage().location_links.create(token, channel)}"


def request_callback(token: str, request_id: str) -> None:
    """Tell dispatch that the driver of a sent request would rather be called."""
    queues.request_callback(storage(), token, request_id)


def lookup_contact(token: str) -> Contact | None:
    return storage().contacts.load(token)


def submit_dispatch(request: dict[str, Any], token: str | None = None) -> None:
    """Publish a complete roadside.dispatch/v1 request to the dispatch stream."""
    queues.submit_dispatch(storage(), token or "", request, per_day=limits().dispatch_per_day)


def cancel_dispatch(token: str, request_id: str) -> None:
    queues.cancel_dispatch(storage(), token, request_id)


def escalate(token: str, reason: str, priority: str, summary: dict[str, Any]) -> None:
    """Hand the conversation to a person; the gateway stops forwarding to Rasa."""
    queues.escalate(storage(), token, reason=reason, priority=priority, summary=summary)


def erase_customer(token: str) -> None:
    """Erase once this turn is saved: the gateway finishes it after Rasa replies."""
    from storage.erasure import request_erasure

    request_erasure(storage(), token)
