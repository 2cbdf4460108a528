from __future__ import annotations

import pytest

from facts.phone import region_of, to_e164


@pytest.mark.parametrize("raw, e164", [
    ("+15085550142", "+15085550142"), ("(508) 555-0142", "+15085550142"), ("+44 20 7946 0958", "+442079460958"),
])
def test_normalises(raw: str, e164: str) -> None:
    assert to_e164(raw) == e164


@pytest.mark.parametrize("raw", ["", None, "anonymous", "Restricted", "+266696687", "12", "not a number"])
def test_withheld_or_invalid_is_none(raw: str | None) -> None:
    assert to_e164(raw) is None


def test_region() -> None:
    assert region_of("+442079460958") == "GB"
    assert region_of("+15085550142") == "US"
