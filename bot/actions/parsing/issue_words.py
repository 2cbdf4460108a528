"""How drivers name the problem in Vietnamese, Indonesian and Russian (pure data for issue.py).

Patterns are written as people text, with diacritics, and are folded like the message
(lower case, no accents, "đ" -> "d", "ё" -> "е", "й" -> "и") before they are compiled,
so "xe tôi bị xẹp lốp" and "xe toi bi xep lop" read the same. Russian words are matched
by stem ("аккумулятор\\w*") because they change their endings.

The keys follow issue.py's rule order: the first key with a match decides the category.
Only lower-case regex escapes (\\b, \\w, \\s) may be used: folding lower-cases the pattern.
"""

from __future__ import annotations

# key -> patterns; a key is a category, or "tow_named" (named failures, checked before battery).
RULES: dict[str, tuple[str, ...]] = {
    "accident": (
        # vi
        r"\btai nạn\b", r"\bva chạm\b", r"\bva quẹt\b", r"\bđâm (?:vào|xe|phải)\b", r"\bbị đâm\b", r"\bđụng xe\b",
        r"\bbị đụng\b", r"\bđụng (?:vào|phải)\b", r"\btông (?:xe|vào|phải)\b", r"\bbị tông\b", r"\blật xe\b",
        # id
        r"\bkecelakaan\b", r"\btabrakan\b", r"\bditabrak\b", r"\bnabrak\b", r"\bmenabrak\b", r"\bketabrak\b",
        r"\bterbalik\b", r"\bserempet\w*", r"\bkeserempet\b",
        # ru
        r"\bавари\w*", r"\bдтп\b", r"\bврезал\w*", r"\bв меня врезал\w*", r"\bстолкнул\w*", r"\bстолкновени\w*",
        r"\bперевернул\w*", r"\bразбил\w* (?:машин|авто|бампер|фар)\w*", r"\bпомял\w*", r"\bудар\w* в зад\w*",
    ),
    "winch": (
        r"\bmắc kẹt\b", r"\bsa lầy\b", r"\blún (?:bùn|cát|xuống)\b", r"\bxuống (?:mương|rãnh|ruộng|ao|lề)\b",
        r"\brơi xuống\b", r"\bkẹt (?:bùn|cát|trong bùn)\b", r"\blao xuống\b", r"\bkéo (?:lên|ra)\b",
        r"\bterjebak\b", r"\bterperosok\b", r"\bmasuk (?:parit|selokan|got|sawah|jurang|lumpur)\b",
        r"\bnyangkut\b", r"\bambles\b", r"\bamblas\b", r"\bterjerembab\b", r"\bslip di lumpur\b",
        r"\bзастрял\w*", r"\bзастряли\b", r"\bв кювет\w*", r"\bв канав\w*", r"\bв кювете\b", r"\bсъехал\w* с дорог\w*",
        r"\bв сугроб\w*", r"\bзанесло\b", r"\bбуксу(?:ет|ют|ем)\b", r"\bвытащить\b", r"\bвытянуть\b",
        r"\bсел\w* на брюх\w*",
        r"\bв гряз\w*", r"\bв снег\w*",
    ),
    "lockout": (
        r"\bquên chìa khóa\b", r"\bquên chìa khoá\b", r"\bchìa khóa (?:trong|để trong|bị khóa)\b",
        r"\bchìa khoá (?:trong|để trong)\b", r"\bkhóa (?:chìa|trong xe|xe lại)\b", r"\bmất chìa\b",
        r"\bkhông mở được cửa\b", r"\bbị khóa (?:trong|ngoài)\b",
        r"\bkunci (?:tertinggal|ketinggalan|hilang|di dalam|didalam|kebawa|patah)\b", r"\bterkunci\b",
        r"\bkekunci\b", r"\bgak bisa buka pintu\b", r"\btidak bisa buka pintu\b",
        r"\bключ\w* (?:в машине|внутри|в салоне|в замке|остал\w*|забыл\w*|потерял\w*|сломал\w*)\b",
        r"\b(?:забыл\w*|потерял\w*|закрыл\w*|захлопнул\w*|оставил\w*) ключ\w*", r"\bзахлопнул\w*",
        r"\bне могу (?:открыть|попасть в) машин\w*", r"\bзаперл\w*",
    ),
    "fuel": (
        r"\bhết xăng\b", r"\bhết dầu\b", r"\bcạn xăng\b", r"\bhết nhiên liệu\b", r"\bhết sạch xăng\b",
        r"\bcần xăng\b", r"\bxe điện hết pin\b",
        r"\bbensin habis\b", r"\bhabis bensin\b", r"\bkehabisan (?:bensin|bbm|solar|pertalite|pertamax)\b",
        r"\bbbm habis\b", r"\bhabis bbm\b", r"\bsolar habis\b", r"\bhabis solar\b", r"\bbensin abis\b",
        r"\babis bensin\b", r"\bkehabisan\b",
        r"\bкончил\w* (?:бензин|топлив|горюч|дизел|солярк)\w*", r"\b(?:бензин|топливо|горючее|соляр\w*) кончил\w*",
        r"\bзакончил\w* (?:бензин|топлив)\w*", r"\b(?:бензин|топливо) закончил\w*", r"\bнет бензина\b",
        r"\bбез бензина\b", r"\bобсох\w*", r"\bпустой бак\b", r"\bбак пуст\w*", r"\bэлектромобиль разряд\w*",
    ),
    "tow_named": (
        r"\bquá nhiệt\b", r"\bbốc khói\b", r"\bra khói\b", r"\bsôi nước\b", r"\bhộp số\b", r"\bchết máy\b",
        r"\bmáy nóng\b", r"\bbị nóng máy\b", r"\bnóng máy\b",
        r"\boverheat\w*", r"\bmesin (?:panas|mati|rusak|berasap|ngebul)\b", r"\bberasap\b", r"\bkeluar asap\b",
        r"\bngebul\b", r"\btransmisi\b", r"\bkopling\b", r"\bradiator\b",
        r"\bперегре\w*", r"\bрадиатор\w*", r"\bтечь\b", r"\bзакипел\w*", r"\bкипит\b", r"\bдым\w*",
        r"\bкоробк\w*", r"\bзаглох\w*",
        r"\bдвигател\w* (?:умер|сдох|застучал|стучит)\w*", r"\bмотор (?:умер|сдох|застучал|стучит)\w*",
    ),
    "battery": (
        r"\bắc quy\b", r"\bắc qui\b", r"\bbình (?:yếu|hết|chết|điện)\b", r"\bhết bình\b", r"\bkhông nổ máy\b",
        r"\bkhông đề (?:được|nổ)\b", r"\bkhông khởi động được\b", r"\bko nổ máy\b", r"\bk nổ máy\b",
        r"\bkhông nổ\b", r"\bkích bình\b", r"\bcâu bình\b", r"\bđề không nổ\b",
        r"\baki\b", r"\baccu\b", r"\bakinya\b", r"\bgak (?:mau|bisa) (?:nyala|hidup|distarter|starter)\b",
        r"\btidak (?:mau|bisa) (?:nyala|hidup|distarter|menyala)\b", r"\bnggak (?:mau|bisa) (?:nyala|hidup)\b",
        r"\bga (?:mau|bisa) (?:nyala|hidup)\b", r"\bsusah (?:hidup|nyala|distarter)\b", r"\bjumper\b",
        r"\bаккумулятор\w*", r"\bакб\b", r"\bаккум\w*", r"\bне заводит\w*", r"\bне завелась\b", r"\bне завёлся\b",
        r"\bне запуска\w*", r"\bприкури\w*", r"\bприкурить\b", r"\bсел\w* батаре\w*", r"\bбатаре\w* сел\w*",
    ),
    "flat_tire": (
        r"\bxẹp lốp\b", r"\blốp (?:xẹp|bị xẹp|thủng|bị thủng|nổ|bị nổ|hết hơi|non)\b", r"\bthủng lốp\b",
        r"\bnổ lốp\b", r"\bbể lốp\b", r"\bbánh xe (?:xẹp|bị xẹp|thủng|xì)\b", r"\bxì lốp\b", r"\bbánh xẹp\b",
        r"\bbánh (?:bị )?thủng\b", r"\blốp\b", r"\bvỏ xe\b", r"\bruột xe\b",
        r"\bban (?:bocor|kempes|pecah|gembos|meletus|sobek|robek|kena paku)\b", r"\bkempes\b",
        r"\bpecah ban\b", r"\bban serep\b", r"\bban\b(?= (?:depan|belakang|kanan|kiri|mobil|saya|aku))",
        r"\bпрокол\w*", r"\bпробил\w* (?:колес|шин|покрышк)\w*", r"\bспустил\w*", r"\bспущен\w*",
        r"\bлопнул\w* (?:колес|шин|покрышк)\w*", r"\b(?:колес|шин|покрышк)\w* лопнул\w*", r"\bшин\w*", r"\bколес\w*",
        r"\bзапаск\w*", r"\bдокатк\w*", r"\bрезин\w*",
    ),
    "tow": (
        r"\bkéo xe\b", r"\bxe kéo\b", r"\bxe cẩu\b", r"\bcẩu xe\b", r"\bxe (?:bị )?hỏng\b", r"\bxe (?:bị )?hư\b",
        r"\bbị (?:hỏng|hư)\b", r"\b(?:hỏng|hư) (?:rồi|xe|máy|giữa đường)\b", r"\bxe chết\b", r"\btắt máy\b",
        r"\bkhông chạy (?:được|nữa)\b", r"\bkhông đi được\b", r"\bphanh\b", r"\bthắng (?:bị|không)\b",
        r"\bđộng cơ\b", r"\bmáy (?:kêu|có tiếng)\b", r"\bgara\b",
        r"\bderek\w*", r"\bdiderek\b", r"\bmogok\b", r"\bmati (?:mendadak|total|di jalan)\b", r"\bmesin\b",
        r"\brem (?:blong|rusak|tidak)\b", r"\bgak bisa jalan\b", r"\btidak bisa jalan\b", r"\bbengkel\b",
        r"\bэвакуатор\w*", r"\bбуксир\w*", r"\bсломал\w*", r"\bполомк\w*", r"\bне едет\b",
        r"\bне (?:может|могу) ехать\b",
        r"\bтормоз\w*", r"\bдвигател\w*", r"\bмотор\w*", r"\bстучит\b", r"\bглохнет\b", r"\bсервис\w*",
    ),
    "other": (
        r"\bcó vấn đề\b", r"\bgặp sự cố\b", r"\bsự cố\b", r"\bbị sao (?:đó|ấy)\b", r"\bkhông hoạt động\b",
        r"\bbermasalah\b", r"\bada masalah\b", r"\brusak\b", r"\bkendala\b", r"\btidak berfungsi\b",
        r"\bпроблем\w*", r"\bнеисправ\w*", r"\bне работает\b", r"\bбеда\b", r"\bчто-то с машин\w*",
    ),
}

