"""Accredited journalists are answered from the page cache as the public is, and only while accredited."""

import datetime
import json
import time

import pytest
import redis
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.lib import page_cache
from presskit.accreditation.services import REVOKE

from .factories import make_accreditation, make_release, make_user, signed_in

pytestmark = pytest.mark.django_db
NEWS = "/news/"
PASS = settings.PUBLIC_CACHE_PASS_COOKIE


@pytest.fixture
def early_release():
    return make_release(
        title="Premiere date announced",
        slug="premiere-date-announced",
        embargo_until=timezone.now() + datetime.timedelta(days=10),
    )


def _journalist(**fields) -> Client:
    """An accredited journalist's browser, holding its pass after a first page."""
    browser = signed_in(make_accreditation(**fields).user)
    assert "X-Public-Cache" not in browser.get(NEWS)  # read from the database, given a pass
    assert browser.cookies[PASS].value
    return browser


def _served(browser, url=NEWS):
    """(what the page says, whether it came from the cache, queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Public-Cache") == "hit", len(queries)


def test_an_accredited_journalist_is_answered_from_the_cache_without_a_query(early_release):
    journalist = _journalist()
    journalist.get(NEWS)  # stored for the press

    text, cached, queries = _served(journalist)

    assert cached
    assert queries == 0
    assert early_release.title in text
    assert "no-store" in journalist.get(NEWS)["Cache-Control"]  # still not for a browser to keep


def test_journalists_share_their_audience_pages_but_never_the_publics(early_release):
    first, second = _journalist(), _journalist()
    first.get(NEWS)

    text, cached, _ = _served(second)
    assert cached
    assert early_release.title in text

    anonymous = Client()
    public_text, _, _ = _served(anonymous)
    public_text, cached, _ = _served(anonymous)
    assert cached
    assert early_release.title not in public_text
    assert early_release.title in _served(first)[0]


def test_each_journalist_reads_embargoes_in_their_own_zone_from_the_cache(early_release):
    url = early_release.get_absolute_url()
    in_almaty, in_bilbao = _journalist(time_zone="Asia/Almaty"), _journalist(time_zone="")
    in_almaty.get(url)
    in_bilbao.get(url)

    almaty_text, almaty_cached, _ = _served(in_almaty, url)
    bilbao_text, bilbao_cached, _ = _served(in_bilbao, url)

    assert almaty_cached
    assert bilbao_cached
    assert "Almaty time, your time" in almaty_text
    assert "Almaty" not in bilbao_text
    assert "Embargoed until" in bilbao_text


def test_the_page_has_nothing_of_the_person_who_made_it(early_release):
    first = _journalist(name="Aliya Kasymova", email="aliya@example.kz")
    first.get(NEWS)
    stored = first.get(NEWS)

    assert stored["X-Public-Cache"] == "hit"
    for personal in ("Aliya", "aliya@example.kz", "csrfmiddlewaretoken"):
        assert personal not in stored.content.decode()


def test_a_revoked_journalist_is_never_answered_from_the_cache(
    early_release, press_officer, django_capture_on_commit_callbacks
):
    journalist = _journalist()
    journalist.get(NEWS)
    assert _served(journalist)[1]
    accreditation = get_user_model().objects.get(pk=journalist.session["_auth_user_id"])

    with django_capture_on_commit_callbacks(execute=True):
        REVOKE.take([accreditation.accreditation.pk], by=press_officer, reason="Broke it.")

    response = journalist.get(NEWS)
    assert "X-Public-Cache" not in response
    assert early_release.title not in response.content.decode()
    assert journalist.cookies[PASS].value == ""  # taken back
    assert early_release.title not in journalist.get(NEWS).content.decode()


def test_a_deactivated_account_loses_the_cache_at_once(
    early_release, django_capture_on_commit_callbacks
):
    journalist = _journalist()
    journalist.get(NEWS)
    user = get_user_model().objects.get(pk=journalist.session["_auth_user_id"])

    with django_capture_on_commit_callbacks(execute=True):
        user.is_active = False
        user.save()

    assert early_release.title not in journalist.get(NEWS).content.decode()


def test_signing_in_elsewhere_does_not_void_every_pass(
    early_release, django_capture_on_commit_callbacks
):
    journalist = _journalist()
    journalist.get(NEWS)

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("press:login"),
            {"username": make_user().email, "password": "wrong"},
        )
        signed_in(make_user())  # force_login saves last_login

    assert _served(journalist)[1]


def test_an_accreditation_past_its_last_day_is_not_answered_from_the_cache(early_release):
    last_day = timezone.localdate() + datetime.timedelta(days=1)
    journalist = _journalist(valid_until=last_day)
    journalist.get(NEWS)
    assert _served(journalist)[1]

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, hours=12)):
        response = journalist.get(NEWS)

    assert "X-Public-Cache" not in response
    assert early_release.title not in response.content.decode()


def test_a_forged_or_altered_pass_gets_no_press_page(early_release):
    journalist = _journalist()
    journalist.get(NEWS)
    token = page_cache.pass_token()
    _, signed = journalist.cookies[PASS].value.split(":", 1)
    altered = signing.b64_encode(json.dumps(["press:UTC", token, 2e9]).encode()).decode()
    for forged in (
        signing.dumps(["press:UTC", token, 2e9], salt="another salt"),
        f"{altered}:{signed}",  # another audience, and longer, under the real signature
        "press:Europe/Madrid",
    ):
        visitor = signed_in(make_user())  # signed in, not accredited
        visitor.cookies[PASS] = forged

        response = visitor.get(NEWS)

        assert "X-Public-Cache" not in response, forged
        assert early_release.title not in response.content.decode()
        assert visitor.cookies[PASS].value == ""


def test_a_pass_is_worth_nothing_without_the_session_it_was_given_in(
    early_release, django_capture_on_commit_callbacks
):
    journalist = _journalist()
    journalist.get(NEWS)  # stored for the press
    pass_cookie = journalist.cookies[PASS].value
    session = journalist.cookies[settings.SESSION_COOKIE_NAME].value
    someone_else = signed_in(make_user()).cookies[settings.SESSION_COOKIE_NAME].value

    with django_capture_on_commit_callbacks(execute=True):
        journalist.post(reverse("press:logout"))

    assert journalist.cookies[PASS].value == ""
    for session_cookie in (None, session, someone_else, "made-up"):
        copy = Client()
        copy.cookies[PASS] = pass_cookie
        if session_cookie:
            copy.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
        response = copy.get(NEWS)
        assert "X-Public-Cache" not in response or session_cookie is None, session_cookie
        assert early_release.title not in response.content.decode(), session_cookie


def test_only_a_sign_out_that_held_a_pass_voids_the_others(
    early_release, editor_client, django_capture_on_commit_callbacks
):
    journalist = _journalist()
    journalist.get(NEWS)

    with django_capture_on_commit_callbacks(execute=True) as voided:
        Client().post(reverse("press:logout"))  # no one signed in: Django still signals it
        editor_client.post(reverse("admin:logout"))  # staff hold no pass
    assert voided == []
    assert _served(journalist)[1]

    with django_capture_on_commit_callbacks(execute=True):
        _journalist().post(reverse("press:logout"))
    assert not _served(journalist)[1]


def test_a_pass_is_renewed_before_it_runs_out(early_release, settings):
    journalist = _journalist()
    first = journalist.cookies[PASS].value

    later = timezone.now() + datetime.timedelta(seconds=settings.PUBLIC_CACHE_PASS_SECONDS * 0.6)
    with time_machine.travel(later):
        journalist.get("/films/")  # a page not stored yet: read from the database

    assert journalist.cookies[PASS].value not in ("", first)


def test_passes_voided_in_one_process_are_void_in_every_other(settings, monkeypatch):
    settings.PUBLIC_CACHE_NEWS_URL = "redis://127.0.0.1:6379/15"
    listener = page_cache._News()
    monkeypatch.setattr(page_cache, "_news", listener)
    token = page_cache.pass_token()
    _until(lambda: listener.passes() == token)  # subscribed, and read the token
    monkeypatch.setattr(
        page_cache.shared, "get", lambda *args, **kwargs: pytest.fail("a pass asked the cache")
    )

    redis.Redis.from_url(settings.PUBLIC_CACHE_NEWS_URL).publish(
        page_cache._News.CHANNEL, json.dumps({"passes": "from-another-process"})
    )

    _until(lambda: page_cache.pass_token() == "from-another-process")


def _until(condition, seconds=2.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within two seconds"
        time.sleep(0.005)
