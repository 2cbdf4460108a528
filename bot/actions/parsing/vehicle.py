"""Find a vehicle (year, colour, make, model) in a driver's free-text message."""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

__all__ = ["Vehicle", "parse_vehicle", "parse_year"]


@dataclass(frozen=True)
class Vehicle:
    """A vehicle as the driver described it, plus what could be recognised."""

    text: str
    year: int | None
    make: str | None
    model: str | None
    color: str | None


# Canonical make -> spellings drivers use (lower case, words separated by one space).
_MAKES: dict[str, tuple[str, ...]] = {
    "Acura": ("acura", "accura", "acure"),
    "Alfa Romeo": ("alfa romeo", "alpha romeo", "alfa"),
    "Aston Martin": ("aston martin", "aston"),
    "Audi": ("audi", "audie"),
    "Bentley": ("bentley", "bently"),
    "BMW": ("bmw", "beemer", "bimmer", "beamer", "bmv"),
    "Buick": ("buick", "buik", "buic"),
    "Cadillac": ("cadillac", "cadilac", "caddilac", "cadillack", "caddy"),
    "Chevrolet": ("chevrolet", "chevy", "chevorlet", "chevrolette", "chevie", "chevvy", "chev", "chevey", "cheverolet"),
    "Chrysler": ("chrysler", "chrystler", "crysler", "chryler"),
    "Citroen": ("citroen", "citroën", "citreon"),
    "Dacia": ("dacia",),
    "Dodge": ("dodge",),
    "Ferrari": ("ferrari", "ferarri"),
    "Fiat": ("fiat",),
    "Ford": ("ford",),
    "Genesis": ("genesis",),
    "GMC": ("gmc",),
    "Honda": ("honda", "hunda", "hondo"),
    "Hummer": ("hummer",),
    "Hyundai": ("hyundai", "hundai", "hyundia", "hyndai", "huyndai", "hyunday", "hyandai", "hyundae"),
    "Infiniti": ("infiniti", "infinity", "infinti"),
    "Isuzu": ("isuzu", "izuzu"),
    "Jaguar": ("jaguar", "jag", "jagaur"),
    "Jeep": ("jeep", "jeap"),
    "Kia": ("kia",),
    "Lamborghini": ("lamborghini", "lambo"),
    "Land Rover": ("land rover", "landrover", "range rover", "rangerover"),
    "Lexus": ("lexus", "lexsus", "lexas"),
    "Lincoln": ("lincoln", "lincon"),
    "Maserati": ("maserati",),
    "Mazda": ("mazda", "mazada", "madza"),
    "Mercedes-Benz": ("mercedes benz", "mercedes", "mercedez", "mercedes bens", "merc", "benz", "merz", "mercades"),
    "Mercury": ("mercury",),
    "Mini": ("mini",),
    "Mitsubishi": ("mitsubishi", "mitsu", "mitsubushi", "mitsibishi", "mitsubichi", "mitsubshi"),
    "Nissan": ("nissan", "nisan", "nissian", "nissen", "nissn"),
    "Oldsmobile": ("oldsmobile", "olds"),
    "Opel": ("opel",),
    "Peugeot": ("peugeot", "peugot", "pugeot", "peugeout"),
    "Plymouth": ("plymouth",),
    "Polestar": ("polestar",),
    "Pontiac": ("pontiac", "ponitac"),
    "Porsche": ("porsche", "porshe", "porsch"),
    "Ram": ("ram",),
    "Renault": ("renault",),
    "Rivian": ("rivian",),
    "Saab": ("saab",),
    "Saturn": ("saturn",),
    "Scion": ("scion",),
    "SEAT": ("seat",),
    "Skoda": ("skoda", "škoda"),
    "Smart": ("smart",),
    "Subaru": ("subaru", "subie", "suby", "suburu", "subaroo", "subuaru"),
    "Suzuki": ("suzuki", "suzuky"),
    "Tesla": ("tesla", "telsa"),
    "Toyota": ("toyota", "toyta", "toyoya", "toyata", "toyot", "totota", "toyotta", "tyota", "toyoda"),
    "Vauxhall": ("vauxhall",),
    "Volkswagen": ("volkswagen", "volkswagon", "volkswagan", "vw", "vdub", "volks", "volkwagen"),
    "Volvo": ("volvo",),
}

