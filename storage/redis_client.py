"""One Redis client per process, with timeouts and retries set explicitly.

redis-py 4.x (pinned by Rasa 3.6) has no socket timeout and no retries by
default: a stalled server would hang the caller forever.
"""

from __future__ import annotations

from typing import Any, Union

import redis
from redis.backoff import ExponentialBackoff
from redis.cluster import RedisCluster
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

RedisLike = Union["redis.Redis[bytes]", "RedisCluster[bytes]"]

SOCKET_TIMEOUT = 2.0
CONNECT_TIMEOUT = 2.0
RETRIES = 2
# No health-check PING: on a stalled server each PING waits out its own timeout and
# retries, which made one command take 19 s, past Twilio's 15 s webhook budget. A
# dropped connection is still caught: the command's ConnectionError is retried.
HEALTH_CHECK_INTERVAL = 0
CLUSTER_SCHEME = "redis-cluster://"


def connect(url: str, **overrides: Any) -> Any:
    """Build a client from ``REDIS_URL``.

    ``redis-cluster://host:port`` connects to a Redis Cluster; any other URL
    to a single server. A call fails with a redis ``ConnectionError`` or
    ``TimeoutError`` within about 6.5 s (3 tries of 2 s) rather than hanging.
    """
    options: dict[str, Any] = {
        "socket_timeout": SOCKET_TIMEOUT,
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "retry": Retry(ExponentialBackoff(cap=0.5, base=0.05), RETRIES),
        "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        "health_check_interval": HEALTH_CHECK_INTERVAL,
    }
    options.update(overrides)
    if url.startswith(CLUSTER_SCHEME):
        options.pop("retry_on_error", None)
        options.pop("health_check_interval", None)
        return RedisCluster.from_url("redis://" + url[len(CLUSTER_SCHEME) :], **options)
    return redis.Redis.from_url(url, **options)
