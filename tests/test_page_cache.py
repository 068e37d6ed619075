"""The page cache makes public pages fast and never shows what is no longer public."""

import datetime
import json
import re
import threading
import time
from wsgiref.util import setup_testing_defaults

import pytest
import redis
import time_machine
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection, connections
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.lib import page_cache
from config.lib.i18n import prepare_languages
from config.lib.page_cache import (
    Generation,
    _start_generation,
    content_changed,
    serve_cached_pages,
)
from presskit.models import Film

from . import page_cache_urls
from .admin_forms import form_data
from .factories import committed, make_film, make_release, make_screening

pytestmark = pytest.mark.django_db
URL = "/films/la-tregua/"


@pytest.fixture
def film():
    return make_film(slug="la-tregua", title="La Tregua", logline="First logline")


def test_the_second_anonymous_visit_is_served_from_the_cache(client, film):
    first = client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(URL)

    assert first["X-Public-Cache"] == "miss"
    assert second["X-Public-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "Content-Security-Policy" in second


def test_an_edit_saved_in_the_admin_shows_at_once(
    client, editor_client, film, django_capture_on_commit_callbacks
):
    assert "First logline" in client.get(URL).content.decode()
    url = reverse("admin:presskit_film_change", args=[film.pk])

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            url, form_data(editor_client.get(url), "film_form", {"logline": "New logline"})
        )

    response = client.get(URL)
    assert response["X-Public-Cache"] == "miss"
    assert "New logline" in response.content.decode()


def test_a_withdrawn_film_disappears_at_once(
    client, press_client, film, django_capture_on_commit_callbacks
):
    assert client.get(URL).status_code == 200
    assert "La Tregua" in client.get("/films/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        press_client.post(
            reverse("admin:presskit_film_changelist"),
            {"action": "unpublish_selected", "_selected_action": [film.pk]},
        )

    assert client.get(URL).status_code == 404
    assert "La Tregua" not in client.get("/films/").content.decode()


def test_a_change_made_outside_the_admin_shows_within_the_stated_time(client, film):
    client.get(URL)
    Film.objects.filter(pk=film.pk).update(logline="Changed in a shell")

    assert "First logline" in client.get(URL).content.decode()
    later = timezone.now() + datetime.timedelta(seconds=settings.PUBLIC_CACHE_SECONDS + 1)
    with time_machine.travel(later):
        assert "Changed in a shell" in client.get(URL).content.decode()


def test_logged_in_staff_always_get_a_fresh_page(editor_client, film):
    editor_client.get(URL)
    response = editor_client.get(URL)

    assert "X-Public-Cache" not in response


def test_a_staff_preview_is_never_served_to_the_public(client, editor_client):
    make_film(slug="secret", title="Secret Project", publication_status="draft")

    assert editor_client.get("/films/secret/").status_code == 200
    assert client.get("/films/secret/").status_code == 404


