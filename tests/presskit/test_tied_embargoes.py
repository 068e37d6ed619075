"""Embargoes stated relative to a screening ("reviews from the start of the premiere").

The moment follows the screening: when it moves, every channel (the public
pages and their cache, the journalist's notices, the ZIP, the PDF) follows
the new moment, and journalists who were told the old one are told anew.
"""

import datetime
import io
import re
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse
from pypdf import PdfReader

from festivals.models import Screening
from presskit.accreditation.sending import send_release
from presskit.bookings import services
from presskit.models import AuditEntry, PressRelease

from ..admin_forms import form_data
from ..factories import (
    committed,
    make_accreditation,
    make_edition,
    make_film,
    make_picture,
    make_release,
    make_screening,
    make_venue,
    signed_in,
)

pytestmark = pytest.mark.django_db

PREMIERE = datetime.datetime(2026, 9, 20, 19, 0, tzinfo=datetime.UTC)  # 21:00 San Sebastián
MOVED = PREMIERE + datetime.timedelta(hours=2)
BEFORE = PREMIERE - datetime.timedelta(days=3)


@pytest.fixture(autouse=True)
def _days_before():
    with time_machine.travel(BEFORE, tick=False):
        yield


@pytest.fixture
def premiere():
    film = make_film(title="La Tregua", slug="la-tregua", runtime_minutes=100)
    return make_screening(film=film, kind=Screening.Kind.WORLD_PREMIERE, starts_at=PREMIERE)


def _move(screening, to):
    screening.starts_at = to
    with committed():
        screening.save()


def test_a_release_tied_to_the_premiere_lifts_when_it_starts_and_moves_with_it(client, premiere):
    release = make_release(
        film=premiere.film,
        slug="reviews-in",
        title="La Tregua premieres tonight",
        embargo_screening=premiere,
        embargo_minutes_after=30,
    )
    assert release.embargo_until == PREMIERE + datetime.timedelta(minutes=30)
    assert release.embargo_zone() == "Europe/Madrid"
    page = reverse("presskit:news-detail", args=["reviews-in"])
    assert client.get(page).status_code == 404  # and cached as the public's answer

    _move(premiere, MOVED)

    release.refresh_from_db()
    assert release.embargo_until == MOVED + datetime.timedelta(minutes=30)
    [logged] = AuditEntry.objects.all()  # in the audit log, with what it was
    assert (logged.action, logged.what) == (AuditEntry.Action.EMBARGO, release.title)
    assert "(was: 20 Sep 2026 21:30 Madrid time (19:30 UTC))" in logged.detail
    with time_machine.travel(PREMIERE + datetime.timedelta(minutes=31), tick=False):
        assert client.get(page).status_code == 404  # the old moment lifts nothing
    with time_machine.travel(MOVED + datetime.timedelta(minutes=31), tick=False):
        assert client.get(page).status_code == 200


def test_journalists_sent_the_release_are_told_the_new_moment(premiere, press_officer):
    journalist = make_accreditation(name="Dana Abenova")
    release = make_release(film=premiere.film, embargo_screening=premiere)
    with committed():
        send_release(release, by=press_officer)
    mail.outbox.clear()

    _move(premiere, MOVED)

    [email] = mail.outbox
    assert email.to == [journalist.email]
    assert email.subject == f"Embargo moved: the release \u201c{release.title}\u201d"
    assert "Now: EMBARGOED until 20 Sep 2026 23:00 Madrid time (21:00 UTC)" in email.body
    assert "Before: 20 Sep 2026 21:00 Madrid time (19:00 UTC)" in email.body


