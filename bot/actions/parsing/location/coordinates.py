"""Coordinates written in a message: "41.0534, -73.5387", "lat 41.05 lng -73.53", "41°03'12\"N 73°32'W"."""

from __future__ import annotations

import itertools
import re

# Phones turn "-" into a Unicode minus or dash. Escaped: inside "[+...]" a bare "-" would make a range.
MINUS = r"\-−–"


def to_number(raw: str) -> float:
    """A coordinate as written, with a Unicode minus or dash, as a float."""
    return float(raw.replace("−", "-").replace("–", "-").lstrip("+"))


def valid_point(lat: float, lng: float) -> bool:
    """On the globe, and not 0,0."""
    # 0,0 is what a broken GPS sends, not where anyone is stranded.
    return -90 <= lat <= 90 and -180 <= lng <= 180 and not (lat == 0 and lng == 0)

SIGNED = rf"[+{MINUS}]?\d{{1,3}}(?:\.\d+)?"
_LABELLED_RE = re.compile(
    rf"\blat(?:itude)?\s*[:=]?\s*({SIGNED})\s*[,;/]?\s*(?:lng|lon|long|longitude)\s*[:=]?\s*({SIGNED})",
    re.IGNORECASE,
)
# "41.0534, -73.5387" / "41.0534,-73.5387" / "41.0534 -73.5387" (no comma: two decimals each).
_PAIR_RE = re.compile(
    rf"(?<![\w.])([+{MINUS}]?\d{{1,2}}\.\d+)\s*[,;]\s*([+{MINUS}]?\d{{1,3}}\.\d+)(?![\w.])"
    rf"|(?<![\w.])([+{MINUS}]?\d{{1,2}}\.\d{{2,}})\s+([+{MINUS}]?\d{{1,3}}\.\d{{2,}})(?![\w.])"
)
# One hemisphere-marked component: "41.05N", "N 41.05", "41°03'12\"N", "073° 32.1' W".
_HEMI_RE = re.compile(
    r"""
    (?:(?<![A-Za-z])(?P<h1>[NSEW])\s*)?
    (?P<deg>\d{1,3}(?:\.\d+)?)\s*(?P<degsign>°|º|deg\b)?\s*
    (?:(?P<min>\d{1,2}(?:\.\d+)?)\s*(?:'|′|’)\s*
       (?:(?P<sec>\d{1,2}(?:\.\d+)?)\s*(?:"|″|''|”)\s*)?)?
    (?(h1)|(?P<h2>[NSEW])(?![A-Za-z]))
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _hemi_value(m: re.Match[str]) -> tuple[str, float, bool] | None:
    """(hemisphere, signed degrees, precise?) for one component."""
    hemi = (m.group("h1") or m.group("h2") or "").upper()
    value = float(m.group("deg"))
    if m.group("min"):
        value += float(m.group("min")) / 60
    if m.group("sec"):
        value += float(m.group("sec")) / 3600
    if hemi in "SW":
        value = -value
    precise = "." in m.group("deg") or bool(m.group("min")) or bool(m.group("degsign"))
    return hemi, value, precise


def _hemisphere_pair(text: str) -> tuple[float, float] | None:
    comps = list(_HEMI_RE.finditer(text))
    for a, b in itertools.pairwise(comps):
        if text[a.end():b.start()].strip(" ,;/") != "":
            continue
        va, vb = _hemi_value(a), _hemi_value(b)
        if va is None or vb is None or not (va[2] and vb[2]):
            continue  # "I-95 N" next to "12 W" is a road and an exit, not a point
        pair = {va[0]: va[1], vb[0]: vb[1]}
        lat = pair.get("N", pair.get("S"))
        lng = pair.get("E", pair.get("W"))
        if lat is not None and lng is not None and valid_point(lat, lng):
            return lat, lng
    return None


def find_coordinates(text: str) -> tuple[tuple[float, float], tuple[int, int]] | None:
    """The first valid point in the text and where it was written."""
    m = _LABELLED_RE.search(text)
    if m:
        lat, lng = to_number(m.group(1)), to_number(m.group(2))
        if valid_point(lat, lng):
            return (lat, lng), m.span()
    hemi = _hemisphere_pair(text)
    if hemi is not None:
        first = _HEMI_RE.search(text)
        start = first.start() if first else 0
        spans = [c.span() for c in _HEMI_RE.finditer(text)]
        end = max(e for _, e in spans) if spans else len(text)
        return hemi, (start, end)
    for m in _PAIR_RE.finditer(text):
        raw_lat, raw_lng = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        lat, lng = to_number(raw_lat), to_number(raw_lng)
        if valid_point(lat, lng):
            return (lat, lng), m.span()
    return None


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(lat, lng) written in the text: "41.0534, -73.5387", "lat 41.05 lng -73.53", "41.05N 73.53W"."""
    found = find_coordinates(text)
    return found[0] if found else None
