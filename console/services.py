"""What the console is given by the app factory: it builds none of these itself."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from messaging.outbound import OutboundSms
from storage.services import Storage
from storage.settings import Settings

EXTENSION = "roadside_console_services"


@dataclass(frozen=True)
class ConsoleServices:
    settings: Settings
    storage: Storage
    outbound: OutboundSms

    def init_app(self, app: Flask) -> None:
        app.extensions[EXTENSION] = self


def services() -> ConsoleServices:
    """The services of the current app."""
    found: ConsoleServices = current_app.extensions[EXTENSION]
    return found
