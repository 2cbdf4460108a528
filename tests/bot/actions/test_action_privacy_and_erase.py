"""Privacy answer values and the confirmed 'delete my data' flow."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, AllSlotsReset, FollowupAction, SlotSet

from bot.actions import backend
from bot.actions.erase import ActionAskEraseConfirmation, ActionEraseCustomerData, ActionKeepCustomerData
from bot.actions.privacy import ActionAnswerPrivacy, privacy_values
from conftest import make_env
from storage.settings import Settings


def test_privacy_values_come_from_the_configured_retention_and_policy(monkeypatch):
    env = make_env("redis://127.0.0.1:9/0", REQUEST_RETENTION_DAYS="45",
                   ROADSIDE_PRIVACY_URL="https://roadside.example/privacy")
    settings = Settings.from_env(env)
    monkeypatch.setattr(backend, "settings", lambda: settings)

    assert privacy_values() == {"retention_days": "45", "privacy_url": "https://roadside.example/privacy"}


def test_privacy_values_without_settings_are_the_defaults(monkeypatch):
    def unconfigured() -> Settings:
        return Settings.from_env({"REQUEST_RETENTION_DAYS": "soon"})

    monkeypatch.setattr(backend, "settings", unconfigured)

    assert privacy_values() == {"retention_days": "30", "privacy_url": "https://example.com/privacy"}


def test_privacy_answer_and_the_form_is_left_as_it_was(run_action, monkeypatch):
    monkeypatch.setenv("REQUEST_RETENTION_DAYS", "30")
    out = run_action(ActionAnswerPrivacy(), text="is my data safe", intent="ask_privacy")

    assert out.events == []
    assert out.responses == ["utter_privacy"]
    assert out.messages[0]["retention_days"] == "30"


def test_sms_privacy_answer_has_the_link_and_stop_voice_has_no_link(domain):
    sms, voice = [v for v in domain["responses"]["utter_privacy"] if not v.get("condition")]
    values = {"retention_days": "30", "privacy_url": "https://roadside.example/privacy"}

    assert "never for marketing" in sms["text"].format(**values)
    assert "Reply STOP" in sms["text"]
    assert "https://roadside.example/privacy" in sms["text"].format(**values)
    assert voice["channel"] == "voice" and "{privacy_url}" not in voice["text"]


def test_each_languages_privacy_answer_has_the_link_and_its_stop_word_voice_has_no_link(domain):
    stop_words = {"vi": "DỪNG", "id": "BERHENTI", "ru": "СТОП"}
    for variation in domain["responses"]["utter_privacy"]:
        language = (variation.get("condition") or [{"value": "en"}])[0]["value"]
        if language == "en":
            continue
        if variation.get("channel") == "voice":
            assert "{privacy_url}" not in variation["text"], language
        else:
            assert "{privacy_url}" in variation["text"] and stop_words[language] in variation["text"], language


def test_delete_my_data_asks_before_erasing(run_action, backend):
    out = run_action(ActionAskEraseConfirmation(), text="delete my data", intent="delete_my_data")

    assert out.responses == ["utter_confirm_erase"]
    assert SlotSet("confirming", "delete") in out.events
    assert backend.erased == []


def test_yes_erases_the_customer(run_action, backend, token):
    out = run_action(ActionEraseCustomerData(), text="yes", intent="affirm")

    assert backend.erased == [token]
    assert out.responses == ["utter_data_erased"]
    assert out.signals == {"erase": True, "end": True}
    assert out.events == [ActiveLoop(None), AllSlotsReset()]


def test_no_keeps_the_data(run_action, backend):
    out = run_action(ActionKeepCustomerData(), text="no", intent="deny")

    assert backend.erased == []
    assert out.responses == ["utter_data_kept"]
    assert out.signals == {}
    assert out.events == [SlotSet("confirming", None)]


def test_no_at_the_read_back_brings_the_summary_back(run_action, backend):
    slots = {"pickup": "123 Main St", "issue": "flat", "issue_category": "flat_tire", "vehicle": "2014 honda civic"}
    out = run_action(ActionKeepCustomerData(), text="no", intent="deny", slots=slots, active_loop=None)

    assert out.responses == ["utter_data_kept", "utter_summary"]
    assert out.messages[1]["pickup"] == "123 Main St"
    assert out.events == [SlotSet("confirming", "summary"), FollowupAction("action_listen")]
