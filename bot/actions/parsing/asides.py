"""What a message says about the conversation rather than the car (pure, no I/O).

Short replies such as "ok", "?" or a thumbs-up are too short for NLU to be
sure of, and a mistake there costs a driver a loop or a hand-off. They are
recognised here by plain patterns first; NLU intents back them up.
"""

from __future__ import annotations

import re

from bot.actions.parsing import aside_words
from facts.folding import compile_folded, fold

ACK = "ack"
WAIT = "wait"
DONT_KNOW = "dont_know"
# Questions asked in the middle of the intake, answered in one line.
ETA = "eta"
COST = "cost"
BOT = "bot"
REFERENCE = "reference"
CALLBACK = "callback"
QUESTIONS = (ETA, COST, BOT, REFERENCE, CALLBACK)

# NLU intents that mean the same as a pattern below.
INTENT_ASIDES = {
    "affirm": ACK,
    "deny": ACK,
    "thanks": ACK,
    "greet": ACK,
    "wait": WAIT,
    "ask_eta": ETA,
    "ask_cost": COST,
    "bot_challenge": BOT,
    "ask_reference": REFERENCE,
    "ask_callback": CALLBACK,
}

_ACK_WORDS = frozenset(
    """ok okay k kk okk okie oki alright allright aight sure yes yeah yea yep yup ya y no nope nah n thanks thank
    thx ty tks cheers great good cool fine perfect understood roger gotcha got it noted right hi hello hey
    hiya yo sounds good you thx ok ok. u""".split()
) | frozenset(fold(w) for w in aside_words.ACK_WORDS)
_ACK_PHRASES = re.compile(
    r"^(?:ok(?:ay)?\s+(?:thanks|thank\s+you|cool|got\s+it|sure)|thank\s+you(?:\s+so\s+much)?|got\s+it|sounds\s+good"
    r"|no\s+problem|all\s+good|will\s+do|i\s+see|makes\s+sense|that'?s\s+fine|that\s+works|yes\s+please"
    r"|no\s+thanks|hi\s+there|hello\s+there|good\s+morning|good\s+evening|good\s+afternoon)$"
    # Asking for help in general is a greeting here: the intake is the help.
    r"|^(?:(?:hi|hello|hey)\s*,?\s*)?(?:please\s+)?(?:help(?:\s+me)?|i\s+need\s+(?:some\s+)?help|need\s+help"
    r"|can\s+(?:you|someone|anyone)\s+help(?:\s+me)?|i\s+need\s+assistance|roadside\s+assistance)"
    r"(?:\s+please|\s+pls|\s+asap)?$"
)
_WAIT_RE = re.compile(
    r"^(?:(?:please\s+|pls\s+|ok(?:ay)?\s*,?\s*)?(?:wait|w8|hold\s+on|hang\s+on|one\s+(?:sec(?:ond)?|moment|min(?:ute)?)"
    r"|1\s*(?:sec|s|min|m)|sec|a\s+sec(?:ond)?|just\s+a\s+(?:sec(?:ond)?|moment|min(?:ute)?)|give\s+me\s+(?:a\s+)?"
    r"(?:sec(?:ond)?|moment|min(?:ute)?|few)|brb|be\s+right\s+back|let\s+me\s+(?:check|look|see|find\s+out|ask)"
    r"|hold\s+up|gimme\s+a\s+(?:sec|min(?:ute)?)|checking|looking|one\s+moment\s+please|moment))\b"
)
_DONT_KNOW_RE = re.compile(
    r"^(?:i\s+)?(?:idk|dunno|don'?t\s+know|do\s+not\s+know|no\s+idea|not\s+sure|no\s+clue|cant\s+tell|can'?t\s+tell"
    r"|i'?m\s+not\s+sure|i'?m\s+lost|lost|not\s+a\s+clue)\b"
)
_QUESTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (CALLBACK, re.compile(r"\b(?:call\s+me|give\s+me\s+a\s+call|ring\s+me|phone\s+me|can\s+(?:someone|somebody|you)"
                          r"\s+call|prefer\s+(?:a\s+)?(?:call|to\s+talk)|rather\s+talk\s+on\s+the\s+phone)\b")),
    (REFERENCE, re.compile(r"\b(?:reference|ref|confirmation|ticket|case|request|order)\s*(?:number|no|#|id|code)\b"
                           r"|\bwhat'?s\s+my\s+(?:ref|reference)\b")),
    (COST, re.compile(r"\b(?:cost|costs|price|pricing|charge|charged|fee|fees|pay|paying|free|how\s+much"
                      r"|insurance|insured|coverage|covered|cover|membership|policy\s+cover|bill|billed)\b")),
    (ETA, re.compile(r"\b(?:how\s+long|eta|when\s+will|when\s+is|when\s+are|when'?ll|arrival|arrive|arriving"
                     r"|wait\s+time|how\s+soon|on\s+(?:the|their)\s+way|take\s+long|be\s+here|get\s+here"
                     r"|coming\s+soon|far\s+away|how\s+far)\b")),
    (BOT, re.compile(r"\b(?:are\s+you\s+(?:a\s+)?(?:bot|robot|real|human|person|machine|ai|automated)|is\s+this\s+a"
                     r"\s+(?:bot|robot|real\s+person|human|machine)|am\s+i\s+(?:talking|texting|chatting)\s+(?:to|with)"
                     r"\s+a\s+(?:bot|robot|machine|real)|real\s+person\?)")),
)
# The same in Vietnamese, Indonesian and Russian (aside_words.py): a whole "wait" message, a "don't know" start.
_WAIT_OTHER_RE = compile_folded(aside_words.WAIT)
_DONT_KNOW_OTHER_RE = compile_folded(aside_words.DONT_KNOW)
_QUESTION_OTHER = {kind: compile_folded(patterns) for kind, patterns in aside_words.QUESTIONS.items()}
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


