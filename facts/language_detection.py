"""Which of our languages a driver writes in (pure: lingua and the text, nothing else).

Used once per inbound text by the turn:
- ``prior(phone)``: before anything is written, the phone's country (+84 vi, +62 id, +7 ru, else en);
- ``requested(text)``: an explicit switch ("English please", "tiếng Việt", "bahasa Indonesia", "по-русски");
- ``detect(text)``: the language of a message with enough signal, None for a short or neutral one
  ("ok", "yes", an address, a plate, a map link, coordinates), which must not flip the conversation.

Detection is lingua restricted to en/vi/id/ru, after the neutral parts (links, coordinates, numbers,
plates, street words) are taken out. Two things lingua cannot see are settled first: Cyrillic is only
Russian among our languages, and Vietnamese's own letters (ơ, ư, đ, ạ, ế…) are only Vietnamese.
Vietnamese typed without diacritics ("xe toi bi hong") reads to lingua as English or Indonesian, so a
text whose words are all Vietnamese-shaped syllables, with common Vietnamese words among them, is
Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from facts.folding import fold
from facts.languages import DEFAULT

_LINGUA = {Language.ENGLISH: "en", Language.VIETNAMESE: "vi", Language.INDONESIAN: "id", Language.RUSSIAN: "ru"}

# Country calling code -> the language a conversation starts in.
_PRIORS = (("+84", "vi"), ("+62", "id"), ("+7", "ru"))

# lingua's confidence needed to set or change the language from a plain Latin-script text.
MIN_CONFIDENCE = 0.70
MIN_WORDS = 3  # words left once the neutral parts are gone
MIN_WORDS_CONFIDENT = 2  # ...or this many when lingua is very sure
VERY_CONFIDENT = 0.95

# Explicit requests, as people write them (matched without case, punctuation or diacritics).
_REQUESTS: dict[str, tuple[str, ...]] = {
    "en": ("english", "in english", "english please", "speak english", "tiếng Anh", "bằng tiếng Anh",
           "bahasa Inggris", "pakai bahasa Inggris", "по-английски", "на английском", "английский"),
    "vi": ("tiếng Việt", "bằng tiếng Việt", "nói tiếng Việt", "vietnamese", "in vietnamese",
           "bahasa Vietnam", "по-вьетнамски", "на вьетнамском"),
    "id": ("bahasa Indonesia", "pakai bahasa Indonesia", "pakai bahasa", "indonesian", "in indonesian",
           "bahasa indo", "tiếng Indonesia", "tiếng Indo", "по-индонезийски", "на индонезийском"),
    "ru": ("по-русски", "на русском", "русский", "russian", "in russian", "bahasa Rusia", "tiếng Nga"),
}
# Words that may stand around a request ("English please", "Можно по-русски?", "tiếng Việt được không").
_POLITE_WORDS = ("please pls plz thanks can you i want would like speak talk language in use text me "
                 "cho tôi nói nhắn được không a đi nhé nha ạ minta tolong pakai saya mau bisa bahasa saja aja dong "
                 "давайте можно пожалуйста пишите говорите язык на")
_NEGATION_WORDS = "no not dont don't cant tidak nggak gak не нет"

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org|gl|ly|ru|vn|id)\S*", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HAS_DIGIT = re.compile(r"\S*\d\S*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Letters only Vietnamese writes (with its tone marks); "é" or "à" alone could be French or a name.
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)

# Words that say where, not which language: street types, road shorthand, map words.
_PLACE_WORDS = frozenset({
    "st", "street", "rd", "road", "ave", "avenue", "hwy", "highway", "blvd", "dr", "ln", "exit", "mile",
    "marker", "mm", "km", "interstate", "route", "jl", "jln", "jalan", "tol", "gang", "gg", "duong", "pho",
    "quan", "phuong", "ql", "ул", "улица", "пр", "проспект", "шоссе", "трасса", "км", "д", "дом",
})

# Vietnamese without diacritics: a syllable's shape (onset, vowel cluster, ending) ...
_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uyen|uyet|uya|uye|uyu|uoi|uou|ieu|yeu|oai|oay|oao|oeo|uay|uau|"
    r"ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)"
    r"(?:ch|ng|nh|[cmnpt])?"
)
# ... and words common in drivers' texts that English and Indonesian do not use ("xe", "toi", "khong").
_VI_COMMON = frozenset({
    "xe", "toi", "khong", "ko", "cua", "bi", "duoc", "dc", "roi", "dang", "minh", "giup", "oi", "nha", "nhe",
    "voi", "gan", "hong", "hu", "chet", "lop", "xang", "het", "nhieu", "em", "anh", "chi", "cau", "thung",
    "sao", "gi", "dau", "nay", "kia", "nguoi", "xin", "cam", "tai", "nan", "phanh", "banh", "tren", "duoi",
    "gio", "den", "qua", "luon", "nua", "nuoc", "dien", "binh", "ac", "quy", "khoa", "chia", "xit", "thang",
    "va", "la", "thi", "ma", "nhung", "vay", "dung", "cho", "chay", "may", "no", "can", "cuu", "ho",
    "duong", "cao", "toc", "ngay", "bay", "o",
})
# Words that are also everyday English (so do not count as Vietnamese evidence on their own).
_VI_AMBIGUOUS = frozenset({"may", "no", "can", "a", "o", "la", "ma", "ho", "bay", "chi", "em", "an", "gi"})


# Indonesian words drivers text that English and Vietnamese do not use ("ban bocor", "aki soak", "mobil mogok"):
# too short for lingua to be sure of, unmistakable together.
_ID_TELLING = frozenset({
    "mobil", "bocor", "mogok", "aki", "soak", "bensin", "habis", "saya", "aku", "tolong", "tidak", "gak", "nggak",
    "enggak", "jalan", "kunci", "derek", "mesin", "rusak", "kempes", "sudah", "udah", "belum", "bisa", "mau",
    "iya", "dong", "nih", "deh", "aja", "kak", "bengkel", "dimana", "sini", "mohon", "tunggu", "sebentar",
    "ketinggalan", "kecelakaan", "tabrakan", "terjebak", "lokasi", "alamat", "dekat", "depan", "nyala", "mati",
    "kehabisan", "berapa", "lama", "biaya", "bayar", "kapan", "makasih", "terima", "kasih", "yang", "ada",
    "dengan", "untuk", "dari", "pecah", "ditabrak", "parit", "tol", "diderek", "nyalain", "gimana",
})
# Short words that fit an Indonesian message without telling it apart.
_ID_NEUTRAL = frozenset({"ban", "di", "ke", "ya", "pak", "bu", "mas", "mbak", "ok", "oke", "ini", "itu", "apa"})


def _plain_indonesian(words: list[str]) -> bool:
    plain = [_plain(w) for w in words]
    telling = sum(1 for w in plain if w in _ID_TELLING)
    if telling >= 2:
        return True
    return telling == 1 and len(plain) <= 3 and all(w in _ID_TELLING or w in _ID_NEUTRAL for w in plain)


@dataclass(frozen=True)
class Detection:
    """The language a text is written in, and how sure: ``strong`` when no conversation should ignore it."""

    language: str
    strong: bool


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_LINGUA).with_preloaded_language_models().build()


def warm_up() -> None:
    """Load the language models now (about 2 s, 130 MB) rather than on a driver's first message."""
    _detector()


