"""Find a vehicle (year, colour, make, model) in a driver's free-text message."""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

from facts.folding import fold
from facts.vehicles import AFTER_MAKE, ALWAYS, CYRILLIC, MAKES, WORDS

__all__ = ["Vehicle", "parse_vehicle", "parse_year"]


@dataclass(frozen=True)
class Vehicle:
    """A vehicle as the driver described it, plus what could be recognised."""

    text: str
    year: int | None
    make: str | None
    model: str | None
    color: str | None


# The tables (makes, spellings, models, colours, the words around a car) are in facts/vehicles.json.

# Makes that are also ordinary words or place names ("Ford St", "in Lincoln", "dodge a deer"): only a make
# with a year, a known model, "my"/"a" before it, or when the message is nothing but the vehicle.
_WEAK_MAKE_ALIASES = frozenset(alias for make in MAKES for alias in make.weak)
# So ambiguous that even "my"/"the" is not enough ("the seat", "a smart move").
_VERY_WEAK_MAKE_ALIASES = frozenset(alias for make in MAKES for alias in make.very_weak)
# A make alias that already names a model ("range rover").
_IMPLIED_MODEL = {alias: model for make in MAKES for alias, model in make.implied_models.items()}
_COLORS = WORDS["colours"]
_COLOR_SHADES = WORDS["colour_shades"]
# Never taken as a model when the word after a make is not in the model table.
_NOT_A_MODEL = WORDS["not_a_model"]
# Road names and the like that are never a model ("honda i95", "toyota exit12").
_ROADISH = re.compile(r"(?:i|us|sr|rt|rte|hwy|exit|mm|mp)-?\d+")
_VEHICLE_NOUNS = WORDS["vehicle_nouns"]
# Token keys drop apostrophes: "wife's" -> "wifes".
_DETERMINERS = WORDS["determiners"]
# Words allowed around a lone vehicle in a message that is only the vehicle ("it's a ford").
_ONLY_VEHICLE_FILLER = WORDS["only_vehicle_filler"] | _VEHICLE_NOUNS
# A number right after these words is an exit, mile marker or road, never a model year.
_NOT_YEAR_AFTER = WORDS["not_year_after"]
_POSSESSIVES = WORDS["possessives"]
_POSSESSIVES_AFTER = WORDS["possessives_after"]  # Indonesian puts the owner after the car: "ayla saya"
_STREET_SUFFIXES = WORDS["street_suffixes"]
# A make or model word followed by one of these is a place ("Lincoln Ave", "Civic Center").
_PLACE_FOLLOWERS = _STREET_SUFFIXES | WORDS["place_followers"]

_TOKEN_RE = re.compile(r"'\d{2}\b|[A-Za-z0-9\u0400-\u04ff]+(?:[-.'’&][A-Za-z0-9\u0400-\u04ff]+)*")


@dataclass(frozen=True)
class _Tok:
    raw: str
    key: str  # lower case, no punctuation: "F-150" -> "f150"
    start: int
    end: int


# Russian spellings, folded like a message ("хёндай" -> "хендаи"), and their stems without a last vowel, so
# the inflected forms drivers write ("тойоту", "на ладе", "хендая") find the same make.
_CYRILLIC = {fold(word): latin for word, latin in CYRILLIC.items()}
_CYRILLIC_STEMS = {word[:-1]: latin for word, latin in _CYRILLIC.items() if word[-1] in "аеиоуыэюяь" and len(word) > 3}
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


# Russian case endings ("на тойоте", "тойоту", "мерседеса", "хендаем"): only these may follow a stem.
_ENDINGS = ("", "а", "у", "е", "ы", "и", "ю", "я", "ой", "ою", "ом", "ем", "ей", "ам", "ах")


def _cyrillic_key(word: str) -> str:
    """The Latin key of a make or model written in Cyrillic; any other Russian word stays itself (folded)."""
    folded = fold(word)
    for ending in _ENDINGS:
        if ending and not folded.endswith(ending):
            continue
        stem = folded[:len(folded) - len(ending)]
        latin = _CYRILLIC.get(stem) or (_CYRILLIC_STEMS.get(stem) if ending else None)
        if latin is not None and len(stem) >= 2:
            return re.sub(r"[^a-z0-9]", "", latin)
    return folded


def _key(word: str) -> str:
    if _CYRILLIC_RE.search(word):
        return _cyrillic_key(word)
    return re.sub(r"[^a-z0-9ë&]", "", word.lower().replace("’", "'"))


def _tokenise(text: str) -> list[_Tok]:
    return [_Tok(m.group(), _key(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _build_make_index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for make in MAKES:
        for alias in make.spellings:
            index["".join(_key(w) for w in alias.split())] = (make.name, alias)
    return index


def _build_model_index() -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, str, int]]]:
    per_make: dict[str, dict[str, str]] = {}
    standalone: dict[str, tuple[str, str, int]] = {}
    for make in MAKES:
        if not make.models:
            continue
        table = per_make.setdefault(make.name, {})
        for model in make.models:
            for alias in model.spellings:
                k = "".join(_key(w) for w in alias.split())
                table[k] = model.name
                if model.alone != AFTER_MAKE and not k.isdigit() and len(k) > 2:
                    standalone[k] = (make.name, model.name, model.alone)
    return per_make, standalone


_MAKE_INDEX = _build_make_index()
_MODEL_INDEX, _STANDALONE_MODELS = _build_model_index()
_FUZZY_MAKE_KEYS = sorted(k for k, (_, alias) in _MAKE_INDEX.items() if len(k) >= 5 and alias not in _WEAK_MAKE_ALIASES)
# Ordinary words close to a make's spelling; never read as a misspelt make.
_FUZZY_MAKE_BLOCKLIST = WORDS["not_a_make_typo"]


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
    elif (len(raw) == 4 and raw.isdigit()) or (len(raw) == 5 and raw[:4].isdigit() and raw[4] == "г"):
        year = int(raw[:4])  # "2019" or, in Russian, "2019г" (год)
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


def _names_known_model(text: str, toks: list[_Tok], i: int, make: str) -> bool:
    hit = _match_model(text, toks, i, make)
    return hit is not None and hit[2]


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
            if _followed_by(toks, after, _PLACE_FOLLOWERS) and (
                    alias in _WEAK_MAKE_ALIASES or not _names_known_model(text, toks, after, make)):
                continue  # "Ford St", "Lincoln Ave"; but "Honda City" is a car
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
            context_ok = (level == ALWAYS or (i > 0 and toks[i - 1].key in _POSSESSIVES)
                          or _followed_by(toks, i + n, _POSSESSIVES_AFTER))
            vehicle = _build(text, toks, i, i + n - 1, make, model_name, context_ok)
            if vehicle is not None:
                return vehicle
            break
    return None
