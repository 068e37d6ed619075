"""Journalists apply, confirm their address and sign in; press officers decide; the gate follows.

Emails are read as the journalist would read them (the locmem outbox),
after the request's transaction commits and the task sends them.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presskit.models import Accreditation, Asset, PressRelease
from presskit.publishing.admin import who_sees
from presskit.publishing.models import Access, Publication

from ..admin_forms import form_data
from ..factories import (
    committed,
    make_accreditation,
    make_asset,
    make_film,
    make_outlet,
    make_release,
    make_user,
    signed_in,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Accreditation.Status
PASSWORD = "a long pass phrase 2026"


def _application(**changes) -> dict:
    return {
        "name": "Dana Abenova",
        "email": "Dana.Abenova@Example.KZ",
        "outlet": "",
        "new_outlet": "Kinoman.kz",
        "role": Accreditation.Role.CRITIC,
        "country": "KZ",
        "languages": ["kk", "ru"],
        "time_zone": "Asia/Almaty",
        "work_url": "https://kinoman.kz/reviews/dana",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


def _link(message) -> str:
    """The one address of this site in an email, as a path."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def _apply(client, **changes):
    with committed():
        return client.post(reverse("press:apply"), _application(**changes))


def _accredited(**fields) -> Accreditation:
    if username := fields.pop("username", None):
        fields["user"] = make_user(username)
    fields.setdefault("valid_until", timezone.localdate() + datetime.timedelta(days=30))
    return make_accreditation(**fields)


def _signed_in(accreditation) -> Client:
    return signed_in(accreditation.user)


def test_a_journalist_applies_confirms_and_reaches_the_press_office(client):
    response = _apply(client)

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    accreditation = Accreditation.objects.get()
    assert accreditation.status == Status.UNCONFIRMED
    assert accreditation.user.username == "dana.abenova@example.kz"  # one spelling per address
    assert accreditation.languages == ["kk", "ru"]
    [confirm] = mail.outbox
    assert confirm.to == ["dana.abenova@example.kz"]

    # A GET only asks (mail scanners follow links); the POST confirms.
    link = _link(confirm)
    asked = client.get(link)
    assert "Confirm and send my request" in asked.content.decode()
    accreditation.refresh_from_db()
    assert accreditation.status == Status.UNCONFIRMED

    with committed():
        client.post(link)
    accreditation.refresh_from_db()
    assert accreditation.status == Status.PENDING
    assert accreditation.email_confirmed_at is not None
    assert mail.outbox[-1].subject == "Your accreditation request has reached the press office"


def test_one_account_per_email_whatever_its_case_and_no_stranger_learns_of_it(client):
    _apply(client)
    mail.outbox.clear()

    again = _apply(Client(), email="DANA.abenova@example.kz ", name="Someone else")

    assert again.status_code == 200
    assert "Check your email" in again.content.decode()  # the same answer as a new address
    assert User.objects.count() == 1
    assert Accreditation.objects.get().name == "Dana Abenova"
    [told] = mail.outbox
    assert told.to == ["dana.abenova@example.kz"]
    assert told.subject.startswith("You already have an account")
    assert "Someone else" not in told.body


def test_an_application_never_confirmed_frees_its_address_after_the_link_expires(client):
    _apply(client)
    Accreditation.objects.update(created_at=timezone.now() - datetime.timedelta(days=4))

    again = _apply(Client(), name="Dana A.")

    assert again.status_code == 200
    assert Accreditation.objects.get().name == "Dana A."
    assert User.objects.count() == 1