def prior(phone: str | None) -> str:
    """The language a number's country suggests before it has written anything."""
    for code, language in _PRIORS:
        if (phone or "").startswith(code):
            return language
    return DEFAULT


def _plain(text: str) -> str:
    """Lower case, diacritics and punctuation removed ("Tiếng Việt!" -> "tieng viet", "по-русски" -> "по русски")."""
    return " ".join(re.sub(r"[^\w\s']+", " ", fold(text)).split())


_REQUESTED = {language: tuple(_plain(p) for p in phrases) for language, phrases in _REQUESTS.items()}
_POLITE = frozenset(_plain(_POLITE_WORDS).split())
_NEGATIONS = frozenset(_plain(_NEGATION_WORDS).split())


def requested(text: str | None) -> str | None:
    """The language a short message asks for ("English please", "tiếng Việt", "по-русски"), else None."""
    plain = f" {_plain(text or '')} "
    words = plain.split()
    if not words or len(words) > 6 or _NEGATIONS.intersection(words):
        return None
    for language, phrases in _REQUESTED.items():
        for phrase in phrases:
            if f" {phrase} " in plain:
                rest = plain.replace(f" {phrase} ", " ").split()
                if all(word in _POLITE for word in rest):
                    return language
    return None


def _content_words(text: str) -> list[str]:
    """The words that can tell a language: no links, numbers, coordinates, plates, street words or the
    names after them ("Jl. Gatot Subroto", "ул. Ленина")."""
    words: list[str] = []
    after_place = False
    for word in _WORD.findall(_HAS_DIGIT.sub(" ", _URL.sub(" ", text))):
        if _plain(word) in _PLACE_WORDS:
            after_place = True
        elif not (after_place and word[0].isupper()):
            after_place = False
            if len(word) > 1 or _VIETNAMESE_LETTERS.search(word):
                words.append(word)
    return words