# Phrases that name a battery or a breakdown that is not the car's ("điện thoại hết pin", "телефон сел").
NOISE = (
    r"\bđiện thoại (?:sắp |gần )?hết pin\b", r"\bđiện thoại (?:bị )?hỏng\b",
    r"\b(?:hp|handphone|baterai hp|batre hp) (?:mau |hampir )?(?:habis|lowbat|mati|rusak)\b", r"\blowbat\b",
    r"\bтелефон\w* (?:сел|садится|разряжается|сломал\w*)\b", r"\bзаряд телефона\b",
)

# Words that say the car must be towed (in addition to what the category says).
TOW_WORDS = (
    r"\bkéo xe\b", r"\bxe kéo\b", r"\bcẩu xe\b", r"\bkhông chạy được\b", r"\bkhông đi được\b",
    r"\bkhông có lốp (?:dự phòng|sơ cua)\b", r"\bko có lốp\b", r"\bmang (?:xe )?(?:đến|tới|về) (?:gara|tiệm|nhà)\b",
    r"\bderek\w*", r"\bdiderek\b", r"\b(?:tidak|gak|nggak|ga) (?:bisa|mau) jalan\b",
    r"\b(?:tidak|gak|nggak|ga) (?:ada|punya) (?:ban )?serep\b", r"\bke bengkel\b",
    r"\bэвакуатор\w*", r"\bне (?:едет|может ехать|могу ехать|на ходу)\b", r"\bнет запаск\w*", r"\bбез запаск\w*",
    r"\bзапаск\w* (?:нет|тоже|спущ)\w*", r"\bв сервис\b", r"\bдо сервиса\b",
)
NO_TOW_WORDS = (
    r"\bkhông cần (?:kéo|xe kéo|cẩu)\b", r"\bvẫn (?:chạy|đi) được\b",
    r"\b(?:tidak|gak|nggak|ga) (?:perlu|usah) (?:di)?derek\b", r"\bmasih bisa jalan\b",
    r"\bэвакуатор не нужен\b", r"\bне нужен эвакуатор\b", r"\b(?<!не )могу (?:доехать|ехать)\b", r"(?<!не )\bна ходу\b",
)
