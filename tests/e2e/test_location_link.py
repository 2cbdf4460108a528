"""The one-time location link, in headless Chromium against the running stack."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from helpers.chromium import CHROMIUM, chromium_browser, needs_chromium
from helpers.fake_twilio import FakeTwilio

LINK = re.compile(r"https://roadside\.example\.com(/l/[A-Za-z0-9_-]+)")

pytestmark = pytest.mark.e2e
if os.path.exists(CHROMIUM):
    from playwright.sync_api import Browser, expect


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium_browser() as chromium:
        yield chromium


def link_for_rough_place(driver: Any) -> str:
    driver.say("flat tire")
    reply = driver.say("on the mass pike")
    match = LINK.search(reply)
    assert match, reply
    return match.group(1)


@needs_chromium
def test_shared_position_fills_the_pickup_and_the_bot_answers_by_text(browser: Browser, driver: Any,
                                                                      twilio_api: FakeTwilio) -> None:
    path = link_for_rough_place(driver)
    context = browser.new_context(base_url=driver.stack.web_url, permissions=["geolocation"],
                                  geolocation={"latitude": 42.2793, "longitude": -71.4162, "accuracy": 12})
    page = context.new_page()
    page.goto(path)
    page.click("#share")
    expect(page.locator("#status")).to_contain_text("we have your location", timeout=15_000)
    context.close()

    texts = twilio_api.bodies_to(driver.phone)
    assert any("I have the car's location" in t and "Which car" in t for t in texts), texts
    driver.say("2014 honda civic")
    driver.say("yes")
    [request] = driver.dispatched()
    assert request["pickup"]["lat"] == pytest.approx(42.2793)
    assert request["pickup"]["lng"] == pytest.approx(-71.4162)
    assert request["pickup"]["accuracy_m"] == pytest.approx(12)
    # Single use: the same link is now spent.
    assert requests.get(driver.stack.web_url + path, timeout=10).status_code == 404


@needs_chromium
def test_denied_location_says_to_reply_by_text(browser: Browser, driver: Any) -> None:
    path = link_for_rough_place(driver)
    context = browser.new_context(base_url=driver.stack.web_url, permissions=[])
    page = context.new_page()
    page.goto(path)
    page.click("#share")
    expect(page.locator("#status")).to_contain_text("reply by text", timeout=15_000)
    context.close()
    # Nothing was posted: the conversation still waits for the nearest exit.
    assert "Which car" in driver.say("exit 15")


def test_junk_posts_and_unknown_links_are_refused(driver: Any) -> None:
    path = link_for_rough_place(driver)
    base = driver.stack.web_url
    assert requests.post(base + path, json={"lat": "north"}, timeout=10).status_code == 400
    assert requests.post(base + path, json={"lat": 91, "lng": 0}, timeout=10).status_code == 400
    assert requests.post(base + "/l/" + "x" * 32, json={"lat": 1, "lng": 2}, timeout=10).status_code == 410
    assert requests.get(base + "/l/nope", timeout=10).status_code == 404
