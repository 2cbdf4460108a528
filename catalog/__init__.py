"""Every text the gateway itself writes to customers, by message id and language.

Pure Python: no Flask, Rasa or Redis. The texts live in one data file per
language (``en.yml``, …); ``text(message_id, language, **fields)`` looks one up.
The bot's own answers stay in ``bot/domain.yml``.
"""

from catalog.texts import message_ids, placeholders, text

__all__ = ["message_ids", "placeholders", "text"]