def test_bad_input_says_what_is_wrong_and_saves_nothing(client):
    not_a_pdf = SimpleUploadedFile(
        "letter.pdf", b"GIF89a not a pdf", content_type="application/pdf"
    )

    response = _apply(
        client,
        new_outlet="",
        password2="something else entirely",
        assignment_letter=not_a_pdf,
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose your outlet from the list, or name it here" in page
    assert "The two passwords differ." in page
    assert "This is a GIF file named .pdf. Upload PDF." in page
    assert not User.objects.exists()
    assert not Accreditation.objects.exists()
    assert mail.outbox == []


def test_an_outlet_on_file_can_be_chosen(client):
    outlet = make_outlet(name="Kazinform")

    _apply(client, outlet=str(outlet.pk), new_outlet="ignored")

    accreditation = Accreditation.objects.get()
    assert accreditation.outlet == outlet
    assert accreditation.new_outlet == ""


def test_a_forged_or_expired_link_is_refused_clearly(client):
    _apply(client)
    link = _link(mail.outbox[0])

    forged = client.post(link[:-3] + "abc/")
    assert forged.status_code == 400
    assert "This link is not valid" in forged.content.decode()

    later = timezone.now() + datetime.timedelta(days=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        expired = client.post(link)
    assert expired.status_code == 400
    assert "This link has expired" in expired.content.decode()
    assert Accreditation.objects.get().status == Status.UNCONFIRMED


def test_journalists_sign_in_with_their_address_in_any_case_and_sign_out_for_good(client):
    _apply(client)

    signed_in = client.post(
        reverse("press:login"), {"username": "DANA.Abenova@example.kz", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert (
        "Email address not confirmed yet" in client.get(reverse("press:account")).content.decode()
    )

    key = client.session.session_key
    client.post(reverse("press:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert "Apply for accreditation" in client.get(reverse("press:account")).content.decode()


def test_a_password_reset_link_is_sent_by_the_worker_and_works(client):
    _apply(client)
    mail.outbox.clear()

    with committed():
        client.post(reverse("press:password-reset"), {"email": "dana.abenova@example.kz"})
    [message] = mail.outbox
    link = _link(message)
    form = client.get(link, follow=True)
    new_password = "another long pass phrase"
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert _sign_in(Client(), "dana.abenova@example.kz", new_password).status_code == 302


# The press office decides


@pytest.fixture
def pending(db):
    return _accredited(status=Status.PENDING, valid_until=None)


def _changelist():
    return reverse("admin:presskit_accreditation_changelist")


def test_press_officers_see_what_the_journalist_gave_and_approve_until_a_day(
    press_client, press_officer, pending
):
    _accredited(username="not-confirmed", status=Status.UNCONFIRMED)
    listed = press_client.get(_changelist()).content.decode()
    assert pending.name in listed
    assert "not-confirmed" not in listed
    assert (
        "El Diario Vasco"
        in press_client.get(
            reverse("admin:presskit_accreditation_change", args=[pending.pk])
        ).content.decode()
    )

    last_day = timezone.localdate() + datetime.timedelta(days=10)
    with committed():
        response = press_client.post(
            _changelist(),
            {
                "action": "approve",
                "_selected_action": [pending.pk],
                "confirm": "yes",
                "valid_until": last_day.isoformat(),
            },
        )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.valid_until, pending.decided_by) == (
        Status.APPROVED,
        last_day,
        press_officer,
    )
    [told] = mail.outbox
    assert told.subject == "You are accredited"
    assert f"until {last_day:%-d %B %Y}" in told.body


def test_refusing_asks_for_a_reason_and_sends_it(press_client, pending):
    url = reverse("admin:presskit_accreditation_decide", args=["refuse", pending.pk])

    asked = press_client.post(url, {"confirm": "yes", "reason": ""})
    assert asked.status_code == 200
    assert "This field is required" in asked.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.PENDING

    with committed():
        press_client.post(url, {"confirm": "yes", "reason": "We could not verify the outlet."})
    pending.refresh_from_db()
    assert pending.status == Status.REFUSED
    assert "We could not verify the outlet." in mail.outbox[-1].body


def test_bulk_decisions_leave_the_rows_they_do_not_apply_to(press_client, pending):
    accredited = _accredited()

    with committed():
        press_client.post(
            _changelist(),
            {
                "action": "refuse",
                "_selected_action": [pending.pk, accredited.pk],
                "confirm": "yes",
                "reason": "Full.",
            },
        )

    pending.refresh_from_db()
    accredited.refresh_from_db()
    assert (pending.status, accredited.status) == (Status.REFUSED, Status.APPROVED)
    assert len(mail.outbox) == 1


def test_editors_can_neither_see_nor_decide(editor_client, pending):
    assert editor_client.get(_changelist()).status_code == 403
    url = reverse("admin:presskit_accreditation_decide", args=["approve", pending.pk])
    assert (
        editor_client.post(url, {"confirm": "yes", "valid_until": "2030-01-01"}).status_code == 403
    )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


# What accreditation opens, and when it stops


@pytest.fixture
def early_release(db):
    return make_release(
        title="Premiere date announced",
        embargo_until=timezone.now() + datetime.timedelta(days=2),
    )


def test_an_accredited_journalist_reads_an_embargoed_release_with_its_embargo(early_release):
    journalist = _signed_in(_accredited(time_zone="Asia/Almaty"))
    url = early_release.get_absolute_url()

    page = journalist.get(url)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Embargoed until" in text
    assert "Madrid time" in text
    assert "Almaty time, your time" in text
    assert "Preview: this is a draft" not in text
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert early_release.title in journalist.get(reverse("presskit:news-list")).content.decode()
    assert Client().get(url).status_code == 404
    assert early_release.title not in Client().get(reverse("presskit:news-list")).content.decode()


def test_press_only_files_open_to_journalists_and_staff_only_files_to_no_journalist(client):
    press_only = make_asset(access=Access.PRESS)
    staff_only = make_asset(access=Access.STAFF)
    release = make_release(access=Access.PRESS)
    journalist = _signed_in(_accredited())

    visible = Asset.objects.visible_to(_accredited(username="other").user)
    assert set(visible) >= {press_only}
    assert staff_only not in visible
    assert journalist.get(release.get_absolute_url()).status_code == 200
    assert client.get(release.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "end",
    [
        {"status": Status.REVOKED},
        {"valid_until": datetime.date(2020, 1, 1)},
        {"user__is_active": False},
        {"status": Status.PENDING},
        {"status": Status.REFUSED},
    ],
    ids=["revoked", "expired", "account deactivated", "pending", "refused"],
)
def test_access_ends_on_the_next_request(early_release, end):
    accreditation = _accredited()
    journalist = _signed_in(accreditation)
    assert journalist.get(early_release.get_absolute_url()).status_code == 200

    if "user__is_active" in end:
        User.objects.filter(pk=accreditation.user_id).update(is_active=False)
    else:
        Accreditation.objects.filter(pk=accreditation.pk).update(**end)

    assert journalist.get(early_release.get_absolute_url()).status_code == 404


def test_revoking_from_the_admin_tells_the_journalist(press_client, early_release):
    accreditation = _accredited()
    journalist = _signed_in(accreditation)

    with committed():
        press_client.post(
            reverse("admin:presskit_accreditation_decide", args=["revoke", accreditation.pk]),
            {"confirm": "yes", "reason": "Broke the embargo of 12 May."},
        )

    assert journalist.get(early_release.get_absolute_url()).status_code == 404
    assert mail.outbox[-1].subject == "Your accreditation has been withdrawn"
    assert "Broke the embargo of 12 May." in mail.outbox[-1].body


def test_the_admin_says_who_sees_each_item_now_and_why(press_client):
    moment = datetime.datetime(2026, 9, 25, 19, 0, tzinfo=datetime.UTC)
    for_the_press = make_release(access=Access.PRESS, embargo_until=moment)
    for_all_later = make_release(embargo_until=moment)
    for_the_office = make_release(access=Access.STAFF)
    for_everyone = make_release()
    draft = make_release(publication_status=Publication.DRAFT)

    with time_machine.travel(moment - datetime.timedelta(days=1)):
        said = {release.pk: who_sees(release) for release in PressRelease.objects.all()}
        listed = press_client.get(reverse("admin:presskit_pressrelease_changelist"))

    # 19:00 UTC on 25 September is 21:00 in Madrid (summer time).
    embargo = "embargoed until 25 Sep 2026 21:00 Madrid time"
    assert said == {
        for_the_press.pk: f"Published · accredited journalists only · {embargo}",
        for_all_later.pk: f"Published · accredited journalists now, anyone once public · {embargo}",
        for_the_office.pk: "Published · staff only",
        for_everyone.pk: "Published · anyone",
        draft.pk: "Draft · staff only",
    }
    assert f"Published · accredited journalists only · {embargo}" in listed.content.decode()


# Signing in is throttled, never locked for good


def _sign_in(client, username, password, url=None):
    return client.post(
        url or reverse("press:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_a_burst_of_wrong_passwords_pauses_that_account_then_lets_it_try_again(client):
    _apply(client)
    client.logout()
    address = "dana.abenova@example.kz"

    answers = [_sign_in(client, address, "wrong guess").status_code for _ in range(5)]
    refused = _sign_in(client, address, PASSWORD)  # even the right one, while it cools off

    assert answers == [200, 200, 200, 200, 429]  # the fifth failure starts the pause
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.content.decode()
    assert "paused for 15 minutes" in refused.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert _sign_in(Client(), address, PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_paused_too(client):
    for n in range(5):
        _sign_in(client, f"someone{n}@example.org", "guess")

    assert _sign_in(client, "another@example.org", "guess").status_code == 429


def test_the_admin_sign_in_is_throttled_the_same_way(client, press_officer):
    url = reverse("admin:login")
    for _ in range(5):
        _sign_in(client, press_officer.username, "wrong", url=url)

    refused = _sign_in(client, press_officer.username, "secret-password", url=url)

    assert refused.status_code == 429


def test_a_signed_in_account_without_accreditation_has_a_page_that_says_so(press_officer):
    page = signed_in(press_officer).get(reverse("press:account"))

    assert page.status_code == 200
    assert press_officer.get_username() in page.content.decode()
    assert "This account has no accreditation" in page.content.decode()


def test_lists_that_show_a_journalist_more_than_the_public_are_private(early_release):
    journalist = _signed_in(_accredited())

    for url in (reverse("presskit:news-list"), reverse("presskit:home")):
        response = journalist.get(url)
        assert early_release.title in response.content.decode()
        assert "no-store" in response["Cache-Control"], url


def test_an_editor_cannot_let_journalists_see_what_they_could_not(editor_client):
    draft_film, public_film = make_film(publication_status="draft"), make_film()
    release = make_release(film=draft_film, access=Access.PRESS)
    url = reverse("admin:presskit_pressrelease_change", args=[release.pk])
    data = form_data(editor_client.get(url), "pressrelease_form")

    data["film"] = str(public_film.pk)
    refused = editor_client.post(url, data)

    assert refused.status_code == 200
    assert "would become visible to accredited journalists" in refused.content.decode()
    release.refresh_from_db()
    assert release.film == draft_film


def test_the_press_office_filters_applications_by_the_states_it_can_see(press_client, pending):
    accredited = _accredited(name="Zhanar Alreadyaccredited")

    page = press_client.get(_changelist(), {"status": Status.PENDING}).content.decode()

    assert pending.name in page
    assert accredited.name not in page
    assert "Email address not confirmed yet" not in page
