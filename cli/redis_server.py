"""Start a private redis-server on a free port for the tests, and wait for a redis-server to answer."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_redis(url: str, proc: subprocess.Popen[bytes], timeout: float = 10) -> redis.Redis:
    """A client of the redis-server ``proc`` once it answers PING (it has loaded its data by then).

    Kills ``proc`` and raises RuntimeError if it exits or stays silent for ``timeout`` seconds.
    """
    client = redis.Redis.from_url(url, socket_connect_timeout=0.2)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.ping()
            return client
        except redis.BusyLoadingError:
            pass  # still reading its append-only file
        except redis.ConnectionError:
            if proc.poll() is not None:
                client.close()
                raise RuntimeError(f"redis-server exited with status {proc.returncode}") from None
        if time.monotonic() > deadline:
            client.close()
            proc.kill()
            raise RuntimeError("redis-server did not start") from None
        time.sleep(0.05)


@contextmanager
def private_redis() -> Iterator[str]:
    """Yield the URL of a fresh redis-server that is killed afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="roadside-redis-")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir, "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = wait_for_redis(url, proc)
    try:
        yield url
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