# Makes that are also ordinary words or place names ("Ford St", "in Lincoln",
# "dodge a deer"): only a make with a year, a known model, "my"/"a" before it,
# or when the message is nothing but the vehicle.
_WEAK_MAKE_ALIASES = frozenset(
    {"ford", "lincoln", "saturn", "mercury", "dodge", "mini", "ram", "jag", "caddy", "scion", "alfa", "aston",
     "olds", "jaguar", "hummer", "volks", "lambo", "plymouth", "polestar", "genesis", "seat", "smart", "infinity"}
)
# So ambiguous that even "my"/"the" is not enough ("the seat", "a smart move").
_VERY_WEAK_MAKE_ALIASES = frozenset({"seat", "smart", "genesis", "infinity"})

# Models per make: (display name, aliases, standalone level).  Level 2: the word
# alone means this car ("camry"). Level 1: alone only with a year or "my"
# ("my civic", not "civic center"). Level 0: only after the make ("ford edge").
_ModelRow = tuple[str, tuple[str, ...], int]
_MODELS: dict[str, tuple[_ModelRow, ...]] = {
    "Toyota": (
        ("Camry", ("camry", "camery", "camrey"), 2), ("Corolla", ("corolla", "carolla", "corrolla"), 2),
        ("RAV4", ("rav4", "rav 4", "rav-4"), 2), ("Prius", ("prius",), 2), ("Tacoma", ("tacoma",), 2),
        ("Tundra", ("tundra",), 2), ("Highlander", ("highlander",), 2), ("4Runner", ("4runner", "4 runner"), 2),
        ("Sienna", ("sienna",), 2), ("Yaris", ("yaris",), 2), ("Avalon", ("avalon",), 1),
        ("Sequoia", ("sequoia",), 1), ("Venza", ("venza",), 1), ("Supra", ("supra",), 2), ("C-HR", ("chr",), 0),
        ("Land Cruiser", ("land cruiser", "landcruiser"), 1), ("Matrix", ("matrix",), 0),
    ),
    "Honda": (
        ("Civic", ("civic", "civc"), 1), ("Accord", ("accord", "acord"), 1), ("CR-V", ("crv", "cr v", "cr-v"), 2),
        ("HR-V", ("hrv", "hr v", "hr-v"), 2), ("Pilot", ("pilot",), 1), ("Odyssey", ("odyssey", "odessey"), 1),
        ("Fit", ("fit",), 0), ("Ridgeline", ("ridgeline",), 2), ("Element", ("element",), 0),
        ("Passport", ("passport",), 0), ("Insight", ("insight",), 0),
    ),
    "Ford": (
        ("F-150", ("f150", "f 150", "f-150"), 2), ("F-250", ("f250", "f 250", "f-250"), 2),
        ("F-350", ("f350", "f 350", "f-350"), 2), ("Escape", ("escape",), 1), ("Explorer", ("explorer",), 1),
        ("Focus", ("focus",), 1), ("Fusion", ("fusion",), 1), ("Mustang", ("mustang",), 2),
        ("Ranger", ("ranger",), 1), ("Edge", ("edge",), 0), ("Expedition", ("expedition",), 1),
        ("Bronco", ("bronco",), 2), ("Transit", ("transit",), 0), ("Taurus", ("taurus",), 1),
        ("Fiesta", ("fiesta",), 1), ("Econoline", ("econoline",), 2), ("Maverick", ("maverick",), 1),
        ("Crown Victoria", ("crown victoria", "crown vic"), 1), ("Flex", ("flex",), 0),
    ),
    "Chevrolet": (
        ("Silverado", ("silverado", "silverato"), 2), ("Malibu", ("malibu",), 1), ("Equinox", ("equinox",), 1),
        ("Tahoe", ("tahoe",), 1), ("Impala", ("impala",), 1), ("Cruze", ("cruze",), 2), ("Camaro", ("camaro",), 2),
        ("Corvette", ("corvette", "vette"), 2), ("Suburban", ("suburban",), 1), ("Traverse", ("traverse",), 1),
        ("Colorado", ("colorado",), 0), ("Trax", ("trax",), 1), ("Blazer", ("blazer",), 1),
        ("Trailblazer", ("trailblazer",), 2), ("Spark", ("spark",), 0), ("Bolt", ("bolt",), 0),
        ("Express", ("express",), 0), ("Cobalt", ("cobalt",), 0), ("S-10", ("s10", "s 10", "s-10"), 1),
    ),
    "Nissan": (
        ("Altima", ("altima",), 2), ("Sentra", ("sentra",), 2), ("Rogue", ("rogue",), 1), ("Maxima", ("maxima",), 2),
        ("Pathfinder", ("pathfinder",), 2), ("Murano", ("murano",), 2), ("Frontier", ("frontier",), 1),
        ("Versa", ("versa",), 1), ("Titan", ("titan",), 0), ("Leaf", ("leaf",), 0), ("Xterra", ("xterra",), 2),
        ("Juke", ("juke",), 1), ("Armada", ("armada",), 0), ("Kicks", ("kicks",), 0),
    ),
    "Hyundai": (
        ("Elantra", ("elantra", "elentra"), 2), ("Sonata", ("sonata",), 1), ("Tucson", ("tucson",), 1),
        ("Santa Fe", ("santa fe", "santafe"), 1), ("Kona", ("kona",), 1), ("Accent", ("accent",), 0),
        ("Palisade", ("palisade",), 1), ("Veloster", ("veloster",), 2), ("Ioniq", ("ioniq",), 1),
    ),
    "Kia": (
        ("Optima", ("optima",), 1), ("Soul", ("soul",), 1), ("Sorento", ("sorento",), 2),
        ("Sportage", ("sportage",), 2), ("Forte", ("forte",), 1), ("Rio", ("rio",), 0),
        ("Telluride", ("telluride",), 2), ("Niro", ("niro",), 1), ("Sedona", ("sedona",), 1),
    ),
    "Volkswagen": (
        ("Jetta", ("jetta", "jeta"), 2), ("Passat", ("passat",), 2), ("Golf", ("golf",), 1),
        ("Tiguan", ("tiguan",), 2), ("Beetle", ("beetle",), 1), ("Atlas", ("atlas",), 0),
        ("Touareg", ("touareg",), 2), ("GTI", ("gti",), 1),
    ),
    "Subaru": (
        ("Outback", ("outback",), 1), ("Forester", ("forester",), 2), ("Impreza", ("impreza",), 2),
        ("Crosstrek", ("crosstrek",), 2), ("Legacy", ("legacy",), 0), ("WRX", ("wrx",), 1), ("Ascent", ("ascent",), 0),
    ),
    "Mazda": (
        ("Mazda3", ("3", "mazda3"), 0), ("Mazda6", ("6", "mazda6"), 0), ("CX-5", ("cx5", "cx 5", "cx-5"), 2),
        ("CX-30", ("cx30", "cx 30", "cx-30"), 1), ("CX-9", ("cx9", "cx 9", "cx-9"), 2),
        ("MX-5 Miata", ("miata", "mx5", "mx-5"), 2), ("Tribute", ("tribute",), 0),
    ),
    "Jeep": (
        ("Wrangler", ("wrangler",), 2), ("Grand Cherokee", ("grand cherokee",), 2), ("Cherokee", ("cherokee",), 1),
        ("Compass", ("compass",), 1), ("Renegade", ("renegade",), 1), ("Gladiator", ("gladiator",), 1),
        ("Liberty", ("liberty",), 0), ("Patriot", ("patriot",), 1),
    ),
    "Dodge": (
        ("Grand Caravan", ("grand caravan",), 2), ("Charger", ("charger",), 1), ("Challenger", ("challenger",), 1),
        ("Durango", ("durango",), 1), ("Caravan", ("caravan",), 1), ("Journey", ("journey",), 0),
        ("Ram", ("ram",), 0), ("Dart", ("dart",), 0), ("Neon", ("neon",), 0),
    ),
    "Ram": (("1500", ("1500",), 0), ("2500", ("2500",), 0), ("3500", ("3500",), 0), ("ProMaster", ("promaster",), 1)),
    "GMC": (
        ("Sierra", ("sierra",), 1), ("Yukon", ("yukon",), 1), ("Acadia", ("acadia",), 1), ("Terrain", ("terrain",), 0),
        ("Canyon", ("canyon",), 0), ("Savana", ("savana",), 0), ("Envoy", ("envoy",), 0),
    ),
    "BMW": (
        ("3 Series", ("3 series", "3series", "3-series"), 0), ("5 Series", ("5 series", "5series", "5-series"), 0),
        ("X1", ("x1",), 0), ("X3", ("x3",), 0), ("X5", ("x5",), 0), ("328i", ("328i",), 0), ("330i", ("330i",), 0),
        ("M3", ("m3",), 0),
    ),
    "Mercedes-Benz": (
        ("C-Class", ("c class", "c-class"), 0), ("E-Class", ("e class", "e-class"), 0),
        ("S-Class", ("s class", "s-class"), 0), ("C300", ("c300", "c 300"), 0), ("E350", ("e350", "e 350"), 0),
        ("GLE", ("gle",), 0), ("GLC", ("glc",), 0), ("Sprinter", ("sprinter",), 2),
    ),
    "Audi": (("A3", ("a3",), 0), ("A4", ("a4",), 0), ("A6", ("a6",), 0), ("Q3", ("q3",), 0), ("Q5", ("q5",), 0),
             ("Q7", ("q7",), 0)),
    "Lexus": (("RX 350", ("rx350", "rx 350", "rx"), 0), ("ES 350", ("es350", "es 350", "es"), 0),
              ("IS 250", ("is250", "is 250"), 0), ("GX", ("gx",), 0), ("NX", ("nx",), 0)),
    "Acura": (("MDX", ("mdx",), 2), ("RDX", ("rdx",), 2), ("TLX", ("tlx",), 1), ("TL", ("tl",), 0),
              ("TSX", ("tsx",), 1), ("ILX", ("ilx",), 1), ("Integra", ("integra",), 2)),
    "Tesla": (("Model 3", ("model 3", "model3", "3"), 2), ("Model Y", ("model y", "modely", "y"), 2),
              ("Model S", ("model s", "models", "s"), 0), ("Model X", ("model x", "modelx", "x"), 0),
              ("Cybertruck", ("cybertruck",), 2)),
    "Cadillac": (("Escalade", ("escalade",), 2), ("CTS", ("cts",), 0), ("XT5", ("xt5",), 0), ("SRX", ("srx",), 0),
                 ("DeVille", ("deville",), 1)),
    "Buick": (("Enclave", ("enclave",), 2), ("Encore", ("encore",), 1), ("LaCrosse", ("lacrosse",), 1),
              ("LeSabre", ("lesabre",), 2), ("Regal", ("regal",), 0)),
    "Chrysler": (("Pacifica", ("pacifica",), 1), ("300", ("300",), 0),
                 ("Town & Country", ("town and country", "town & country", "t&c"), 0),
                 ("Sebring", ("sebring",), 1), ("PT Cruiser", ("pt cruiser",), 2)),
    "Lincoln": (("Navigator", ("navigator",), 1), ("MKZ", ("mkz",), 1), ("Town Car", ("town car",), 1),
                ("Aviator", ("aviator",), 0)),
    "Mitsubishi": (("Outlander", ("outlander",), 2), ("Lancer", ("lancer",), 1), ("Mirage", ("mirage",), 0),
                   ("Eclipse", ("eclipse",), 0)),
    "Volvo": (("XC90", ("xc90",), 1), ("XC60", ("xc60",), 1), ("XC40", ("xc40",), 1), ("S60", ("s60",), 0),
              ("V60", ("v60",), 0)),
    "Mini": (("Cooper", ("cooper",), 1), ("Countryman", ("countryman",), 1)),
    "Fiat": (("500", ("500",), 0),),
    "Land Rover": (("Range Rover", ("range rover",), 0), ("Discovery", ("discovery",), 0),
                   ("Defender", ("defender",), 0)),
    "Porsche": (("911", ("911",), 0), ("Cayenne", ("cayenne",), 2), ("Macan", ("macan",), 2),
                ("Boxster", ("boxster",), 2)),
    "Pontiac": (("Grand Prix", ("grand prix",), 1), ("Grand Am", ("grand am",), 1), ("G6", ("g6",), 0),
                ("Vibe", ("vibe",), 0), ("Firebird", ("firebird",), 1)),
    "Mercury": (("Grand Marquis", ("grand marquis",), 2), ("Sable", ("sable",), 0), ("Mariner", ("mariner",), 0)),
    "Hummer": (("H2", ("h2",), 0), ("H3", ("h3",), 0)),
    "Rivian": (("R1T", ("r1t",), 1), ("R1S", ("r1s",), 1)),
    "Infiniti": (("G35", ("g35",), 0), ("Q50", ("q50",), 0), ("QX60", ("qx60",), 0)),
    "Scion": (("xB", ("xb",), 0), ("tC", ("tc",), 0)),
    "Saturn": (("Ion", ("ion",), 0), ("Vue", ("vue",), 0)),
}

