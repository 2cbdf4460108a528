"""Issue 11: the console on a busy shift, in headless Chromium (desktop and a 390 px phone)."""

from __future__ import annotations

import os
from typing import Any

from helpers.chromium import CHROMIUM, needs_chromium

pytestmark = needs_chromium

if os.path.exists(CHROMIUM):
    from playwright.sync_api import Page, expect


def _row(page: Page, ref: str) -> Any:
    return page.locator(f"tr[data-ref='{ref}']")


def _claim(page: Page, ref: str) -> None:
    _row(page, ref).get_by_role("button", name="Claim").click()
    expect(page).to_have_title(f"{ref} · Roadside console")


def test_line_breaks_are_kept_in_the_transcript_and_in_replies(web: Any, open_page: Any) -> None:
    customer = web.customer()
    web.conversation(customer, [("user", "battery dead"),
                                ("bot", "Please check:\nWhere: exit 12\nProblem: battery"),
                                ("user", "agent please")])
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    _claim(page, ref)
    bot_line = page.locator("#transcript li.bot p")
    assert bot_line.inner_text() == "Please check:\nWhere: exit 12\nProblem: battery"

    page.fill("#reply-text", "Hi, this is Alice.\nA truck is being arranged.\n\nReply here with any change.")
    page.click("button:text('Send reply')")
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")
    sent = "Hi, this is Alice.\nA truck is being arranged.\n\nReply here with any change."
    assert web.twilio.bodies_to(customer.phone) == [sent]
    assert page.locator("#transcript li.agent p").inner_text() == sent


def test_a_long_reply_shows_a_live_counter_and_cannot_be_sent(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    _claim(page, ref)
    counter = page.locator("#reply-counter")
    page.fill("#reply-text", "a" * 161)
    expect(counter).to_have_text("161 / 640 characters · 2 SMS segments (GSM-7)")
    page.fill("#reply-text", "Привет " * 10)  # 69 UTF-16 units once trimmed: one UCS-2 segment
    expect(counter).to_have_text("69 / 640 characters · 1 SMS segment (UCS-2)")
    page.fill("#reply-text", "Ж" * 71)
    expect(counter).to_have_text("71 / 640 characters · 2 SMS segments (UCS-2)")
    page.fill("#reply-text", "x" * 700)
    assert len(page.locator("#reply-text").input_value()) == 700, "the text box cuts nothing off"
    expect(counter).to_have_text("700 / 640 characters · 5 SMS segments (GSM-7) · too long: shorten it by 60 to send")
    expect(page.get_by_role("button", name="Send reply")).to_be_disabled()
    assert web.twilio.sent == []
