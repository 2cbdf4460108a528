"""Spot a message that means someone may be in danger (injury, fire, traffic, trains, a threatening person)."""

from __future__ import annotations

import re
import unicodedata

from facts.folding import compile_folded, folded_words

__all__ = ["mentions_danger"]

# Checked on normalised text (lower case, no apostrophes, one space between words).
# These are dangerous even though they contain a negation ("not breathing").
_ALWAYS = re.compile(
    r"\bnot (?:breathing|responding|responsive|conscious|moving|waking up)\b"
    r"|\b(?:can not|cant) (?:breathe|breath|move (?:my|his|her))\b"
    # "can't get out" of a ditch is the car; of the car, or said of a person, it is someone trapped.
    r"|\b(?:i|we|he|she|they|someone|driver|passenger|kids?) (?:can not|cant) get out\b"
    r"|\b(?:can not|cant) get out of (?:the|my|our) (?:car|vehicle|truck|van)\b"
    r"|\b(?:do not|dont|does not|doesnt) feel safe\b|\bnot safe\b|\bunsafe\b"
)
_DANGER = re.compile(
    r"\binjur(?:y|ies|ed)\b|\bhurt(?:s|ing)?\b(?! my (?:wallet|pocket|budget|bank|feelings))"
    r"|\bbleed(?:ing)?\b|\bblood(?:y)?\b|\bunconscious\b|\bpassed out\b"
    r"|\bknocked out\b|\bbroken (?:arms?|legs?|bones?|neck|back|ribs?)\b|\bhit (?:my|his|her|their) head\b"
    r"|\b(?:someone|somebody|a (?:person|man|woman|kid|child|pedestrian)) (?:got|was|has been) hit\b"
    r"|\b(?:banging|pounding|knocking) on (?:my|the|our) (?:window|door|car)\b|\bscar(?:ing|ed) me\b"
    r"|\b(?:i|we|he|she|they) (?:can not|cant) move\b"
    r"|\b(?:arm|leg|bone|neck|back|ribs?|wrist|ankle) (?:is |are )?broken\b"
    r"|\bambulance\b|\bparamedics?\b|(?<!porsche )\b911\b"
    r"|\bheart attack\b|\bchest pains?\b|\bseizure\b|\bstroke\b|\bin labou?r\b|\bwater broke\b|\bconcussion\b"
    r"|\bon fire\b|\bfire\b(?! (?:up|it up|station|hydrant|house|hall|department|dept|lane|road|rd|st|street))"
    r"|\bflames?\b|\bburning\b|\bexplo(?:ded|sion|de)\b"
    r"|\bsmok(?:e|ing|ey|y)\b|\bsmells? (?:like )?(?:burning|smoke)\b"
    r"|\bgas leak|\bleaking (?:gas|fuel|petrol)\b|\bfuel leak|\bsmells? (?:like |of )?(?:gas|fuel|petrol)\b"
    r"|\btrapped\b|\bpinned\b|\bstuck inside\b"
    r"|\b(?:on|across|near) (?:the )?(?:railroad|railway|rail|train) (?:tracks|track|crossing)\b"
    r"|\bon the tracks\b|\bstuck on (?:the )?tracks\b|\blevel crossing\b"
    r"|\bin (?:the )?(?:traffic|travel|left|right|middle|center|centre|fast|passing) lane\b"
    r"|\bin (?:the )?middle of (?:the )?(?:road|highway|freeway|interstate|intersection|lane|street)\b"
    r"|\bblocking (?:traffic|the road|a lane|the lane|the highway)\b|(?<!stuck )\bin (?:live |moving )?traffic\b"
    r"|\bcars? (?:are |keep |is )?(?:flying|zooming|speeding|whizzing|racing|rushing|going) (?:by|past)\b"
    r"|\bno shoulder\b|\bblind (?:curve|corner|spot on the road)\b|\bnearly (?:got )?hit\b|\balmost (?:got )?hit\b"
    r"|\bflipped\b|\brolled over\b|\bupside down\b"
    r"|\bhit (?:a |an )?(?:pedestrian|person|someone|kid|child|cyclist|biker)\b"
    r"|\b(?:baby|child|kid|toddler|infant|dog|pet|kids|children) (?:is |are )?(?:locked|stuck|trapped) (?:in|inside)\b"
    r"|\b(?:locked|left) (?:my |the |a )?(?:baby|child|kid|toddler|infant|dog|kids) (?:in|inside)\b"
    r"|\bsomeone (?:is )?(?:following|threatening|chasing)\b|\bbeing (?:followed|threatened|chased)\b"
    r"|\bharass(?:ing|ed|ment)?\b|\bstalk(?:ing|ed)\b|\bassault(?:ed|ing)?\b|\b(?:mugged|robbed)\b"
    r"|\b(?:someone|somebody|a (?:man|guy|woman|person|stranger)) (?:is )?(?:trying to )?"
    r"(?:break(?:ing)? into|open(?:ing)?|get(?:ting)? into) (?:my|the|our) (?:car|door|truck|van)\b"
    r"|\bhard to breathe\b|\btrouble breathing\b"
    # Asking for the police, a doctor or emergency help; a person threatening or following; fear.
    r"|\bemergenc(?:y|ies)\b(?! (?:brake|lights?|flashers|blinkers|kit|triangles?))"
    r"|\bsos\b|\b(?:call|get|send|need) (?:the |a |some )?(?:police|cops|doctor|medic)\b(?! (?:report|reports))"
    r"|\bpolice (?:please|now)\b|\bneeds? (?:a )?doctor\b|\bneed (?:some )?medical help\b|\bpanic attack\b"
    r"|\bbroke (?:my|his|her|their) (?:arm|leg|neck|back|ribs?|wrist|ankle)\b|\bbanged (?:my|his|her) head\b"
    r"|\b(?:can not|cant) feel (?:my|his|her) (?:legs?|arms?)\b"
    r"|\bfollowing (?:me|my car|us)\b|\bthreaten(?:ed|ing)? (?:me|us)\b"
    r"|\bscared (?:for (?:my|our) li(?:fe|ves)|to death)\b|\b(?:im|i am|were|we are) (?:so |really |very )?scared\b"
    r"(?! (?:that|the|it|my|of|about))|\byelling at me\b"
    r"|\b(?:break|get) in(?:to)? my car\b|\balmost hitting\b"
    r"|\b(?:has|with) a (?:gun|knife|weapon)\b|\bdanger(?:ous)?\b"
)
# "nobody hurt", "no injuries", "no fire", "not bleeding": negated within the same clause.
_NEGATION = re.compile(
    # "not sure if anyone is hurt" is not a denial.
    r"\b(?:no|not(?! sure)|nobody|noone|none|nothing|never|without|neither|nor|isnt|arent|wasnt|werent"
    r"|dont(?! know)|didnt|doesnt|nobodys|noones)\b(?:\s+\S+){0,3}\s*$"
)
_CLAUSE_SPLIT = re.compile(r"[.,;!?\n]+|\b(?:but|though|although|however|except)\b")


