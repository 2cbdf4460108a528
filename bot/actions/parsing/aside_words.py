"""Short replies in Vietnamese, Indonesian and Russian: ok, wait, don't know, questions (pure data for asides.py).

Written as people text, with diacritics; asides.py folds these and the message alike
(facts.folding.fold), so "đợi chút" and "doi chut" are the same. Each list holds whole
messages or the start of one, never a word inside an answer.
"""

from __future__ import annotations

# Words that, alone or two or three together, only acknowledge ("vâng", "iya", "да").
ACK_WORDS = """
vâng dạ ừ ừm uh ừa ờ oke okie ok có không ko hông cảm ơn camon cám ơn tks được đc rồi ạ nhé nha xin chào chào
alo đúng rồi hiểu hiểu rồi dạ vâng biết rồi ok ạ ok em
ya iya iyaa yaa y yoi oke oké okey sip siap baik tidak nggak gak ga enggak engga makasih terima kasih trims
thanks halo hai pagi siang sore malam betul benar mas mbak pak bu kak ok deh dong ya udah siap pak
да ага угу ок окей хорошо ладно понял поняла понятно нет неа спасибо спс пасиб привет здравствуйте добрый день
вечер утро ясно конечно ну давай здрасте
""".split()

# "đợi chút", "tunggu sebentar", "подождите": wait, keep the question open.
WAIT = (
    r"(?:xin |vui lòng |anh |chị |em )?(?:đợi|chờ|khoan|đợi tí|chờ tí)"
    r"(?: (?:chút|tí|xíu|chút xíu|một chút|một lát|lát|em|tôi|mình|anh|chị|nhé|nha|đã|ạ|với|để|xem))*",
    r"(?:để|cho) (?:tôi|em|mình|anh|chị) (?:xem|kiểm tra|coi|hỏi)(?: (?:lại|đã|chút|tí|nhé|nha|ạ))*",
    r"(?:một|1) (?:chút|lát|phút|giây)(?: (?:nhé|nha|ạ|đã))*",
    r"(?:mohon |tolong |bisa )?(?:tunggu|tunggu dulu|tunggu sebentar|sebentar|bentar|sbntr|bntr|sek|sik|tunggu ya"
    r"|sebentar ya|bentar ya|bentar dulu|sebentar dulu)(?: (?:ya|yaa|dulu|pak|bu|mas|mbak|kak|aku|saya|lagi"
    r"|cek|lihat|liat))*",
    r"(?:saya|aku|gue|gw) (?:cek|lihat|liat|tanya) dulu",
    r"(?:подожд\w*|погод\w*|секунд\w*|минут\w*|минуточк\w*|момент|сек|щас|ща|сейчас|одну (?:минуту|секунду)"
    r"|дайте (?:минуту|секунду)|сейчас (?:посмотрю|гляну|уточню|спрошу|проверю))"
    r"(?: (?:пожалуйста|плиз|минуту|секунду|сейчас|посмотрю|гляну|уточню|спрошу|проверю))*",
)

# "không biết", "gak tau", "не знаю".
DONT_KNOW = (
    r"(?:tôi |em |mình )?(?:không|ko|k|hông|chả|chẳng) (?:biết|rõ|chắc)\b", r"chịu\b",
    r"(?:saya |aku |gue |gw )?(?:tidak|gak|ga|nggak|enggak|ngga|kurang|belum) (?:tahu|tau|yakin)\b", r"gatau\b",
    r"entah\b", r"(?:я )?не (?:знаю|уверен\w*|помню|понимаю где)\b", r"хз\b", r"без понятия\b",
    r"понятия не имею\b",
)

