"""A press officer sends a release by email to accredited journalists, embargo stated;
each sending is logged with its recipients, and a journalist can stop these emails."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.accreditation.sending import deliver_release, send_release
from presskit.models import Accreditation, ReleaseSending

from ..factories import committed, make_accreditation, make_edition, make_film, make_release

pytestmark = pytest.mark.django_db


def _accredited(name, country="ES", languages=("es",), **fields) -> Accreditation:
    return make_accreditation(name=name, country=country, languages=list(languages), **fields)


def _send(client, release, **filters):
    with committed():
        return client.post(reverse("admin:presskit_pressrelease_send", args=[release.pk]), filters)


@pytest.fixture
def embargoed(db):
    return make_release(
        title="Premiere in Astana",
        embargo_until=datetime.datetime(2030, 9, 25, 19, 0, tzinfo=datetime.UTC),
        embargo_time_zone="Europe/Madrid",
    )


def test_an_embargoed_release_goes_to_accredited_journalists_with_its_embargo_first(
    press_client, press_officer, embargoed
):
    aigerim = _accredited("Aigerim", country="KZ", languages=("kk", "ru"))
    iker = _accredited("Iker")
    _accredited("Pending", status=Accreditation.Status.PENDING)
    _accredited("Revoked", status=Accreditation.Status.REVOKED)

    response = _send(press_client, embargoed)

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([aigerim.email, iker.email])
    message = mail.outbox[0]
    embargo = "EMBARGOED until 25 Sep 2030 21:00 Madrid time (19:00 UTC)"
    assert message.subject == f"{embargo}: Premiere in Astana"
    assert message.body.startswith(f"{embargo}. Not for publication")
    [sending] = ReleaseSending.objects.all()
    assert sending.sent_by == press_officer
    assert sorted(r["name"] for r in sending.recipients) == ["Aigerim", "Iker"]


def test_filters_choose_by_country_language_and_edition(press_client, embargoed):
    today = timezone.localdate()
    edition = make_edition(
        starts_on=today + datetime.timedelta(days=300), ends_on=today + datetime.timedelta(days=308)
    )
    _accredited("Aigerim", country="KZ", languages=("kk", "ru"))
    _accredited("Iker", country="ES", languages=("es", "eu"))
    # Accredited, but only until before the edition.
    _accredited(
        "Olga", country="KZ", languages=("ru",), valid_until=today + datetime.timedelta(days=30)
    )

    _send(press_client, embargoed, countries=["KZ"], languages=["ru"], edition=edition.pk)

    assert [r["name"] for r in ReleaseSending.objects.get().recipients] == ["Aigerim"]


def test_a_journalist_stops_these_emails_with_one_link_and_gets_no_more(press_client, embargoed):
    aigerim = _accredited("Aigerim")
    _send(press_client, embargoed)
    link = mail.outbox[0].body.rsplit("open this link: ", 1)[1].strip()
    path = link.split("://", 1)[1].split("/", 1)[1]

    asked = Client().get(f"/{path}")
    Client().post(f"/{path}")
    mail.outbox.clear()
    _send(press_client, embargoed)

    assert "Stop these emails" in asked.content.decode()
    aigerim.refresh_from_db()
    assert aigerim.receives_releases is False
    assert mail.outbox == []


def test_drafts_and_staff_only_releases_are_not_sent_and_editors_cannot_send(
    press_client, editor_client
):
    _accredited("Aigerim")
    draft = make_release(publication_status="draft")
    staff_only = make_release(access="staff")

    for release in (draft, staff_only):
        page = _send(press_client, release)
        assert page.status_code == 200
        assert "errornote" in page.content.decode()
    assert (
        editor_client.get(reverse("admin:presskit_pressrelease_send", args=[draft.pk])).status_code
        == 403
    )
    assert mail.outbox == []
    assert not ReleaseSending.objects.exists()


def test_valid_agrees_with_is_valid():
    now = timezone.now()
    states = [
        _accredited("a"),
        _accredited("b", valid_until=timezone.localdate() - datetime.timedelta(days=2)),
        _accredited("c", valid_until=timezone.localdate() + datetime.timedelta(days=2)),
        _accredited("d", status=Accreditation.Status.REVOKED),
        _accredited("e", status=Accreditation.Status.PENDING),
    ]
    inactive = _accredited("f")
    type(inactive.user).objects.filter(pk=inactive.user_id).update(is_active=False)
    states.append(Accreditation.objects.select_related("user").get(pk=inactive.pk))

    assert set(Accreditation.objects.valid(now)) == {a for a in states if a.is_valid(now)}
    assert {a.name for a in Accreditation.objects.valid(now)} == {"a", "c"}


def test_a_release_journalists_may_not_read_is_not_sent(press_client):
    _accredited("Aigerim")
    with_draft_film = make_release(film=make_film(publication_status="draft"))

    page = _send(press_client, with_draft_film)

    assert "Accredited journalists may not read this release" in page.content.decode()
    assert mail.outbox == []


def test_the_worker_sends_only_to_those_still_accredited_when_it_sends(press_officer, embargoed):
    kept, revoked = _accredited("Kept"), _accredited("Revoked")
    sending = send_release(embargoed, by=press_officer)  # logged, not yet sent
    Accreditation.objects.filter(pk=revoked.pk).update(status=Accreditation.Status.REVOKED)

    deliver_release.call(sending_id=sending.pk)

    assert [message.to for message in mail.outbox] == [[kept.email]]
