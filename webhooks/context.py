"""The services one web process shares, attached to the Flask app once."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from messaging.outbound import OutboundSms
from storage.services import Storage
from storage.settings import Settings
from webhooks.notices import Notices
from webhooks.rasa_client import RasaClient

EXTENSION = "roadside"


@dataclass
class Gateway:
    settings: Settings
    storage: Storage
    rasa: RasaClient
    notices: Notices
    outbound: OutboundSms

    def init_app(self, app: Flask) -> None:
        app.extensions[EXTENSION] = self


def gateway() -> Gateway:
    """The Gateway of the current app."""
    gw: Gateway = current_app.extensions[EXTENSION]
    return gw
