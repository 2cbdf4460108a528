"""Find where the car is (or where it should go) in a driver's free-text message.

Map links and coordinates give a point; everything else gives the words a
driver would read to a tow-truck driver ("I-95 N by exit 12"). No network:
short links that need resolving are not followed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote_plus, urlsplit

from bot.actions.parsing.vehicle import parse_vehicle

__all__ = [
    "SHARED_LOCATION",
    "Location",
    "is_vague_location",
    "normalise_road_shorthand",
    "parse_coordinates",
    "parse_dropoff",
    "parse_location",
    "parse_map_link",
]

SHARED_LOCATION = "Shared location"


@dataclass(frozen=True)
class Location:
    """A place as the driver described it, with a point when one was given."""

    text: str
    lat: float | None
    lng: float | None


# ---------------------------------------------------------------------------
# Coordinates

_MINUS = "-−–"  # phones turn "-" into a Unicode minus or dash


def _num(raw: str) -> float:
    return float(raw.replace("−", "-").replace("–", "-").lstrip("+"))


def _valid_point(lat: float, lng: float) -> bool:
    # 0,0 is what a broken GPS sends, not where anyone is stranded.
    return -90 <= lat <= 90 and -180 <= lng <= 180 and not (lat == 0 and lng == 0)


_SIGNED = rf"[+{_MINUS}]?\d{{1,3}}(?:\.\d+)?"
_LABELLED_RE = re.compile(
    rf"\blat(?:itude)?\s*[:=]?\s*({_SIGNED})\s*[,;/]?\s*(?:lng|lon|long|longitude)\s*[:=]?\s*({_SIGNED})",
    re.IGNORECASE,
)
# "41.0534, -73.5387" / "41.0534,-73.5387" / "41.0534 -73.5387" (no comma: two decimals each).
_PAIR_RE = re.compile(
    rf"(?<![\w.])([+{_MINUS}]?\d{{1,2}}\.\d+)\s*[,;]\s*([+{_MINUS}]?\d{{1,3}}\.\d+)(?![\w.])"
    rf"|(?<![\w.])([+{_MINUS}]?\d{{1,2}}\.\d{{2,}})\s+([+{_MINUS}]?\d{{1,3}}\.\d{{2,}})(?![\w.])"
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
        if lat is not None and lng is not None and _valid_point(lat, lng):
            return lat, lng
    return None


def _find_coordinates(text: str) -> tuple[tuple[float, float], tuple[int, int]] | None:
    """The first valid point in the text and where it was written."""
    m = _LABELLED_RE.search(text)
    if m:
        lat, lng = _num(m.group(1)), _num(m.group(2))
        if _valid_point(lat, lng):
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
        lat, lng = _num(raw_lat), _num(raw_lng)
        if _valid_point(lat, lng):
            return (lat, lng), m.span()
    return None


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """(lat, lng) written in the text: "41.0534, -73.5387", "lat 41.05 lng -73.53", "41.05N 73.53W"."""
    found = _find_coordinates(text)
    return found[0] if found else None


# ---------------------------------------------------------------------------
# Map links

_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b(?:maps\.google\.[a-z.]+|google\.[a-z.]+/maps|maps\.apple\.com|maps\.app\.goo\.gl|goo\.gl/maps"
    r"|(?:www\.)?waze\.com|(?:www\.)?openstreetmap\.org)\S*",
    re.IGNORECASE,
)
_GOOGLE_HOST_RE = re.compile(r"^(?:www\.|maps\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$")
# Needs a redirect we will not follow (no network in a parser).
_SHORT_HOSTS = frozenset({"goo.gl", "maps.app.goo.gl", "g.co", "maps.apple", "bit.ly", "tinyurl.com"})
_QUERY_PAIR_RE = re.compile(rf"^\s*(?:loc:\s*)?({_SIGNED})\s*,\s*({_SIGNED})")
_GENERIC_LABELS = frozenset({"dropped pin", "my location", "current location", "pin", "location", "shared location"})


@dataclass(frozen=True)
class _Link:
    point: tuple[float, float] | None
    label: str | None
    span: tuple[int, int]


def _pair_from(value: str) -> tuple[float, float] | None:
    m = _QUERY_PAIR_RE.match(value)
    if not m:
        return None
    lat, lng = _num(m.group(1)), _num(m.group(2))
    return (lat, lng) if _valid_point(lat, lng) else None


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
    m = re.search(rf"!3d([{_MINUS}]?\d+\.\d+)!4d([{_MINUS}]?\d+\.\d+)", decoded)
    point = None
    if m:
        lat, lng = _num(m.group(1)), _num(m.group(2))
        point = (lat, lng) if _valid_point(lat, lng) else None
    for key in ("q", "query", "ll", "center", "destination", "daddr", "sll"):
        if point is None and key in query:
            point = _pair_from(query[key][0])
    m = re.search(r"/maps/(?:search|place|dir)/([^/@]+)", decoded)
    place = m.group(1) if m else None
    if point is None and place:
        point = _pair_from(place)
    if point is None:
        m = re.search(rf"@([{_MINUS}]?\d+(?:\.\d+)?),([{_MINUS}]?\d+(?:\.\d+)?)", decoded)
        if m:
            lat, lng = _num(m.group(1)), _num(m.group(2))
            point = (lat, lng) if _valid_point(lat, lng) else None
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


def _find_links(text: str) -> list[_Link]:
    links = []
    for m in _URL_RE.finditer(text):
        url = m.group().rstrip(").,;!?>]\"'")
        read = _read_link(url)
        if read is not None:
            links.append(_Link(read[0], read[1], (m.start(), m.start() + len(url))))
    return links


def parse_map_link(text: str) -> tuple[float, float] | None:
    """(lat, lng) from a Google/Apple Maps (or Waze/OpenStreetMap) link in the text; short links give None."""
    for link in _find_links(text):
        if link.point is not None:
            return link.point
    return None


# ---------------------------------------------------------------------------
# Roads, streets and places in words

_DIRECTION = (
    r"(?:north|south|east|west)\s*-?\s*bound|(?:north|south|east|west)(?:bound)?|[NSEW]B|[NSEW](?![\w'])"
)
_ROAD_NUM = r"\#?\d{1,4}[a-z]?(?![\w])"
_ROAD_RE = re.compile(
    rf"""
    (?:\b(?:{_DIRECTION})\s+(?:on\s+)?)?
    (?:
        \b(?:i|interstate|ih)\s*-?\s*\d{{1,3}}(?![\w])
      | \b(?-i:US)\s*-?\s*{_ROAD_NUM}
      | \b(?:u\.s\.|us-?(?=\d)|us\s+(?:route|rte|hwy|highway)|sr|cr|fm|state\s+(?:route|road|highway|hwy)
            |county\s+(?:road|route|rd|hwy)|route|rte|rt
            |hwy|highway|hiway|hway|freeway|fwy|turnpike|parkway|pkwy|expressway)\s*-?\s*{_ROAD_NUM}
      | \b(?:mass|nj|new\s+jersey|pa|penn(?:sylvania)?|ohio|indiana|kansas|florida|garden\s+state|merritt|taconic
            |palisades|saw\s*mill|hutchinson(?:\s+river)?|bronx\s+river|cross\s+bronx|long\s+island|belt|jersey
            |dallas\s+north|sam\s+houston|pacific\s+coast)\s+(?:pike|turnpike|tpke|pkwy|parkway|expressway|expy|tollway
            |highway|hwy)\b
    )
    (?:\s*,?\s*(?:{_DIRECTION}))?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Californians say "the 405"; others "on 95 north".