def test_a_whole_kit_tied_to_a_screenings_end_follows_it_in_the_zip_and_the_pdf(premiere):
    film = premiere.film
    film.embargo_screening, film.embargo_from_end = premiere, True
    film.save()
    make_picture(film, title="Premiere still", name="still.jpg")
    journalist = signed_in(make_accreditation().user)

    _move(premiere, MOVED)

    ends = MOVED + datetime.timedelta(minutes=100)  # 00:40 the next day in San Sebastián
    film.refresh_from_db()
    assert film.embargo_until == ends
    response = journalist.get(reverse("presskit:film-press-kit-zip", args=[film.slug]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    said = "EMBARGOED until 21 Sep 2026 00:40 Madrid time (22:40 UTC on 20 Sep)"
    assert "EMBARGOED until 21 Sep 2026 00.40 Madrid time" in response["Content-Disposition"]
    assert said in archive.read("EMBARGO NOTICE.txt").decode()
    notes = journalist.get(reverse("presskit:film-press-notes", args=[film.slug]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(notes.content)).pages)
    assert said in text


def test_a_still_under_the_tied_kit_embargo_states_the_new_moment_in_its_own_terms(premiere):
    film = premiere.film
    film.embargo_screening = premiere
    with committed():
        film.save()
    still = make_picture(film, usage_terms="Editorial use only.")

    def terms(size):
        content = still.renditions.get(size=size).file.read()
        return re.search(rb"<xmpRights:UsageTerms>.*?<rdf:li[^>]*>(.*?)</rdf:li>", content)[1]

    assert terms("print") == (
        b"EMBARGOED until 20 Sep 2026 21:00 Madrid time (19:00 UTC). Editorial use only."
    )

    _move(premiere, MOVED)

    for size in ("thumb", "web", "print"):
        assert terms(size).startswith(b"EMBARGOED until 20 Sep 2026 23:00 Madrid time (21:00 UTC).")


def test_the_reviews_embargo_is_shown_to_journalists_and_follows_the_premiere(client, premiere):
    film = premiere.film
    film.reviews_embargo_screening = premiere
    film.save()
    journalist = signed_in(make_accreditation(time_zone="Asia/Almaty").user)
    url = film.get_absolute_url()

    press_page = journalist.get(url).content.decode()
    assert "Reviews embargoed until" in press_page
    assert "20 September 2026, 21:00 Madrid time" in press_page
    assert "21 September, 00:00 Almaty time, your time" in press_page
    assert "Reviews embargoed" not in client.get(url).content.decode()

    _move(premiere, MOVED)

    assert "20 September 2026, 23:00 Madrid time" in journalist.get(url).content.decode()
    with time_machine.travel(MOVED + datetime.timedelta(minutes=1), tick=False):
        assert "Reviews embargoed" not in journalist.get(url).content.decode()


def test_journalists_booked_at_its_press_screening_read_the_reviews_embargo_and_hear_it_move(
    premiere,
):
    film = premiere.film
    film.reviews_embargo_screening = premiere
    film.save()
    press_screening = make_screening(
        film=film,
        kind=Screening.Kind.PRESS,
        seats=10,
        starts_at=PREMIERE - datetime.timedelta(hours=10),
    )
    accreditation = make_accreditation()
    with committed():
        services.book(screening_id=press_screening.pk, accreditation=accreditation)
    [booked] = mail.outbox
    assert "Reviews embargoed until 20 Sep 2026 21:00 Madrid time (19:00 UTC)" in booked.body
    mail.outbox.clear()

    _move(premiere, MOVED)

    [email] = mail.outbox
    assert email.subject == "Embargo moved: reviews of La Tregua"
    assert "Now: Reviews embargoed until 20 Sep 2026 23:00 Madrid time" in email.body


def test_a_press_officer_ties_an_embargo_to_a_screening_in_the_admin(press_client, premiere):
    release = make_release(film=premiere.film, publication_status="draft")
    url = reverse("admin:presskit_pressrelease_change", args=[release.pk])
    page = press_client.get(url)

    both = press_client.post(
        url,
        form_data(
            page,
            "pressrelease_form",
            {
                "embargo_until_0": "2026-09-20",
                "embargo_until_1": "22:00",
                "embargo_screening": str(premiere.pk),
            },
        ),
    )
    tied = press_client.post(
        url,
        form_data(
            page,
            "pressrelease_form",
            {"embargo_screening": str(premiere.pk), "embargo_minutes_after": "15"},
        ),
    )

    assert "Type a time, or tie the embargo to a screening below: not both." in (
        both.content.decode()
    )
    assert tied.status_code == 302
    release.refresh_from_db()
    assert release.embargo_until == PREMIERE + datetime.timedelta(minutes=15)
    assert release.embargo_time_zone == "Europe/Madrid"
    help_text = press_client.get(url).content.decode()
    assert "Follows the screening below: 20 Sep 2026 21:15 Madrid time" in help_text


def test_a_screening_an_embargo_is_tied_to_cannot_be_deleted(premiere):
    make_release(film=premiere.film, embargo_screening=premiere)

    with pytest.raises(ProtectedError):
        premiere.delete()
    assert PressRelease.objects.get().embargo_screening == premiere


# What the review asked for.


def test_an_editor_cannot_move_a_screening_that_embargoes_follow(editor_client, premiere):
    make_release(film=premiere.film, title="Tonight", embargo_screening=premiere)
    url = reverse("admin:festivals_screening_change", args=[premiere.pk])

    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            "screening_form",
            {"starts_at_0": "2026-09-20", "starts_at_1": "10:00"},  # eleven hours earlier
        ),
    )

    assert "1 embargoes follow this screening (Tonight): only a press officer can move it." in (
        response.content.decode()
    )
    premiere.refresh_from_db()
    assert premiere.starts_at == PREMIERE
    assert PressRelease.objects.get().embargo_until == PREMIERE


def test_an_editor_cannot_move_it_through_its_editions_inline_either(editor_client, premiere):
    edition = make_edition()
    Screening.objects.filter(pk=premiere.pk).update(edition=edition)
    make_release(film=premiere.film, embargo_screening=premiere)
    url = reverse("admin:festivals_edition_change", args=[edition.pk])
    data = form_data(editor_client.get(url), "edition_form")
    row = next(n for n in range(2) if data.get(f"screenings-{n}-id") == str(premiere.pk))
    data[f"screenings-{row}-starts_at_0"] = "2026-09-19"

    response = editor_client.post(url, data)

    assert "only a press officer can move it" in response.content.decode()
    assert PressRelease.objects.get().embargo_until == PREMIERE


