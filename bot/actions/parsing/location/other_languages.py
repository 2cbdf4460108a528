"""Places as drivers write them in Vietnamese, Indonesian and Russian (pure).

The English parser reads US-style addresses and roads; these patterns read the other
three languages' street words, house numbers, kilometre posts, exits and landmarks.
A place is kept as the driver wrote it: a dispatcher reads it, not a geocoder.

``place_kind`` says whether a message names a place and whether a truck could find it:
``FINDABLE`` (street and number, a kilometre post, an exit, a landmark, a junction),
``ROUGH`` (a road, highway or town with nothing to find the car by: one follow-up) or
``VAGUE`` ("здесь", "di pinggir jalan", "không biết ở đâu": nothing at all), else None.
Patterns are written with diacritics and folded like the message (facts/folding.py).
"""

from __future__ import annotations

import re

from bot.actions.parsing.issue import categorise_issue
from bot.actions.parsing.vehicle import parse_vehicle
from facts.folding import compile_folded, folded_words, unmark

FINDABLE, ROUGH, VAGUE = "findable", "rough", "vague"

# Something a truck driver can find: a number on a street, a km post, an exit, a named landmark.
_FINDABLE = compile_folded((
    # vi: "123 Nguyễn Huệ", "số 5 đường Lê Lợi", "km 15 cao tốc", "hẻm 42", "ngã tư", "gần chợ Bến Thành"
    r"^\d+[a-z]?(?:/\d+)? \w+", r"\bsố (?:nhà )?\d+", r"\b(?:hẻm|hem|kiệt|ngõ|ngách) \d+", r"\bkm ?\d+",
    # Short Vietnamese nouns that fold into everyday words (chợ/cho, cầu/câu, ga/gà, gần/gan) count only
    # before a capitalised name: _NAMED_PLACE below.
    r"\bcây số \d+", r"\bnút giao\b", r"\bngã (?:tư|ba|năm|sáu)\b", r"\bgiao lộ\b",
    r"\b(?:cây xăng|trạm xăng|bến xe|trạm thu phí|bệnh viện|siêu thị|sân bay|công viên|chung cư|tòa nhà"
    r"|khách sạn) \w+",
    r"\b(?:quận|q|phường|p) ?\d+\b.*\b(?:đường|phố)\b", r"\b(?:đường|phố) \w+.*\b(?:quận|q|phường|p) ?\d+\b",
    # id: "Jl. Sudirman No. 5", "tol Jagorawi km 23", "dekat Indomaret", "gerbang tol Cikarang"
    r"\b(?:jl|jln|jalan|gg|gang) \w+(?: \w+){0,3} (?:no|nomor|nmr) ?\d+", r"\b(?:no|nomor) ?\d+",
    r"\brt ?\d+(?: ?rw ?\d+)?\b", r"\b(?:dekat|depan|samping|seberang|sebelah|belakang) (?:\w+ ){0,2}\w+",
    r"\b(?:rest area|gerbang tol|gt|pintu tol|exit tol|keluar tol|spbu|pom bensin|indomaret|alfamart|pasar|masjid"
    r"|terminal|stasiun|bandara|jembatan|simpang|perempatan|pertigaan|bundaran) ?\w*",
    # ru: "ул. Ленина 10", "трасса М4, 45 км", "МКАД 47 км", "возле Ашана", "съезд на Химки"
    r"\b(?:ул|улица|пр|проспект|пр-т|пер|переулок|бульвар|б-р|ш|шоссе|наб|набережная|пл|площадь|проезд|тракт)"
    r" \w+(?: \w+){0,2} (?:д |дом )?\d+", r"\b\d+ ?(?:км|километр\w*)\b", r"\b(?:км|километр\w*) ?\d+",
    r"\b(?:дом|д) \d+", r"\b(?:возле|около|рядом с|напротив|перед|недалеко от) (?:\w+ ){0,2}\w+",
    r"\b(?:съезд|развязк\w*|поворот|перекрест\w*|пересечени\w*)\b", r"\b(?:азс|заправк\w*|тц|трц|магазин\w*|мост\w*"
    r"|пост дпс|кафе|гостиниц\w*|вокзал\w*|аэропорт\w*|рынок|рынка|остановк\w*) ?\w*",
))

