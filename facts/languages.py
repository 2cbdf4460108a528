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


VOICES: dict[str, VoiceSettings] = {
    "en": VoiceSettings(gather_language="en-US", say_voice="Polly.Joanna", say_language="en-US"),
}


def supported(language: str | None) -> str:
    """``language`` when we hold conversations in it, else the default."""
    code = (language or "").split("-")[0].strip().lower()
    return code if code in SUPPORTED else DEFAULT


def voice_settings(language: str | None) -> VoiceSettings:
    """The voice settings of ``language`` (the default language's when it has none)."""
    return VOICES.get(supported(language), VOICES[DEFAULT])
