"""Calls that go off script: the wrong answer, a silence, a year said in words."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.phone_call import Caller, said

pytestmark = pytest.mark.e2e


def test_a_call_answering_the_wrong_question_is_not_misfiled(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    first = said(caller.speak("my battery died"))
    assert "Where" in first  # the problem is kept; the place is still asked
    second = said(caller.speak("I 95 north near exit twelve"))
    assert "Which car" in second or "make and model" in second
    summary = said(caller.speak("twenty fourteen honda civic"))
    assert "exit 12" in summary and "dead battery" in summary and "2014 Honda Civic" in summary


def test_a_silence_is_asked_again_and_the_call_goes_on(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    again = said(caller.silence())
    assert "didn't catch" in again or "say it again" in again
    reply = said(caller.speak("flat tire on route 9 by the shell station"))
    assert "Which car" in reply


def test_a_year_said_in_words_reaches_dispatch(driver: Any) -> None:
    caller = Caller(driver.stack, driver.phone)
    caller.start()
    caller.speak("flat tire at 12 Elm Street Stamford")
    summary = said(caller.speak("it's a two thousand nine toyota camry"))
    assert "2009 Toyota Camry" in summary
    caller.speak("yes")
    [request] = driver.dispatched()
    assert (request["vehicle"]["year"], request["vehicle"]["make"]) == (2009, "Toyota")
    assert request["channel"] == "voice"
