"""Preview links: one record not yet public, shown to someone with no account.

A press officer makes a link on the record's share page; a producer opens
it without signing in and sees the film's real page marked as a preview,
its pictures included, and nothing else of what is not public; the link
expires, can be revoked, and every step is in the audit log.
"""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.models import AuditEntry, PreviewLink
from presskit.publishing.models import Access, Publication
from presskit.the_bin import empty, move_to_bin

from .factories import DRAFT, make_film, make_person, make_picture, make_release

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _share_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_share", args=[record.pk])


def _make_link(press_client, record, shown_to="Marta Ruiz, producer", **fields) -> PreviewLink:
    response = press_client.post(
        _share_url(record), {"make": "1", "shown_to": shown_to, "days": 7, **fields}
    )
    assert response.status_code == 302, response.content.decode()
    return PreviewLink.objects.of(record).get(shown_to=shown_to)


@pytest.fixture
def draft():
    return make_film(
        slug="la-tregua",
        title="La Tregua",
        logline="Two soldiers, one winter truce.",
        publication_status=DRAFT,
    )


def test_a_producer_opens_the_draft_film_with_its_pictures_and_nothing_else(press_client, draft):
    still = make_picture(draft, name="reyes.jpg", caption="Reyes in the barracks")
    draft_still = make_picture(
        draft, name="unfinished.jpg", caption="Not chosen yet", publication_status=DRAFT
    )
    press_only = make_picture(draft, name="press.jpg", access=Access.PRESS, caption="For press")
    other_draft = make_film(slug="next-film", title="Next film", publication_status=DRAFT)
    other_still = make_picture(other_draft, name="other.jpg")

    share = press_client.get(reverse("admin:presskit_film_change", args=[draft.pk]))
    assert _share_url(draft) in share.content.decode()  # "Share a preview" on the form
    link = _make_link(press_client, draft)
    address = link.get_absolute_url()
    listed = press_client.get(_share_url(draft)).content.decode()
    assert f"{settings.SITE_URL}{address}" in listed  # ready to copy, at the site's own address
    assert len(link.token) >= 43

    producer = Client()
    page = producer.get(address)
    html = page.content.decode()
    assert page.status_code == 200
    assert "La Tregua" in html
    assert "Two soldiers, one winter truce." in html
    assert "Preview: this is a draft" in html
    assert "Shared with you by the press office" in html
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert page["Referrer-Policy"] == "no-referrer"
    # As the public will see it once published: the published still, not the draft or press one.
    assert "Reyes in the barracks" in html
    assert "Not chosen yet" not in html
    assert "For press" not in html

    picture = producer.get(still.url("web"))
    assert picture.status_code == 200
    assert "no-store" in picture["Cache-Control"]
    for refused in (
        draft_still.url("web"),
        press_only.url("web"),
        other_still.url("web"),
        "/films/la-tregua/",  # its public address stays closed
        "/films/la-tregua/press-kit/",
        "/films/la-tregua/press-kit.zip",
        "/films/next-film/",
    ):
        assert producer.get(refused).status_code == 404, refused
    # A browser that never opened the link gets nothing, the picture included.
    assert Client().get(still.url("web")).status_code == 404

    link.refresh_from_db()
    assert link.times_opened == 1
    assert link.last_opened_at is not None


def test_the_link_expires_after_seven_days_by_default_and_can_be_revoked(press_client, draft):
    link = _make_link(press_client, draft)
    assert link.expires_at - link.made_at == pytest.approx(
        7 * DAY, abs=datetime.timedelta(seconds=5)
    )
    producer = Client()
    assert producer.get(link.get_absolute_url()).status_code == 200

    with time_machine.travel(link.expires_at + datetime.timedelta(seconds=1)):
        expired = producer.get(link.get_absolute_url())
    assert expired.status_code == 410
    assert "This preview link expired on" in expired.content.decode()
    assert "La Tregua" not in expired.content.decode()

    other = _make_link(press_client, draft, shown_to="Aidos, distributor")
    assert producer.get(other.get_absolute_url()).status_code == 200
    still = make_picture(draft, name="reyes.jpg")
    assert producer.get(still.url("web")).status_code == 200
    response = press_client.post(_share_url(draft), {"revoke": str(other.pk)})
    assert response.status_code == 302
    revoked = producer.get(other.get_absolute_url())
    assert revoked.status_code == 410
    assert "withdrawn this preview link" in revoked.content.decode()
    assert producer.get(still.url("web")).status_code == 200  # the first link still works
    press_client.post(_share_url(draft), {"revoke": str(link.pk)})
    assert producer.get(still.url("web")).status_code == 404  # its files close with it

    assert Client().get("/preview/" + "x" * 43 + "/").status_code == 404  # never was


def test_a_press_officer_chooses_how_long_and_bad_input_is_refused(press_client, draft):
    for days, error in (
        ("0", "greater than or equal to 1"),
        ("91", "less than or equal to 90"),
        ("soon", "Enter a whole number"),
    ):
        response = press_client.post(
            _share_url(draft), {"make": "1", "shown_to": "Marta", "days": days}
        )
        assert response.status_code == 200
        assert error in response.content.decode()
    response = press_client.post(_share_url(draft), {"make": "1", "shown_to": "", "days": 3})
    assert "This field is required" in response.content.decode()
    assert not PreviewLink.objects.exists()

    link = _make_link(press_client, draft, days=3)
    assert link.expires_at - link.made_at == pytest.approx(
        3 * DAY, abs=datetime.timedelta(seconds=5)
    )


