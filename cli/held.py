"""`roadside send-held`: send proactive messages whose quiet hours have ended."""

from __future__ import annotations

import argparse
import logging
import time

log = logging.getLogger(__name__)


def cmd_send_held(args: argparse.Namespace) -> int:
    from console.reminders import remind_unclaimed
    from messaging.outbound import OutboundSms
    from messaging.proactive import release_due
    from storage.services import Storage
    from storage.settings import Settings
    from webhooks import metrics
    from webhooks.notices import Notices

    settings = Settings.from_env()
    storage = Storage.from_settings(settings)
    outbound = OutboundSms(settings, storage, counts=metrics)
    notices = Notices(settings.service_name, settings.privacy_url)
    while True:
        sent = release_due(outbound)
        if sent or not args.every:
            print(f"sent {sent} held message(s)", flush=True)
        reminded = remind_unclaimed(storage, outbound, notices, settings.escalation_wait_seconds)
        if reminded:
            print(f"told {reminded} waiting customer(s) they are still in the queue", flush=True)
        if not args.every:
            return 0
        time.sleep(args.every)


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    held = sub.add_parser("send-held", help="send proactive messages held for quiet hours, once or every N s")
    held.add_argument("--every", type=float, default=0, help="keep running, checking every N seconds")
    held.set_defaults(func=cmd_send_held)
