"""A real three-master Redis Cluster on loopback (redis-server --cluster-enabled), for tests and benchmarks."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager


def cluster_ports(count: int = 3) -> list[int]:
    """``count`` ports whose cluster bus ports (port + 10000) are free too."""
    ports: list[int] = []
    while len(ports) < count:
        port = random.randint(20000, 40000)
        try:
            for candidate in (port, port + 10000):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        if port not in ports:
            ports.append(port)
    return ports


def _wait_for(check: bytes, argv: list[str], tries: int) -> None:
    for _ in range(tries):
        if check in subprocess.run(argv, capture_output=True).stdout:
            return
        time.sleep(0.05)
    raise RuntimeError(f"{' '.join(argv)} never answered {check!r}")


@contextmanager
def redis_cluster(masters: int = 3) -> Iterator[str]:
    """Yield ``redis-cluster://127.0.0.1:<port>`` of a fresh cluster of ``masters`` masters; stopped afterwards."""
    if not shutil.which("redis-cli"):
        raise RuntimeError("redis-cli is not installed (apt-get install redis-tools)")
    workdir = tempfile.mkdtemp(prefix="roadside-cluster-")
    ports = cluster_ports(masters)
    procs = [subprocess.Popen(["redis-server", "--port", str(p), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
                               "--cluster-config-file", f"{workdir}/nodes-{p}.conf", "--save", "", "--appendonly",
                               "no", "--dir", workdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for p in ports]
    try:
        for p in ports:
            _wait_for(b"PONG", ["redis-cli", "-p", str(p), "ping"], 100)
        subprocess.run(["redis-cli", "--cluster", "create", *[f"127.0.0.1:{p}" for p in ports],
                        "--cluster-replicas", "0", "--cluster-yes"], check=True, capture_output=True)
        for p in ports:
            _wait_for(b"cluster_state:ok", ["redis-cli", "-p", str(p), "cluster", "info"], 200)
        yield f"redis-cluster://127.0.0.1:{ports[0]}"
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