def test_a_kit_and_its_reviews_tied_to_one_premiere_both_move_and_both_are_told(premiere):
    film = premiere.film
    film.embargo_screening = film.reviews_embargo_screening = premiere
    film.reviews_embargo_minutes_after = 30
    film.save()
    press_screening = make_screening(
        film=film, kind=Screening.Kind.PRESS, seats=5, starts_at=PREMIERE - timedelta(hours=8)
    )
    with committed():
        services.book(screening_id=press_screening.pk, accreditation=make_accreditation())
    mail.outbox.clear()

    _move(premiere, MOVED)

    film.refresh_from_db()
    assert (film.embargo_until, film.reviews_embargo_until) == (
        MOVED,
        MOVED + timedelta(minutes=30),
    )
    assert sorted(email.subject for email in mail.outbox) == [
        "Embargo moved: reviews of La Tregua",
        "Embargo moved: the press kit of La Tregua",
    ]


def test_no_one_is_told_of_a_file_they_may_not_see(premiere):
    make_picture(
        premiere.film,
        title="Staff-only key art",
        name="key.jpg",
        access="staff",
        embargo_screening=premiere,
    )
    press_screening = make_screening(
        film=premiere.film,
        kind=Screening.Kind.PRESS,
        seats=5,
        starts_at=PREMIERE - timedelta(hours=8),
    )
    with committed():
        services.book(screening_id=press_screening.pk, accreditation=make_accreditation())
    mail.outbox.clear()

    _move(premiere, MOVED)

    assert mail.outbox == []


def test_a_draft_screening_is_not_named_to_journalists(premiere, press_officer):
    Screening.objects.filter(pk=premiere.pk).update(publication_status="draft")
    premiere.refresh_from_db()
    make_accreditation()
    release = make_release(film=premiere.film, embargo_screening=premiere)
    with committed():
        send_release(release, by=press_officer)
    mail.outbox.clear()

    _move(premiere, MOVED)

    [email] = mail.outbox
    assert "has moved with the screening it is tied to." in email.body
    assert premiere.venue.name not in email.body


def test_the_cached_press_page_drops_the_reviews_notice_when_it_lifts(premiere):
    film = premiere.film
    film.reviews_embargo_screening, film.reviews_embargo_minutes_after = premiere, 12
    film.save()
    journalist = signed_in(make_accreditation().user)
    url = film.get_absolute_url()
    # Kept after the premiere starts (a change moment of its own), until the lift.
    with time_machine.travel(PREMIERE + timedelta(minutes=10), tick=False):
        for _ in range(2):  # given a pass, then stored for the press
            assert "Reviews embargoed until" in journalist.get(url).content.decode()
        page = journalist.get(url)
        assert page["X-Public-Cache"] == "hit"
        assert "Reviews embargoed until" in page.content.decode()

    # Two minutes on: well within a page's longest stay (PUBLIC_CACHE_SECONDS).
    with time_machine.travel(PREMIERE + timedelta(minutes=13), tick=False):
        assert "Reviews embargoed" not in journalist.get(url).content.decode()


def test_a_lifted_embargo_stays_lifted_when_its_screening_is_corrected(client, premiere):
    release = make_release(film=premiere.film, slug="lifted", embargo_screening=premiere)

    with time_machine.travel(PREMIERE + timedelta(hours=1), tick=False):
        assert client.get(release.get_absolute_url()).status_code == 200
        _move(premiere, PREMIERE + timedelta(hours=3))  # the start is corrected afterwards
        assert client.get(release.get_absolute_url()).status_code == 200
    release.refresh_from_db()
    assert release.embargo_until == PREMIERE


def test_a_cancelled_screening_or_an_end_not_entered_cannot_carry_an_embargo(
    press_client, premiere
):
    release = make_release(film=premiere.film, publication_status="draft")
    url = reverse("admin:presskit_pressrelease_change", args=[release.pk])
    from_end = press_client.post(
        url,
        form_data(
            press_client.get(url),
            "pressrelease_form",
            {"embargo_screening": str(premiere.pk), "embargo_from_end": "on"},
        ),
    )
    Screening.objects.filter(pk=premiere.pk).update(status=Screening.Status.CANCELLED)
    cancelled = press_client.post(
        url,
        form_data(
            press_client.get(url), "pressrelease_form", {"embargo_screening": str(premiere.pk)}
        ),
    )

    assert "Counted from its end needs the screening&#x27;s end time" in from_end.content.decode()
    assert "This screening is cancelled" in cancelled.content.decode()
    release.refresh_from_db()
    assert release.embargo_screening is None


def test_a_move_to_a_venue_in_another_zone_is_read_in_the_new_zone(premiere):
    release = make_release(film=premiere.film, embargo_screening=premiere)
    assert release.embargo_zone() == "Europe/Madrid"

    premiere.venue = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    with committed():
        premiere.save()

    release.refresh_from_db()
    assert release.embargo_zone() == "Asia/Almaty"
    assert "EMBARGOED until 21 Sep 2026 00:00 Almaty time" in release.embargo_text()
