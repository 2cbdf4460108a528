"""A pickup place as an agent reads it: the words once, coordinates once, with map links (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
WEB_MAP = "https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=17/{lat}/{lng}"


@dataclass(frozen=True)
class Place:
    text: str  # the words the customer gave ("" when they were only the coordinates)
    lat: float | None = None
    lng: float | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lng is not None

    @property
    def coordinates(self) -> str:
        return f"{_short(self.lat)}, {_short(self.lng)}" if self.has_point else ""

    @property
    def geo_uri(self) -> str:
        """Opens the phone's map app (RFC 5870)."""
        return f"geo:{self.lat},{self.lng}" if self.has_point else ""

    @property
    def web_map(self) -> str:
        return WEB_MAP.format(lat=self.lat, lng=self.lng) if self.has_point else ""


def _short(value: float | None) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


def place(text: Any, lat: Any, lng: Any) -> Place:
    """Drop the words when they only repeat the coordinates ("42.2793, -71.4162")."""
    words = str(text or "").strip()
    point_lat, point_lng = _float(lat), _float(lng)
    if point_lat is not None and point_lng is not None:
        numbers = [float(n) for n in _NUMBER.findall(words)]
        leftover = _NUMBER.sub("", words).strip(" ,;()")
        if not leftover and numbers == [point_lat, point_lng]:
            words = ""
    return Place(words, point_lat, point_lng)


def tel_uri(phone: Any) -> str:
    """A tel: link for an E.164 number ("" when there is none)."""
    number = str(phone or "").strip()
    return f"tel:{quote(number, safe='+')}" if number else ""