# A make alias that already names a model ("range rover").
_IMPLIED_MODEL = {"range rover": "Range Rover", "rangerover": "Range Rover"}

_COLORS = frozenset(
    {"black", "white", "silver", "grey", "gray", "red", "blue", "green", "yellow", "orange", "brown", "beige", "tan",
     "gold", "maroon", "burgundy", "purple", "champagne", "navy", "teal", "charcoal", "bronze", "pink", "copper"}
)
_COLOR_SHADES = frozenset({"dark", "light", "bright", "pale", "metallic"})

# Never taken as a model when the word after a make is not in the model table.
_NOT_A_MODEL = frozenset(
    """a an the my our your his her their it its is was are were and or but with without on in at by near of to for
    from off that this which who what where when how car cars truck trucks suv van minivan pickup sedan coupe wagon
    hatchback vehicle auto convertible hybrid electric ev diesel automatic manual stick awd fwd rwd 4x4 4wd jeep
    wont will cant doesnt isnt wasnt didnt not no just has had have got gets get getting needs need needed broke
    broken down up stuck dead dies died flat tire tires tyre wheel wheels rim battery locked lock keys key out gas fuel
    ran run runs running start starts started starting stopped stops stop quit quits stalled smoking smoke overheating
    overheated leaking making makes keeps kept noise noises blew popped crashed hit slid went goes drove driving
    parked sitting towed lost front back rear left right side engine motor brakes brake lights light door doors window
    hood trunk plate plates license tag registration insurance again today tonight now here there please pls asap
    help thanks thank hi hello yes yeah ok okay also too so very still been be being i im me we us you he she they
    exit mile marker north south east west nb sb eb wb street st ave avenue road rd hwy highway rte route lane drive
    way parking lot color colour year model make because cuz bc then than if while since about around over under
    into onto one two three some any all every outside inside behind beside across along past nearby""".split()
)
# Road names and the like that are never a model ("honda i95", "toyota exit12").
_ROADISH = re.compile(r"(?:i|us|sr|rt|rte|hwy|exit|mm|mp)-?\d+")
_VEHICLE_NOUNS = frozenset({"car", "truck", "suv", "van", "minivan", "pickup", "sedan", "coupe", "wagon", "hatchback"})
# Token keys drop apostrophes: "wife's" -> "wifes".
_DETERMINERS = frozenset(
    {"my", "a", "an", "the", "our", "his", "her", "their", "your", "this", "that", "old", "new", "moms", "dads",
     "wifes", "husbands", "sons", "daughters", "friends"}
)
# Words allowed around a lone vehicle in a message that is only the vehicle ("it's a ford").
_ONLY_VEHICLE_FILLER = frozenset({"my", "a", "an", "the", "its", "it", "is", "i", "have", "drive",
                                  "driving", "got", "one", "ours", "mine"}) | _VEHICLE_NOUNS