def test_the_cache_can_be_turned_off(client, film, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get(URL)

    assert "X-Public-Cache" not in client.get(URL)


def test_each_host_has_its_own_pages(client, film):
    client.get(URL, HTTP_HOST="127.0.0.1")

    other = client.get(URL, HTTP_HOST="localhost")

    assert other["X-Public-Cache"] == "miss"
    assert client.get(URL, HTTP_HOST="localhost")["X-Public-Cache"] == "hit"


def test_a_host_the_site_does_not_serve_is_refused_not_served_from_the_cache(client, film):
    client.get(URL)

    assert client.get(URL, HTTP_HOST="evil.example").status_code == 400


def test_a_query_the_page_does_not_read_is_rendered_but_never_stored(client, film):
    for n in range(3):
        response = client.get(f"{URL}?x={n}")
        assert response.status_code == 200
        assert "X-Public-Cache" not in response  # neither served from nor put in the cache


def test_links_tracking_tags_are_served_the_same_page(client, film):
    client.get(URL)

    shared = client.get(f"{URL}?utm_source=newsletter&fbclid=abc")

    assert shared["X-Public-Cache"] == "hit"


def test_the_schedule_keeps_each_filter_but_renders_date_ranges_afresh(client, film):
    make_screening(film=film)
    for _ in range(2):
        kept = client.get("/screenings/?film=la-tregua")
        dated = client.get("/screenings/?date_after=2025-01-01")
    assert kept["X-Public-Cache"] == "hit"
    assert "X-Public-Cache" not in dated
    assert client.get("/screenings/?kind=gala&film=la-tregua")["X-Public-Cache"] == "miss"
    assert client.get("/screenings/?film=la-tregua&kind=gala")["X-Public-Cache"] == "hit"


def test_a_schedule_with_an_invalid_filter_is_never_stored(client, film):
    for _ in range(2):
        response = client.get("/screenings/?film=no-such-film")
        assert "X-Public-Cache" not in response
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.urls("tests.page_cache_urls")
def test_no_two_visitors_share_a_csp_nonce(client):
    first, second = client.get("/nonce/"), client.get("/nonce/")

    nonces = [re.search(r'nonce="([^"]+)"', r.content.decode()).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert "X-Public-Cache" not in response


@pytest.mark.urls("tests.page_cache_urls")
@pytest.mark.parametrize("url", ["/private/", "/cookie/"])
def test_a_page_marked_private_or_setting_a_cookie_is_never_stored(client, url):
    page_cache_urls.renders.clear()
    client.get(url)
    client.cookies.clear()  # another visitor

    again = client.get(url)

    assert again.status_code == 200
    assert page_cache_urls.renders == [url, url]  # rendered for each of them


@pytest.mark.django_db(transaction=True)  # as served: each request ends its connection
def test_each_process_keeps_only_the_pages_most_used_lately(client, settings, monkeypatch):
    settings.PUBLIC_CACHE_MEMORY_PAGES = 2
    for slug in ("one", "two", "three"):
        make_film(slug=slug, title=slug.title())
    client.get("/films/one/")
    client.get("/films/two/")
    client.get("/films/one/")  # "one" is used again: "two" is now the least used
    client.get("/films/three/")
    application = serve_cached_pages(WSGIHandler())
    reached_django = []
    monkeypatch.setattr(
        WSGIHandler,
        "get_response",
        lambda handler, request: reached_django.append(request.path) or HttpResponse("django"),
    )

    for path in ("/films/one/", "/films/two/", "/films/three/"):
        _wsgi_get(application, path)

    # Answered from this process's memory before Django, but for the one it let go.
    assert reached_django == ["/films/two/"]


def test_a_hit_is_answered_before_sessions_and_views(client, film, monkeypatch):
    client.get(URL)
    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_request",
        lambda *args: pytest.fail("a hit reached the session middleware"),
    )

    response = client.get(URL)

    assert response["X-Public-Cache"] == "hit"
    assert response["X-Frame-Options"] == "DENY"  # the headers it was stored with
    assert "Content-Security-Policy" in response


def test_an_embargo_lifts_on_the_cached_pages_to_the_second(client, film):
    lift = timezone.now() + datetime.timedelta(hours=1)
    make_release(title="Selected for San Sebastián", film=film, embargo_until=lift)
    with committed():
        content_changed()
    assert "Selected for San Sebastián" not in client.get("/").content.decode()

    with time_machine.travel(lift - datetime.timedelta(seconds=1)):
        assert "Selected for San Sebastián" not in client.get("/").content.decode()
    with time_machine.travel(lift):
        after = client.get("/")

    assert after["X-Public-Cache"] == "miss"
    assert "Selected for San Sebastián" in after.content.decode()


def test_pages_uncached_judge_the_embargo_when_asked_not_when_the_process_started(
    client, film, settings
):
    settings.PUBLIC_CACHE_SECONDS = 0
    lift = timezone.now() + datetime.timedelta(hours=1)
    make_release(title="Selected for San Sebastián", slug="selected", film=film, embargo_until=lift)
    pages = ("/", "/news/", "/news/feed/", "/sitemap.xml")
    for path in pages:
        assert "selected" not in client.get(path).content.decode().lower(), path

    with time_machine.travel(lift):
        for path in pages:
            assert "selected" in client.get(path).content.decode().lower(), path


def _at_once(count: int, work) -> list:
    """Run `work` in `count` threads that start together; return what each returned."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        barrier.wait()
        try:
            results[index] = work()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.page_cache_urls")
def test_many_visitors_at_once_get_one_rendering(settings):
    page_cache_urls.renders.clear()
    _start_generation()  # the site is up: a generation has started

    responses = _at_once(20, lambda: Client().get("/slow/"))

    assert [response.status_code for response in responses] == [200] * 20
    assert len(page_cache_urls.renders) == 1
    assert {response.content for response in responses} == {b"rendered 1"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.page_cache_urls")
def test_with_the_database_down_when_a_generation_ends_every_visitor_gets_a_503_at_once(
    monkeypatch,
):
    asked = []

    def next_change():
        asked.append(1)
        time.sleep(0.5)  # the pool waiting for a connection that does not come
        raise OperationalError("connection refused")

    monkeypatch.setattr(page_cache, "import_string", lambda name: next_change)
    prepare_languages()  # as config/wsgi.py does: not twenty threads each doing it at once
    started = time.monotonic()

    responses = _at_once(20, lambda: Client(raise_request_exception=False).get("/slow/"))

    assert [response.status_code for response in responses] == [503] * 20
    assert all(b"database does not answer" in response.content for response in responses)
    assert len(asked) == 1  # not twenty requests asking in turn, the last after ten seconds
    assert time.monotonic() - started < 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.page_cache_urls")
def test_when_a_generation_ends_one_request_asks_the_database(settings, monkeypatch):
    asked = []

    def next_change():
        asked.append(1)
        time.sleep(0.1)
        return None

    monkeypatch.setattr(page_cache, "import_string", lambda name: next_change)
    page_cache_urls.renders.clear()

    responses = _at_once(20, lambda: Client().get("/slow/"))

    assert [response.status_code for response in responses] == [200] * 20
    assert len(asked) == 1
    assert len(page_cache_urls.renders) == 1


def test_a_process_that_looked_before_another_answered_takes_its_answer(monkeypatch):
    """At an embargo lift two processes find the generation over; the second to take
    the lock, after the first let go, must not start a second generation."""
    asked = []
    monkeypatch.setattr(page_cache, "import_string", lambda name: lambda: asked.append(1))
    answered = page_cache.Generation(token="answered-by-another", ends_at=time.time() + 60)
    page_cache.shared.set(page_cache.GENERATION_KEY, answered)  # stored, lock let go

    generation = page_cache._ask_once_across_the_site()  # this process looked before that

    assert generation == answered
    assert asked == []


def test_a_screening_moves_from_upcoming_to_past_the_moment_it_starts(client, film):
    start = timezone.now() + datetime.timedelta(hours=2)
    make_screening(film=film, title="Press screening at the Kursaal", starts_at=start)
    with committed():
        content_changed()
    before = client.get("/").content.decode()
    assert "Upcoming screenings" in before

    with time_machine.travel(start):
        after = client.get("/")

    assert after["X-Public-Cache"] == "miss"
    assert "Recent screenings" in after.content.decode()


def _wsgi_get(application, path: str, host: str = "testserver") -> tuple[str, dict, bytes]:
    environ = {"PATH_INFO": path, "HTTP_HOST": host, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=dict(headers))

    body = application(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return answered["status"], answered["headers"], content


def test_a_hit_is_answered_before_djangos_request_handling_starts(client, film, monkeypatch):
    application = serve_cached_pages(WSGIHandler())
    stored = client.get(URL)
    monkeypatch.setattr(
        WSGIHandler, "get_response", lambda *args: pytest.fail("a hit reached Django's handler")
    )

    status, headers, content = _wsgi_get(application, URL)

    assert status == "200 OK"
    assert headers["X-Public-Cache"] == "hit"
    assert headers["X-Frame-Options"] == "DENY"
    assert content == stored.content


@pytest.mark.django_db(transaction=True)  # as served: each request ends its connection
def test_the_wsgi_layer_hands_misses_and_strange_hosts_to_django(film):
    application = serve_cached_pages(WSGIHandler())

    assert _wsgi_get(application, URL)[0] == "200 OK"  # rendered and stored by Django
    assert _wsgi_get(application, URL)[1]["X-Public-Cache"] == "hit"
    assert _wsgi_get(application, URL, host="evil.example")[0].startswith("400")


@pytest.fixture
def news(settings, monkeypatch):
    """Notifications through the Redis these machines run (its own database for the tests)."""
    settings.PUBLIC_CACHE_NEWS_URL = "redis://127.0.0.1:6379/15"
    listener = page_cache._News()
    monkeypatch.setattr(page_cache, "_news", listener)
    return listener


def _until(condition, seconds=2.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within two seconds"
        time.sleep(0.005)


def test_told_by_redis_a_hit_asks_nobody_and_hears_of_a_new_generation_at_once(
    news, film, monkeypatch
):
    first = _start_generation()
    _until(lambda: news.latest() == first)  # the listener has started and subscribed
    monkeypatch.setattr(
        page_cache.shared, "get", lambda *args, **kwargs: pytest.fail("a hit asked the cache")
    )
    assert page_cache.current_generation() == first

    # Another process starts a generation: this one hears of it.
    second = Generation(token="from-another-process", ends_at=None)
    redis.Redis.from_url(settings.PUBLIC_CACHE_NEWS_URL).publish(
        page_cache._News.CHANNEL, json.dumps({"token": second.token, "ends_at": None})
    )
    _until(lambda: page_cache.current_generation() == second)


def test_until_the_listener_is_subscribed_each_request_reads_the_shared_cache(
    news, film, monkeypatch
):
    monkeypatch.setattr(news, "start", lambda: None)  # a listener that never subscribes
    _start_generation()
    other = Generation(token="in-the-shared-cache", ends_at=None)
    page_cache.shared.set(page_cache.GENERATION_KEY, other)

    assert news.latest() is None
    assert page_cache.current_generation() == other
