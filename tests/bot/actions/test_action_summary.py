"""The read-back before sending: values, the SMS wording and the voice wording."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.summary import ActionShowSummary, issue_label, summary_response, vehicle_label

SLOTS = {
    "pickup": "I-95 N by exit 12",
    "issue": "flat on I-95 N by exit 12, 2014 honda civic",
    "issue_category": "flat_tire",
    "tow_required": False,
    "vehicle": "2014 honda civic",
    "vehicle_year": 2014,
    "vehicle_make": "Honda",
    "vehicle_model": "Civic",
}


def render(domain, response: str, values: dict[str, str], channel: str | None = None) -> str:
    variations = domain["responses"][response]
    chosen = next(v for v in variations if v.get("channel") == channel)
    return chosen["text"].format(**values)


def test_summary_values_for_a_service_call():
    response, values = summary_response(SLOTS)

    assert response == "utter_summary"
    assert values == {"pickup": "I-95 N by exit 12", "issue": "a flat tire", "vehicle": "2014 Honda Civic"}


def test_sms_summary_reads_back_each_fact_and_how_to_confirm(domain):
    response, values = summary_response(SLOTS)
    text = render(domain, response, values)

    assert text == (
        "Please check:\nWhere: I-95 N by exit 12\nProblem: a flat tire\nCar: 2014 Honda Civic\n"
        "Reply YES to send help, or tell me what to change."
    )


def test_voice_summary_is_written_for_the_ear(domain):
    response, values = summary_response(SLOTS)
    text = render(domain, response, values, channel="voice")

    assert "The car is at I-95 N by exit 12." in text
    assert "Say yes" in text
    assert "Reply" not in text and "\n" not in text


def test_tow_summary_includes_the_dropoff(domain):
    slots = {**SLOTS, "issue_category": "tow", "tow_required": True, "dropoff": "Joe's Garage, 5th St"}
    response, values = summary_response(slots)

    assert response == "utter_summary_tow"
    assert values["dropoff"] == "Joe's Garage, 5th St"
    assert "Tow to: Joe's Garage, 5th St" in render(domain, response, values)


def test_unrecognised_problem_and_car_are_read_back_in_the_drivers_words():
    assert issue_label("other", "weird grinding noise") == "weird grinding noise"
    assert vehicle_label({"vehicle": "my wife's blue minivan"}) == "my wife's blue minivan"


def test_show_summary_action_asks_for_confirmation(run_action):
    out = run_action(ActionShowSummary(), text="2014 honda civic", slots=SLOTS, active_loop=None)

    assert out.responses == ["utter_summary"]
    assert out.messages[0]["pickup"] == "I-95 N by exit 12"
    assert out.messages[0]["vehicle"] == "2014 Honda Civic"
    assert out.events == [SlotSet("confirming", "summary"), SlotSet("field_to_change", None),
                          SlotSet("last_asked", None)]


def test_summary_fields_are_at_most_80_characters(run_action):
    slots = {**SLOTS, "pickup": "behind the old red barn " * 10, "vehicle_make": None, "vehicle": "blue " * 40}
    out = run_action(ActionShowSummary(), text="x", slots=slots, active_loop=None)

    assert all(len(out.messages[0][field]) <= 80 for field in ("pickup", "issue", "vehicle"))
    assert out.messages[0]["pickup"].startswith("behind the old red barn")


@pytest.mark.parametrize(("language", "label", "empty"), [
    ("vi", "thủng lốp", "chưa có"), ("id", "ban bocor", "belum ada"), ("ru", "спустило колесо", "не указано"),
    ("en", "a flat tire", "not given"),
])
def test_the_summary_speaks_the_conversations_language(language: str, label: str, empty: str) -> None:
    _, values = summary_response({"language": language, "pickup": "Shared location", "issue_category": "flat_tire",
                                  "issue": "ban bocor"})
    assert values["issue"] == label and values["vehicle"] == empty
    assert values["pickup"] != "Shared location" or language == "en"