# A number right after these words is an exit, mile marker or road, never a model year.
_NOT_YEAR_AFTER = frozenset(
    {"exit", "exits", "mile", "miles", "marker", "mm", "mp", "route", "rte", "rt", "hwy", "highway", "i",
     "interstate", "us", "sr", "no", "number", "#", "apt", "unit", "suite", "lane", "lanes", "the"}
)
_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your", "wifes", "husbands", "moms", "dads"})
_STREET_SUFFIXES = frozenset(
    {"st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln", "lane", "way", "ct",
     "court", "pl", "place", "pkwy", "parkway", "hwy", "highway", "ter", "terrace", "cir", "circle", "trl", "trail"}
)

# A make or model word followed by one of these is a place ("Lincoln Ave", "Civic Center").
_PLACE_FOLLOWERS = _STREET_SUFFIXES | frozenset(
    {"center", "centre", "hall", "park", "plaza", "mall", "station", "beach", "lake", "county", "city", "high",
     "school", "club", "arena", "square", "heights", "hills", "village", "township", "falls", "dealer",
     "dealers", "dealership", "garage", "shop", "service", "store", "motors"}
)

_TOKEN_RE = re.compile(r"'\d{2}\b|[A-Za-z0-9]+(?:[-.'’&][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class _Tok:
    raw: str
    key: str  # lower case, no punctuation: "F-150" -> "f150"
    start: int
    end: int


def _key(word: str) -> str:
    return re.sub(r"[^a-z0-9ë&]", "", word.lower().replace("’", "'"))


def _tokenise(text: str) -> list[_Tok]:
    return [_Tok(m.group(), _key(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _build_make_index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for make, aliases in _MAKES.items():
        for alias in aliases:
            index["".join(_key(w) for w in alias.split())] = (make, alias)
    return index


def _build_model_index() -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, str, int]]]:
    per_make: dict[str, dict[str, str]] = {}
    standalone: dict[str, tuple[str, str, int]] = {}
    for make, rows in _MODELS.items():
        table = per_make.setdefault(make, {})
        for name, aliases, level in rows:
            for alias in aliases:
                k = "".join(_key(w) for w in alias.split())
                table[k] = name
                if level and not k.isdigit() and len(k) > 2:
                    standalone[k] = (make, name, level)
    return per_make, standalone


_MAKE_INDEX = _build_make_index()
_MODEL_INDEX, _STANDALONE_MODELS = _build_model_index()
_FUZZY_MAKE_KEYS = sorted(k for k, (_, alias) in _MAKE_INDEX.items() if len(k) >= 5 and alias not in _WEAK_MAKE_ALIASES)
# Ordinary words close to a make's spelling; never read as a misspelt make.
_FUZZY_MAKE_BLOCKLIST = frozenset({"porch", "porches", "accurate", "merced", "audio", "lexis"})


def _current_year() -> int:
    return datetime.date.today().year


def _valid_year(year: int) -> bool:
    return 1950 <= year <= _current_year() + 1


def _two_digit_year(yy: int) -> int:
    # '00 up to next year's two digits are this century; anything later is last century.
    return 2000 + yy if yy <= (_current_year() + 1) % 100 else 1900 + yy


def _year_of(tok: _Tok, allow_two_digit: bool) -> int | None:
    """The model year a single token stands for, if any."""
    raw = tok.raw
    if raw.startswith("'") and len(raw) == 3 and raw[1:].isdigit():
        year = _two_digit_year(int(raw[1:]))
    elif raw.isdigit() and len(raw) == 4:
        year = int(raw)
    elif allow_two_digit and raw.isdigit() and len(raw) == 2:
        year = _two_digit_year(int(raw))
    else:
        return None
    return year if _valid_year(year) else None


def parse_year(text: str) -> int | None:
    """A model year in the text: "2014", "'09", or a message that is only "09"."""
    toks = _tokenise(text)
    for tok in toks:
        if len(tok.raw) == 4 and tok.raw.isdigit():
            year = _year_of(tok, allow_two_digit=False)
            if year is not None:
                return year
    for tok in toks:
        if tok.raw.startswith("'"):
            year = _year_of(tok, allow_two_digit=False)
            if year is not None:
                return year
    if len(toks) == 1 and re.fullmatch(r"\s*'?\d{2}\s*[.!]?\s*", text):
        return _year_of(toks[0], allow_two_digit=True)
    return None


def _adjacent(text: str, left: _Tok, right: _Tok) -> bool:
    """True when only spaces separate two tokens (a comma ends a phrase)."""
    return text[left.end:right.start].strip() == ""


def _ngram_key(text: str, toks: list[_Tok], i: int, n: int) -> str | None:
    if i + n > len(toks):
        return None
    for j in range(i, i + n - 1):
        if not _adjacent(text, toks[j], toks[j + 1]):
            return None
    return "".join(t.key for t in toks[i:i + n])


def _match_make(text: str, toks: list[_Tok], i: int) -> tuple[str, str, int] | None:
    """(make, alias, token count) for a make starting at token i."""
    for n in (3, 2, 1):
        k = _ngram_key(text, toks, i, n)
        if k and k in _MAKE_INDEX:
            make, alias = _MAKE_INDEX[k]
            return make, alias, n
    word = toks[i].key
    # Typos of long, unambiguous makes only ("hyndai", "volkswagn"); short words
    # are too close to ordinary English to guess at.
    if len(word) >= 5 and word.isalpha() and word not in _FUZZY_MAKE_BLOCKLIST:
        close = difflib.get_close_matches(word, _FUZZY_MAKE_KEYS, n=1, cutoff=0.88)
        if close and close[0][0] == word[0]:
            make, alias = _MAKE_INDEX[close[0]]
            return make, alias, 1
    return None


def _display_model(word: str) -> str:
    if word.isalpha():
        # Short unknown model names are nearly always letter codes ("XF", "GTI").
        return word.upper() if len(word) <= 3 else word.capitalize()
    # "328i", "540d": BMW-style lower-case suffix stays lower case; "c300" -> "C300".
    if re.fullmatch(r"\d+[a-z]{1,2}", word.lower()):
        return word.lower()
    return word.upper()


def _with_load_rating(text: str, toks: list[_Tok], nxt: int, model: str, n: int) -> tuple[str, int]:
    """Keep a load-rating number with the model ("ram 2500", "silverado 1500"); never a year."""
    if (
        nxt < len(toks)
        and not model.isdigit()
        and re.fullmatch(r"\d{3,4}", toks[nxt].raw)
        and _year_of(toks[nxt], allow_two_digit=False) is None
        and _adjacent(text, toks[nxt - 1], toks[nxt])
    ):
        return f"{model} {toks[nxt].raw}", n + 1
    return model, n


def _match_model(text: str, toks: list[_Tok], i: int, make: str) -> tuple[str, int, bool] | None:
    """(model, token count, in the model table?) for the model that follows a make at token i."""
    if i >= len(toks) or not _adjacent(text, toks[i - 1], toks[i]):
        return None
    table = _MODEL_INDEX.get(make, {})
    for n in (3, 2, 1):
        k = _ngram_key(text, toks, i, n)
        if k and k in table:
            return (*_with_load_rating(text, toks, i + n, table[k], n), True)
    word = toks[i].key
    if len(word) >= 4 and word.isalpha() and word not in _NOT_A_MODEL:
        close = difflib.get_close_matches(word, [k for k in table if k.isalpha()], n=1, cutoff=0.8)
        if close:
            return table[close[0]], 1, True
    if (
        word
        and word not in _NOT_A_MODEL
        and word not in _COLORS
        and word not in _MAKE_INDEX
        and _year_of(toks[i], allow_two_digit=False) is None
        and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)?", toks[i].raw.lower())
        and not _ROADISH.fullmatch(toks[i].raw.lower())
        # Verbs and adverbs after a make describe what happened, not which car ("honda stalled").
        and not (word.isalpha() and len(word) > 4 and word.endswith(("ed", "ing", "ly", "s")))
        # "toyota 123 main st": a house number, not a model.
        and not (word.isdigit() and any(t.key in _STREET_SUFFIXES for t in toks[i + 1:i + 4]))
        and (len(word) >= 2 or word.isdigit())
        and not (word.isdigit() and len(word) < 3)
    ):
        return _display_model(toks[i].raw), 1, False
    return None


