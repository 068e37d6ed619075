"""Every prepared query returns exactly what its plain queryset returns, in the same order."""

import datetime
from functools import reduce

import pytest
import time_machine
from django.utils import timezone

from config.lib.prepared import PreparedList, PreparedQuery
from festivals.filters import PUBLISHED_CHOICES
from festivals.models import Screening
from festivals.views import SCHEDULE
from presskit import film_page
from presskit.models import Asset, Person

from .factories import (
    DRAFT,
    make_asset,
    make_award,
    make_company,
    make_coverage,
    make_credit,
    make_edition,
    make_film,
    make_person,
    make_quote,
    make_screening,
    make_venue,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def _values(instance, fields):
    return [
        reduce(lambda obj, name: getattr(obj, name, None), field.split("__"), instance)
        for field in fields
    ]


def _assert_same(query: PreparedQuery, **params):
    prepared = query(**params)
    plain = list(query.plain(**params))
    assert [obj.pk for obj in prepared] == [obj.pk for obj in plain]
    for ours, theirs in zip(prepared, plain, strict=True):
        assert _values(ours, query.fields) == _values(theirs, query.fields)
    return prepared


@pytest.fixture
def film():
    """A film with some of everything, published and not."""
    film = make_film()
    draft_person = make_person(publication_status=DRAFT)
    make_credit(film=film, person=draft_person, character="Reyes")
    make_credit(film=film, role="director")
    film.company_credits.create(company=make_company(country="KZ"), role="co_production", order=2)
    film.company_credits.create(company=make_company(), role="production", order=1)
    make_quote(film=film, speaker=draft_person, order=2)
    make_quote(film=film, text="Unpublished", publication_status=DRAFT)
    make_quote(film=film, order=1)
    edition = make_edition()
    make_award(film=film, edition=edition, person=make_person())
    make_award(film=film, publication_status=DRAFT)
    make_screening(film=film, edition=edition)
    make_screening(
        film=film, venue=None, kind="theatrical_release", time_zone="Europe/Madrid", country="ES"
    )
    make_screening(film=film, publication_status=DRAFT)
    make_coverage(film=film, published_on=datetime.date(2025, 7, 1), date_precision="month")
    make_coverage(film=film, publication_status=DRAFT)
    make_asset(film=film, kind="still", order=2)
    make_asset(film=film, kind="key_art", order=1)
    make_asset(film=film, kind="still", embargo_until=timezone.now() + HOUR)
    make_asset(film=film, kind="still", person=make_person(publication_status=DRAFT))
    make_asset(film=film, kind="document")
    make_film()  # another film's rows must never appear
    return film


@pytest.mark.parametrize(
    "query",
    [
        film_page.CREDITS,
        film_page.COMPANIES,
        film_page.QUOTES,
        film_page.AWARDS,
        film_page.SCREENINGS,
        film_page.COVERAGE,
    ],
    ids=["credits", "companies", "quotes", "awards", "screenings", "coverage"],
)
def test_film_page_queries_match_their_querysets(film, query):
    assert _assert_same(query, film=film.pk)


def test_the_published_film_matches_its_queryset(film):
    make_film(slug="draft-film", publication_status=DRAFT)

    (found,) = _assert_same(film_page.PUBLISHED_FILM, slug=film.slug)
    assert found.synopsis == film.synopsis
    assert film_page.PUBLISHED_FILM(slug="draft-film") == []


def test_stills_follow_the_embargo_as_the_queryset_does(film):
    now = timezone.now()
    before = _assert_same(film_page.STILLS, film=film.pk, now=now)
    assert [asset.kind for asset in before] == [Asset.Kind.KEY_ART, Asset.Kind.STILL]

    after = _assert_same(film_page.STILLS, film=film.pk, now=now + 2 * HOUR)
    assert len(after) == 3


def test_related_records_come_attached_without_queries(film, django_assert_num_queries):
    with django_assert_num_queries(1):
        quotes = film_page.QUOTES(film=film.pk)
        names = [quote.speaker.name if quote.speaker else quote.speaker_name for quote in quotes]
        assert all(names)
        assert [quote.outlet for quote in quotes] == [None, None]
    with django_assert_num_queries(1):
        awards = film_page.AWARDS(film=film.pk)
        assert [award.edition.title for award in awards] == [awards[0].edition.title]
        assert isinstance(awards[0].person, Person)


@pytest.fixture
def schedule():
    now = timezone.now()
    astana = make_venue(city="Astana", country="KZ", time_zone="Asia/Almaty")
    kursaal = make_venue(city="San Sebastián")
    edition = make_edition()
    tregua = make_film(slug="la-tregua")
    for days in (-40, -3, 2, 9, 30):
        make_screening(film=tregua, venue=astana, starts_at=now + datetime.timedelta(days=days))
    make_screening(film=make_film(), venue=kursaal, edition=edition, kind="gala", starts_at=now)
    make_screening(
        film=tregua,
        venue=None,
        kind="theatrical_release",
        time_zone="Asia/Almaty",
        country="KZ",
        starts_at=now + datetime.timedelta(days=5),
    )
    make_screening(film=tregua, publication_status=DRAFT)
    make_screening(film=make_film(publication_status=DRAFT))
    return edition


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"city": "Astana"},
        {"film": "la-tregua"},
        {"kind": "gala"},
        {"festival": "x"},
        {"film": "la-tregua", "date_after": datetime.date.today()},
        {"date_before": datetime.date.today() + datetime.timedelta(days=10)},
    ],
    ids=repr,
)
def test_the_schedule_matches_its_queryset_for_each_filter(schedule, filters):
    now = timezone.now()
    plain = list(SCHEDULE.plain(now=now, **filters))
    listed = PreparedList(SCHEDULE, now=now, **filters)

    assert listed.count() == len(plain)
    assert [s.pk for s in listed[0 : len(plain) + 5]] == [s.pk for s in plain]
    assert [s.pk for s in listed[2:4]] == [s.pk for s in plain[2:4]]


def test_the_schedule_filters_by_edition_number(schedule):
    now = timezone.now()
    assert [s.kind for s in SCHEDULE(now=now, edition=schedule.pk)] == [Screening.Kind.GALA]


def test_the_order_moves_with_the_clock(schedule):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        now = timezone.now()
        assert [s.pk for s in SCHEDULE(now=now)] == [s.pk for s in SCHEDULE.plain(now=now)]


def test_choices_match_their_queryset(schedule):
    plain = set(PUBLISHED_CHOICES.plain().values_list(*PUBLISHED_CHOICES.fields))

    assert set(PUBLISHED_CHOICES.rows()) == plain
    assert len(PUBLISHED_CHOICES.rows()) == len(plain)


def test_only_simple_parameters_are_accepted(film):
    with pytest.raises(TypeError, match="not Film"):
        film_page.CREDITS(film=film)


def test_fields_are_loaded_through_foreign_keys_only(film):
    # A reverse relation has many rows per record: it cannot ride along.
    credits_of_people = PreparedQuery(lambda: Person.objects.all(), fields=["credits__character"])

    with pytest.raises(ValueError, match="foreign keys only, not 'credits'"):
        credits_of_people()
