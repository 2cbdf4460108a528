"""The emergency number by the country of the caller's phone."""

from __future__ import annotations

import pytest

from facts.emergency_numbers import emergency_number, emergency_number_for_phone


@pytest.mark.parametrize(
    ("region", "number"),
    [
        ("US", "911"),
        ("CA", "911"),
        ("PR", "911"),
        ("MX", "911"),
        ("GB", "999"),
        ("AU", "000"),
        ("NZ", "111"),
        ("IN", "112"),
        ("JP", "119"),
        ("CN", "120"),
        ("DE", "112"),
        ("FR", "112"),
        ("IE", "112"),
        ("NO", "112"),
        ("IS", "112"),
        ("CH", "112"),
        ("us", "911"),
        (" gb ", "999"),
        ("ZZ", "112"),
        ("001", "112"),
        ("", "112"),
        (None, "112"),
    ],
)
def test_emergency_number(region: str | None, number: str) -> None:
    assert emergency_number(region) == number


@pytest.mark.parametrize(
    "region",
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
     "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"],
)
def test_eu_and_eea_use_112(region: str) -> None:
    assert emergency_number(region) == "112"


@pytest.mark.parametrize(
    ("phone", "number"),
    [
        ("+15085550142", "911"),  # US
        ("+14165550142", "911"),  # Canada
        ("+17875550142", "911"),  # Puerto Rico
        ("+447911123456", "999"),  # UK
        ("+447700900123", "999"),  # UK drama range: not a valid number, still a UK one
        ("+61412345678", "000"),  # Australia
        ("+64211234567", "111"),  # New Zealand
        ("+4915112345678", "112"),  # Germany
        ("+33612345678", "112"),  # France
        ("+919812345678", "112"),  # India
        ("+819012345678", "119"),  # Japan
        ("+5215512345678", "911"),  # Mexico
        ("not a number", "112"),
        ("", "112"),
        ("+999123", "112"),  # no such country code
    ],
)
def test_emergency_number_for_phone(phone: str, number: str) -> None:
    assert emergency_number_for_phone(phone) == number