# (kind, patterns searched anywhere in the message), in asides.py's question order.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "callback": (
        r"\bgọi (?:cho |lại cho |lại |điện cho |điện lại cho )?(?:tôi|em|mình|anh|chị)\b", r"\bgọi lại\b",
        r"\bgọi điện (?:được không|đi)\b", r"\bnói chuyện (?:qua|bằng) điện thoại\b",
        r"\b(?:telepon|telpon|telfon|tlp|tlpn|call|hubungi) (?:saya|aku|sy|ke nomor saya)\b",
        r"\bbisa (?:di)?(?:telepon|telpon)\b", r"\bditelepon (?:aja|saja)\b",
        r"\b(?:позвоните|перезвоните|позвони|перезвони|наберите|набери)\b", r"\bможно (?:по телефону|позвонить)\b",
    ),
    "reference": (
        r"\bmã (?:số|yêu cầu|tham chiếu|đơn|hồ sơ)\b", r"\bsố (?:tham chiếu|yêu cầu|đơn|hồ sơ)\b",
        r"\b(?:nomor|no|kode) (?:referensi|tiket|pesanan|permintaan|laporan|booking)\b",
        r"\bномер (?:заявки|обращения|запроса|вызова|заказа)\b",
    ),
    "cost": (
        r"\bbao nhiêu tiền\b", r"\bgiá (?:bao nhiêu|cả|tiền|thế nào)\b", r"\bhết bao nhiêu\b", r"\bchi phí\b",
        r"\b(?:mất|tính|có mất) phí\b", r"\bmiễn phí\b", r"\bbảo hiểm\b", r"\btrả tiền\b", r"\bphí\b",
        r"\bberapa (?:biaya|harga|bayar|duit|ongkos|tarif)\b", r"\bbiaya\w*", r"\bbayar\w*", r"\bharga\w*",
        r"\bgratis\b", r"\basuransi\w*", r"\bditanggung\b", r"\btarif\w*", r"\bongkos\w*",
        r"\bсколько (?:стоит|будет стоить|это стоит|платить|денег)\b", r"\bстоимост\w*", r"\bцен[аыу]\b",
        r"\bплатн\w*", r"\bбесплатн\w*", r"\bстрахов\w*", r"\bоплат\w*", r"\bзаплатить\b", r"\bпокрыва\w*",
        r"\bосаго\b", r"\bкаско\b",
    ),
    "eta": (
        r"\bbao lâu\b", r"\bkhi nào\b", r"\bmấy giờ\b", r"\bbao giờ\b", r"\bchừng nào\b", r"\blâu không\b",
        r"\bđến chưa\b", r"\bsắp đến\b", r"\bmất bao lâu\b", r"\bbao xa\b",
        r"\bberapa lama\b", r"\bkapan\b", r"\bjam berapa\b", r"\bmasih lama\b", r"\blama (?:gak|nggak|ga|tidak)\b",
        r"\bsampai jam\b",
        r"\bсколько (?:ждать|ехать|времени|минут)\b", r"\bкак долго\b", r"\bкогда (?:приед\w*|буд\w*|подъед\w*)",
        r"\bдолго (?:еще|ждать)\b", r"\bскоро\b", r"\bчерез сколько\b", r"\bуже (?:едет|едут|выехал\w*)\b",
    ),
    "bot": (
        r"\b(?:bạn|anh|chị|em|đây) (?:là|có phải là) (?:bot|robot|người thật|máy|ai)\b", r"\bngười thật\b",
        r"\bcó phải (?:là )?(?:bot|robot|máy)\b", r"\b(?:bot|robot) (?:à|hả|phải không)\b",
        r"\b(?:kamu|anda|ini|km) (?:bot|robot|mesin|manusia|orang beneran|orang asli)\b", r"\borang beneran\b",
        r"\bapakah (?:ini |anda |kamu )?(?:bot|robot)\b", r"\b(?:bot|robot) (?:ya|kah|bukan)\b",
        r"\b(?:ты|вы|это) (?:бот|робот|человек|живой|автомат)\b", r"\bживой человек\b", r"\bс (?:ботом|роботом)\b",
    ),
}
