"""The languages a conversation can be held in, and how each one sounds on a call."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT = "en"
SUPPORTED: tuple[str, ...] = ("en", "vi", "id", "ru")


@dataclass(frozen=True)
class VoiceSettings:
    """Twilio voice settings for one language."""

    gather_language: str  # <Gather language=…>: what the speech recogniser listens for
    say_voice: str  # <Say voice=…>
    say_language: str  # <Say language=…>


# Voices Twilio offers for each language (Twilio's TTS voice list): Amazon Polly where it has one,
# Google's standard voices for Vietnamese and Indonesian (Polly has none).
VOICES: dict[str, VoiceSettings] = {
    "en": VoiceSettings(gather_language="en-US", say_voice="Polly.Joanna", say_language="en-US"),
    "vi": VoiceSettings(gather_language="vi-VN", say_voice="Google.vi-VN-Standard-A", say_language="vi-VN"),
    "id": VoiceSettings(gather_language="id-ID", say_voice="Google.id-ID-Standard-A", say_language="id-ID"),
    "ru": VoiceSettings(gather_language="ru-RU", say_voice="Polly.Tatyana", say_language="ru-RU"),
}

# The call greeting's one-key language switch: key 1 for the first, 2 for the second…
MENU: tuple[str, ...] = ("en", "vi", "id", "ru")


def menu_key(language: str) -> str:
    """The key that picks ``language`` on a call."""
    return str(MENU.index(language) + 1)


def language_for_key(key: str | None) -> str | None:
    """The language a key picks, None for any other key."""
    keys = {menu_key(language): language for language in MENU}
    return keys.get((key or "").strip())


def supported(language: str | None) -> str:
    """``language`` when we hold conversations in it, else the default."""
    code = (language or "").split("-")[0].strip().lower()
    return code if code in SUPPORTED else DEFAULT


def voice_settings(language: str | None) -> VoiceSettings:
    """The voice settings of ``language`` (the default language's when it has none)."""
    return VOICES.get(supported(language), VOICES[DEFAULT])
