"""Liveness and readiness probes."""

from __future__ import annotations

import requests
from flask import Blueprint, Response, jsonify
from redis.exceptions import RedisError

from webhooks import metrics
from webhooks.context import gateway

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    gw = gateway()
    checks: dict[str, str] = {}
    try:
        gw.storage.ping()
        checks["redis"] = "ok"
    except RedisError:
        checks["redis"] = "down"
    checks["rasa"] = "ok" if gw.rasa.ready() else "down"
    try:
        ok = requests.get(f"{gw.settings.action_server_url}/health", timeout=2).status_code == 200
    except requests.RequestException:
        ok = False
    checks["action_server"] = "ok" if ok else "down"
    down = [name for name, state in checks.items() if state != "ok"]
    metrics.readiness_failures(down)
    status = 503 if down else 200
    return jsonify(status="down: " + ", ".join(down) if down else "ready", checks=checks), status
