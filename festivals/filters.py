"""The screening schedule's filters, shared by the page and the calendar feed.

Query parameters are a public contract: film and festival by slug, edition
by number, city by name (any case, with or without accents), kind, and a
date range on the local date at the venue: date_after, date_before.
"""

import django_filters
from django import forms

from config.lib.text import fold

from .models import Edition, Festival, Screening

Film = Screening._meta.get_field("film").related_model


class ScreeningFilter(django_filters.FilterSet):
    film = django_filters.ModelChoiceFilter(
        queryset=Film.objects.published().order_by("title"),
        to_field_name="slug",
        empty_label="All films",
        label="Film",
    )
    festival = django_filters.ModelChoiceFilter(
        field_name="edition__festival",
        queryset=Festival.objects.order_by("name"),
        to_field_name="slug",
        empty_label="All festivals",
        label="Festival",
    )
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.select_related("festival").order_by("festival__name", "-year"),
        empty_label="All editions",
        label="Edition",
    )
    city = django_filters.CharFilter(method="filter_city", label="City")
    kind = django_filters.ChoiceFilter(
        choices=Screening.Kind.choices, empty_label="All kinds", label="Kind"
    )
    date_after = django_filters.DateFilter(
        field_name="local_date",
        lookup_expr="gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = django_filters.DateFilter(
        field_name="local_date",
        lookup_expr="lte",
        label="Until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Screening
        fields = ["film", "festival", "edition", "city", "kind", "date_after", "date_before"]

    def __init__(self, data=None, *args, **kwargs):
        # Cities as the schedule spells them; a typed "san sebastian" picks "San Sebastián".
        self.cities = sorted(
            {city for city in self._published_cities(kwargs.get("queryset")) if city},
            key=fold,
        )
        if data is not None and data.get("city"):
            canonical = self._canonical_city(data["city"])
            if canonical and canonical != data["city"]:
                data = data.copy()
                data["city"] = canonical
        super().__init__(data, *args, **kwargs)
        self.filters["city"].field.widget = forms.Select(
            choices=[("", "All cities"), *((city, city) for city in self.cities)]
        )
        edition = self.filters["edition"].field
        edition.label_from_instance = lambda item: item.title

    @staticmethod
    def _published_cities(queryset) -> list[str]:
        queryset = queryset if queryset is not None else Screening.objects.published()
        return list(queryset.order_by().values_list("city", flat=True).distinct())

    def _canonical_city(self, value: str) -> str | None:
        wanted = fold(value)
        return next((city for city in self.cities if fold(city) == wanted), None)

    def filter_city(self, queryset, name, value):
        canonical = self._canonical_city(value)
        return queryset.filter(city=canonical) if canonical else queryset.none()