def _year_at(text: str, toks: list[_Tok], j: int, neighbour: int) -> int | None:
    """A model year at token j when it touches token `neighbour` of the vehicle."""
    if not 0 <= j < len(toks):
        return None
    left, right = (toks[j], toks[neighbour]) if j < neighbour else (toks[neighbour], toks[j])
    if not _adjacent(text, left, right):
        return None
    if j > 0 and toks[j - 1].key in _NOT_YEAR_AFTER and _adjacent(text, toks[j - 1], toks[j]):
        return None
    return _year_of(toks[j], allow_two_digit=True)


def _color_at(toks: list[_Tok], text: str, j: int, neighbour: int) -> tuple[str, int] | None:
    """(colour, first token) for a colour (maybe "dark blue") ending at token j next to the vehicle."""
    if not 0 <= j < len(toks) or toks[j].key not in _COLORS:
        return None
    left, right = (toks[j], toks[neighbour]) if j < neighbour else (toks[neighbour], toks[j])
    if not _adjacent(text, left, right):
        return None
    if j > 0 and toks[j - 1].key in _COLOR_SHADES and _adjacent(text, toks[j - 1], toks[j]):
        return f"{toks[j - 1].key} {toks[j].key}", j - 1
    return toks[j].key, j


def _fallback_year(toks: list[_Tok], used: range) -> int | None:
    """A lone four-digit year elsewhere in the message ("honda civic, it's a 2014")."""
    found: list[int] = []
    for j, tok in enumerate(toks):
        if j in used or not (tok.raw.isdigit() and len(tok.raw) == 4):
            continue
        year = _year_of(tok, allow_two_digit=False)
        if year is None or (j > 0 and toks[j - 1].key in _NOT_YEAR_AFTER):
            continue
        # "2010 Elm St" is a house number, not a model year.
        if any(t.key in _STREET_SUFFIXES for t in toks[j + 1:j + 4]):
            continue
        found.append(year)
    return found[0] if len(found) == 1 else None


