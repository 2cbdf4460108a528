"""Which slot a message answers, judged by its content."""

from __future__ import annotations

import pytest

from bot.actions.parsing.answers import capped, detailed_pickup, read_facts


def test_a_problem_sent_when_the_place_was_asked_is_a_problem():
    facts = read_facts("my battery died", "pickup")
    assert facts.issue == "my battery died" and facts.pickup is None and facts.rough_pickup is None


def test_a_car_sent_when_the_place_was_asked_is_a_car():
    facts = read_facts("2014 honda civic", "pickup")
    assert facts.vehicle == "2014 honda civic" and facts.pickup is None


def test_a_place_sent_when_the_car_was_asked_is_a_place():
    facts = read_facts("I'm at 12 Elm St", "vehicle")
    assert facts.pickup == "12 Elm St" and facts.vehicle is None


@pytest.mark.parametrize("rough", ["on the mass pike", "I-95", "main street", "in stamford", "at my house"])
def test_a_road_or_town_alone_is_rough(rough):
    facts = read_facts(rough, "pickup")
    assert facts.pickup is None and facts.rough_pickup


@pytest.mark.parametrize("place", ["I-95 N near exit 12", "mile marker 34 on i-90", "12 Elm St",
                                   "corner of main and elm",
                                   "behind the walmart on route 9", "rt 9 near the dunkin"])
def test_a_findable_place_is_a_pickup(place):
    assert read_facts(place, "pickup").pickup == place


@pytest.mark.parametrize("text", ["yes", "ok", "?", "👍", "asdfgh", "how long will it take"])
def test_asides_and_gibberish_fill_nothing(text):
    assert not read_facts(text, "pickup").any


@pytest.mark.parametrize("question", ["is walmart open", "what time does costco close", "is home depot open?",
                                      "when does walmart open", "where is the nearest walmart open now",
                                      "where's the closest gas station", "is the mcdonalds on rt 9 still open"])
@pytest.mark.parametrize("requested", ["pickup", "vehicle", "dropoff"])
def test_a_question_about_a_place_places_nothing(question, requested):
    facts = read_facts(question, requested, "inform")
    assert facts.pickup is None and facts.rough_pickup is None and facts.free_pickup is None
    assert facts.dropoff is None


@pytest.mark.parametrize("place", ["im at the walmart on rt 9, is it open?", "stuck near the nearest exit to costco"])
def test_a_place_with_a_question_about_it_is_still_a_place(place):
    assert read_facts(place, "pickup").pickup


def test_a_year_with_a_body_type_is_a_car_but_a_colour_alone_is_not():
    assert read_facts("2015 red suv", "vehicle").vehicle == "2015 red suv"
    assert read_facts("red suv", "vehicle").vehicle is None


def test_a_drop_off_answer_is_not_a_new_pickup():
    facts = read_facts("joes garage on main st", "dropoff")
    assert facts.dropoff == "joes garage on main st" and facts.pickup is None


def test_unknown_problem_words_are_kept_when_the_problem_was_asked():
    assert read_facts("its making a weird noise", "issue").issue == "its making a weird noise"


def test_follow_up_joins_the_detail_to_the_rough_place():
    assert detailed_pickup("on the mass pike", "exit 12") == "on the mass pike, exit 12"
    assert detailed_pickup("", "exit 12") == "exit 12"
    assert detailed_pickup("mass pike", "mass pike exit 12") == "mass pike exit 12"


def test_capped_cuts_at_a_word_within_the_limit():
    text = "word " * 100
    assert len(capped(text)) <= 200 and not capped(text).endswith(" ")
    assert capped("short") == "short"
