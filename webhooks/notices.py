"""What the gateway itself says by text (consent, failures), before or instead of the bot.

The texts live in the catalog (``catalog/<language>.yml``, ids ``sms.*``);
this fills in the service's name, its privacy link and the emergency number.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import text
from facts.languages import DEFAULT


@dataclass(frozen=True)
class Notices:
    service: str
    privacy_url: str

    def _text(self, message_id: str, language: str, **fields: str) -> str:
        return text(f"sms.{message_id}", language, service=self.service, privacy_url=self.privacy_url, **fields)

    def first_contact(self, language: str = DEFAULT) -> str:
        return self._text("first_contact", language)

    def opted_out(self, language: str = DEFAULT) -> str:
        return self._text("opted_out", language)

    def opted_in(self, language: str = DEFAULT) -> str:
        return self._text("opted_in", language)

    def help(self, language: str = DEFAULT) -> str:
        return self._text("help", language)

    def unavailable(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("unavailable", language, emergency_number=emergency_number)

    def trouble(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("trouble", language, emergency_number=emergency_number)

    def empty_message(self, language: str = DEFAULT) -> str:
        return self._text("empty_message", language)

    def attachment_only(self, language: str = DEFAULT) -> str:
        return self._text("attachment_only", language)

    def say_again(self, language: str = DEFAULT) -> str:
        return self._text("say_again", language)

    def danger_while_waiting(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("danger_while_waiting", language, emergency_number=emergency_number)

    def still_waiting(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("still_waiting", language, emergency_number=emergency_number)

    def shortened(self, language: str = DEFAULT) -> str:
        return self._text("shortened", language)

    def slow_down(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("slow_down", language, emergency_number=emergency_number)

    def dispatch_limit(self, emergency_number: str, language: str = DEFAULT) -> str:
        return self._text("dispatch_limit", language, emergency_number=emergency_number)
