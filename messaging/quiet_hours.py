"""Quiet hours (08:00-21:00 local) for proactive messages. Pure logic."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import timezone as phone_timezone

DAY_START = time(8, 0)
DAY_END = time(21, 0)
FALLBACK_ZONE = "UTC"


def zone_for_phone(e164: str) -> ZoneInfo:
    """The customer's time zone from the number (first candidate), else UTC."""
    try:
        zones = phone_timezone.time_zones_for_number(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        zones = ()
    name = next((z for z in zones if "/" in z), FALLBACK_ZONE)
    return ZoneInfo(name)


def is_quiet(now: datetime, zone: ZoneInfo) -> bool:
    """True outside 08:00-21:00 in ``zone``. ``now`` must be timezone-aware."""
    local = now.astimezone(zone).time()
    return not (DAY_START <= local < DAY_END)


def next_send_time(now: datetime, zone: ZoneInfo) -> datetime:
    """``now`` if allowed, else the next 08:00 local (DST-aware), in UTC."""
    if not is_quiet(now, zone):
        return now
    local = now.astimezone(zone)
    day = local.date() if local.time() < DAY_START else local.date() + timedelta(days=1)
    return datetime.combine(day, DAY_START, tzinfo=zone).astimezone(now.tzinfo)
