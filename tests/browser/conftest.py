"""Browser tests: Playwright (sync API) drives Debian's chromium against live_server.

Every test in this folder is marked ``browser``. Screenshots go to
test-artifacts/screenshots/ (git-ignored): the final page of each test, plus any
intermediate page saved with ``shot(page, name)``.
"""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an asyncio event loop in the main thread; Django then
# refuses ORM calls made in the test body (SynchronousOnlyOperation). The standard
# workaround for pytest-django + Playwright sync: tell Django that is fine here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_DIR = Path(__file__).resolve().parent
SCREENSHOT_DIR = BROWSER_DIR.parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 390, "height": 844}
DEFAULT_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    """Mark every test collected from this folder (and only those) as ``browser``."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "page"


def shot(page, name: str) -> Path:
    """Save a full-page screenshot of the current page as <name>.png; return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{_safe_name(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Browser tests need Debian's chromium on PATH: install Debian's chromium: "
            "apt-get install chromium",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh phone-sized context (no cookies) and page; screenshot of the final page."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="kk-KZ")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    yield page
    try:
        if not page.is_closed():
            shot(page, request.node.name)
    finally:
        context.close()


@pytest.fixture
def demo_data(transactional_db):
    """The demo region, offices and one user per role (password: demo-portal-2026)."""
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def demo_clerk(demo_data):
    from datetime import date

    from guardianship_portal.accounts.iin import make_iin
    from guardianship_portal.accounts.models import User

    # The clerk whose login seed_demo prints (the demo history adds more clerks).
    return User.objects.select_related("organisation").get(
        iin=make_iin(date(1990, 9, 3), male=True, serial=2302)
    )