def _plain_vietnamese(words: list[str]) -> bool:
    """Vietnamese typed without diacritics: every word a Vietnamese syllable, and some unmistakable."""
    plain = [_plain(w) for w in words]
    if not plain or not all(_VI_SYLLABLE.fullmatch(w) for w in plain):
        return False
    telling = [w for w in plain if w in _VI_COMMON and w not in _VI_AMBIGUOUS]
    return len(telling) >= 2 or (len(telling) >= 1 and len(plain) <= 2 and len(plain[0]) > 1)


def detect(text: str | None) -> Detection | None:
    """The language of ``text`` when it carries enough signal, else None (keep the conversation's)."""
    words = _content_words(text or "")
    if not words:
        return None
    joined = " ".join(words)
    if _CYRILLIC.search(joined):
        cyrillic = sum(1 for w in words if _CYRILLIC.search(w))
        return Detection("ru", strong=cyrillic >= MIN_WORDS) if cyrillic * 2 >= len(words) else None
    if _VIETNAMESE_LETTERS.search(joined):
        return Detection("vi", strong=len(words) >= MIN_WORDS)
    if len(words) >= 2 and _plain_vietnamese(words):
        return Detection("vi", strong=len(words) >= MIN_WORDS)
    if len(words) >= 2 and _plain_indonesian(words):
        return Detection("id", strong=len(words) >= MIN_WORDS)
    return _lingua(joined, len(words))


def _lingua(text: str, count: int) -> Detection | None:
    if count < MIN_WORDS_CONFIDENT:
        return None
    best = _detector().compute_language_confidence_values(text)[0]
    enough = best.value >= VERY_CONFIDENT or (count >= MIN_WORDS and best.value >= MIN_CONFIDENCE)
    if not enough:
        return None
    return Detection(_LINGUA[best.language], strong=count >= MIN_WORDS + 1 and best.value >= VERY_CONFIDENT)


def next_language(text: str | None, current: str, settled: bool) -> tuple[str, bool]:
    """The conversation's language after ``text``, and whether it is now settled.

    An explicit request always switches. Until the language is settled, a message with enough signal
    sets it; once settled, only a strong message in another language changes it (a Vietnamese driver
    pasting an English street name stays in Vietnamese).
    """
    asked = requested(text)
    if asked is not None:
        return asked, True
    found = detect(text)
    if found is None:
        return current, settled
    if not settled or found.strong or found.language == current:
        return found.language, True
    return current, settled
