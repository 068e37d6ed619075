"""The screening schedule's filters, shared by the page and the calendar feed.

Query parameters are a public contract: film and festival by slug, edition
by number, city by name (any case, with or without accents), kind, and a
date range on the local date at the venue: date_after, date_before.

The choices offered are those of the published screenings, read in one
query: a film, festival, edition or city without a public screening is not
offered, and unknown values are refused with a clear error.
"""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.lib.text import fold

from .models import Edition, Festival, Screening


def _published_choices() -> dict[str, list[tuple]]:
    """Every film, festival, edition and city that has a public screening, in one query."""
    films, festivals, editions, cities = {}, {}, {}, set()
    rows = (
        Screening.objects.published()
        .order_by()
        .values_list(
            *("film__slug", "film__title", "edition_id", "edition__year", "edition__number"),
            *("edition__festival__slug", "edition__festival__name"),
            *("edition__festival__latin_name", "edition__festival__cyrillic_name", "city"),
        )
        .distinct()
    )
    for film_slug, film_title, edition_id, year, number, slug, name, latin, cyrillic, city in rows:
        films[film_slug] = film_title
        if edition_id is not None:
            festival = Festival(name=name, latin_name=latin, cyrillic_name=cyrillic)
            festivals[slug] = festival.shown_name
            edition = Edition(pk=edition_id, year=year, number=number, festival=festival)
            editions[edition_id] = edition.title
        if city:
            cities.add(city)
    return {
        "film": sorted(films.items(), key=lambda item: fold(item[1])),
        "festival": sorted(festivals.items(), key=lambda item: fold(item[1])),
        "edition": sorted(editions.items(), key=lambda item: fold(item[1])),
        "city": [(city, city) for city in sorted(cities, key=fold)],
    }


class IdChoiceField(django_filters.fields.ChoiceField):
    def clean(self, value):
        value = super().clean(value)
        return int(value) if value not in (None, "") else None


class IdChoiceFilter(django_filters.ChoiceFilter):
    """A choice of record by its number, cleaned to an int."""

    field_class = IdChoiceField


class ScreeningFilter(django_filters.FilterSet):
    film = django_filters.ChoiceFilter(
        field_name="film__slug", label=_("Film"), empty_label=_("All films")
    )
    festival = django_filters.ChoiceFilter(
        field_name="edition__festival__slug", label=_("Festival"), empty_label=_("All festivals")
    )
    edition = IdChoiceFilter(
        field_name="edition_id", label=_("Edition"), empty_label=_("All editions")
    )
    city = django_filters.ChoiceFilter(label=_("City"), empty_label=_("All cities"))
    kind = django_filters.ChoiceFilter(
        choices=Screening.Kind.choices,
        empty_label=_("All kinds"),
        label=pgettext_lazy("screening", "Kind"),
    )
    date_after = django_filters.DateFilter(
        field_name="local_date",
        lookup_expr="gte",
        label=pgettext_lazy("dates", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = django_filters.DateFilter(
        field_name="local_date",
        lookup_expr="lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Screening
        fields = ["film", "festival", "edition", "city", "kind", "date_after", "date_before"]

    def __init__(self, data=None, *args, queryset=None, **kwargs):
        queryset = queryset if queryset is not None else Screening.objects.published()
        self.choices = _published_choices()
        # A typed "san sebastian" picks "San Sebastián": the city as the schedule spells it.
        if data is not None and data.get("city"):
            wanted = fold(data["city"])
            canonical = next(
                (city for city, _label in self.choices["city"] if fold(city) == wanted), None
            )
            if canonical and canonical != data["city"]:
                data = data.copy()
                data["city"] = canonical
        super().__init__(data, *args, queryset=queryset, **kwargs)
        for name, options in self.choices.items():
            self.form.fields[name].choices = options

    # Filters whose values come from a bounded set: the page cache may keep each page of them.
    BOUNDED = ("film", "festival", "edition", "city", "kind")

    @property
    def qs(self):
        """The filtered screenings in schedule order: by time within a date range the
        visitor chose, else upcoming first (soonest first), then past (latest first)."""
        queryset = super().qs
        cleaned = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        if cleaned.get("date_after") or cleaned.get("date_before"):
            return queryset.order_by("starts_at", "pk")
        return queryset.in_schedule_order()

    def bounded(self) -> list[tuple[str, str]]:
        """The bounded filters the visitor set, each in its one spelling (for the page cache)."""
        if not self.is_bound or not self.is_valid():
            return []
        cleaned = self.form.cleaned_data
        return [
            (name, cleaned[name]) for name in self.BOUNDED if cleaned.get(name) not in (None, "")
        ]

    @property
    def query_string(self) -> str:
        """The filters as understood (a typed "astana" reads "Astana"), for links to other pages."""
        return urlencode([(name, self.data[name]) for name in self.filters if self.data.get(name)])
