"""When a part fails (the cache, the database, the disk), visitors get a page and nothing breaks."""

import datetime
import logging
from contextlib import contextmanager

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.lib import cache as shared_cache
from config.lib.page_cache import content_changed
from config.lib.turns import Turns

from .factories import committed, make_film, make_picture, make_release
from .pages import h1_texts, html_of

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every call is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS


def test_with_redis_down_the_site_serves_every_page_and_download(client, redis_down, caplog):
    film = make_film(slug="la-tregua", title="La Tregua")
    still = make_picture(film, title="Reyes in the barracks")
    caplog.set_level(logging.WARNING, logger="config.lib.cache")

    addresses = [
        "/",
        "/films/la-tregua/",
        "/films/la-tregua/",
        "/festivals/",
        "/admin/login/",
        reverse("presskit:asset-file", args=[still.pk, "print", "x.jpg"]),
        "/films/la-tregua/press-kit.zip",
        "/films/la-tregua/press-kit.zip",
        "/films/la-tregua/press-notes.pdf",
    ]
    statuses = {address: client.get(address).status_code for address in addresses}

    assert statuses == dict.fromkeys(addresses, 200)
    assert "La Tregua" in client.get("/films/la-tregua/").content.decode()
    failures = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(failures) == 1, "the failure is logged once, not per request"


def test_with_redis_down_healthz_says_the_site_is_up_and_degraded(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode().startswith("degraded: the shared cache does not answer")


def test_healthz_says_ok_with_its_cache(client):
    assert client.get("/healthz").content == b"ok"


def test_the_cache_is_tried_again_after_a_while_and_its_return_is_logged(
    redis_down, settings, monkeypatch, caplog
):
    clock = [1000.0]
    monkeypatch.setattr(shared_cache.time, "monotonic", lambda: clock[0])
    shared = shared_cache.shared
    shared.get("anything")
    assert not shared.healthy()

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    clock[0] += shared_cache.RETRY_SECONDS
    caplog.set_level(logging.WARNING, logger="config.lib.cache")
    shared.set("anything", 1)

    assert shared.healthy()
    assert shared.get("anything") == 1
    assert "answers again" in caplog.text


def test_a_full_cache_directory_leaves_pages_served(client, monkeypatch):
    make_film(slug="la-tregua", title="La Tregua")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("django.core.cache.backends.locmem.LocMemCache.set", disk_full)
    monkeypatch.setattr("django.core.cache.backends.locmem.LocMemCache.add", disk_full)

    with committed():
        responses = [client.get("/films/la-tregua/") for _ in range(3)]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all(h1_texts(html_of(response)) == ["La Tregua"] for response in responses)
    assert client.get("/healthz").content.startswith(b"degraded")  # and the operator is told


@contextmanager
def database_down():
    """Every query of this thread's connection fails, as with the database unreachable."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


def _visitor() -> Client:
    return Client(raise_request_exception=False)


def test_with_the_database_down_a_page_is_a_clear_503_never_a_traceback():
    make_film(slug="la-tregua", title="La Tregua")
    visitor = _visitor()

    with database_down():
        for address in ("/films/la-tregua/", "/screenings/", "/festivals/", "/admin/login/"):
            if address == "/admin/login/":  # its empty form needs no database; logging in does
                response = visitor.post(address, {"username": "ana", "password": "secret"})
            else:
                response = visitor.get(address)
            assert response.status_code == 503, address
            assert response["Retry-After"] == "60"
            page = response.content.decode()
            assert "database does not answer" in page
            assert "Traceback" not in page


def test_cached_pages_are_served_while_the_database_is_down():
    make_film(slug="la-tregua", title="La Tregua")
    visitor = _visitor()
    visitor.get("/films/la-tregua/")

    with database_down():
        response = visitor.get("/films/la-tregua/")

    assert response.status_code == 200
    assert response["X-Public-Cache"] == "hit"


def test_when_an_embargo_lifts_with_the_database_down_no_old_page_is_served():
    film = make_film(slug="la-tregua", title="La Tregua")
    lift = timezone.now() + datetime.timedelta(hours=1)
    make_release(title="Selected for San Sebastián", film=film, embargo_until=lift)
    with committed():
        content_changed()
    visitor = _visitor()
    assert visitor.get("/").status_code == 200

    with time_machine.travel(lift), database_down():
        response = visitor.get("/")

    assert response.status_code == 503
    assert "Selected for San Sebastián" not in response.content.decode()


def test_with_the_database_down_and_no_generation_known_healthz_still_answers(client):
    # No generation is known (an embargo just lifted, say) and the database is cut:
    # public pages answer 503, but the load balancers' check needs no database.
    with database_down():
        response = _visitor().get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_change_made_while_the_cache_failed_shows_once_it_answers_again(
    client, monkeypatch, django_assert_num_queries
):
    film = make_film(slug="la-tregua", title="La Tregua")
    with committed():
        content_changed()
    client.get("/films/la-tregua/")
    assert client.get("/films/la-tregua/")["X-Public-Cache"] == "hit"
    clock = [1000.0]
    monkeypatch.setattr(shared_cache.time, "monotonic", lambda: clock[0])

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as failing:
        for method in ("get", "set", "add", "delete"):
            failing.setattr(f"django.core.cache.backends.locmem.LocMemCache.{method}", full)
        shared_cache.shared.get("anything")  # the failure is noticed
        film.title = "La Tregua (2026)"
        with committed():
            film.save()
            content_changed()  # cannot reach the cache
    clock[0] += shared_cache.RETRY_SECONDS
    with django_assert_num_queries(0):
        shared_cache.shared.get("anything")  # it answers again: nothing asked of the database

    assert h1_texts(html_of(client.get("/films/la-tregua/"))) == ["La Tregua (2026)"]


def test_a_page_that_gets_no_turn_in_time_is_a_clear_503_and_pictures_still_go_out(
    monkeypatch, caplog
):
    """Too many pages asked of one process at once: the one that waited too long is told so."""
    film = make_film(slug="la-tregua", title="La Tregua")
    still = make_picture(film, title="Reyes in the barracks")
    monkeypatch.setattr(Turns, "take", lambda turns, timeout: False)  # every turn stays taken
    visitor = _visitor()

    response = visitor.get("/es/films/la-tregua/")

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "muy ocupado" in page  # in the page's language
    assert "Traceback" not in page
    assert any("No turn to build" in record.getMessage() for record in caplog.records)
    download = visitor.get(reverse("presskit:asset-file", args=[still.pk, "print", "x.jpg"]))
    assert download.status_code == 200
