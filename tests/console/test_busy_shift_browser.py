"""Issue 11: the console on a busy shift, in headless Chromium (desktop and a 390 px phone)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from helpers.chromium import CHROMIUM, claim, needs_chromium, queue_row

PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"

pytestmark = needs_chromium

if os.path.exists(CHROMIUM):
    from playwright.sync_api import Page, expect


def test_line_breaks_are_kept_in_the_transcript_and_in_replies(web: Any, open_page: Any) -> None:
    customer = web.customer()
    web.conversation(customer, [("user", "battery dead"),
                                ("bot", "Please check:\nWhere: exit 12\nProblem: battery"),
                                ("user", "agent please")])
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    bot_line = page.locator("#transcript li.bot p")
    expect(bot_line).to_have_css("white-space", "pre-line")  # the style sheet is applied (inner_text depends on it)
    assert bot_line.inner_text() == "Please check:\nWhere: exit 12\nProblem: battery"

    page.fill("#reply-text", "Hi, this is Alice.\nA truck is being arranged.\n\nReply here with any change.")
    page.click("button:text('Send reply')")
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")
    sent = "Hi, this is Alice.\nA truck is being arranged.\n\nReply here with any change."
    assert web.twilio.bodies_to(customer.phone) == [sent]
    agent_line = page.locator("#transcript li.agent p")
    expect(agent_line).to_have_css("white-space", "pre-line")
    assert agent_line.text_content() == sent and agent_line.inner_text() == sent


def test_a_long_reply_shows_a_live_counter_and_cannot_be_sent(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
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


def test_status_moves_forward_only_unless_a_supervisor_confirms(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.dispatch(customer, "RS-BK7QA")
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    status = page.locator("#status")
    status.get_by_label("ETA in minutes").fill("40")
    status.get_by_role("button", name="Assigned").click()
    expect(page.locator(".flash.ok")).to_have_text("Status set to Assigned.")
    status.get_by_label("ETA in minutes").fill("25")
    status.get_by_role("button", name="En route").click()
    expect(page.locator(".status-now")).to_have_text("En route, ETA 25 min")
    expect(status.get_by_role("button", name="Assigned")).to_be_disabled()
    status.get_by_label("ETA in minutes").fill("10")
    status.get_by_role("button", name="Arrived").click()
    expect(page.locator(".flash.error")).to_have_text(
        "Arrived takes no ETA: clear the ETA box, or set Assigned or En route with it.")
    assert web.twilio.bodies_to(customer.phone) == [
        "Roadside Assist: a truck is assigned to your request RS-BK7QA, expected in about 40 min.",
        "Roadside Assist: the truck for your request RS-BK7QA is on the way, about 25 min.",
    ]
    page.click("button:text('Return to queue')")

    sue = open_page(web.add_agent("sue", "supervisor"))
    claim(sue, ref)
    status = sue.locator("#status")
    status.get_by_role("button", name="Assigned").click()
    expect(sue.locator(".flash.error")).to_contain_text("The status is En route: it only moves forward.")
    assert len(web.twilio.bodies_to(customer.phone)) == 2
    status.get_by_label("Allow a step back").check()
    status.get_by_role("button", name="Assigned").click()
    expect(sue.locator(".status-now")).to_have_text("Assigned")
    assert web.twilio.bodies_to(customer.phone)[-1] == "Roadside Assist: a truck is assigned to your request RS-BK7QA."
    [back] = web.audit("status_assigned")[1:]
    assert (back["actor"], back["step_back_from"]) == ("agent:sue", "en_route")


def test_update_rows_say_what_changed(web: Any, open_page: Any) -> None:
    from storage import queues

    customer = web.customer()
    ref = web.dispatch(customer, "RS-UP7D8")
    queues.update_sms_updates(web.storage, customer.token, ref, True)
    queues.request_callback(web.storage, customer.token, ref)
    queues.cancel_dispatch(web.storage, customer.token, ref)
    page = open_page(web.add_agent("alice"))
    rows = page.locator("#dispatch tbody tr")
    expect(rows).to_have_count(4)
    issues = [row.locator("td").nth(3).inner_text() for row in rows.all()]
    assert sorted(issues) == sorted(["battery", "customer accepted SMS updates", "customer asked to be called",
                                     "customer cancelled the request"])
    queue_row(page, f"{ref}:update").first.get_by_role("button", name="Claim").click()
    expect(page.locator("#details")).to_contain_text("customer accepted SMS updates")


def test_close_asks_first_and_offers_to_tell_the_customer(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.dispatch(customer, "RS-CL0SE")
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    page.get_by_role("link", name="Close…").click()
    expect(page).to_have_title(f"Close {ref}? · Roadside console")
    page.get_by_role("link", name="Keep it open").click()
    expect(page).to_have_title(f"{ref} · Roadside console")
    assert web.storage.dispatch.pending_count() == 1

    page.get_by_role("link", name="Close…").click()
    expect(page.get_by_label("Tell the customer by text")).to_be_checked()
    page.get_by_role("button", name=f"Close {ref}").click()
    expect(page.locator(".flash.ok")).to_have_text(f"{ref} is closed. The customer was told.")
    expect(queue_row(page, ref)).to_have_count(0)
    assert web.twilio.bodies_to(customer.phone) == [
        f"Roadside Assist: we have closed your request {ref}. "
        "If you still need roadside help, reply to this text and we will pick it up again."]
    assert [(e["subject"], e["told"]) for e in web.audit("close")] == [(ref, "true")]


def test_closing_an_escalation_without_telling_the_customer(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    page.get_by_role("link", name="Close…").click()
    page.get_by_label("Tell the customer by text").uncheck()
    page.get_by_role("button", name=f"Close {ref}").click()
    expect(page.locator(".flash.ok")).to_have_text(f"{ref} is closed.")
    assert web.twilio.sent == []
    assert not web.storage.handoff.active(customer.token)


def test_removing_an_agent_asks_first(web: Any, open_page: Any) -> None:
    web.add_agent("bob")
    sue = open_page(web.add_agent("sue", "supervisor"))
    sue.click("nav >> text=Agents")
    sue.locator("tr", has_text="bob").get_by_role("link", name="Remove…").click()
    expect(sue).to_have_title("Remove bob? · Roadside console")
    sue.get_by_role("link", name="Keep the account").click()
    expect(sue.locator("tr", has_text="bob")).to_have_count(1)
    sue.locator("tr", has_text="bob").get_by_role("link", name="Remove…").click()
    sue.get_by_role("button", name="Remove bob").click()
    expect(sue.locator(".flash.ok")).to_have_text("bob was removed; their sessions have ended.")
    expect(sue.locator("tr", has_text="bob")).to_have_count(0)


def test_coordinates_once_with_map_links_and_a_tel_link(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.dispatch(customer, "RS-GE0PT", pickup="42.2793, -71.4162", lat=42.2793, lng=-71.4162)
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    details = page.locator("#details")
    expect(details.locator("dd").filter(has_text="42.2793")).to_have_text("42.2793, -71.4162 · map")
    assert details.inner_text().count("42.2793") == 1
    assert details.locator("a.geo").get_attribute("href") == "geo:42.2793,-71.4162"
    assert details.locator("a.web-map").get_attribute("href") == (
        "https://www.openstreetmap.org/?mlat=42.2793&mlon=-71.4162#map=17/42.2793/-71.4162")
    assert details.locator("a.tel").get_attribute("href") == f"tel:{customer.phone}"


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_the_console_works_on_a_phone(web: Any, open_page: Any) -> None:
    customer = web.customer()
    web.conversation(customer, [("user", "my car broke down on the mass pike westbound near exit 96"),
                                ("bot", "Please check:\nWhere: Mass Pike W near exit 96\nProblem: battery")])
    ref = web.escalate(customer, priority="urgent", reason="asked_for_agent")
    for n in range(6):
        web.dispatch(web.customer(), f"RS-PH0N{n}", category="flat_tire", pickup="Route 9 by the Shell station")
    page = open_page(web.add_agent("alice"), viewport=PHONE)
    expect(page.locator("#dispatch tbody tr")).to_have_count(6)
    assert _overflow(page) <= 0, "the queue fits the phone's width"
    for button in page.get_by_role("button", name="Claim").all():
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    claim(page, ref)
    assert _overflow(page) <= 0, "the item page fits the phone's width"
    page.fill("#reply-text", "On it.")
    send = page.get_by_role("button", name="Send reply").bounding_box()
    assert send is not None and send["x"] + send["width"] <= PHONE["width"]
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")


SHOTS = Path(__file__).resolve().parents[2] / "docs"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": PHONE}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots_of_a_busy_queue_and_an_item(web: Any, open_page: Any, tmp_path: Path, size: str) -> None:
    """Committed under docs/ with ROADSIDE_UPDATE_SCREENSHOT=1 (shown in the README)."""
    web.app.config["CONSOLE_POLL_SECONDS"] = 600
    customer = web.customer()
    web.conversation(customer, [
        ("user", "car died on the mass pike westbound near exit 96"),
        ("bot", "Sorry to hear that. Please check:\nWhere: Mass Pike W near exit 96\nProblem: battery"),
        ("user", "I want to talk to a person")])
    ref = web.escalate(customer, priority="urgent", message="I want to talk to a person")
    from storage import queues

    places = ["Route 9 by the Shell station, Natick", "I-95 N near exit 12, Stamford", "Main St, Worcester"]
    said = ["can I talk to a real person", "the car is smoking, what do I do", "I don't know the exit number",
            "hello?? anyone there", "it's a rental, do you cover that"]
    for n in range(24):
        queues.escalate(web.storage, web.customer().token, priority="urgent" if n % 7 == 0 else "normal",
                        reason=("asked_for_agent", "misunderstood", "location_unknown")[n % 3],
                        summary={"stage": "vehicle", "pickup": places[n % 3], "vehicle": "2016 gray toyota rav4"
                                 if n % 2 else None}, message=said[n % 5])
    for n in range(30):
        web.dispatch(web.customer(), f"RS-{n:02d}BSY", category=("battery", "flat_tire", "tow", "lockout")[n % 4],
                     priority="urgent" if n % 9 == 0 else "normal", pickup=places[n % 3])
    page = open_page(web.add_agent("alice"), viewport=SIZES[size])
    expect(page.locator("table.queue tbody tr")).to_have_count(55)
    out = SHOTS if os.environ.get("ROADSIDE_UPDATE_SCREENSHOT") == "1" else tmp_path
    page.screenshot(path=str(out / f"console-queue-{size}.png"))
    claim(page, ref)
    page.screenshot(path=str(out / f"console-item-{size}.png"))
    assert (out / f"console-item-{size}.png").stat().st_size > 10_000


def test_a_reopened_conversation_shows_its_whole_history_and_links_the_earlier_item(web: Any,
                                                                                     open_page: Any) -> None:
    from storage.erasure import erase_token, export_token

    customer = web.customer()
    web.conversation(customer, [("user", "batery ded on i95 exit 12"), ("bot", "Sorry to hear that. What car is it?"),
                                ("user", "talk to a person")])
    first = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    claim(page, first)
    page.fill("#reply-text", "Hi, Alice here. Is the car safe off the road?")
    page.click("button:text('Send reply')")
    page.get_by_role("link", name="Close…").click()
    page.get_by_label("Tell the customer by text").uncheck()
    page.get_by_role("button", name=f"Close {first}").click()
    assert web.storage.client.get(f"roadside:tracker:{{{customer.token}}}") is None, "the bot starts afresh"

    web.conversation(customer, [("user", "hi again, still stuck"), ("bot", "Where is the car right now?"),
                                ("user", "agent")], ago=-1)
    second = web.escalate(customer)
    page.reload()
    claim(page, second)
    transcript = page.locator("#transcript")
    for said in ("batery ded on i95 exit 12", "Sorry to hear that. What car is it?",
                 "Hi, Alice here. Is the car safe off the road?", "hi again, still stuck"):
        expect(transcript).to_contain_text(said)
    texts = transcript.locator("li").all_inner_texts()

    def where(said: str) -> int:
        return next(i for i, text in enumerate(texts) if said in text)

    assert where("batery ded") < where("Hi, Alice here") < where(f"{first} closed by alice") < where("hi again")
    link = page.locator("#earlier-items").get_by_role("link", name=first)
    assert link.get_attribute("href") == f"#earlier-{first}"
    expect(page.locator(f"li#earlier-{first}")).to_contain_text(f"{first} closed by alice")

    exported = export_token(web.storage, customer.token, actor="test")
    assert [e["ref"] for e in exported["earlier_console_items"]] == [first]
    erase_token(web.storage, customer.token, actor="test")
    assert web.storage.client.keys("roadside:history:*") == []


def test_queue_rows_show_triage_facts_and_a_live_coloured_wait(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.escalate(customer, priority="urgent", message="I am stuck on the Mass Pike westbound near exit 96 and "
                                                             "it is getting dark")
    web.storage.handoff.add_message(customer.token, "customer", "still waiting, car is a blue 2012 Ford Focus")
    request = web.dispatch(web.customer(), "RS-TR1AG", pickup="Route 9 by the Shell station, Natick")
    page = open_page(web.add_agent("alice"))
    row = queue_row(page, ref)
    expect(row.locator("q.last")).to_have_text("still waiting, car is a blue 2012 Ford Focus")
    expect(row.locator("td.via")).to_have_text("sms · en")
    other = queue_row(page, request)
    expect(other.locator("q.last")).to_have_text("won't start, clicking")
    expect(other.locator(".place")).to_have_text("Route 9 by the Shell station, Natick")
    expect(other.locator(".vehicle")).to_have_text("silver 2014 honda civic")
    expect(other.locator("td.via")).to_have_text("sms · en")
    wait = row.locator(".wait")
    expect(wait).to_have_class(re.compile(r"\bwait-ok\b"))
    first = wait.inner_text()
    assert re.fullmatch(r"\d:\d\d", first)
    expect(wait).not_to_have_text(first)  # it ticks without a reload
    # The targets are configurable; the polled rows pick up new ones.
    web.app.config.update(CONSOLE_WAIT_URGENT_AMBER_SECONDS=1, CONSOLE_WAIT_URGENT_RED_SECONDS=3600)
    expect(wait).to_have_class(re.compile(r"\bwait-amber\b"))
    web.app.config.update(CONSOLE_WAIT_URGENT_RED_SECONDS=2)
    expect(wait).to_have_class(re.compile(r"\bwait-red\b"))
    expect(other.locator(".wait")).to_have_class(re.compile(r"\bwait-ok\b"))  # normal items: their own targets


def test_the_preview_is_cut_at_60_characters() -> None:
    from console.triage import triage

    long = "x" * 80
    assert triage({"message": long}, []).last_message == "x" * 59 + "…"


def test_tabs_and_search_by_reference_phone_or_place(web: Any, open_page: Any) -> None:
    natick, stamford = web.customer(), web.customer()
    web.dispatch(natick, "RS-NAT1K", pickup="Route 9 by the Shell station, Natick")
    web.dispatch(stamford, "RS-STAM4", pickup="I-95 N near exit 12, Stamford")
    escalated = web.escalate(web.customer())
    done = web.dispatch(web.customer(), "RS-D0NE5")
    page = open_page(web.add_agent("alice"))
    claim(page, done)
    page.locator("#status").get_by_role("button", name="Completed").click()
    expect(page.locator("#dispatch tbody tr")).to_have_count(2)

    page.get_by_role("link", name="Escalations").click()
    expect(page.locator("#escalations tbody tr")).to_have_count(1)
    expect(page.locator("#dispatch")).to_have_count(0)
    page.get_by_role("link", name="Dispatch requests").click()
    expect(page.locator("#escalations-card")).to_have_count(0)
    page.get_by_label("Search by reference, phone or place").fill("natick")
    page.get_by_role("button", name="Search").click()
    assert page.locator("#dispatch td.ref").all_inner_texts() == ["RS-NAT1K"]
    page.get_by_label("Search by reference, phone or place").fill(stamford.phone[-7:-4] + " " + stamford.phone[-4:])
    page.get_by_role("button", name="Search").click()
    assert page.locator("#dispatch td.ref").all_inner_texts() == ["RS-STAM4"]
    page.get_by_role("link", name="All").click()
    page.get_by_label("Search by reference, phone or place").fill(escalated.lower())
    page.get_by_role("button", name="Search").click()
    assert page.locator("table.queue td.ref").all_inner_texts() == [escalated]

    page.get_by_role("link", name="Clear").click()
    page.get_by_role("link", name="Recent 24 h").click()
    recent = page.locator("#recent tbody tr")
    expect(recent).to_have_count(1)
    assert recent.locator("td").all_inner_texts()[:3] == [done, "completed", "alice"]


RECORD_ALERTS = """
window.alertsSeen = {sounds: 0, notes: []};
window.AudioContext = function () {
  return {currentTime: 0, destination: {}, createGain: function () { return {gain: {}, connect: function () {}}; },
          createOscillator: function () { return {frequency: {}, connect: function () {}, start: function () {},
                                                   stop: function () { window.alertsSeen.sounds += 1; }}; }};
};
window.Notification = function (title, options) { window.alertsSeen.notes.push(options.body); };
window.Notification.permission = "granted";
window.Notification.requestPermission = function () { return Promise.resolve("granted"); };
"""


def test_an_urgent_arrival_counts_in_the_title_and_alerts_who_opted_in(web: Any, open_page: Any) -> None:
    web.app.config["CONSOLE_POLL_SECONDS"] = 3  # as in production: visible within 3 s
    alice = web.add_agent("alice")
    page = open_page(alice)
    expect(page).to_have_title("Queue · Roadside console")
    page.add_init_script(RECORD_ALERTS)
    page.reload()
    page.get_by_label("Play a sound").check()
    page.get_by_label("Desktop notification").check()
    page.reload()  # the choice is kept for this agent
    expect(page.get_by_label("Play a sound")).to_be_checked()

    web.escalate(web.customer(), priority="urgent", reason="danger")
    expect(page).to_have_title("(1) Queue · Roadside console", timeout=4_000)
    assert page.evaluate("window.alertsSeen") == {"sounds": 1, "notes": ["1 urgent item waiting"]}
    web.escalate(web.customer(), priority="normal")
    web.dispatch(web.customer(), "RS-URG3T", priority="urgent")
    expect(page).to_have_title("(2) Queue · Roadside console", timeout=4_000)
    assert page.evaluate("window.alertsSeen.sounds") == 2

    page.get_by_label("Play a sound").uncheck()
    page.get_by_label("Desktop notification").uncheck()
    web.escalate(web.customer(), priority="urgent", reason="danger")
    expect(page).to_have_title("(3) Queue · Roadside console", timeout=4_000)
    assert page.evaluate("window.alertsSeen.sounds") == 2, "no sound once opted out"


def test_work_faster_keys_canned_replies_local_times_and_clocks(browser: Any, web: Any) -> None:
    alice = web.add_agent("alice")
    customer = web.customer()
    web.conversation(customer, [("user" if n % 2 else "bot", f"message number {n}") for n in range(40)])
    ref = web.escalate(customer)
    context = browser.new_context(base_url=web.url, viewport={"width": 1200, "height": 800},
                                  timezone_id="America/New_York", locale="en-US")
    page = context.new_page()
    page.goto("/console/login")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", web.code(alice))
    page.click("button:text('Log in')")
    expect(page).to_have_title("Queue · Roadside console")
    expect(page.locator("html[data-console-ready='1']")).to_have_count(1)

    page.keyboard.press("n")
    claim_button = queue_row(page, ref).get_by_role("button", name="Claim")
    expect(claim_button).to_be_focused()
    page.wait_for_timeout(2_500)  # two polls re-render the rows: the focus stays on the item
    expect(claim_button).to_be_focused()
    page.keyboard.press("c")
    expect(page).to_have_title(f"{ref} · Roadside console")

    scrolled = page.evaluate("(() => { const l = document.querySelector('ol.transcript');"
                             " return l.scrollHeight - l.scrollTop - l.clientHeight; })()")
    assert scrolled <= 2, "the transcript opens at the newest message"
    stamp = page.locator("#transcript li.customer time").last.inner_text()
    assert re.search(r"\b20\d\d\b", stamp) and re.search(r"\b(EST|EDT)\b", stamp), stamp
    countdown = page.locator("#claim-countdown")
    expect(countdown).to_have_text(re.compile(r"^1[45]:\d\d$"))
    expect(page.locator("#item-wait")).to_have_text(re.compile(r"^\d+:\d\d$"))
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first)

    page.keyboard.press("r")
    expect(page.locator("#reply-text")).to_be_focused()
    page.locator("#canned").select_option(label="Safety first")
    expect(page.locator("#reply-text")).to_have_value(
        "Please stay in a safe place away from traffic. If anyone is hurt or in danger, call 911.")
    page.keyboard.press("Control+Enter")
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")
    expect(page.locator(".flash")).to_have_count(1)
    assert web.twilio.bodies_to(customer.phone) == [
        "Please stay in a safe place away from traffic. If anyone is hurt or in danger, call 911."]
    context.close()


def test_truck_and_unit_are_kept_with_each_status_in_a_history(web: Any, open_page: Any) -> None:
    customer = web.customer()
    ref = web.dispatch(customer, "RS-TRK42")
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    status = page.locator("#status")
    status.get_by_label("Provider").fill("Metro Towing")
    status.get_by_label("Unit").fill("508 555 0199")
    status.get_by_role("button", name="Assigned").click()
    expect(page.locator(".flash.error")).to_contain_text("(no phone numbers)")
    assert web.twilio.sent == []
    status.get_by_label("Provider").fill("Metro Towing")
    status.get_by_label("Unit").fill("T-14")
    status.get_by_role("button", name="Assigned").click()
    expect(page.locator(".truck-now")).to_have_text("Truck: Metro Towing · unit T-14")
    status.get_by_label("ETA in minutes").fill("20")
    status.get_by_role("button", name="En route").click()  # the truck fields carry over
    rows = page.locator("#status-history tbody tr")
    expect(rows).to_have_count(2)
    newest, oldest = (r.locator("td").all_inner_texts() for r in rows.all())
    assert newest[1:] == ["En route, ETA 20 min", "Metro Towing · unit T-14", "alice"]
    assert oldest[1:] == ["Assigned", "Metro Towing · unit T-14", "alice"]
    assert re.search(r"20\d\d", newest[0])


def test_a_supervisor_takes_over_or_reassigns_an_item(web: Any, open_page: Any) -> None:
    first, second = web.escalate(web.customer()), web.escalate(web.customer())
    bob = open_page(web.add_agent("bob"))
    web.add_agent("carol")
    claim(bob, first)
    bob.goto("/console/queue")
    claim(bob, second)
    expect(bob.locator("form[action$='/take-over']")).to_have_count(0)
    sue = open_page(web.add_agent("sue", "supervisor"))
    queue_row(sue, first).get_by_role("button", name="Take over").click()
    expect(sue).to_have_title(f"{first} · Roadside console")
    expect(sue.locator(".flash.ok")).to_have_text(f"You took over {first} from bob.")
    sue.goto("/console/queue")
    queue_row(sue, second).get_by_label(f"Reassign {second} to").select_option("carol")
    queue_row(sue, second).get_by_role("button", name="Reassign").click()
    expect(sue.locator(".flash.ok")).to_have_text(f"{second} is now with carol.")
    expect(queue_row(sue, second)).to_contain_text("Taken by carol")
    bob.goto(f"/console/items/{first}")
    expect(bob.locator(".flash.error")).to_have_text(f"Claim {first} from the queue first.")
    moves = [(e["action"], e["subject"], e["from"], e.get("to")) for e in web.audit()
             if e["action"] in ("take_over", "reassign")]
    assert moves == [("take_over", first, "bob", None), ("reassign", second, "bob", "carol")]
    assert all(e["actor"] == "agent:sue" for e in web.audit() if e["action"] in ("take_over", "reassign"))


def test_only_a_supervisor_may_take_over(web: Any) -> None:
    import pyotp

    ref = web.escalate(web.customer())
    client = web.app.test_client()
    alice = web.add_agent("alice")
    page = client.get("/console/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    client.post("/console/login", data={"csrf_token": csrf, "name": "alice", "password": PASSWORD,
                                        "code": pyotp.TOTP(alice.totp_secret).now()})
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/console/queue").text).group(1)  # type: ignore[union-attr]
    assert client.post(f"/console/items/{ref}/take-over", data={"csrf_token": csrf}).status_code == 403
    assert client.post(f"/console/items/{ref}/reassign", data={"csrf_token": csrf, "agent": "alice"}).status_code == 403
    assert web.audit("take_over") == [] and web.audit("reassign") == []


def test_polls_say_when_the_agent_is_active(web: Any, open_page: Any) -> None:
    page = open_page(web.add_agent("alice"))
    expect(page.locator("html[data-console-ready='1']")).to_have_count(1)
    with page.expect_request(lambda r: "/queue/rows" in r.url) as idle:
        pass
    assert "x-console-active" not in idle.value.headers
    page.mouse.move(100, 200)
    page.mouse.move(150, 250)
    with page.expect_request(lambda r: "/queue/rows" in r.url) as active:
        pass
    assert active.value.headers.get("x-console-active") == "1"