def is_symbols_only(text: str) -> bool:
    """Only emoji, punctuation or spaces: "?", "👍", "..."."""
    stripped = text.strip()
    return bool(stripped) and not any(ch.isalnum() for ch in stripped)


_YES_SYMBOLS = frozenset("👍👌✅✔☑🆗🙆")


def is_unclear_symbol_reply(text: str) -> bool:
    """Only emoji or punctuation, and none of them a thumbs-up or check mark: not a yes to send a truck."""
    if not is_symbols_only(text):
        return False
    return not any(ch in _YES_SYMBOLS for ch in text)


def question_kind(text: str) -> str | None:
    """Which mid-intake question a message asks (eta, cost, bot, reference, callback), if any."""
    words = fold(text)
    for kind, pattern in _QUESTION_PATTERNS:
        if pattern.search(words) or _QUESTION_OTHER[kind].search(words):
            return kind
    return None


def aside_kind(text: str, intent: str | None = None) -> str | None:
    """``ack``, ``wait``, ``dont_know`` or a question kind for a message that carries no fact, else None.

    Patterns decide first; the NLU intent is the fallback for phrasings they miss.
    """
    words = fold(text).strip(" .!,")
    if not words:
        return INTENT_ASIDES.get(intent or "", ACK if text.strip() else None)
    if is_symbols_only(words):
        return ACK
    if _WAIT_RE.match(words) or _WAIT_OTHER_RE.fullmatch(words.rstrip("?!.… ")):
        return WAIT
    if _DONT_KNOW_RE.match(words) or _DONT_KNOW_OTHER_RE.match(words):
        return DONT_KNOW
    tokens = _WORD_RE.findall(words)
    if tokens and len(tokens) <= 3 and all(t in _ACK_WORDS for t in tokens):
        return ACK
    if _ACK_PHRASES.match(words):
        return ACK
    kind = question_kind(words)
    if kind is not None:
        return kind
    return INTENT_ASIDES.get(intent or "")
