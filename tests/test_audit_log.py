"""The audit log: each act a press office answers for, who did it and when, read-only and exportable.

Publish, withdraw, schedule (and its coming), embargo, access, accreditation
decisions, releases sent, deletes and restores, each done the way the press
office does it, in the admin.
"""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from presskit.models import Accreditation, Asset, AuditEntry, Film
from presskit.publishing.workflow import settle_schedules

from .admin_forms import form_data
from .factories import (
    DRAFT,
    committed,
    make_accreditation,
    make_edition,
    make_film,
    make_picture,
    make_release,
    make_screening,
)

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def _url(record, view: str, *args) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk, *args])


def _entries() -> list[tuple[str, str, str]]:
    return [
        (entry.username, entry.action, entry.detail) for entry in AuditEntry.objects.order_by("pk")
    ]


def test_publishing_and_withdrawing_from_the_list_are_logged(press_client):
    film = make_film(title="La Tregua", publication_status=DRAFT)
    changelist = reverse("admin:presskit_film_changelist")

    for action in ("publish_selected", "unpublish_selected"):
        press_client.post(changelist, {"action": action, "_selected_action": [film.pk]})

    assert _entries() == [
        ("pilar.press", Action.PUBLISHED, "Draft \u2192 Published"),
        ("pilar.press", Action.WITHDRAWN, "Published \u2192 Draft"),
    ]
    assert AuditEntry.objects.first().what == "La Tregua"


def test_an_embargo_set_then_moved_in_the_form_is_logged_with_what_it_was(press_client):
    film = make_film(title="La Tregua", publication_status=DRAFT)
    url = _url(film, "change")

    for day in ("2030-09-25", "2030-09-26"):
        data = form_data(
            press_client.get(url),
            "film_form",
            {"embargo_until_0": day, "embargo_until_1": "21:00", "embargo_time_zone": ""},
        )
        assert press_client.post(url, data).status_code == 302

    [(_, set_, first), (_, moved, second)] = _entries()
    assert (set_, moved) == (Action.EMBARGO, Action.EMBARGO)
    assert first == "25 Sep 2030 21:00 Madrid time (19:00 UTC) (was: none)"
    assert second.startswith("26 Sep 2030 21:00 Madrid time")
    assert second.endswith("(was: 25 Sep 2030 21:00 Madrid time (19:00 UTC))")


def test_opening_a_file_to_more_people_is_logged(press_client):
    still = make_picture(make_film(), title="Reyes", access=Asset.Access.PRESS)
    url = _url(still, "change")

    press_client.post(url, form_data(press_client.get(url), "asset_form", {"access": "public"}))

    assert _entries() == [
        ("pilar.press", Action.ACCESS, "access: Accredited journalists only \u2192 Anyone")
    ]


def test_a_schedule_and_its_coming_are_logged_as_the_press_officers(press_client):
    film = make_film(title="La Tregua", publication_status=DRAFT)
    appears = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(appears, datetime.UTC)
    press_client.post(
        _url(film, "schedule"),
        {"publish_at_0": f"{local:%Y-%m-%d}", "publish_at_1": f"{local:%H:%M}", "time_zone": "UTC"},
    )

    with time_machine.travel(appears):
        settle_schedules()

    [scheduled, published] = _entries()
    assert scheduled[:2] == ("pilar.press", Action.SCHEDULED)
    assert published[:2] == ("pilar.press", Action.PUBLISHED)
    assert "as scheduled" in published[2]


def test_accreditation_decisions_and_releases_sent_are_logged(press_client):
    pending = make_accreditation(name="Aigerim", status=Accreditation.Status.PENDING)
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    with committed():
        press_client.post(
            reverse("admin:presskit_accreditation_changelist"),
            {
                "action": "approve",
                "_selected_action": [pending.pk],
                "confirm": "yes",
                "valid_until": last_day.isoformat(),
            },
        )
        release = make_release(title="Premiere in Astana")
        press_client.post(reverse("admin:presskit_pressrelease_send", args=[release.pk]), {})

    [decided, sent] = AuditEntry.objects.order_by("pk")
    assert (decided.action, decided.what) == (Action.ACCREDITATION, "Aigerim, El Diario Vasco")
    assert (
        decided.detail
        == f"Waiting for the press office \u2192 Accredited; until {last_day:%-d %b %Y}"
    )
    assert sent.action == Action.RELEASE_SENT
    assert "to 1 accredited journalist (" in sent.detail


