"""The customer's control over the running stack: opt-out, export, erase."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from cli.stack import bin_path
from helpers.redis_scan import dump_everything
from helpers.stack import RunningStack
from storage.erasure import audit_subject
from storage.services import Storage

pytestmark = pytest.mark.e2e


def roadside(stack: RunningStack, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([bin_path("roadside"), *args], env=stack.env, capture_output=True, text=True, timeout=60,
                          check=False)


def test_delete_my_data_by_text(driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    driver.say("yes")
    assert "Delete your details" in driver.say("delete my data")
    [done] = driver.text("yes")
    assert "deleted" in done
    blob = dump_everything(store.client)
    assert [k for k in store.client.scan_iter() if driver.token in k.decode()] == []
    assert driver.dispatched() == []
    assert driver.phone[2:].encode() not in blob


def test_export_and_erase_commands(stack: RunningStack, driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    driver.say("yes")
    exported = roadside(stack, "export", "--phone", driver.phone)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["contact"]["phone"] == driver.phone
    assert data["dispatch_requests"][0]["request"]["vehicle"]["make"] == "Honda"
    assert any(e.get("text") == "yes" for e in data["conversation"]["events"] if e["event"] == "user")
    driver.text("STOP")
    erased = roadside(stack, "erase", "--phone", driver.phone)
    assert erased.returncode == 0 and "opt-out is kept" in erased.stdout
    assert [k.decode() for k in store.client.scan_iter() if driver.token in k.decode()] == [
        f"roadside:consent:{{{driver.token}}}"]
    assert store.consent.is_opted_out(driver.token)
    assert driver.text("hello") == []  # still never texted
    # The audit names the customer by a hash of the token, so erasure leaves no token behind.
    actions = [e["action"] for e in store.audit.entries(50) if e["subject"] == audit_subject(driver.token)]
    assert "export_customer_data" in actions and "erase_customer_data" in actions
    assert roadside(stack, "export", "--phone", "not-a-number").returncode == 2


def test_dispatch_list_json_is_decrypted_and_audited(stack: RunningStack, driver: Any, store: Storage) -> None:
    driver.say("flat on I-95 N by exit 12, 2014 honda civic")
    driver.say("yes")
    [request] = driver.dispatched()
    out = roadside(stack, "dispatch", "list", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    mine = [r for r in rows if r.get("id") == request["id"]]
    assert mine and mine[0]["request"]["customer"]["phone"] == driver.phone
    assert any(e["action"] == "read_request" and e["subject"] == request["id"] for e in store.audit.entries(200))