def test_editors_cannot_share_and_never_see_the_links(editor_client, press_client, draft):
    change = editor_client.get(reverse("admin:presskit_film_change", args=[draft.pk]))
    assert _share_url(draft) not in change.content.decode()
    assert editor_client.get(_share_url(draft)).status_code == 403
    response = editor_client.post(_share_url(draft), {"make": "1", "shown_to": "Me", "days": 7})
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()
    _make_link(press_client, draft)
    assert editor_client.get(reverse("admin:presskit_previewlink_changelist")).status_code == 403
    listed = press_client.get(reverse("admin:presskit_previewlink_changelist"))
    assert "Marta Ruiz, producer" in listed.content.decode()
    assert _share_url(draft) in listed.content.decode()  # each row leads to where it is acted on


def test_once_published_the_link_leads_to_the_public_page(press_client, draft):
    link = _make_link(press_client, draft)
    draft.publication_status = Publication.PUBLISHED
    draft.save()
    response = Client().get(link.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == "/films/la-tregua/"
    refused = press_client.post(_share_url(draft), {"make": "1", "shown_to": "Late", "days": 7})
    assert "It is public already" in refused.content.decode()
    assert not PreviewLink.objects.filter(shown_to="Late").exists()


def test_a_record_in_the_bin_or_gone_leaves_a_link_that_says_so(press_client, press_officer, draft):
    still = make_picture(draft, name="reyes.jpg")
    link = _make_link(press_client, draft)
    producer = Client()
    assert producer.get(link.get_absolute_url()).status_code == 200
    assert producer.get(still.url("web")).status_code == 200

    move_to_bin(draft, user=press_officer)

    response = producer.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "no longer in the press kit" in response.content.decode()
    assert producer.get(still.url("web")).status_code == 404  # its pictures with it
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        empty()  # deleted for good
    assert producer.get(link.get_absolute_url()).status_code == 410


def test_a_link_never_shows_a_staff_only_file(press_client):
    secret = make_picture(
        make_film(), name="office.jpg", access=Access.STAFF, publication_status=DRAFT
    )
    link = _make_link(press_client, secret)
    assert Client().get(link.get_absolute_url()).status_code == 410
    assert Client().get(secret.url("web")).status_code == 404


def test_published_then_withdrawn_the_link_stays_ended(press_client, draft):
    link = _make_link(press_client, draft)
    draft.publication_status = Publication.PUBLISHED
    draft.save()
    draft.publication_status = Publication.DRAFT
    draft.save()
    response = Client().get(link.get_absolute_url())
    assert response.status_code == 410
    assert "ended when the page was published" in response.content.decode()


def test_a_link_checker_does_not_count_as_an_opening(press_client, draft):
    link = _make_link(press_client, draft)
    assert Client().head(link.get_absolute_url()).status_code == 200
    link.refresh_from_db()
    assert link.times_opened == 0
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PREVIEW_OPENED).exists()


def test_a_person_and_a_release_are_previewed_on_their_own_pages(press_client):
    person = make_person(name="Әлия Қасымова", slug="aliya", publication_status=DRAFT)
    release = make_release(title="Casting announced", slug="casting", publication_status=DRAFT)
    for record, words in ((person, "Әлия Қасымова"), (release, "Casting announced")):
        page = Client().get(_make_link(press_client, record).get_absolute_url())
        assert page.status_code == 200
        assert words in page.content.decode()
        assert "Preview:" in page.content.decode()


def test_made_opened_and_revoked_are_in_the_audit_log(press_client, press_officer, draft):
    link = _make_link(press_client, draft)
    producer = Client()
    producer.get(link.get_absolute_url())
    producer.get(link.get_absolute_url())  # the same browser again: counted, not logged again
    Client().get(link.get_absolute_url())
    press_client.post(_share_url(draft), {"revoke": str(link.pk)})

    entries = list(
        AuditEntry.objects.filter(object_id=str(draft.pk))
        .order_by("pk")
        .values_list("action", "username", "detail")
    )
    assert [action for action, _, _ in entries] == [
        AuditEntry.Action.PREVIEW_MADE,
        AuditEntry.Action.PREVIEW_OPENED,
        AuditEntry.Action.PREVIEW_OPENED,
        AuditEntry.Action.PREVIEW_REVOKED,
    ]
    assert entries[0][1] == press_officer.username
    assert "For Marta Ruiz, producer, until" in entries[0][2]
    assert entries[1][1] == ""  # opened by someone with no account
    link.refresh_from_db()
    assert link.times_opened == 3
    assert link.revoked_by == press_officer


def test_staff_previews_say_what_the_record_waits_for(press_client, draft):
    draft.publication_status = Publication.REVIEW
    draft.save()
    html = press_client.get("/films/la-tregua/").content.decode()
    assert "Preview: this is a draft waiting for review" in html
    moment = timezone.now() + 3 * DAY
    draft.publication_status, draft.publish_at = Publication.SCHEDULED, moment
    draft.save()
    html = press_client.get("/films/la-tregua/").content.decode()
    assert re.search(r"Preview: this is scheduled for \d+ \w+ \d{4} \d\d:\d\d", html)
