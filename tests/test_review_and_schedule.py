"""Review and scheduled publishing, worked through the admin as an editor and a press officer.

An editor submits a draft with a note; a press officer sends it back with a
comment or publishes it, and the editor is told in the admin and by email.
A press officer schedules a publication and a withdrawal on the clocks of a
zone they choose; the record appears and goes by itself, on every channel
and in the page cache, before any worker has run; the worker then records
it as the press officer's act.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.models import Film, PressRelease, Quote, Review
from presskit.publishing.models import Publication
from presskit.publishing.workflow import reviews_of, settle_schedules
from presskit.the_bin import empty

from .admin_forms import form_data
from .factories import DRAFT, committed, make_film, make_quote, make_release

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def _url(record, view: str) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


def _moment(moment: datetime.datetime, zone=ALMATY, prefix="publish_at") -> dict:
    local = moment.astimezone(zone)
    return {f"{prefix}_0": f"{local:%Y-%m-%d}", f"{prefix}_1": f"{local:%H:%M}"}


def _dashboard(client) -> str:
    return client.get(reverse("admin:index")).content.decode()


@pytest.fixture
def draft(editor):
    return make_film(slug="la-tregua", title="La Tregua", publication_status=DRAFT)


def test_a_draft_goes_through_review_sent_back_then_published(
    client, editor_client, press_client, draft
):
    change = editor_client.get(_url(draft, "change")).content.decode()
    assert "Submit for review" in change

    with committed():
        response = editor_client.post(
            _url(draft, "review"), {"action": "submit", "note": "Synopsis rewritten for Astana."}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.publication_status == Publication.REVIEW
    assert client.get("/films/la-tregua/").status_code == 404  # still not public
    (to_officer,) = mail.outbox
    assert to_officer.to == ["pilar.press@example.org"]
    assert "Synopsis rewritten for Astana." in to_officer.body
    assert _url(draft, "review") in to_officer.body
    waiting = _dashboard(press_client)
    assert "Waiting for your review" in waiting
    assert "Synopsis rewritten for Astana." in waiting

    # Sent back without a word: refused, nothing changes.
    refused = press_client.post(_url(draft, "review"), {"action": "send_back", "comment": ""})
    assert refused.status_code == 200
    assert "This field is required" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.publication_status == Publication.REVIEW

    with committed():
        press_client.post(
            _url(draft, "review"),
            {"action": "send_back", "comment": "Add the Kazakh title, please."},
        )
    draft.refresh_from_db()
    assert draft.publication_status == Publication.DRAFT
    to_editor = mail.outbox[-1]
    assert to_editor.to == ["ana.editor@example.org"]
    assert to_editor.subject.startswith("Sent back")
    assert "Add the Kazakh title, please." in to_editor.body
    assert "Add the Kazakh title, please." in _dashboard(editor_client)
    assert "Sent back" in editor_client.get(_url(draft, "change")).content.decode()

    with committed():
        editor_client.post(_url(draft, "review"), {"action": "submit", "note": "Title added."})
        press_client.post(_url(draft, "review"), {"action": "publish"})

    draft.refresh_from_db()
    assert draft.publication_status == Publication.PUBLISHED
    assert client.get("/films/la-tregua/").status_code == 200
    assert mail.outbox[-1].subject.startswith("Published")
    assert "Add the Kazakh title" not in _dashboard(editor_client)  # no longer waiting on them
    assert list(reviews_of(draft).values_list("outcome", flat=True)) == ["published", "sent_back"]


def test_an_editor_cannot_decide_or_schedule(editor_client, draft, editor):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": ""})

    publish = editor_client.post(_url(draft, "review"), {"action": "publish"})
    schedule = editor_client.post(
        _url(draft, "schedule"), {**_moment(timezone.now() + HOUR), "time_zone": ""}
    )

    assert (publish.status_code, schedule.status_code) == (403, 403)
    draft.refresh_from_db()
    assert draft.publication_status == Publication.REVIEW
    assert draft.publish_at is None


def test_an_editor_takes_a_draft_back_from_review(editor_client, draft):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": "Too soon."})

    editor_client.post(_url(draft, "review"), {"action": "take_back"})

    draft.refresh_from_db()
    assert draft.publication_status == Publication.DRAFT
    assert reviews_of(draft).get().outcome == Review.Outcome.TAKEN_BACK


def test_a_decision_on_a_review_decided_meanwhile_is_refused(editor_client, press_client, draft):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": ""})
    press_client.post(_url(draft, "review"), {"action": "send_back", "comment": "Not yet."})

    second = press_client.post(_url(draft, "review"), {"action": "publish"})

    assert "not waiting for review any more" in second.content.decode()
    draft.refresh_from_db()
    assert draft.publication_status == Publication.DRAFT


def test_publishing_from_the_form_decides_the_review_too(editor_client, press_client, draft):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": ""})
    url = _url(draft, "change")

    with committed():
        press_client.post(
            url, form_data(press_client.get(url), "film_form", {"publication_status": "published"})
        )

    assert reviews_of(draft).get().outcome == Review.Outcome.PUBLISHED
    assert mail.outbox[-1].to == ["ana.editor@example.org"]


def test_the_form_offers_only_draft_published_and_the_current_state(press_client, draft):
    Film.objects.filter(pk=draft.pk).update(publication_status=Publication.REVIEW)

    page = press_client.get(_url(draft, "change")).content.decode()

    assert 'value="review" selected' in page
    assert 'value="scheduled"' not in page  # scheduled only with a moment, on its own page


def test_a_scheduled_film_appears_by_itself_everywhere_then_is_recorded_as_the_officers_act(
    client, editor_client, press_client, press_officer, draft
):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": "For the premiere."})
    # Typed as the clocks show it in Almaty, at an exact minute.
    appears = (timezone.now() + 3 * HOUR).astimezone(ALMATY).replace(second=0, microsecond=0)

    with committed():
        response = press_client.post(
            _url(draft, "schedule"), {**_moment(appears), "time_zone": "Asia/Almaty"}
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.publication_status, draft.publish_at) == (Publication.SCHEDULED, appears)
    assert reviews_of(draft).get().outcome == Review.Outcome.SCHEDULED
    assert "Almaty time" in mail.outbox[-1].body  # the editor is told when
    assert "La Tregua" in _dashboard(press_client)  # listed as scheduled
    public = ("/films/la-tregua/", "/films/la-tregua/press-kit/")
    before = [client.get(url).status_code for url in public]
    listed_before = "La Tregua" in client.get("/films/").content.decode()  # now in the cache

    with time_machine.travel(appears - datetime.timedelta(seconds=1)):
        assert "La Tregua" not in client.get("/films/").content.decode()
    with time_machine.travel(appears):
        after = [client.get(url).status_code for url in public]
        listed = client.get("/films/")
        in_sitemap = "/films/la-tregua/" in client.get("/sitemap.xml").content.decode()

    assert (before, listed_before) == ([404, 404], False)
    assert after == [200, 200]
    assert listed["X-Public-Cache"] == "miss"  # the cached list ended at the moment
    assert "La Tregua" in listed.content.decode()
    assert in_sitemap
    draft.refresh_from_db()
    assert draft.publication_status == Publication.SCHEDULED  # nothing ran meanwhile

    with time_machine.travel(appears + datetime.timedelta(seconds=5)):
        assert settle_schedules() == 1

    draft.refresh_from_db()
    assert draft.publication_status == Publication.PUBLISHED
    assert draft.publish_at is None
    assert draft.first_published_at == appears
    entry = LogEntry.objects.filter(object_id=str(draft.pk)).latest("action_time")
    assert entry.user == press_officer
    assert "Published as scheduled" in entry.change_message


def test_a_scheduled_withdrawal_takes_a_release_off_every_channel(client, press_client):
    release = make_release(slug="trailer", title="The trailer is out")
    goes = (timezone.now() + 2 * HOUR).replace(second=0, microsecond=0)
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")

    with committed():
        response = press_client.post(
            _url(release, "schedule"), {**_moment(goes, madrid, "withdraw_at"), "time_zone": ""}
        )

    assert response.status_code == 302
    assert client.get("/news/trailer/").status_code == 200
    assert "The trailer is out" in client.get("/news/feed/").content.decode()
    with time_machine.travel(goes):
        assert client.get("/news/trailer/").status_code == 404
        assert "The trailer is out" not in client.get("/news/feed/").content.decode()
        assert "The trailer is out" not in client.get("/news/").content.decode()
        settle_schedules()
    release.refresh_from_db()
    assert release.publication_status == Publication.DRAFT
    assert release.withdraw_at is None


@pytest.mark.parametrize(
    ("posted", "error"),
    [
        ({"publish_at_0": "2020-01-01", "publish_at_1": "10:00"}, "This moment has passed"),
        (
            {"publish_at_0": "2099-03-01", "publish_at_1": "10:00"}
            | {"withdraw_at_0": "2099-03-01", "withdraw_at_1": "09:00"},
            "The withdrawal must come after the publication",
        ),
        # The clocks in Madrid skip from 02:00 to 03:00 on 28 March 2083.
        ({"publish_at_0": "2083-03-28", "publish_at_1": "02:30"}, "the clocks skip that hour"),
        ({"publish_at_0": "2099-03-01", "publish_at_1": "25:00"}, "Enter a valid time"),
        ({}, "Give a moment to publish at"),
        (
            {"withdraw_at_0": "2099-03-01", "withdraw_at_1": "09:00"},
            "schedule its publication too",
        ),
    ],
    ids=["past", "withdrawal-first", "skipped-hour", "bad-time", "nothing", "withdraw-a-draft"],
)
def test_a_schedule_that_cannot_be_is_refused_saying_why_and_changes_nothing(
    press_client, draft, posted, error
):
    response = press_client.post(_url(draft, "schedule"), {"time_zone": "Europe/Madrid", **posted})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Film.objects.get(pk=draft.pk).publication_status == Publication.DRAFT
    assert not LogEntry.objects.exists()


def test_a_published_record_gets_no_second_publication(press_client):
    film = make_film()

    response = press_client.post(
        _url(film, "schedule"),
        {"publish_at_0": "2099-03-01", "publish_at_1": "10:00", "time_zone": ""},
    )

    # Its moment field is disabled: only a withdrawal can be set, so nothing is scheduled.
    assert "Give a moment to publish at, to withdraw at, or both" in response.content.decode()
    film.refresh_from_db()
    assert (film.publication_status, film.publish_at) == (Publication.PUBLISHED, None)


def test_a_schedule_is_changed_then_cancelled(client, press_client, draft):
    first, second = (timezone.now() + n * HOUR for n in (2, 5))
    for moment in (first, second):
        press_client.post(_url(draft, "schedule"), {**_moment(moment), "time_zone": "Asia/Almaty"})
    draft.refresh_from_db()
    assert draft.publish_at == second.replace(second=0, microsecond=0)
    with time_machine.travel(first + HOUR):
        assert client.get("/films/la-tregua/").status_code == 404  # the first moment is gone

    press_client.post(_url(draft, "schedule"), {"cancel": "1"})

    draft.refresh_from_db()
    assert (draft.publication_status, draft.publish_at) == (Publication.DRAFT, None)
    assert draft.first_published_at is None
    with time_machine.travel(second + HOUR):
        assert client.get("/films/la-tregua/").status_code == 404
    assert "Nothing is scheduled." in _dashboard(press_client)


def test_the_database_refuses_a_scheduled_record_without_its_moment(draft):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.filter(pk=draft.pk).update(publication_status=Publication.SCHEDULED)


def test_the_review_list_is_read_only_and_links_to_the_decision(editor_client, press_client, draft):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": "Look at the logline."})

    page = press_client.get(reverse("admin:presskit_review_changelist")).content.decode()

    assert "La Tregua" in page
    assert _url(draft, "review") in page
    assert press_client.get(reverse("admin:presskit_review_add")).status_code == 403


def test_an_editor_sees_their_own_drafts_waiting(editor_client, draft):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": ""})

    page = _dashboard(editor_client)

    assert "Your drafts waiting for review" in page
    assert "La Tregua" in page


def test_a_scheduled_release_is_listed_with_its_moment_in_its_zone(press_client):
    release = make_release(title="Line-up", publication_status=DRAFT)
    appears = datetime.datetime(2099, 9, 19, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Madrid"))
    press_client.post(
        _url(release, "schedule"),
        {**_moment(appears, zoneinfo.ZoneInfo("Europe/Madrid")), "time_zone": "Europe/Madrid"},
    )

    page = _dashboard(press_client)

    assert "Press release: Line-up" in page
    assert "publishes Sat 19 Sep 2099, 18:00 Madrid time" in page
    assert PressRelease.objects.get(pk=release.pk).schedule_time_zone == "Europe/Madrid"


def test_a_reviewed_record_can_still_be_deleted_and_its_reviews_stay_in_the_log(
    editor_client, press_client, draft
):
    editor_client.post(_url(draft, "review"), {"action": "submit", "note": "Please check."})
    press_client.post(_url(draft, "review"), {"action": "send_back", "comment": "Duplicate."})
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(admin)

    response = client.post(_url(draft, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert Film.objects.get(pk=draft.pk).binned_at is not None
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        empty()  # deleted for good from the bin
    assert not Film.objects.filter(pk=draft.pk).exists()
    assert Review.objects.get().comment == "Duplicate."


def test_an_editor_cannot_make_a_scheduled_quote_appear_with_a_public_film(
    editor_client, press_client
):
    quote = make_quote(
        film=make_film(publication_status=DRAFT),
        text="Held with its film.",
        publication_status=DRAFT,
    )
    press_client.post(
        _url(quote, "schedule"),
        {"publish_at_0": "2099-03-01", "publish_at_1": "10:00", "time_zone": ""},
    )
    assert Quote.objects.get(pk=quote.pk).publication_status == Publication.SCHEDULED
    url = _url(quote, "change")

    response = editor_client.post(
        url, form_data(editor_client.get(url), "quote_form", {"film": make_film().pk})
    )

    assert "only press officers can make something public" in response.content.decode()
    assert not Quote.objects.filter(pk=quote.pk, film__publication_status="published").exists()


def test_cancelling_after_the_moment_keeps_what_happened(client, press_client, draft):
    appears = (timezone.now() + HOUR).replace(second=0, microsecond=0)
    press_client.post(_url(draft, "schedule"), {**_moment(appears), "time_zone": "Asia/Almaty"})

    with time_machine.travel(appears + datetime.timedelta(minutes=1)):
        response = press_client.post(_url(draft, "schedule"), {"cancel": "1"})
        assert client.get("/films/la-tregua/").status_code == 200

    assert "has happened" in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication_status == Publication.PUBLISHED


def test_changing_only_the_zone_keeps_the_moment(press_client, draft):
    appears = (timezone.now() + 5 * HOUR).replace(second=0, microsecond=0)
    press_client.post(_url(draft, "schedule"), {**_moment(appears), "time_zone": "Asia/Almaty"})
    url = _url(draft, "schedule")

    press_client.post(
        url, form_data(press_client.get(url), "schedule_form", {"time_zone": "Europe/Madrid"})
    )

    draft.refresh_from_db()
    assert (draft.publish_at, draft.schedule_time_zone) == (appears, "Europe/Madrid")


def test_a_quote_over_several_lines_is_named_on_one_line_in_the_email(editor_client, press_officer):
    quote = make_quote(text="A truce\nin the steppe.", publication_status=DRAFT)

    with committed():
        editor_client.post(_url(quote, "review"), {"action": "submit", "note": ""})

    assert (
        mail.outbox[-1].subject
        == "For review: \u201cA truce in the steppe.\u201d (A critic) (quote)"
    )
