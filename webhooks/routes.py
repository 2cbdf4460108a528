"""Attach the Twilio webhooks (and the location page, health and metrics) to an app."""

from __future__ import annotations

from flask import Flask

from webhooks.context import Gateway


def init_webhooks(app: Flask, gateway: Gateway) -> None:
    """Give the app its gateway services and register every webhook blueprint."""
    from webhooks import health, location_page, metrics, sms, status, voice

    gateway.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(location_page.bp)
    app.register_blueprint(metrics.bp)
    app.register_blueprint(sms.bp)
    app.register_blueprint(status.bp)
    app.register_blueprint(voice.bp)
