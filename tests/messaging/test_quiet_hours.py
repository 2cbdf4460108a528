from __future__ import annotations

from datetime import datetime, timezone

import pytest

from messaging.quiet_hours import is_quiet, next_send_time, zone_for_phone

UTC = timezone.utc


def test_zone_from_number() -> None:
    assert zone_for_phone("+14155550100").key == "America/Los_Angeles"
    assert zone_for_phone("+442079460958").key == "Europe/London"
    assert zone_for_phone("+61291234567").key == "Australia/Sydney"


@pytest.mark.parametrize("utc, phone, quiet", [
    (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "+12125550100", False),   # 08:00 EDT: allowed
    (datetime(2026, 7, 1, 11, 59, tzinfo=UTC), "+12125550100", True),   # 07:59 EDT
    (datetime(2026, 7, 2, 0, 59, tzinfo=UTC), "+12125550100", False),   # 20:59 EDT
    (datetime(2026, 7, 2, 1, 0, tzinfo=UTC), "+12125550100", True),     # 21:00 EDT
    (datetime(2026, 1, 15, 12, 0, tzinfo=UTC), "+12125550100", True),   # 07:00 EST (winter)
    (datetime(2026, 1, 15, 12, 0, tzinfo=UTC), "+442079460958", False),  # 12:00 GMT
    (datetime(2026, 1, 15, 12, 0, tzinfo=UTC), "+61291234567", True),    # 23:00 AEDT
])
def test_quiet_hours_across_zones_and_dst(utc: datetime, phone: str, quiet: bool) -> None:
    assert is_quiet(utc, zone_for_phone(phone)) is quiet


def test_next_send_time_over_a_dst_change() -> None:
    # 2026-03-08 is the US spring-forward day: 08:00 EDT is 12:00 UTC, not 13:00.
    late = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)  # 22:30 EST on the 7th
    assert next_send_time(late, zone_for_phone("+12125550100")) == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    early = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)  # 05:00 EST on the 7th
    assert next_send_time(early, zone_for_phone("+12125550100")) == datetime(2026, 3, 7, 13, 0, tzinfo=UTC)
    noon = datetime(2026, 3, 7, 17, 0, tzinfo=UTC)
    assert next_send_time(noon, zone_for_phone("+12125550100")) == noon
