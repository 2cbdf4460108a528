"""The Flask application factory: one set of services, the Twilio webhooks and the agent console."""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from console import init_console
from console.services import ConsoleServices
from facts import language_detection
from messaging.outbound import OutboundSms
from storage.services import Storage
from storage.settings import Settings
from webhooks import metrics
from webhooks.context import Gateway
from webhooks.log_format import configure_logging
from webhooks.notices import Notices
from webhooks.rasa_client import RasaClient
from webhooks.routes import init_webhooks

log = logging.getLogger(__name__)

HSTS = "max-age=31536000; includeSubDomains"


def create_app(settings: Settings | None = None, *, storage: Storage | None = None,
               twilio_client: Any = None) -> Flask:
    """Build the web app. Refuses to start with missing or weak secrets."""
    configure_logging()
    settings = settings or Settings.from_env()
    settings.require_web_secrets()
    storage = storage or Storage.from_settings(settings)
    outbound = OutboundSms(settings, storage, twilio_client, counts=metrics)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=256 * 1024)
    init_webhooks(app, Gateway(
        settings=settings,
        storage=storage,
        rasa=RasaClient(settings.rasa_urls, timeout=settings.rasa_timeout),
        notices=Notices(settings.service_name, settings.privacy_url),
        outbound=outbound,
    ))
    init_console(app, ConsoleServices(settings=settings, storage=storage, outbound=outbound))
    # Each web worker loads the language models beside serving, not inside its first text's turn.
    threading.Thread(target=language_detection.warm_up, name="language-models", daemon=True).start()
    app.register_error_handler(Exception, _plain_error)
    if settings.public_base_url.startswith("https://"):
        app.after_request(_strict_transport_security)
    return app


def _strict_transport_security(response: Response) -> Response:
    """Served over https (PUBLIC_BASE_URL): browsers must never fall back to plain http."""
    response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def _plain_error(exc: Exception) -> Response | HTTPException:
    """No stack trace and no personal data on any error page."""
    if isinstance(exc, HTTPException):
        return exc
    log.error("unhandled %s in request", exc.__class__.__name__, exc_info=exc)
    return Response("Sorry, something went wrong on our side.\n", status=500, mimetype="text/plain")
