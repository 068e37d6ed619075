"""Every admin page an editor uses renders, with the demo catalogue in it."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape

from presskit.models import Film

from .factories import make_asset

pytestmark = pytest.mark.django_db

EDITORIAL_APPS = {"presskit", "festivals"}
# Press officers' own: the download log (written by downloads only), the
# accreditations and the bookings (journalists' personal data;
# tests/presskit/test_accreditation.py, tests/presskit/test_bookings.py), and
# the audit log (tests/test_audit_log.py) and the preview links (tests/test_preview_links.py).
PRESS_OFFICE_ONLY = {
    "presskit.Download",
    "presskit.Accreditation",
    "presskit.Booking",
    "presskit.AuditEntry",
    "presskit.PreviewLink",
}
# Written only by each record's review page, read in the admin (tests/test_review_and_schedule.py).
WRITTEN_BY_THE_WORKFLOW = {"presskit.Review"}
MODELS = sorted(
    (
        model
        for model in apps.get_models()
        if admin.site.is_registered(model)
        and model._meta.app_label in EDITORIAL_APPS
        and model._meta.label not in PRESS_OFFICE_ONLY | WRITTEN_BY_THE_WORKFLOW
    ),
    key=lambda model: model._meta.label,
)


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_content_model_is_in_the_admin():
    labels = {model._meta.label for model in MODELS}
    assert labels >= {
        "presskit.Film",
        "presskit.Person",
        "presskit.Credit",
        "presskit.Quote",
        "presskit.Outlet",
        "presskit.Coverage",
        "presskit.PressRelease",
        "presskit.Asset",
        "presskit.Company",
        "festivals.Festival",
        "festivals.Edition",
        "festivals.Venue",
        "festivals.Screening",
        "festivals.Award",
    }


@pytest.fixture
def every_kind_of_record(catalogue):
    """The demo catalogue, plus what it does not have yet: a file."""
    make_asset(film=Film.objects.get(slug="la-tregua"), title="Reyes in the barracks")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_editor_sees_changelist_add_and_change_pages(editor_client, every_kind_of_record, model):
    changelist = editor_client.get(_url(model, "changelist"))
    assert changelist.status_code == 200

    add = editor_client.get(_url(model, "add"))
    assert add.status_code == 200

    record = model._default_manager.order_by("pk").first()
    if record is None:
        pytest.fail(f"The demo catalogue has no {model._meta.verbose_name} to open.")
    change = editor_client.get(_url(model, "change", record.pk))
    assert change.status_code == 200
    assert escape(str(record)) in change.content.decode()


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_changelist_search_with_accents_runs(editor_client, catalogue, model):
    response = editor_client.get(_url(model, "changelist"), {"q": "Arón sebastián"})
    assert response.status_code == 200


def test_admin_index_lists_both_apps_for_an_editor(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Press kit" in response.content.decode()
    assert "Festivals and screenings" in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:presskit_film_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_press_officers_read_the_download_log_and_editors_do_not(press_client, editor_client):
    url = reverse("admin:presskit_download_changelist")

    assert press_client.get(url).status_code == 200
    assert editor_client.get(url).status_code == 403
    assert press_client.get(reverse("admin:presskit_download_add")).status_code == 403


@pytest.mark.parametrize("model", ["quote", "coverage", "pressrelease"])
def test_filters_offer_only_the_languages_and_records_in_use(editor_client, catalogue, model):
    from presskit.models import Outlet

    Outlet.objects.create(name="An outlet with no clipping", slug="unused-outlet")
    page = editor_client.get(reverse(f"admin:presskit_{model}_changelist")).content.decode()
    filters = page[page.index('id="changelist-filter"') :]

    assert "Afrikaans" not in filters  # one of Django's hundred languages, used by nothing
    assert "An outlet with no clipping" not in filters
    in_use = apps.get_model("presskit", model).objects.values_list("language", flat=True)
    assert {f"?language={language}" in filters for language in in_use} == {True}
