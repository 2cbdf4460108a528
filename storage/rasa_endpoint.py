"""Redis connection settings from a Rasa ``endpoints.yml`` store section.

Rasa's own Redis stores read ``url`` as a *host name* and take ``port``,
``db``, ``username``, ``password``, ``use_ssl`` and ``ssl_*`` beside it. Ours
take the same keys the same way, and also a whole Redis URL
(``redis://…``, ``rediss://…``, ``redis-cluster://…``) in ``url``. Keys we
cannot honour are refused with a ``ConfigError`` naming them, because Rasa
would otherwise start with a store that silently ignores part of its config.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storage.errors import ConfigError
from storage.redis_client import connect

# Keys of Rasa's RedisTrackerStore / RedisLockStore we honour.
CONNECTION_KEYS = frozenset({"port", "db", "username", "password", "use_ssl", "ssl_keyfile", "ssl_certfile",
                             "ssl_ca_certs", "socket_timeout"})
# Keys Rasa itself passes to every custom store, or that name what is already known.
IGNORED_KEYS = frozenset({"host", "url", "domain", "event_broker", "record_exp", "endpoint_config"})
DEFAULT_PORT = 6379


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def check_keys(section: str, options: Mapping[str, Any]) -> None:
    """Refuse keys we would otherwise ignore (``key_prefix``, typos, …)."""
    if options.get("key_prefix"):
        raise ConfigError(f"{section}: key_prefix is not supported; our keys are fixed under 'roadside:' "
                          "(use a separate Redis db or server to keep deployments apart)")
    unknown = sorted(k for k in options if k not in CONNECTION_KEYS | IGNORED_KEYS | {"key_prefix"})
    if unknown:
        raise ConfigError(f"{section}: unknown option(s) {', '.join(unknown)}; accepted: url (a host name or a "
                          f"redis:// URL), {', '.join(sorted(CONNECTION_KEYS))}")


def redis_from_endpoint(section: str, url: str | None, options: Mapping[str, Any], default_url: str) -> Any:
    """A Redis client for a store section, with our timeouts and retries.

    ``url`` None or empty: ``default_url`` (REDIS_URL). ``url`` with ``://``:
    a whole Redis URL, which must not be combined with port/db/password.
    Otherwise a host name, combined with the other keys as Rasa does.
    """
    check_keys(section, options)
    given = {k: v for k, v in options.items() if k in CONNECTION_KEYS and v is not None}
    timeout = given.pop("socket_timeout", None)
    overrides: dict[str, Any] = {} if timeout is None else {"socket_timeout": float(timeout)}
    if not url:
        if given:
            raise ConfigError(f"{section}: {', '.join(sorted(given))} given without url; set url to the Redis "
                              "host name (as for Rasa's Redis stores)")
        return connect(default_url, **overrides)
    if "://" in url:
        if given:
            raise ConfigError(f"{section}: url is a whole Redis URL, so {', '.join(sorted(given))} must be part "
                              "of it, not separate keys")
        return connect(url, **overrides)
    try:
        port = int(given.get("port", DEFAULT_PORT))
        db = int(given.get("db", 0))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{section}: port and db must be whole numbers") from exc
    scheme = "rediss" if _flag(given.get("use_ssl", False)) else "redis"
    ssl = {k: given[k] for k in ("ssl_keyfile", "ssl_certfile", "ssl_ca_certs") if k in given}
    if ssl and scheme != "rediss":
        raise ConfigError(f"{section}: {', '.join(sorted(ssl))} need use_ssl: true")
    for key in ("username", "password"):
        if key in given:
            overrides[key] = str(given[key])
    return connect(f"{scheme}://{url}:{port}/{db}", **overrides, **ssl)