# A lockout with a child or pet inside is an emergency (heat), wherever the words fall.
_LOCKED_IN = re.compile(r"\block")
_DEPENDANT_LOCKED_KEYS = re.compile(r"\b(?:kid|child|son|daughter|toddler) locked (?:the |my |our )?keys\b")
_DEPENDANT = re.compile(r"\b(?:baby|babies|child|children|kids?|toddler|infant|newborn|dog|puppy|cat|pet)\b")


# The same in Vietnamese, Indonesian and Russian, written with diacritics and matched folded.
_DANGER_OTHER = compile_folded((
    # vi: hurt, bleeding, unconscious, fire, smoke, fuel leak, trapped, a child locked in, in the traffic lane
    r"\bbị thương\b", r"\bchảy máu\b", r"\bbất tỉnh\b", r"\bcấp cứu\b", r"\bxe cứu thương\b",
    # Short words that fold into everyday ones (cháy/chạy, khói/khởi, lửa/lúa) are in _DANGER_VI_MARKED.
    # "xe chạy" (the car runs) folds like "xe cháy" (the car burns): those two are in _DANGER_VI_MARKED;
    # "xe bị cháy" has no such twin.
    r"\bbốc cháy\b", r"\bxe bị cháy\b", r"\brò (?:rỉ )?xăng\b", r"\bmắc kẹt trong xe\b",
    r"(?<!khóa )\bkẹt trong xe\b",
    r"\b(?:gọi|kêu|báo) (?:công an|cảnh sát|113|115)\b", r"\bđe (?:dọa|doạ)\b",
    r"\b(?:người|kẻ|ai đó) (?:đang )?theo dõi\b",
    r"\bcó (?:người|xe|kẻ) (?:đang )?(?:đi )?theo\b", r"\bsợ quá\b",
    r"\b(?:không|ko) thở (?:được|nổi|dc)\b", r"\bthở (?:không|ko) (?:được|nổi|dc)\b", r"\bkhó thở\b",
    r"\b(?:chân|tay|xương)(?: \w+)? (?:bị )?gãy\b",
    r"\bcứu (?:tôi|với|em|tui|mình)\b", r"(?<!đèn )\bkhẩn cấp\b", r"\bmáu chảy\b", r"\bngất\b",
    r"\bkhói (?:bốc|đầy)\b", r"\b(?:bốc|đầy) khói\b", r"\blửa bốc\b", r"\bcó lửa\b", r"\bkhói và lửa\b",
    r"\b(?:em bé|con|trẻ|bé|chó)(?: \w+)? (?:bị )?(?:khóa|nhốt|kẹt) (?:ở )?trong xe\b",
    # "hỏng giữa đường" is "broke down on the way"; only the roadway or a lane itself is the traffic lane.
    r"\bgiữa (?:lòng đường|làn đường|làn xe|làn|ngã tư)\b", r"\bchắn (?:đường|làn)\b",
    r"\bnguy hiểm\b", r"\bgãy (?:tay|chân|xương)\b", r"\bđau ngực\b", r"\bđâm (?:vào )?người\b",
    r"\bquấy rối\b", r"\bbị (?:theo dõi|bám theo|đe dọa|đe doạ|cướp)\b",
    # id
    r"\bluka\w*", r"\bterluka\b", r"\bberdarah\b", r"\bdarah\b", r"\bpingsan\b", r"\btidak sadar\w*\b",
    r"\bambulans\b", r"\bkebakaran\b", r"\bterbakar\b", r"\bapi\b", r"\bbocor bensin\b", r"\bbensin bocor\b",
    r"\bterjepit\b", r"\bterjebak di dalam\b", r"\b(?:bayi|anak|anjing) (?:terkunci|terkurung) di dalam\b",
    # "mogok di tengah jalan" is "broke down on the way"; blocking a lane or in the fast lane is the danger.
    r"\bmenghalangi (?:jalan|lajur)\b", r"\bdi lajur (?:kanan|cepat|tengah)\b", r"\bbahaya\b",
    r"\bpatah (?:tangan|kaki|tulang)\b", r"\bsesak napas\b",
    # Smoke: "berasap", "keluar asap" (a bare "asap" is also English "ASAP").
    r"\bberasap\b(?! uap)", r"\bkeluar asap\b", r"\bpenuh asap\b", r"\basapnya\b", r"\bkebakar\b",
    r"\b(?:panggil|butuh|telepon|telpon|telponin|minta) polisi\b", r"\bngancam\b", r"\bterancam\b",
    r"\bngikutin\b", r"\b(?:gak|ga|tidak|nggak|ngga) bisa (?:napas|nafas)\b", r"\bsusah (?:napas|nafas)\b",
    r"\bsesak\b", r"\b(?:kaki|tangan|lengan|tulang)(?: \w+)? patah\b", r"\b(?:gak|ga|tidak|nggak) sadar\w*",
    r"(?<!lampu )\bdarurat\b", r"\btelepon 112\b", r"\basap (?:tebal|tebel|hitam|putih|keluar)\b", r"\bngebul\b",
    r"\bkorban\b",
    r"\bdilecehkan\b", r"\bdiikuti orang\b", r"\bdirampok\b", r"\bdiancam\b",
    r"\bnabrak orang\b", r"\bmenabrak orang\b",
    # ru
    r"\bранен\w*", r"\bранени\w*", r"\bтравм\w*", r"\bкров\w*", r"\bбез сознания\b", r"\bпотерял\w* сознание\b",
    r"\bскор\w* помощ\w*", r"\bпожар\w*",
    r"\b(?:машина|авто|двигатель|мотор|проводка|что-то|салон|капот) (?:горит|загорел\w*)\b",
    r"\bгорит (?:машина|двигатель|мотор|проводка|салон)\b", r"\bогонь\b", r"\bпламя\b",
    r"\bдым\w*", r"\bтечет бензин\b", r"\bутечк\w* (?:бензин|топлив)\w*", r"\bзажат\w*",
    r"\bзаблокирован\w* в машин\w*",
    r"\b(?:ребен\w*|ребён\w*|собак\w*) (?:заперт\w*|закрыт\w*) в машин\w*", r"\bпосреди дороги\b", r"\bопасно\b",
    r"\bсбил\w* (?:человек|пешеход)\w*", r"\bперелом\w*", r"\bне дышит\b",
    r"\bпострадал\w*", r"\bпострадавш\w*", r"\bскорую\b", r"\bскорая\b",
    r"\b(?:вызовите|вызывайте|позвоните в|звоните в|нужна|нужно|зовите) полици\w*",
    r"\bполици\w* (?:нужна|вызовите|срочно)\b", r"^полиция$", r"\bментов\b",
    r"\bопасност\w*",
    r"\bстрашно\b", r"\bне (?:могу|можем) (?:дышать|выбраться|вылезти)\b", r"\bгорим\b",
    r"\b(?:тачка|машина|авто) (?:горит|в огне)\b", r"\bгорит (?:тачка|машина)\b", r"\bв огне\b",
    r"\bзагорел\w* (?:машина|тачка)\b", r"\b(?:тачка|машина) загорел\w*", r"\bзажал\w*", r"\bэкстрен\w*", r"\bsos\b",
    r"\bломят\w*", r"\bломит(?:ся|сь)\b",
    r"\bследят\b", r"\bедет за (?:мной|нами)\b", r"\bударил\w* головой\b", r"\bплохо с сердцем\b",
    r"\bсбили\b", r"\bсрочно помогите\b", r"\bпомогите срочно\b", r"\bсерь[её]зн\w* (?:дтп|авари\w*)\b",
    r"\bпытаются (?:открыть|залезть)\b", r"\bсломал\w* (?:ног|рук|ребр|ребер|шею)\w*", r"\bперевернул\w*",
    r"\bпристает\b", r"\bпристают\b", r"\bпреследу\w*", r"\bугрожа\w*", r"\bограби\w*", r"\bнапал\w*",
))
# Vietnamese words that only mean danger with their diacritics: matched on the text as written.
_DANGER_VI_MARKED = re.compile(r"(?<!\w)(?:cháy|khói|lửa|ngất|bốc khói|xe cháy|cháy xe)(?!\w)")
# "không ai bị thương", "tidak ada yang luka", "никто не пострадал": nobody hurt.
_NEGATION_OTHER = compile_folded((
    r"\b(?:không|ko|chưa|không có ai|không ai)\s+(?:\w+\s+){0,2}$",
    r"\b(?:tidak|tak|gak|nggak|ga|tanpa|bukan)\s+(?:\w+\s+){0,2}$",
    r"\b(?:не|нет|никто не|без)\s+(?:\w+\s+){0,2}$",
))


def _other_language_danger(text: str) -> bool:
    for clause in _CLAUSE_SPLIT.split(text):
        words = folded_words(clause)
        for m in _DANGER_OTHER.finditer(words):
            if not _NEGATION_OTHER.search(words[:m.start()]):
                return True
        marked = unicodedata.normalize("NFC", clause.lower())
        for m in _DANGER_VI_MARKED.finditer(marked):
            if not _NEGATION_OTHER.search(folded_words(marked[:m.start()]) + " "):
                return True
    return False


def mentions_danger(text: str) -> bool:
    """True when the message suggests injury, fire, smoke, a fuel leak, a train or live traffic, in any of
    our languages."""
    if _other_language_danger(text):
        return True
    norm = re.sub(r"[’']", "", text.lower())
    if _LOCKED_IN.search(norm) and _DEPENDANT.search(norm) and not _DEPENDANT_LOCKED_KEYS.search(norm):
        return True
    for clause in _CLAUSE_SPLIT.split(norm):
        clause = " ".join(re.findall(r"[a-z0-9]+", clause))
        if _ALWAYS.search(clause):
            return True
        for m in _DANGER.finditer(clause):
            if not _NEGATION.search(clause[:m.start()]):
                return True
    return False
