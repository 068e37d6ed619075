"""Drafts never reach the public, and only press officers publish."""

import datetime

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from festivals.models import Award, Screening
from presskit.models import Asset, Coverage, PressRelease, Quote
from presskit.publishing.models import Publication

from .admin_forms import form_data
from .factories import (
    DRAFT,
    PUBLISHABLE_FACTORIES,
    PUBLISHED,
    make_film,
    make_release,
    make_screening,
)

pytestmark = pytest.mark.django_db

FACTORIES = PUBLISHABLE_FACTORIES
HAS_FILM = [Quote, Coverage, PressRelease, Asset, Screening, Award]
HAS_EMBARGO = [PressRelease, Asset]


def _variants(model):
    """Records of `model` in every state that matters to the public."""
    make = FACTORIES[model]
    yield "draft", make(publication_status=DRAFT)
    yield "published", make(publication_status=PUBLISHED)
    if model in HAS_FILM:
        yield "film is a draft", make(film=make_film(publication_status=DRAFT))
    if model in HAS_EMBARGO:
        hour = datetime.timedelta(hours=1)
        yield "embargo lifts later", make(embargo_until=timezone.now() + hour)
        yield "embargo has lifted", make(embargo_until=timezone.now() - hour)


EXPECTED_PUBLIC = {"published", "embargo has lifted"}


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model.__name__)
def test_the_one_row_check_agrees_with_the_queryset(model):
    variants = list(_variants(model))
    public = set(model.objects.published().values_list("pk", flat=True))

    for state, record in variants:
        assert record.is_published() == (record.pk in public), state
        assert record.is_published() == (state in EXPECTED_PUBLIC), state


def test_every_publishable_model_has_a_publish_permission():
    for model in FACTORIES:
        assert "publish" in model._meta.default_permissions, model


def test_the_home_page_shows_published_work_only(client):
    film = make_film(title="La Tregua", publication_status=PUBLISHED)
    make_film(title="Secret Project", publication_status=DRAFT)
    make_release(title="Selected for San Sebastián", film=film)
    make_release(title="Embargoed news", embargo_until=timezone.now() + datetime.timedelta(days=1))
    make_release(title="Draft news", publication_status=DRAFT)

    response = client.get("/")

    assert response.status_code == 200
    assert "La Tregua" in response.content.decode()
    assert "Selected for San Sebastián" in response.content.decode()
    for hidden in ("Secret Project", "Embargoed news", "Draft news"):
        assert hidden not in response.content.decode()


def test_an_editor_cannot_publish_from_the_change_form(editor_client):
    film = make_film(publication_status=DRAFT)
    url = reverse("admin:presskit_film_change", args=[film.pk])
    page = editor_client.get(url)

    data = form_data(page, "film_form", {"publication_status": "published", "title": "New title"})
    response = editor_client.post(url, data)

    assert response.status_code == 302
    film.refresh_from_db()
    assert film.title == "New title"
    assert film.publication_status == Publication.DRAFT


def test_an_editor_has_no_publish_action(editor_client):
    film = make_film(publication_status=DRAFT)
    changelist = editor_client.get(reverse("admin:presskit_film_changelist")).content.decode()
    assert 'value="publish_selected"' not in changelist

    response = editor_client.post(
        reverse("admin:presskit_film_changelist"),
        {"action": "publish_selected", "_selected_action": [film.pk]},
    )

    film.refresh_from_db()
    assert film.publication_status == Publication.DRAFT
    assert response.status_code == 200  # the changelist again, with "no action selected"


def test_a_press_officer_publishes_with_a_trace_in_the_history(press_client, press_officer):
    films = [make_film(publication_status=DRAFT) for _ in range(2)]

    press_client.post(
        reverse("admin:presskit_film_changelist"),
        {"action": "publish_selected", "_selected_action": [film.pk for film in films]},
    )

    for film in films:
        film.refresh_from_db()
        assert film.is_published()
        assert film.first_published_at is not None
        entry = LogEntry.objects.get(object_id=str(film.pk), content_type__model="film")
        assert entry.user == press_officer
        assert entry.get_change_message() == "Published."
        assert reversion.models.Version.objects.get_for_object(film).count() == 1


def test_publishing_a_screening_of_a_draft_film_warns_it_stays_hidden(press_client):
    screening = make_screening(film=make_film(publication_status=DRAFT), publication_status=DRAFT)

    response = press_client.post(
        reverse("admin:festivals_screening_changelist"),
        {"action": "publish_selected", "_selected_action": [screening.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "Published 1 screening." in page
    assert "1 screening stays hidden from the public" in page
    assert not Screening.objects.published().exists()


def test_a_press_officer_withdraws_a_release_to_draft(press_client):
    release = make_release()

    press_client.post(
        reverse("admin:presskit_pressrelease_changelist"),
        {"action": "unpublish_selected", "_selected_action": [release.pk]},
    )

    release.refresh_from_db()
    assert not release.is_published()
    assert release.first_published_at is not None  # history of the first publication stays
