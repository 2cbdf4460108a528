"""Debian's headless Chromium driven by Playwright (never Playwright's own browser download)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

needs_chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                    reason="Debian's chromium is not installed (apt-get install chromium)")


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """A running headless Chromium for a test module's fixture."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def queue_row(page: Any, ref: str) -> Any:
    """The console queue's row for the item ``ref``."""
    return page.locator(f"tr[data-ref='{ref}']")


def claim(page: Any, ref: str) -> None:
    """Claim ``ref`` from the queue and wait for its item page."""
    from playwright.sync_api import expect

    queue_row(page, ref).get_by_role("button", name="Claim").click()
    expect(page).to_have_title(f"{ref} · Roadside console")
