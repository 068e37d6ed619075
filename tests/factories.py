"""Small factory functions: each makes one valid record, overridable by keyword."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.utils import timezone

from festivals.models import Award, Edition, Festival, Screening, Venue
from presskit.models import (
    Accreditation,
    Asset,
    Company,
    Coverage,
    Credit,
    Film,
    Outlet,
    Person,
    PressRelease,
    Quote,
)
from presskit.publishing.models import Publication

_numbers = itertools.count(1)
PUBLISHED = Publication.PUBLISHED
DRAFT = Publication.DRAFT
SCHEDULED = Publication.SCHEDULED
REVIEW = Publication.REVIEW


def _n() -> int:
    return next(_numbers)


def make_user(username: str | None = None, **fields):
    username = username or f"user{_n()}"
    user = get_user_model().objects.create_user(
        username=username, password="secret-password", email=f"{username}@example.org", **fields
    )
    return user


def make_accreditation(**fields) -> Accreditation:
    """A journalist's accreditation, approved unless told otherwise, with its own account."""
    user = fields.pop("user", None) or make_user()
    fields = {
        "name": f"Journalist {user.pk}",
        "email": user.email,
        "new_outlet": "El Diario Vasco",
        "role": Accreditation.Role.REPORTER,
        "country": "ES",
        "work_url": "https://example.org/work",
        "status": Accreditation.Status.APPROVED,
        **fields,
    }
    return Accreditation.objects.create(user=user, **fields)


def signed_in(user) -> Client:
    """A browser signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def make_film(**fields) -> Film:
    n = _n()
    fields = {
        "title": f"Film {n}",
        "slug": f"film-{n}",
        "publication_status": PUBLISHED,
        "runtime_minutes": 100,
        **fields,
    }
    return Film.objects.create(**fields)


def make_person(**fields) -> Person:
    n = _n()
    fields = {
        "name": f"Person {n}",
        "slug": f"person-{n}",
        "publication_status": PUBLISHED,
        **fields,
    }
    return Person.objects.create(**fields)


def make_credit(**fields) -> Credit:
    film = fields.pop("film", None) or make_film()
    person = fields.pop("person", None) or make_person()
    order = fields.pop("billing_order", None) or film.credits.count() + 1
    fields = {"role": Credit.Role.CAST, **fields}
    return Credit.objects.create(film=film, person=person, billing_order=order, **fields)


def make_company(**fields) -> Company:
    n = _n()
    return Company.objects.create(**{"name": f"Company {n}", "slug": f"company-{n}", **fields})


def make_outlet(**fields) -> Outlet:
    n = _n()
    return Outlet.objects.create(**{"name": f"Outlet {n}", "slug": f"outlet-{n}", **fields})


def make_quote(**fields) -> Quote:
    fields = {
        "film": fields.pop("film", None) or make_film(),
        "text": "A film about empathy.",
        "speaker_name": "A critic",
        "publication_status": PUBLISHED,
        **fields,
    }
    return Quote.objects.create(**fields)


def make_coverage(**fields) -> Coverage:
    fields = {
        "film": fields.pop("film", None) or make_film(),
        "outlet": fields.pop("outlet", None) or make_outlet(),
        "headline": f"Headline {_n()}",
        "publication_status": PUBLISHED,
        **fields,
    }
    return Coverage.objects.create(**fields)


def make_release(**fields) -> PressRelease:
    n = _n()
    fields = {
        "title": f"Release {n}",
        "slug": f"release-{n}",
        "body": "Text of the release.",
        "publication_status": PUBLISHED,
        **fields,
    }
    return PressRelease.objects.create(**fields)


def make_asset(**fields) -> Asset:
    fields = {
        "film": fields.pop("film", None) or make_film(),
        "file": "assets/still/sample.jpg",
        "caption": "A still",
        "access": Asset.Access.PUBLIC,
        "processing": Asset.Processing.READY,
        "publication_status": PUBLISHED,
        **fields,
    }
    return Asset.objects.create(**fields)


def make_festival(**fields) -> Festival:
    n = _n()
    return Festival.objects.create(**{"name": f"Festival {n}", "slug": f"festival-{n}", **fields})


def make_edition(**fields) -> Edition:
    festival = fields.pop("festival", None) or make_festival()
    fields = {
        "year": 2025,
        "starts_on": datetime.date(2025, 9, 19),
        "ends_on": datetime.date(2025, 9, 27),
        **fields,
    }
    return Edition.objects.create(festival=festival, **fields)


def make_venue(**fields) -> Venue:
    n = _n()
    fields = {
        "name": f"Venue {n}",
        "slug": f"venue-{n}",
        "city": "San Sebastián",
        "country": "ES",
        "time_zone": "Europe/Madrid",
        **fields,
    }
    return Venue.objects.create(**fields)


def make_screening(**fields) -> Screening:
    if "venue" not in fields:  # venue=None is a release without a venue
        fields["venue"] = make_venue()
    fields = {
        "film": fields.pop("film", None) or make_film(),
        "starts_at": timezone.now() + datetime.timedelta(days=7),
        "kind": Screening.Kind.PUBLIC,
        "publication_status": PUBLISHED,
        **fields,
    }
    return Screening.objects.create(**fields)


def make_award(**fields) -> Award:
    fields = {
        "film": fields.pop("film", None) or make_film(),
        "name": "Special award",
        "publication_status": PUBLISHED,
        **fields,
    }
    return Award.objects.create(**fields)


def committed():
    """Run what waits for the transaction to commit, as a real commit would.

    Tests run inside a transaction that never commits; the renditions task
    and the page cache's new generation wait for a commit. Use it around the
    act: `with committed(): client.post(...)`.
    """
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_picture(
    film=None, *, person=None, people=(), kind=Asset.Kind.STILL, content=None, **fields
) -> Asset:
    """A picture uploaded as an editor would, its renditions made: public unless told otherwise."""
    from presskit.services import asset_save, upload_inspect

    from .presskit import files

    upload = files.upload(fields.pop("name", "still.jpg"), content or files.jpeg((1200, 800)))
    fields = {
        "caption": "A still from the shoot.",
        "credit_line": "Courtesy of the production",
        "access": Asset.Access.PUBLIC,
        "publication_status": PUBLISHED,
        **fields,
    }
    asset = Asset(film=film, person=person, kind=kind, file=upload, **fields)
    with committed():
        asset_save(asset=asset, inspected=upload_inspect(upload=upload, kind=kind))
        asset.people.set(people)
    asset.refresh_from_db()
    return asset


# One factory per model with a publication state of its own: each makes a public record.
PUBLISHABLE_FACTORIES = {
    Film: make_film,
    Person: make_person,
    Quote: make_quote,
    Coverage: make_coverage,
    PressRelease: make_release,
    Asset: make_asset,
    Screening: make_screening,
    Award: make_award,
}