_BARE_ROAD_RE = re.compile(
    rf"\b(?:on|off|take|took|taking|onto)\s+(the\s+\d{{1,3}}(?:\s+(?:{_DIRECTION}))?|\d{{1,3}}\s+(?:{_DIRECTION})"
    r"|\d{2,3}(?=\s*(?:$|[,;!?]|\.(?!\d)|near\b|by\b|at\b|past\b|before\b|after\b|exit\b|between\b|just\b)))",
    re.IGNORECASE,
)
_UK_ROAD_RE = re.compile(r"\b[MA]\d{1,4}(?:\(M\))?\b")
_EXIT_RE = re.compile(
    r"\b(?:junction|jct|jn)\s*\d{1,3}[a-z]?(?![\w])|"
    r"\bexits?\s*(?:number\s*|no\.?\s*)?\#?\s*\d{1,3}\s*-?\s*[a-d]?(?![\w])"
    r"(?:\s*(?:and|&|-|to|or)\s*\d{1,3}\s*[a-d]?(?![\w]))?",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(
    r"\b(?:mile\s*-?\s*markers?|mile\s*-?\s*posts?|mile\s*-?\s*mark|mm|mp|mi\s*marker|marker|mile)"
    r"\s*\#?\s*\d{1,4}(?:\.\d+)?(?![\w])"
    r"|\b\d{1,4}(?:\.\d+)?\s*(?:mile\s*-?\s*marker|mile\s*-?\s*post|mm|mp)\b(?!\s*\#?\s*\d)",
    re.IGNORECASE,
)
_DISTANCE_RE = re.compile(
    r"\b(?:about\s+|around\s+|like\s+)?(?:\d+(?:\.\d+)?|a|half\s+a|one|two|three|a\s+couple)\s*"
    r"(?:mi|miles?|km|kilometers?|kilometres?)\s+(?:past|before|after|from|north\s+of|south\s+of|east\s+of"
    r"|west\s+of|out\s+of)\b",
    re.IGNORECASE,
)
_INTERSECTION_RE = re.compile(
    r"\b(?:corner|intersection|junction|crossroads?|cross\s+streets?(?:\s+are)?)\s+(?:of\s+)?"
    r"[^,.;!?\n]{1,40}?\s+(?:and|&|@|/|at|n)\s+[A-Za-z0-9][\w'.-]*"
    r"(?:\s+(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|way|pl|ct|hwy|pkwy)\b\.?)?",
    re.IGNORECASE,
)
_BRANDS = (
    r"wal-?mart(?:\s+supercenter)?|target|costco|home\s+depot|lowe'?s|mc\s*donald'?s|mcd'?s|starbucks"
    r"|dunkin(?:'?\s+donuts)?|burger\s+king|wendy'?s|taco\s+bell|kfc|chick-?fil-?a|cracker\s+barrel|shell"
    r"|exxon(?:\s*mobil)?|mobil|bp|chevron|sunoco|citgo|wawa|sheetz|7-?\s*eleven|speedway|circle\s+k|quik\s*trip"
    r"|racetrac|valero|arco|love'?s\s+travel\s+stop|pilot\s+(?:travel\s+center|flying\s+j)|flying\s+j"
    r"|buc-?ee'?s|cvs|walgreens|rite\s+aid|kroger|safeway|publix|aldi|lidl|trader\s+joe'?s|whole\s+foods"
    r"|stop\s*(?:&|and|n)\s*shop|shoprite|wegmans|meijer|ikea|best\s+buy|dollar\s+general|dollar\s+tree|autozone"
    r"|advance\s+auto(?:\s+parts)?|pep\s+boys|jiffy\s+lube|firestone|discount\s+tire|applebee'?s|ihop"
    r"|denny'?s|waffle\s+house|olive\s+garden|panera|chipotle|kohl'?s|sam'?s\s+club|bj'?s|tesco|asda"
    r"|sainsbury'?s|morrisons|tim\s+hortons|canadian\s+tire|petro-?canada|esso|cumberland\s+farms|quick\s*chek"
    r"|royal\s+farms|casey'?s|kwik\s+trip|marathon\s+gas|gulf\s+station|hilton|marriott|hampton\s+inn"
    r"|holiday\s+inn(?:\s+express)?|best\s+western|motel\s+6|super\s+8|days\s+inn|comfort\s+inn|la\s+quinta"
    r"|red\s+roof\s+inn"
)
_BRAND_RE = re.compile(rf"\b(?:{_BRANDS})(?![\w'])", re.IGNORECASE)
_PLACE_NOUNS = (
    r"parking\s+(?:lot|garage|deck|structure|area)|car\s+park|rest\s+(?:area|stop)|service\s+(?:area|plaza|station)"
    r"|travel\s+(?:plaza|center|centre)|truck\s+stop|weigh\s+station|toll\s+(?:plaza|booth)|gas\s+station"
    r"|petrol\s+station|filling\s+station|shopping\s+(?:center|centre|plaza|mall)|strip\s+mall|mall|airport"
    r"|hospital|school|church|park\s+(?:and|&|n)\s+ride|train\s+station|bus\s+station|stadium|motel|hotel"
    r"|campground|trailhead|marina|beach|boat\s+launch|dealership|car\s+wash|apartment\s+complex|overpass"
    r"|underpass|tunnel|bridge|(?:on|off)\s*-?\s*ramp|ramp|plaza|college|university|library|post\s+office"
    r"|town\s+(?:center|centre|hall)|fire\s+station|police\s+station|diner|restaurant|garage|body\s+shop"
    r"|(?:auto|repair|tire|tyre|mechanic'?s?)\s+(?:shop|repair|center|centre)|mechanic'?s?|service\s+center"
)
_PLACE_RE = re.compile(rf"\b(?:{_PLACE_NOUNS})\b", re.IGNORECASE)
# Capitalised words just before a place noun name it: "Stamford Town Center", "Logan Airport".
_NAMED_PLACE_RE = re.compile(
    rf"((?:\b[A-Z][\w'&.-]*\s+){{1,4}})"
    rf"(?i:{_PLACE_NOUNS}|center|centre|park|station|auto|motors|automotive|repair|collision|service|tires?|towing)\b"
)
_HOME_RE = re.compile(
    r"\b(?:at|in|to|outside(?:\s+of)?|in\s+front\s+of|near|by|behind)\s+(?:the\s+)?"
    r"((?:my|our|his|her|their|my\s+\w+'?s)?\s*"
    r"(?:home|house|work|office|job|apartment|apt|driveway|garage|building|condo|dorm|place))\b",
    re.IGNORECASE,
)
_TOWN_RE = re.compile(
    r"\b(?P<prep>(?i:in|near|outside(?:\s+of)?|just\s+outside(?:\s+of)?|around|close\s+to|entering|leaving))\s+"
    r"(?P<name>[A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})(?:,?\s+(?P<state>[A-Z]{2})\b)?"
)
_TOWN_STOP = frozenset(
    """i im i'm my the a an traffic it this that there here lane left right middle front back ditch mud snow
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today tonight morning need please help thanks hi hello hey ok okay yes
    no stuck flat tow car truck what where when why how""".split()
)
_STREET_SUFFIXES = frozenset(
    """st street ave avenue av rd road blvd boulevard ln pkwy dr drive way lane ct court pl place cir circle
    trl trail ter terrace sq square row run loop path pike alley crescent close hwy""".split()
)
# These suffixes are ordinary words too ("test drive", "on my way"): need a house
# number, a capitalised name, or "on"/"at"... before the name.
_AMBIGUOUS_SUFFIXES = frozenset(
    """dr drive way lane ct court pl place cir circle trl trail ter terrace sq square row run loop path pike
    alley crescent close hwy""".split()
)
_STREET_LEAD_IN = frozenset({"on", "at", "off", "onto", "near", "by", "of", "down", "up", "along", "from", "to",
                             "past", "and", "&", "@"})
_STREET_NAME_STOP = frozenset(
    """a an the my our your his her their its it this that these those i im i'm me we you he she they
    on at in near by of off to from onto into past over under around down up along across behind before after
    and or but with without for is are was were be been am has have had do does did not no just
    car truck van suv tire tires tyre flat battery dead gas fuel stuck locked keys key tow towing need needs
    help broke broken down side dirt gravel back country private dark busy icy wet same other wrong long
    big small old new quiet highway freeway interstate exit mile marker parking lot way one
    any some every each which what where when how why there here right left middle""".split()
)
_CONNECTORS = frozenset(
    """near by at on off past before after just the a an of and & @ / between in right across from next behind
    front outside inside corner around close about heading going headed towards toward bound north south east
    west n s e w nb sb eb wb northbound southbound eastbound westbound side exit ramp mile miles approx
    approximately like under over x""".split()
)
_LANDMARK_LEAD = re.compile(
    r"^\s*,?\s*(?:right\s+|just\s+)?(?:near|by|next\s+to|across\s+from|in\s+front\s+of|behind|past|before|after"
    r"|outside|opposite|under|over|at|of)\s+",
    re.IGNORECASE,
)
_NOT_LANDMARK = frozenset(
    """car truck tire tires flat battery dead gas fuel stuck locked keys tow towing need needs help broke broken
    won't wont cant can't start smoke smoking died accident crash hit i i'm im we please thanks honda toyota ford
    chevy""".split()
)
_DROPOFF_BEFORE_RE = re.compile(
    r"(?:\b(?:tow\w*|take|bring|drop\w*|haul|deliver|move|send|get)\b[^,.;!?\n]{0,25}?\b(?:to|at|into)"
    r"|^\s*(?:to|into)|\b(?:drop\s*-?\s*off|destination|dropoff)\s*(?:is|:|at)?)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(r"\s*,?\s*(?:apt|apartment|unit|suite|ste|\#)\.?\s*\#?\s*[a-z0-9-]{1,6}\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.&-][A-Za-z0-9]+)*|[&@/]")

_WEIGHTS = {
    "address": 50, "intersection": 45, "street": 25, "road": 20, "exit": 20, "marker": 20,
    "brand": 15, "named_place": 15, "town": 15, "distance": 2, "place": 3, "home": 3,
}
_SPECIFIC = 10  # at or above this weight a location can be found by someone else


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    score: int
    kinds: frozenset[str]
    dropoff: bool

    @property
    def specific(self) -> bool:
        return any(_WEIGHTS[k] >= _SPECIFIC for k in self.kinds)


@dataclass(frozen=True)
class _Word:
    raw: str
    key: str
    start: int
    end: int


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(), m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _spans_from(regex: re.Pattern[str], text: str, kind: str, group: int = 0) -> list[_Span]:
    return [_Span(m.start(group), m.end(group), kind) for m in regex.finditer(text) if m.group(group)]


def _street_spans(text: str) -> list[_Span]:
    """Street names ending in a suffix, with house number if any: "123 Main St", "elm st", "5th Ave"."""
    words = _words(text)
    spans = []

    def touching(a: int, b: int) -> bool:
        return text[words[a].end:words[b].start].strip(" .") == ""

    for k, w in enumerate(words):
        if w.key.rstrip(".") not in _STREET_SUFFIXES or k == 0:
            continue
        names: list[int] = []
        j = k - 1
        while j >= 0 and len(names) < 3 and touching(j, j + 1):
            key = words[j].key
            is_name = key not in _STREET_NAME_STOP and (
                re.fullmatch(r"[a-z][a-z'.-]*", key) is not None or re.fullmatch(r"\d+(?:st|nd|rd|th)", key) is not None
            )
            if not is_name:
                break
            names.insert(0, j)
            j -= 1
        if not names:
            continue
        start = names[0]
        numbered = j >= 0 and touching(j, j + 1) and re.fullmatch(r"\d{1,6}[a-z]?(?:-\d{1,6})?", words[j].key)
        if numbered:
            start = j
        lead_in = j >= 0 and words[j].key in _STREET_LEAD_IN
        capitalised = all(words[n].raw[0].isupper() or words[n].raw[0].isdigit() for n in names)
        if w.key in _AMBIGUOUS_SUFFIXES and not (numbered or capitalised or lead_in):
            continue
        end = k
        if k + 1 < len(words) and touching(k, k + 1) and words[k + 1].key in {"n", "s", "e", "w", "ne", "nw", "se",
                                                                               "sw"}:
            end = k + 1
        kind = "address" if numbered else "street"
        spans.append(_Span(words[start].start, words[end].end, kind))
        # "Main St and 5th", "Elm St & Oak": a cross street without its suffix.
        after = re.match(r"\s*(?:and|&|@|/|at|x)\s+(\d+(?:st|nd|rd|th)\b|[A-Z][a-z]+\b)", text[words[end].end:])
        if after and after.group(1).lower() not in _TOWN_STOP:
            spans.append(_Span(words[start].start, words[end].end + after.end(), "intersection"))
    return spans


def _named_place_spans(text: str) -> list[_Span]:
    spans = []
    for m in _NAMED_PLACE_RE.finditer(text):
        names = m.group(1).split()
        drop = 0
        while drop < len(names) and names[drop].lower().strip("'") in _TOWN_STOP | _STREET_NAME_STOP:
            drop += 1
        if drop == len(names):
            continue
        start = m.start(1) + m.group(1).index(names[drop])
        spans.append(_Span(start, m.end(), "named_place"))
    return spans


def _town_spans(text: str) -> list[_Span]:
    spans = []
    for m in _TOWN_RE.finditer(text):
        first = m.group("name").split()[0].lower()
        if first in _TOWN_STOP or first in _STREET_NAME_STOP:
            continue
        # "in Stamford" reads as "Stamford"; "near Stamford" keeps its "near".
        start = m.start("name") if m.group("prep").lower() == "in" else m.start()
        spans.append(_Span(start, m.end(), "town"))
    return spans


def _home_spans(text: str) -> list[_Span]:
    spans = []
    for m in _HOME_RE.finditer(text):
        phrase = m.group(1)
        offset = len(phrase) - len(phrase.lstrip())
        spans.append(_Span(m.start(1) + offset, m.end(1), "home"))
    return spans


def _all_spans(text: str) -> list[_Span]:
    spans = (
        _spans_from(_ROAD_RE, text, "road")
        + _spans_from(_BARE_ROAD_RE, text, "road", 1)
        + _spans_from(_UK_ROAD_RE, text, "road")
        + _spans_from(_EXIT_RE, text, "exit")
        + _spans_from(_MARKER_RE, text, "marker")
        + _spans_from(_DISTANCE_RE, text, "distance")
        + _spans_from(_INTERSECTION_RE, text, "intersection")
        + _spans_from(_BRAND_RE, text, "brand")
        + _spans_from(_PLACE_RE, text, "place")
        + _named_place_spans(text)
        + _street_spans(text)
        + _town_spans(text)
        + _home_spans(text)
    )
    # "Audi A4", "BMW M3": a model name that looks like a road is the car's, not a place.
    vehicle = parse_vehicle(text)
    if vehicle is not None:
        v_start = text.find(vehicle.text)
        v_end = v_start + len(vehicle.text)
        spans = [s for s in spans if s.end <= v_start or s.start >= v_end]
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _bridgeable(gap: str) -> bool:
    """True when only linking words ("near", "by the", ", at") sit between two location phrases."""
    if re.search(r"[.;!?\n]", gap.replace("...", " ")):
        return False
    words = [w.key for w in _words(gap)]
    return len(words) <= 6 and all(w in _CONNECTORS or w.isdigit() for w in words)


def _extend_end(text: str, end: int) -> int:
    """Grow a location over a trailing town/state ("…, Stamford, CT") or landmark ("… by the big oak")."""
    unit = _UNIT_RE.match(text, end)
    if unit:
        end = unit.end()
    rest = text[end:]
    town = re.match(
        r"\s*[,.]?\s+(?P<name>[A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})(?:\s*,?\s*[A-Z]{2}\b)?(?:\s+\d{5}(?:-\d{4})?)?"
        r"(?=\s*(?:$|[,.;!?\n]))"
        r"|\s*,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\b",
        rest,
    )
    if town:
        name = town.group("name")
        words = [w.key for w in _words(name)] if name else []
        if not any(w in _TOWN_STOP or w in _NOT_LANDMARK for w in words) and not _looks_like_vehicle(name or ""):
            return end + town.end()
    # Drivers rarely capitalise: "… exit 4 in natick" still names the town.
    lower_town = re.match(r"\s+(?:in|near)\s+(?P<name>[A-Za-z][a-z.'-]+(?:\s+[a-z][a-z.'-]+)?)(?=\s*(?:$|[,.;!?\n]))",
                          rest, re.IGNORECASE)
    if lower_town:
        words = [w.key for w in _words(lower_town.group("name"))]
        if not any(w in _TOWN_STOP or w in _NOT_LANDMARK for w in words) and not _looks_like_vehicle(
                lower_town.group("name")):
            return end + lower_town.end()
    lead = _LANDMARK_LEAD.match(rest)
    if lead:
        clause = re.match(r"[^,.;!?\n]*", rest[lead.end():])
        body = clause.group() if clause else ""
        body = re.split(r"\s+(?:and|but|with|so|because|cause|cuz|pls|please)\b", body, maxsplit=1)[0].rstrip()
        words = [w.key for w in _words(body)]
        if 0 < len(words) <= 6 and not any(w in _NOT_LANDMARK for w in words) and not _looks_like_vehicle(body):
            return end + lead.end() + len(body)
    return end


def _looks_like_vehicle(words: str) -> bool:
    return bool(words) and parse_vehicle(words) is not None


def _groups(text: str) -> list[_Group]:
    spans = _all_spans(text)
    groups: list[_Group] = []
    cur: list[_Span] = []
    cur_end = -1

    def close() -> None:
        if not cur:
            return
        start = min(s.start for s in cur)
        kinds = frozenset(s.kind for s in cur)
        end = _extend_end(text, cur_end)
        dropoff = _DROPOFF_BEFORE_RE.search(text[max(0, start - 40):start]) is not None
        groups.append(_Group(start, end, sum(_WEIGHTS[k] for k in kinds), kinds, dropoff))

    for span in spans:
        if cur and (span.start <= cur_end or _bridgeable(text[cur_end:span.start])):
            cur.append(span)
            cur_end = max(cur_end, span.end)
            continue
        close()
        cur, cur_end = [span], span.end
    close()
    return groups


def _group_text(text: str, group: _Group) -> str:
    return text[group.start:group.end].strip().strip(",;:!?-").rstrip(".").strip()


def _best(groups: list[_Group], *, dropoff: bool) -> _Group | None:
    """The most specific group on the chosen side of "tow it to"; the first one on a tie."""
    return max((g for g in groups if g.dropoff == dropoff), key=lambda g: g.score, default=None)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def parse_location(text: str) -> Location | None:
    """The best pickup location in a message: a map link or coordinates, else the words that place the car.

    "flat on I-95 N by exit 12, 2014 honda civic" -> Location("I-95 N by exit 12", None, None).
    A place marked as the tow destination ("tow it to 12 Oak St") is used only when nothing else is given.
    """
    links = _find_links(text)
    remainder = _without(text, [link.span for link in links])
    coords = _find_coordinates(remainder)
    if coords is not None:
        remainder = _without(remainder, [coords[1]])
    groups = _groups(remainder)
    words_group = _best(groups, dropoff=False) or _best(groups, dropoff=True)
    # With a point, the words only replace "Shared location" when they say something specific.
    words = _group_text(remainder, words_group) if words_group and words_group.specific else None

    point = next((link.point for link in links if link.point is not None), None)
    label = next((link.label for link in links if link.label), None)
    if point is not None:
        return Location(words or label or SHARED_LOCATION, point[0], point[1])
    if coords is not None:
        (lat, lng), (start, end) = coords
        raw = _without(text, [link.span for link in links])[start:end].strip()
        return Location(words or raw, lat, lng)
    if label is not None:
        return Location(words or label, None, None)
    if words_group is None:
        return None
    return Location(_group_text(remainder, words_group), None, None)


def parse_dropoff(text: str) -> Location | None:
    """A tow destination marked as one ("tow it to Joe's garage on Main St"), else None."""
    links = _find_links(text)
    remainder = _without(text, [link.span for link in links])
    group = _best(_groups(remainder), dropoff=True)
    return Location(_group_text(remainder, group), None, None) if group else None


_VAGUE_WORDS = frozenset(
    """idk dunno dno i dont don't do not know no idea clue sure unsure here there somewhere around nearby
    lost on in at the a an of side road highway freeway interstate street shoulder middle nowhere im i'm am
    we are were is it just um uh like by next to some kind sort pulled over parked stuck stopped near this that
    where exactly currently right now still kinda maybe think guess home house work office my our driveway
    parking lot gas station rest area stop mall place location spot area town city somewhere's hmm not
    what""".split()
)


def is_vague_location(text: str) -> bool:
    """True when the answer gives nothing a truck could drive to ("idk", "here", "side of the road")."""
    if not text.strip():
        return True
    if _find_links(text) or parse_coordinates(text) is not None:
        return False
    if any(g.specific for g in _groups(text)):
        return False
    words = [w.key for w in _words(text)]
    if any(any(ch.isdigit() for ch in w) for w in words):
        return False
    return all(w in _VAGUE_WORDS for w in words)


_ROAD_WORDS = {"hwy": "Hwy", "rte": "Rte", "rt": "Rt", "sr": "SR", "us": "US", "cr": "CR", "mm": "MM", "mp": "MP"}


def normalise_road_shorthand(text: str) -> str:
    """Tidy road shorthand for display: "i95 n" -> "I-95 N", "hwy 1" -> "Hwy 1", "rte9" -> "Rte 9"."""
    out = re.sub(r"\b(?:i|interstate|ih)\s*-?\s*(\d{1,3})(?![\w])", r"I-\1", text, flags=re.IGNORECASE)
    out = re.sub(r"\b(hwy|rte|rt|sr|us|cr|mm|mp)\s*-?\s*(\d{1,4}[a-z]?)(?![\w])",
                 lambda m: f"{_ROAD_WORDS[m.group(1).lower()]} {m.group(2).upper()}", out, flags=re.IGNORECASE)
    out = re.sub(r"\b(hwy|rte)\b", lambda m: _ROAD_WORDS[m.group(1).lower()], out, flags=re.IGNORECASE)
    return re.sub(
        r"(I-\d{1,3}|Hwy \w+|Rte \w+|Rt \w+|SR \w+|US \w+)\s+(nb|sb|eb|wb|n|s|e|w)\b",
        lambda m: f"{m.group(1)} {m.group(2).upper()}",
        out,
    )



_LANDMARK_INSIDE = re.compile(
    r"\b(?:near|by|next\s+to|across\s+from|in\s+front\s+of|behind|past|opposite|under|over)\s+(?:the\s+)?[a-z]",
    re.IGNORECASE,
)
# Kinds that let a driver who has never been there find the car.
_FINDABLE_KINDS = frozenset({"address", "intersection", "exit", "marker", "brand", "named_place", "distance"})


def location_needs_detail(text: str) -> bool:
    """A road, highway, street or town with nothing to find the car by ("on the mass pike", "I-95").

    False for a point, a link, or words with an exit, mile marker, house number,
    cross street or landmark.
    """
    if _find_links(text) or parse_coordinates(text) is not None:
        return False
    groups = [g for g in _groups(text) if not g.dropoff]
    if not groups:
        return False
    best = max(groups, key=lambda g: g.score)
    if best.kinds & _FINDABLE_KINDS:
        return False
    # A trailing landmark the span picked up ("route 9 by the big oak") counts as detail.
    return _LANDMARK_INSIDE.search(text[best.start:best.end]) is None