# A house number beside its street, findable on its own: "Невский проспект 28", "на Невском проспекте 28",
# "Невский пр. 28", "xe ở 123 Nguyễn Huệ quận 1", "đường Lê Lợi số 45".
_ADDRESS = compile_folded((
    r"\b(?:ул|улиц\w*|проспект\w*|пр|пр-т|переул\w*|пер|шоссе|бульвар\w*|б-р|набережн\w*|наб|площад\w*|пл|проезд\w*"
    r"|тракт\w*) (?:д |дом )?\d+",
    r"\b\d+[a-z]?(?:/\d+)? (?:\w+ ){1,3}(?:quận|q|phường|p|tp|thành phố|huyện|tỉnh|đường|phố)\b",
    r"\b(?:đường|phố) (?:\w+ ){1,3}(?:số )?\d+[a-z]?\b",
    # Typed short, without diacritics: "123 nguyen hue q1", "45 le loi p7"
    r"\b\d+[a-z]?(?:/\d+)? (?:\w+ ){1,3}(?:q|p) ?\d{1,2}\b",
))
# A Russian street named without its type, then a house number: "Невский 28", "Тверская 5", "Ленина 10"
# (not a model year: "Калина 2012" has four digits).
_RU_NAMED_STREET = re.compile(
    r"\b[А-ЯЁ][а-яё]+(?:ский|ская|ское|ской|ой|ая|ина|ова|ева|ого)\s+\d{1,3}(?:[а-я]|/\d+)?\b"
)

# A road, highway or town with nothing to find the car by.
_ROUGH = compile_folded((
    r"\b(?:đường|phố|quốc lộ|ql|cao tốc|tỉnh lộ|xa lộ|đại lộ|quận|huyện|phường|thành phố|tp|tỉnh|thị xã|xã)\b",
    r"\b(?:q|p) ?\d{1,2}\b",
    r"\b(?:jl|jln|jalan (?:tol|raya|lintas|nasional|provinsi)|tol|kota|kabupaten|kab|kecamatan|kec|kelurahan"
    r"|kel|desa)\b",
    r"\b(?:ул|улица|проспект|пр-т|переулок|шоссе|трасс\w*|дорог[аеиу]|мкад|кад|ттк|город\w*|г|посел\w*|пос|село|селе"
    r"|деревн\w*|район\w*|область|обл|м-?\d+|р-?\d+|а-?\d+)\b",
))

# Nothing a truck could drive to: "here", "by the road", "I don't know where".
_VAGUE = compile_folded((
    r"^(?:(?:tôi |em |mình |xe )?(?:đang )?(?:ở )?(?:đây|chỗ này|bên đường|lề đường|trên đường|giữa đường)"
    r"|(?:tôi |em |mình )?không biết (?:ở )?(?:đâu|chỗ nào))$",
    r"^(?:(?:saya |aku |mobil )?(?:ada )?(?:di )?(?:sini|situ|pinggir jalan|tengah jalan|jalan|bahu jalan)"
    r"|(?:saya |aku )?(?:tidak|gak|nggak|ga) tahu (?:di )?mana|(?:saya |aku )?(?:gak|ga|nggak) tau (?:di ?)?mana)$",
    r"^(?:(?:я |мы |машина )?(?:стою |стоим |стоит )?(?:здесь|тут|на обочине|на дороге|посреди дороги|на трассе)"
    r"|(?:я )?не знаю где(?: я| мы| нахожусь| находимся)?)$",
))


def place_kind(text: str) -> str | None:
    """FINDABLE, ROUGH, VAGUE, or None when the message names no place in these languages."""
    words = folded_words(text)
    if not words:
        return None
    if _VAGUE.search(words):
        return VAGUE
    if _NEAR_A_NAME.search(unmark(text)) or _ADDRESS.search(words) or _RU_NAMED_STREET.search(text):
        return FINDABLE
    if _FINDABLE.search(words) and (_ROUGH.search(words) or _has_place_word(words)):
        return FINDABLE
    if _ROUGH.search(words):
        return ROUGH
    return None