def _build(text: str, toks: list[_Tok], first: int, last: int, make: str, model: str | None,
           context_ok: bool) -> Vehicle | None:
    """Grow the vehicle span [first, last] over year and colour words; None if a weak hit lacks context."""
    year: int | None = None
    color: str | None = None
    # Left: up to "dark blue 2014" in either order.
    j = first - 1
    for _ in range(2):
        y = _year_at(text, toks, j, first) if year is None else None
        if y is not None:
            year, first, j = y, j, j - 1
            continue
        c = _color_at(toks, text, j, first) if color is None else None
        if c is not None:
            color, first = c
            j = first - 1
            continue
        break
    # Right: "camry 09", "civic 2014", "civic silver".
    j = last + 1
    for _ in range(2):
        y = _year_at(text, toks, j, last) if year is None else None
        if y is not None:
            year, last, j = y, j, j + 1
            continue
        if color is None and j < len(toks) and toks[j].key in _COLORS and _adjacent(text, toks[last], toks[j]):
            color, last, j = toks[j].key, j, j + 1
            continue
        break
    # "chevy truck", "smart car": the noun belongs to the description.
    if last + 1 < len(toks) and toks[last + 1].key in _VEHICLE_NOUNS and _adjacent(text, toks[last], toks[last + 1]):
        last += 1
    if not context_ok and year is None:
        outside = [t.key for k, t in enumerate(toks) if not first <= k <= last]
        if any(w not in _ONLY_VEHICLE_FILLER for w in outside):
            return None
    if year is None:
        year = _fallback_year(toks, range(first, last + 1))
    span = text[toks[first].start:toks[last].end]
    return Vehicle(text=span, year=year, make=make, model=model, color=color)