def test_a_delete_and_a_restore_are_logged(press_client):
    film = make_film(title="La Tregua", logline="Good logline")
    url = _url(film, "change")
    for logline in ("Good logline", "A mistake"):
        press_client.post(url, form_data(press_client.get(url), "film_form", {"logline": logline}))
    good = Version.objects.get_for_object(film).last()
    revision = _url(film, "revision", good.pk)
    press_client.post(revision, form_data(press_client.get(revision), "film_form"))
    doomed = make_film(title="Duplicate entry", slug="duplicate")

    press_client.post(_url(doomed, "delete"), {"post": "yes"})

    restored, deleted = AuditEntry.objects.order_by("pk")
    assert (restored.action, restored.what, restored.username) == (
        Action.RESTORED,
        "La Tregua",
        "pilar.press",
    )
    assert (deleted.action, deleted.what) == (Action.DELETED, "Duplicate entry")
    assert deleted.detail == "Moved to the bin."
    assert Film.objects.get(slug="duplicate").binned_at is not None


def test_a_refused_act_leaves_no_entry(press_client):
    film = make_film(publication_status=DRAFT)

    response = press_client.post(
        _url(film, "schedule"),
        {"publish_at_0": "2020-01-01", "publish_at_1": "10:00", "time_zone": ""},
    )

    assert response.status_code == 200
    assert not AuditEntry.objects.exists()


def test_press_officers_read_and_export_it_editors_do_not(press_client, editor_client):
    film = make_film(title="Arón Piper's first film", publication_status=DRAFT)
    changelist = reverse("admin:presskit_film_changelist")
    press_client.post(changelist, {"action": "publish_selected", "_selected_action": [film.pk]})
    log = reverse("admin:presskit_auditentry_changelist")

    page = press_client.get(log)
    export = press_client.post(
        log,
        {
            "action": "export_csv",
            "_selected_action": list(AuditEntry.objects.values_list("pk", flat=True)),
        },
    )

    assert "Arón Piper" in page.content.decode()
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["when (UTC)", "who", "what was done"]
    assert rows[1][1:5] == ["pilar.press", "Published", "film", "Arón Piper's first film"]
    assert editor_client.get(log).status_code == 403
    assert press_client.get(reverse("admin:presskit_auditentry_add")).status_code == 403
    entry = AuditEntry.objects.get()
    assert press_client.post(_url(entry, "delete"), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.exists()


def test_a_record_made_public_as_it_is_added_is_logged(press_client):
    url = reverse("admin:presskit_pressrelease_add")
    data = form_data(
        press_client.get(url),
        "pressrelease_form",
        {
            "title": "Premiere in Astana",
            "slug": "premiere-in-astana",
            "body": "The film opens Comic Con Astana.",
            "publication_status": "published",
        },
    )

    assert press_client.post(url, data).status_code == 302

    assert _entries() == [("pilar.press", Action.PUBLISHED, "Draft \u2192 Published")]


def test_a_restore_that_publishes_again_is_logged_as_both(press_client):
    film = make_film(title="La Tregua")
    url = _url(film, "change")
    press_client.post(url, form_data(press_client.get(url), "film_form", {"title": "La Tregua"}))
    press_client.post(
        url, form_data(press_client.get(url), "film_form", {"publication_status": "draft"})
    )
    published = Version.objects.get_for_object(film).last()
    revision = _url(film, "revision", published.pk)

    press_client.post(revision, form_data(press_client.get(revision), "film_form"))

    assert [action for _, action, _ in _entries()] == [
        Action.WITHDRAWN,
        Action.PUBLISHED,
        Action.RESTORED,
    ]


def test_the_reviews_embargo_set_in_the_form_is_logged(press_client):
    film = make_film(title="La Tregua")
    url = _url(film, "change")
    data = form_data(
        press_client.get(url),
        "film_form",
        {"reviews_embargo_until_0": "2030-09-20", "reviews_embargo_until_1": "23:00"},
    )

    assert press_client.post(url, data).status_code == 302

    [(_, action, detail)] = _entries()
    assert action == Action.EMBARGO
    assert detail.startswith("reviews embargoed until: 20 Sep 2030 23:00 Madrid time")
    assert detail.endswith("(was: none)")


def test_a_screening_published_from_its_editions_page_is_logged(press_client):
    screening = make_screening(
        title="Press screening", edition=make_edition(), publication_status=DRAFT
    )
    url = reverse("admin:festivals_edition_change", args=[screening.edition.pk])
    shown = press_client.get(url)
    changes = {"screenings-0-publication_status": "published"}

    response = press_client.post(url, form_data(shown, "edition_form", changes))

    assert response.status_code == 302
    (entry,) = AuditEntry.objects.all()
    assert (entry.action, entry.username) == (Action.PUBLISHED, "pilar.press")
    assert entry.object_id == str(screening.pk)
    assert entry.detail == "Draft \u2192 Published"
