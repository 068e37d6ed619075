"""Personas and shared fixtures.

The personas are the people DESIGN.md names: an editor who prepares drafts,
a press officer who publishes, and an anonymous visitor.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from config.lib import page_cache
from config.lib.cache import shared
from presskit.demo.loader import catalogue_load

from .factories import committed, make_user


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes uploads to its own folder, never to the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _language_of_its_own():
    """Each test starts in the site's language, whatever the one before it asked for.

    A request in Russian leaves Russian active in the thread (LocaleMiddleware
    sets it and nothing unsets it), and the next test's `reverse()` or
    `resolve()` would work under /ru/.
    """
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The database rolls back after each test; the cache must forget with it.

    And a cache a test made fail is trusted again by the next one, as is
    a database that failed to start a generation of cached pages.
    """
    cache.clear()
    shared.failed_at = None
    yield
    shared.failed_at = None
    page_cache.forget_database_failures()
    cache.clear()


@pytest.fixture
def editor(db):
    user = make_user("ana.editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def press_officer(db):
    user = make_user("pilar.press", is_staff=True)
    user.groups.add(Group.objects.get(name="Press officers"))
    return user


@pytest.fixture
def editor_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def press_client(press_officer) -> Client:
    client = Client()
    client.force_login(press_officer)
    return client


@pytest.fixture
def catalogue(db):
    """La Tregua's demo catalogue, as `seed_demo` loads it, without its sample pictures."""
    catalogue_load(with_pictures=False)


@pytest.fixture
def catalogue_with_pictures(db):
    """The whole demo, sample pictures and their renditions included (a few seconds)."""
    with committed():
        catalogue_load()


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL (its pool, saves racing on it) run in the suite's
    PostgreSQL pass, as CI runs it."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    elsewhere = [item for item in items if item.get_closest_marker("postgresql")]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if item not in elsewhere]
        config.postgresql_only = len(elsewhere)


def pytest_terminal_summary(terminalreporter, config):
    if count := getattr(config, "postgresql_only", 0):
        terminalreporter.write_line(
            f"{count} PostgreSQL-only tests (its pool, saves racing on it) run in the "
            "PostgreSQL pass (DATABASE_URL=postgres://... make test), as CI does."
        )
