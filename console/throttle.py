"""Login throttling per client address and for the whole console, with ``limits`` in Redis.

Failed logins are counted in a moving window per client address (hashed:
no address is stored) and across all addresses. While a limit is reached,
the login form answers 429 without checking any password, so a guesser gets
nowhere and no account is locked by it. Per account, ``console.accounts``
adds a backoff that only the failing address feels.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import RedisStorage
from limits.storage.base import Storage as LimitsStorage
from limits.strategies import MovingWindowRateLimiter

from storage.errors import ConfigError

NAMESPACE = "roadside:console:throttle"
DEFAULT_PER_ADDRESS = "20 per 15 minutes"
DEFAULT_GLOBAL = "300 per 5 minutes"


def _item(name: str, spec: str) -> RateLimitItem:
    try:
        item = parse(spec)
    except ValueError:
        raise ConfigError(f"{name} must look like '20 per 15 minutes', got {spec!r}") from None
    return type(item)(item.amount, item.multiples, namespace=NAMESPACE)


class SharedClientStorage(RedisStorage):
    """limits' Redis storage over the app's own client (one server or a cluster).

    The app's client carries our timeouts and retries; limits 2.4 would build
    its own, and for a cluster it wants the retired ``redis-py-cluster``.
    """

    STORAGE_SCHEME: list[str] = []  # not a URL scheme: keep limits' registry as it is

    def __init__(self, client: Any) -> None:
        LimitsStorage.__init__(self)
        self.storage = client
        self.initialize_storage("")


@dataclass(frozen=True)
class Refusal:
    """A throttled login: who is refused (``address`` or ``everyone``) and for how long."""

    scope: str
    retry_after: int


class LoginThrottle:
    """Per-address and global limits on failed console logins."""

    def __init__(self, storage: Any, per_address: RateLimitItem, everyone: RateLimitItem, secret: bytes) -> None:
        self.storage = storage  # the limiter holds it only weakly
        self.limiter = MovingWindowRateLimiter(storage)
        self.per_address = per_address
        self.everyone = everyone
        self._secret = secret

    @classmethod
    def for_redis(cls, client: Any, secret: str, *, per_address: str = DEFAULT_PER_ADDRESS,
                  everyone: str = DEFAULT_GLOBAL) -> LoginThrottle:
        """Limits kept in the app's own Redis (``client``: one server or a cluster)."""
        return cls(SharedClientStorage(client), _item("CONSOLE_LOGIN_LIMIT_PER_ADDRESS", per_address),
                   _item("CONSOLE_LOGIN_LIMIT_GLOBAL", everyone), secret.encode())

    def source_id(self, address: str) -> str:
        """A keyed hash of the client address: enough to count, nothing to read back."""
        return hmac.new(self._secret, f"console-login:{address}".encode(), hashlib.sha256).hexdigest()[:20]

    def refusal(self, source: str) -> Refusal | None:
        """Why a login from ``source`` is refused right now, or None."""
        for scope, item, ids in (("address", self.per_address, ("address", source)),
                                 ("everyone", self.everyone, ("global",))):
            if not self.limiter.test(item, *ids):
                reset, _ = self.limiter.get_window_stats(item, *ids)
                return Refusal(scope, max(1, math.ceil(reset - time.time())))
        return None

    def failed(self, source: str) -> None:
        """Count one failed login from ``source``."""
        self.limiter.hit(self.per_address, "address", source)
        self.limiter.hit(self.everyone, "global")


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
    """The browser's address: ``remote_addr``, or behind ``trusted_proxies`` reverse proxies the
    address the outermost trusted proxy saw (X-Forwarded-For, counted from the right).

    Entries further left are written by the client and cannot be trusted.
    """
    if trusted_proxies <= 0:
        return remote_addr or "unknown"
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    if len(hops) < trusted_proxies:
        return remote_addr or "unknown"
    return hops[-trusted_proxies]
