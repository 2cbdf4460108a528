"""The console in headless Chromium, as agents use it."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from helpers.chromium import CHROMIUM, claim, needs_chromium, queue_row

PASSWORD = "correct horse battery staple"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "console-queue.png"

pytestmark = needs_chromium

if os.path.exists(CHROMIUM):
    from playwright.sync_api import Browser, expect


def test_login_needs_password_and_totp_and_wrong_code_is_refused(browser: Browser, web: Any) -> None:
    agent = web.add_agent("alice")
    context = browser.new_context(base_url=web.url)
    page = context.new_page()
    page.goto("/console/queue")
    expect(page).to_have_url(re.compile(r"/console/login$"))
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", "000000")
    page.click("button:text('Log in')")
    expect(page.get_by_role("alert")).to_have_text("Wrong name, password or code.")
    expect(page).to_have_title("Log in · Roadside console")

    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", web.code(agent))
    page.click("button:text('Log in')")
    expect(page).to_have_title("Queue · Roadside console")
    expect(page.locator("header")).to_contain_text("alice (agent)")
    [cookie] = context.cookies()
    assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"]) == (True, True, "Strict")
    assert page.evaluate("document.cookie") == ""
    assert [e["action"] for e in web.audit()] == ["login_failed", "login"]
    context.close()


def test_claim_view_reply_and_release_an_escalation(web: Any, open_page: Any) -> None:
    alice = web.add_agent("alice")
    customer = web.customer()
    web.conversation(customer, [("user", "batery ded on i95 exit 12"), ("bot", "Sorry to hear that. What car is it?"),
                                ("user", "talk to a person")])
    ref = web.escalate(customer, priority="urgent", message="talk to a person")
    page = open_page(alice)
    expect(queue_row(page, ref)).to_contain_text("urgent")
    claim(page, ref)
    expect(page.locator("#details")).to_contain_text(customer.phone)
    expect(page.locator("#transcript")).to_contain_text("batery ded on i95 exit 12")
    expect(page.locator("#transcript")).to_contain_text("Sorry to hear that. What car is it?")

    page.fill("#reply-text", "Hi, this is Alice. I can help from here.")
    page.click("button:text('Send reply')")
    expect(page.locator(".flash.ok")).to_have_text("Reply sent.")
    expect(page.locator("#transcript li.agent")).to_contain_text("Hi, this is Alice. I can help from here.")
    assert web.twilio.bodies_to(customer.phone) == ["Hi, this is Alice. I can help from here."]

    # The customer answers while Alice has the page open: she sees it without reloading.
    web.storage.handoff.add_message(customer.token, "customer", "thank you so much")
    page.get_by_role("button", name=re.compile("1 new message")).click()
    expect(page.locator("#transcript li.customer").last).to_contain_text("thank you so much")

    page.click("button:text('Release to bot')")
    expect(page.locator(".flash.ok")).to_contain_text(f"{ref}: the conversation is back with the bot.")
    expect(queue_row(page, ref)).to_have_count(0)
    assert not web.storage.handoff.active(customer.token)
    mine = [(e["action"], e["subject"]) for e in web.audit() if e["actor"] == "agent:alice"]
    assert mine[:4] == [("login", "alice"), ("claim", ref), ("view_request", ref), ("reply", ref)], \
        "viewing an item writes one audit entry (issue 11)"
    assert mine[-1] == ("release_to_bot", ref)
    after_reply = mine[mine.index(("reply", ref)) + 1:]
    assert ("view_request", ref) in after_reply and ("view_transcript", ref) in after_reply, \
        "the reloaded page and the refreshed transcript are audited"


def test_status_updates_text_the_customer_at_each_step(web: Any, open_page: Any) -> None:
    alice = web.add_agent("alice")
    customer = web.customer()
    ref = web.dispatch(customer, "RS-7K3Q9")
    page = open_page(alice)
    claim(page, ref)
    expect(page.locator("#details")).to_contain_text("I-95 N near exit 12, Stamford")
    status = page.locator("#status")

    status.get_by_role("button", name="Assigned").click()
    expect(page.locator(".flash.ok")).to_have_text("Status set to Assigned.")
    status.get_by_role("button", name="En route").click()
    expect(page.locator(".flash.error")).to_have_text("En route needs an ETA in minutes, e.g. 25.")
    status.get_by_label("ETA in minutes").fill("25")
    status.get_by_role("button", name="En route").click()
    expect(page.locator(".status-now")).to_have_text("En route, ETA 25 min")
    status.get_by_role("button", name="Arrived").click()
    expect(page.locator(".status-now")).to_have_text("Arrived")
    status.get_by_role("button", name="Completed").click()
    expect(page).to_have_title("Queue · Roadside console")
    expect(page.locator(".flash.ok")).to_have_text("Status set to Completed.")
    expect(queue_row(page, ref)).to_have_count(0)

    assert web.twilio.bodies_to(customer.phone) == [
        "Roadside Assist: a truck is assigned to your request RS-7K3Q9.",
        "Roadside Assist: the truck for your request RS-7K3Q9 is on the way, about 25 min.",
        "Roadside Assist: the truck for your request RS-7K3Q9 has arrived.",
        "Roadside Assist: your request RS-7K3Q9 is complete. Thank you.",
    ]
    steps = [e["action"] for e in web.audit() if e["action"].startswith("status_")]
    assert steps == ["status_assigned", "status_en_route", "status_arrived", "status_completed"]
    assert web.storage.dispatch.pending_count() == 0


def test_two_agents_cannot_hold_the_same_item(web: Any, open_page: Any) -> None:
    web.app.config["CONSOLE_POLL_SECONDS"] = 600  # Bob's page keeps its stale Claim button
    ref = web.escalate(web.customer())
    alice, bob = open_page(web.add_agent("alice")), open_page(web.add_agent("bob"))
    expect(queue_row(bob, ref).get_by_role("button", name="Claim")).to_be_visible()
    claim(alice, ref)
    queue_row(bob, ref).get_by_role("button", name="Claim").click()
    expect(bob.locator(".flash.error")).to_have_text(f"{ref} is already taken by alice.")
    expect(queue_row(bob, ref)).to_contain_text("Taken by alice")
    bob.goto(f"/console/items/{ref}")
    expect(bob.locator(".flash.error")).to_have_text(f"Claim {ref} from the queue first.")
    assert [(e["actor"], e["subject"]) for e in web.audit("claim")] == [("agent:alice", ref)]
    assert not [e for e in web.audit("view_request") if e["actor"] == "agent:bob"]

    alice.click("button:text('Return to queue')")
    bob.reload()
    claim(bob, ref)


def test_reply_to_an_opted_out_customer_is_refused(web: Any, open_page: Any) -> None:
    customer = web.customer(opted_out=True)
    ref = web.escalate(customer)
    page = open_page(web.add_agent("alice"))
    claim(page, ref)
    expect(page.locator("#no-texts")).to_contain_text("This customer has opted out of texts")
    page.fill("#reply-text", "Are you still there?")
    page.click("button:text('Send reply')")
    expect(page.locator(".flash.error:not(#no-texts)")).to_have_text(
        "Not sent: this customer opted out of texts (they replied STOP). "
        "Nothing can be texted to them until they text START.")
    assert web.twilio.sent == []
    assert web.storage.consent.load(customer.token).blocked_sends == 1
    assert [e["subject"] for e in web.audit("reply_refused")] == [ref]
    expect(page.locator("#transcript li.agent")).to_have_count(0)


def test_supervisor_watches_the_audit_stream_live(web: Any, open_page: Any) -> None:
    ref = web.escalate(web.customer())
    alice = open_page(web.add_agent("alice"))
    sue = open_page(web.add_agent("sue", "supervisor"))
    sue.click("nav >> text=Audit")
    expect(sue).to_have_title("Audit · Roadside console")
    claim(alice, ref)
    for action in ("claim", "view_request"):  # arrive without a reload
        row = sue.locator("table.audit tbody tr").filter(has=sue.locator(f"td:text-is('{action}')"))
        expect(row).to_have_count(1)
        assert row.locator("td").all_inner_texts()[1:4] == ["agent:alice", action, ref]
    expect(alice.locator("nav")).not_to_contain_text("Audit")
    assert alice.goto(f"{web.url}/console/audit").status == 403


def test_queue_updates_live_urgent_first(web: Any, open_page: Any, tmp_path: Path) -> None:
    first = web.dispatch(web.customer(), "RS-4HX2M", category="flat_tire")
    page = open_page(web.add_agent("alice"))
    page.evaluate("window.notReloaded = true")
    later = [web.escalate(web.customer(), reason="asked_for_agent"),
             web.escalate(web.customer(), priority="urgent", reason="danger")]
    web.dispatch(web.customer(), "RS-9PQ7T", category="tow", priority="urgent")
    web.dispatch(web.customer(), "RS-C3KW8", category="battery")
    expect(page.locator("#escalations tbody tr")).to_have_count(2)
    expect(page.locator("#dispatch tbody tr")).to_have_count(3)
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#escalations td.ref").all_inner_texts() == [later[1], later[0]]
    assert page.locator("#dispatch td.ref").all_inner_texts() == ["RS-9PQ7T", first, "RS-C3KW8"]

    bob = open_page(web.add_agent("bob"))
    claim(bob, first)
    expect(queue_row(page, first)).to_contain_text("Taken by bob")
    shot = SCREENSHOT if os.environ.get("ROADSIDE_UPDATE_SCREENSHOT") == "1" else tmp_path / "queue.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
