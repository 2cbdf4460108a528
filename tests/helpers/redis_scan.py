"""Read every key and value in Redis, to prove nothing personal is in plaintext."""

from __future__ import annotations

from typing import Any


def dump_everything(client: Any) -> bytes:
    out = []
    for key in client.scan_iter(count=1000):
        out.append(key)
        kind = client.type(key)
        if kind == b"string":
            out.append(client.get(key))
        elif kind == b"list":
            out.extend(client.lrange(key, 0, -1))
        elif kind == b"stream":
            for _, fields in client.xrange(key):
                out.extend(k + b"=" + v for k, v in fields.items())
        elif kind == b"hash":
            out.extend(k + v for k, v in client.hgetall(key).items())
        elif kind == b"zset":
            out.extend(client.zrange(key, 0, -1))
        elif kind == b"set":
            out.extend(client.smembers(key))
    return b"\n".join(out).lower()
