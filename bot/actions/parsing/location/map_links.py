"""Map links in a message (Google, Apple, Waze, OpenStreetMap), read offline: no short link is followed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote_plus, urlsplit

from bot.actions.parsing.location.coordinates import MINUS, SIGNED, to_number, valid_point

_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:maps\.google\.[a-z.]+|google\.[a-z.]+/maps|maps\.apple\.com|maps\.app\.goo\.gl|goo\.gl/maps"
    r"|(?:www\.)?waze\.com|(?:www\.)?openstreetmap\.org)\S*",
    re.IGNORECASE,
)
_GOOGLE_HOST_RE = re.compile(r"^(?:www\.|maps\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$")
# Needs a redirect we will not follow (no network in a parser).
_SHORT_HOSTS = frozenset({"goo.gl", "maps.app.goo.gl", "g.co", "maps.apple", "bit.ly", "tinyurl.com"})
_QUERY_PAIR_RE = re.compile(rf"^\s*(?:loc:\s*)?({SIGNED})\s*,\s*({SIGNED})")
_GENERIC_LABELS = frozenset({"dropped pin", "my location", "current location", "pin", "location", "shared location"})


@dataclass(frozen=True)
class Link:
    """A maps link found in a message: its point and place name (either may be missing) and where it was."""

    point: tuple[float, float] | None
    label: str | None
    span: tuple[int, int]


def _pair_from(value: str) -> tuple[float, float] | None:
    m = _QUERY_PAIR_RE.match(value)
    if not m:
        return None
    lat, lng = to_number(m.group(1)), to_number(m.group(2))
    return (lat, lng) if valid_point(lat, lng) else None


def _label_from(value: str | None) -> str | None:
    if not value:
        return None
    label = value.strip()
    if not label or _pair_from(label) or label.lower() in _GENERIC_LABELS:
        return None
    return label


def _read_google(path: str, query: dict[str, list[str]]) -> tuple[tuple[float, float] | None, str | None]:
    decoded = unquote_plus(path)
    # "!3d..!4d.." is the dropped pin itself; "@lat,lng" is only the map's centre.
    m = re.search(rf"!3d([{MINUS}]?\d+\.\d+)!4d([{MINUS}]?\d+\.\d+)", decoded)
    point = None
    if m:
        lat, lng = to_number(m.group(1)), to_number(m.group(2))
        point = (lat, lng) if valid_point(lat, lng) else None
    for key in ("q", "query", "ll", "center", "destination", "daddr", "sll"):
        if point is None and key in query:
            point = _pair_from(query[key][0])
    m = re.search(r"/maps/(?:search|place|dir)/([^/@]+)", decoded)
    place = m.group(1) if m else None
    if point is None and place:
        point = _pair_from(place)
    if point is None:
        m = re.search(rf"@([{MINUS}]?\d+(?:\.\d+)?),([{MINUS}]?\d+(?:\.\d+)?)", decoded)
        if m:
            lat, lng = to_number(m.group(1)), to_number(m.group(2))
            point = (lat, lng) if valid_point(lat, lng) else None
    label = _label_from(place) or _label_from(query.get("q", [None])[0]) or _label_from(query.get("query", [None])[0])
    return point, label


def _read_apple(query: dict[str, list[str]]) -> tuple[tuple[float, float] | None, str | None]:
    point = None
    for key in ("ll", "coordinate", "q", "daddr", "sll"):
        if point is None and key in query:
            point = _pair_from(query[key][0])
    label = _label_from(query.get("address", [None])[0]) or _label_from(query.get("q", [None])[0])
    return point, label


def _read_link(url: str) -> tuple[tuple[float, float] | None, str | None] | None:
    """(point, label) for a maps link; None when the URL is not a maps link we can read offline."""
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "https://" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    if host in _SHORT_HOSTS:
        return None
    if _GOOGLE_HOST_RE.match(host) and (host.startswith("maps.") or parts.path.startswith("/maps")):
        return _read_google(parts.path, query)
    if host == "maps.apple.com":
        return _read_apple(query)
    if host in {"waze.com", "www.waze.com"}:
        return (_pair_from(query["ll"][0]) if "ll" in query else None), None
    if host in {"openstreetmap.org", "www.openstreetmap.org"}:
        if "mlat" in query and "mlon" in query:
            return _pair_from(f"{query['mlat'][0]},{query['mlon'][0]}"), None
        m = re.search(r"map=\d+/(-?\d+\.\d+)/(-?\d+\.\d+)", parts.fragment)
        return (_pair_from(f"{m.group(1)},{m.group(2)}") if m else None), None
    return None


def find_links(text: str) -> list[Link]:
    """Every maps link in the text we can read offline, in order."""
    links = []
    for m in _URL_RE.finditer(text):
        url = m.group().rstrip(").,;!?>]\"'")
        read = _read_link(url)
        if read is not None:
            links.append(Link(read[0], read[1], (m.start(), m.start() + len(url))))
    return links


def parse_map_link(text: str) -> tuple[float, float] | None:
    """(lat, lng) from a Google/Apple Maps (or Waze/OpenStreetMap) link in the text; short links give None."""
    for link in find_links(text):
        if link.point is not None:
            return link.point
    return None
