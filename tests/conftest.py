"""Fixtures shared by every kind of test."""

import shutil

import pytest
from hypothesis import settings

# Timing is for benchmarks, not tests: a busy CI machine must not turn a slow example into a failure.
settings.register_profile("scorecard", deadline=None)
settings.load_profile("scorecard")


@pytest.fixture(autouse=True)
def pages_drawn_afresh(settings):
    """Pages drawn for every request. Most tests run in one transaction that never commits, and on
    PostgreSQL the data stamp that retires a kept page moves at commit (`guards.py`); the tests of
    keeping pages (`tests/web/app/test_kept_pages.py`) commit, and keep them."""
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, headless; the network flags stop it reaching for Google's services,
# which this machine's closed network refuses.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """A real browser: Playwright driving Debian's Chromium (Playwright cannot download its own here)."""
    if shutil.which(CHROMIUM) is None:
        pytest.fail("Debian's Chromium is needed for browser tests: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
