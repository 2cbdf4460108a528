"""An NLU step after the classifiers: a message that plainly states a fact is an answer (``inform``).

DIET reads "машина сломалась" as a goodbye or "Tol Jagorawi km 23" as out of scope now and then,
most of all in the languages with fewer examples, and a goodbye pauses the intake. The parsers
(bot/actions/parsing) recognise problems, cars and places in all four languages with plain rules,
so when they find one in a message NLU filed as out of scope, low confidence, a goodbye, a thanks
or a no, the message is an ``inform`` and the form reads it. So is a "change" that names no field
("моя газель две тысячи четырнадцать" said when the car was asked): the new value is the answer, and
at the summary an ``inform`` is a correction of the field it fills. Intents with their own consequences
(emergency, a person, cancel, delete my data, a change that names its field, the questions) are never
touched, and a message with a parting word ("bye", "пока", "gak jadi") keeps its goodbye.

One exception for an emergency: a message that is only a place ("123 nguyen hue q1", "ngã tư Lê Duẩn -
Pasteur, Quận 1"), with no problem and no danger word (facts/danger.py), is an answer, not an urgent
hand-off; DIET, sure of itself, has filed such addresses as emergencies. No emergency example in the
training data is a bare place.

A "cancel" that speaks only of our texts ("dont text me anymore", "không nhắn nữa") is filed as
``ask_opt_out``: it answers how to stop the texts instead of calling off the truck. A cancel that names
the truck, the tow or the request ("cancel the tow and stop texting") stays a cancel. A "cancel" that
gives a place or a car and says no word of cancelling ("измените местоположение, я уже на заправке у
съезда", filed as a cancel by DIET) is an answer, and so is one that names the problem or the tow and
has no word of no or of calling off ("нужен эвакуатор", "tow truck needed", "perlu derek": in
cross-validation DIET filed such requests as cancels, since the cancels name the tow too). Calling off
a stranded driver's truck by mistake is the worst thing the bot can do, and a cancel is acted on at once.

A request for another language ("English please", "по-русски") is filed as ``greet``: the gateway has
already switched the conversation's language, and a greeting is what makes the bot say "OK" and ask the
current question again (or show the summary again) in the new language, not "didn't get that" or a person.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import rasa_speedups
from bot.actions.parsing.answers import Facts, read_facts
from bot.actions.parsing.asides import aside_kind
from bot.actions.parsing.fields import field_named_in
from facts.danger import mentions_danger
from facts.folding import compile_folded, folded_words
from facts.language_detection import requested

# Every Rasa server loading our model loads this module, whatever its channels: the answer check is fast in all.
rasa_speedups.apply()

# Intents a fact-bearing message is re-read from; the rest keep what NLU said.
OVERRIDABLE = frozenset({"nlu_fallback", "out_of_scope", "goodbye", "thanks", "deny"})

_PARTING = compile_folded((
    r"\b(?:bye|goodbye|good bye|never ?mind|nvm|cancel|forget it|no need|dont need|don't need|already fixed"
    r"|got it fixed|all set)\b",
    r"\b(?:tạm biệt|bai|thôi|không cần nữa|khỏi|hủy|huỷ)\b",
    r"\b(?:dadah|sampai jumpa|gak jadi|ga jadi|nggak jadi|tidak jadi|batal|sudah beres|udah beres)\b",
    r"\b(?:пока|до свидания|не надо|не нужно|отмена|отмените|уже не нужно|всё починил\w*)\b",
))


# Our texts, and the help itself, in each language: a "cancel" naming only the first is about the texts.
_TEXTS = compile_folded((
    r"\b(?:text|texts|texting|message|messages|msg|msgs|sms)\b",
    r"\b(?:nhắn|tin nhắn|tin|sms)\b",
    r"\b(?:sms|pesan|chat|wa)\b",
    r"\b(?:смс|sms|сообщени\w*|пиши\w*|писать|напомина\w*)\b",
))
_THE_HELP = compile_folded((
    r"\b(?:tow|truck|request|order|help|driver|someone|anyone|service)\b",
    r"\b(?:xe kéo|cứu hộ|yêu cầu|đơn|người)\b",
    r"\b(?:derek|permintaan|pesanan|bantuan|orang|petugas)\b",
    r"\b(?:эвакуатор\w*|заявк\w*|вызов\w*|помощ\w*|мастер\w*|никого|кого)\b",
))


# A word that says no or calls something off, in each language: a "cancel" without one ("нужен эвакуатор",
# "tow truck needed", "perlu derek") asks for the help it names.
_NO_OR_OFF = compile_folded((
    r"\b(?:no|not|dont|don't|do not|never|nevermind|cancel\w*|stop|forget|call off|off|without|anymore|nvm)\b",
    r"\b(?:không|ko|k|đừng|hủy|huỷ|thôi|khỏi|nữa)\b",
    r"\b(?:batal\w*|jangan|gak|ga|nggak|ngga|tidak|tak|usah|udah|sudah|lagi)\b",
    r"\b(?:не|нет|отмен\w*|отбой\w*|без|хватит|уже)\b",
))


def only_about_texts(text: str) -> bool:
    """Whether a message speaks of our texts and not of the truck, the tow or the request."""
    folded = folded_words(text)
    return bool(_TEXTS.search(folded)) and not _THE_HELP.search(folded)


def _stated_facts(text: str) -> Facts | None:
    """What the parsers read in a message that is not empty, a parting (or cancelling) line or an aside."""
    if not text.strip() or aside_kind(text) is not None or _PARTING.search(folded_words(text)):
        return None
    return read_facts(text, None, "inform")


def states_a_fact(text: str) -> bool:
    """Whether the message plainly names a problem, a car or a place, and is not a parting line or an aside."""
    facts = _stated_facts(text)
    return facts is not None and (facts.issue is not None or facts.vehicle is not None or facts.pickup is not None)


def cancel_is_an_answer(text: str) -> bool:
    """Whether a "cancel" gives a place or a car, or names the problem or the tow with no word of no or of
    calling off ("нужен эвакуатор"); never with a parting or cancelling word."""
    facts = _stated_facts(text)
    if facts is None:
        return False
    if facts.pickup is not None or facts.vehicle is not None:
        return True
    return facts.issue is not None and not _NO_OR_OFF.search(folded_words(text))


def only_a_place(text: str) -> bool:
    """Whether the message names a place and no problem, and has no word of danger or of an aside."""
    if not text.strip() or mentions_danger(text) or aside_kind(text) is not None:
        return False
    facts = read_facts(text, None, "inform")
    return facts.pickup is not None and facts.issue is None


def _refile(message: Message, name: str) -> None:
    intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)


def inform_if_fact(message: Message) -> bool:
    """Re-file ``message`` as ``inform`` when it states a fact NLU missed, as ``greet`` when it asks for
    another language, or as ``ask_opt_out`` when a "cancel" is only about our texts; True when it did."""
    name = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    text = message.get(TEXT) or ""
    if name != "emergency" and requested(text) is not None:
        _refile(message, "greet")
        return True
    if name == "cancel_request" and only_about_texts(text):
        _refile(message, "ask_opt_out")
        return True
    if name == "cancel_request" and cancel_is_an_answer(text):
        # "измените местоположение, я уже на заправке у съезда" is a new place, not a reason to call off the truck.
        _refile(message, "inform")
        return True
    if name == "emergency":
        answer = only_a_place(text)
    else:
        overridable = name in OVERRIDABLE or (name == "change_field" and field_named_in(text) is None)
        answer = overridable and states_a_fact(text)
    if not answer:
        return False
    _refile(message, "inform")
    return True


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FactsAreInform(GraphComponent):
    """Runs after FallbackClassifier in bot/config.yml."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> FactsAreInform:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            inform_if_fact(message)
        return messages