def _has_determiner(toks: list[_Tok], i: int) -> bool:
    return i > 0 and toks[i - 1].key in _DETERMINERS


def _followed_by(toks: list[_Tok], i: int, words: frozenset[str]) -> bool:
    return i < len(toks) and toks[i].key in words


def parse_vehicle(text: str) -> Vehicle | None:
    """The first vehicle described in the text, or None without a make or known model.

    "flat on I-95 N by exit 12, 2014 honda civic" -> Vehicle("2014 honda civic", 2014, "Honda", "Civic", None).
    """
    toks = _tokenise(text)
    for i in range(len(toks)):
        hit = _match_make(text, toks, i)
        if hit is not None:
            make, alias, n = hit
            after = i + n
            if _followed_by(toks, after, _PLACE_FOLLOWERS):
                continue  # "Ford St", "Lincoln Ave"
            model: str | None = _IMPLIED_MODEL.get(alias)
            last = after - 1
            model_hit = _match_model(text, toks, after, make) if model is None else None
            known_model = False
            if model_hit is not None:
                model, m, known_model = model_hit
                last = after + m - 1
                if _followed_by(toks, last + 1, _PLACE_FOLLOWERS):
                    continue
            if alias in _VERY_WEAK_MAKE_ALIASES:
                context_ok = known_model or _followed_by(toks, after, _VEHICLE_NOUNS)
            elif alias in _WEAK_MAKE_ALIASES:
                context_ok = known_model or _has_determiner(toks, i) or _followed_by(toks, after, _VEHICLE_NOUNS)
            else:
                context_ok = True
            vehicle = _build(text, toks, i, last, make, model, context_ok)
            if vehicle is not None:
                return vehicle
            continue
        for n in (3, 2, 1):
            k = _ngram_key(text, toks, i, n)
            if not k or k not in _STANDALONE_MODELS:
                continue
            if _followed_by(toks, i + n, _PLACE_FOLLOWERS):
                break
            make, model_name, level = _STANDALONE_MODELS[k]
            model_name, n = _with_load_rating(text, toks, i + n, model_name, n)
            context_ok = level >= 2 or (i > 0 and toks[i - 1].key in _POSSESSIVES)
            vehicle = _build(text, toks, i, i + n - 1, make, model_name, context_ok)
            if vehicle is not None:
                return vehicle
            break
    return None
