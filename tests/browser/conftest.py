"""Browser tests: Playwright driving the system's Chromium, headless, against a live server.

Where Chromium is not installed they are skipped, and the test summary says
so; `.ci/run` installs Debian's chromium so that CI always runs them.
"""

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# The flags a closed network needs: no background calls that would be refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("PRESSKIT_REQUIRE_BROWSER") == "true":
        raise pytest.UsageError(
            f"Chromium not found at {CHROMIUM}, and CI requires the browser tests."
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser tests NOT run "
        "(install Debian's chromium, or set CHROMIUM=/path/to/chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test
    # database calls around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db, settings, monkeypatch):
    """The demo catalogue on a live server, its sample pictures drawn small to save time."""
    from presskit.demo import pictures
    from presskit.demo.loader import catalogue_load

    small = [
        replace(picture, size=(picture.size[0] // 4, picture.size[1] // 4))
        for picture in pictures.PICTURES
    ]
    monkeypatch.setattr(pictures, "PICTURES", small)
    settings.SITE_URL = live_server.url
    catalogue_load()
    return live_server.url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def admin_page(page, live_server):
    """The page signed in to the admin as an editor who may edit every field (the widest forms).

    The live server's database has no groups, so the editor is a superuser.
    """
    from tests.factories import make_user

    make_user("ana.editor", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ana.editor")
    page.fill("#id_password", "secret-password")
    page.click("input[type=submit]")
    return page