_PLACE_WORDS = compile_folded((
    r"\b(?:ngã (?:tư|ba|năm|sáu)|cây xăng|trạm xăng|bến xe|km|cây số|nút giao|giao lộ"
    r"|bệnh viện|siêu thị|sân bay|công viên|chung cư|tòa nhà|khách sạn)\b",
    r"\b(?:rest area|gerbang|gt|pintu|exit|keluar|spbu|pom"
    r"|indomaret|alfamart|pasar|masjid|terminal|stasiun|bandara|jembatan|simpang|perempatan|pertigaan|bundaran"
    r"|km|no|nomor|rt)\b",
    r"\b(?:съезд|развязк\w*|поворот|перекрест\w*|пересечени\w*|азс"
    r"|заправк\w*|тц|трц|магазин\w*|мост\w*|пост|кафе|гостиниц\w*|вокзал\w*|аэропорт\w*|рын\w*|остановк\w*|км"
    r"|километр\w*|дом|д)\b",
))


# "near" or a landmark noun before a capitalised name: "gần Vincom", "chợ Bến Thành", "dekat Monas", "возле Ашана".
_NEAR_A_NAME = re.compile(
    r"(?i:\b(?:gan|truoc|doi dien|canh|ke ben|sau|cho|cau|ga|truong|tram|ben|dekat|depan|samping|seberang"
    r"|sebelah|belakang|возле|около|рядом с|напротив|недалеко от))\s+[A-ZА-Я]"
)


def _has_place_word(words: str) -> bool:
    """A landmark noun or a numbered thing ("chợ", "Indomaret", "км"), not just "near"."""
    return _PLACE_WORDS.search(words) is not None


# Where a tow can go, said without an address: "gara", "bengkel", "домой", "в сервис".
_DROPOFF_WORDS = compile_folded((
    # Not "hãng", "nhà" or "xưởng" alone: they fold into "hang (on)", the particle "nha" and "xuống".
    r"\b(?:gara|ga ra|garage|tiệm (?:sửa|sữa) xe|tiệm sửa|đại lý|về nhà|nhà (?:tôi|em|mình|riêng|anh|chị)|showroom"
    r"|xưởng (?:sửa|dịch vụ))\b",
    r"\b(?:bengkel|rumah|dealer|diler|showroom|kantor|ke rumah)\b",
    r"\b(?:сервис\w*|автосервис\w*|гараж\w*|дом|домой|дилер\w*|сто|стоянк\w*|автомастерск\w*|мастерск\w*"
    r"|шиномонтаж\w*|работ[уа])\b",
))


# Where the place starts in a message that also says what is wrong: after "ở"/"tại", "di", "на"/"стою", or a comma.
_PLACE_START = re.compile(r",\s*|\s+(?:ở|o|tại|tai|di|dekat|depan|на|стою на|возле|около|у)\s+", re.IGNORECASE)


def place_part(text: str) -> str | None:
    """The place inside a message that says more ("aki soak di Jl. Malioboro No. 52" -> "Jl. Malioboro No. 52"),
    as written; None when no part of it is a place a truck could find.

    The longest tail, starting at a comma or a place word, that is a findable place naming neither the problem
    nor the car (trailing parts that do are dropped).
    """
    def clean(part: str) -> bool:
        return categorise_issue(part) is None and parse_vehicle(part) is None

    starts = [0] + [m.end() for m in _PLACE_START.finditer(text)]
    for start in starts:
        tail = text[start:].strip(" ,.")
        pieces = [p.strip() for p in re.split(r",", tail)]
        while len(pieces) > 1 and not clean(pieces[-1]):
            pieces.pop()
        candidate = ", ".join(p for p in pieces if p)
        if candidate and place_kind(candidate) == FINDABLE and clean(candidate):
            return candidate
    return None


def names_a_dropoff(text: str) -> bool:
    """A place a tow can go in these languages: an address or road, or a garage, dealer or home."""
    return place_kind(text) in (FINDABLE, ROUGH) or _DROPOFF_WORDS.search(folded_words(text)) is not None
