"""The public schedule: every screening, filterable, as a page and as a calendar."""

from django.db.models import BooleanField, Case, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from config.lib.prepared import PreparedList, PreparedQuery
from config.lib.public_cache import public_page

from .calendar import calendar_response
from .filters import ScreeningFilter
from .models import Award, Edition, Festival, Screening
from .structured_data import screening_event


def _schedule_order(queryset, now, filtered_by_date: bool):
    """Upcoming screenings first, soonest first, then past ones, latest first.

    With a date range the visitor chose, simply in order of time.
    """
    if filtered_by_date:
        return queryset.order_by("starts_at", "pk")
    return queryset.annotate(
        is_past_flag=Case(
            When(starts_at__lt=now, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).order_by(
        "is_past_flag",
        Case(When(starts_at__gte=now, then="starts_at")).asc(),
        Case(When(starts_at__lt=now, then="starts_at")).desc(),
        "pk",
    )


def _schedule(now, **filters):
    dated = "date_after" in filters or "date_before" in filters
    return _schedule_order(
        ScreeningFilter.apply(Screening.objects.published(), filters), now, dated
    )


# The schedule, prepared once per combination of filters (config/lib/prepared.py).
SCHEDULE = PreparedQuery(
    _schedule,
    fields=[
        "kind",
        "status",
        "title",
        "starts_at",
        "ends_at",
        "previous_starts_at",
        "time_zone",
        "city",
        "country",
        "local_date",
        "notes",
        "tickets_url",
        "film__title",
        "film__slug",
        "film__runtime_minutes",
        "venue__name",
        "venue__city",
        "venue__address",
        "edition__year",
        "edition__number",
        "edition__festival__name",
        "edition__festival__short_name",
        "edition__festival__slug",
    ],
)


class ScreeningListView(FilterView):
    filterset_class = ScreeningFilter
    template_name = "festivals/screening_list.html"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.filterset_class)
        if not self.filterset.is_bound or self.filterset.is_valid():
            self.object_list = PreparedList(SCHEDULE, now=timezone.now(), **self.filterset.active)
        else:
            self.object_list = []
        return self.render_to_response(self.get_context_data(filter=self.filterset))

    def get_queryset(self):
        return Screening.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The filters as understood (a typed "astana" reads "Astana"), for page and calendar links.
        query = self.filterset.data.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        context["filtered"] = any(value for key, value in query.items())
        context["structured_data"] = {
            "@context": "https://schema.org",
            "@graph": [screening_event(screening) for screening in context["object_list"]],
        }
        return context


screening_list = public_page(ScreeningListView.as_view())


@require_GET
@public_page
def screening_calendar(request: HttpRequest) -> HttpResponse:
    """/screenings.ics: the same filters as /screenings/, as a calendar to import or subscribe to."""
    filterset = ScreeningFilter(request.GET, queryset=Screening.objects.published().for_listing())
    if not filterset.is_valid():
        problems = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in filterset.errors.items()
        )
        return HttpResponseBadRequest(
            f"Cannot make this calendar: {problems}", content_type="text/plain; charset=utf-8"
        )
    screenings = filterset.qs.order_by("starts_at", "pk")
    film = filterset.form.cleaned_data.get("film")
    titles = dict(filterset.form.fields["film"].choices)
    name = f"{titles[film]} screenings" if film else "Screenings"
    return calendar_response(screenings, name=name, filename="screenings.ics")


@require_GET
@public_page
def screening_event_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """/screenings/<id>.ics: one screening, for an "add to calendar" link."""
    screening = get_object_or_404(Screening.objects.published().for_listing(), pk=pk)
    return calendar_response(
        [screening],
        name=f"{screening.film.title} screening",
        filename=f"screening-{screening.pk}.ics",
    )


class FestivalListView(ListView):
    template_name = "festivals/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return Festival.objects.order_by("name").prefetch_related("editions")


festival_list = public_page(FestivalListView.as_view())


class FestivalDetailView(DetailView):
    model = Festival
    slug_url_kwarg = "slug"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editions"] = self.object.editions.order_by("-year")
        return context


festival_detail = public_page(FestivalDetailView.as_view())


class EditionDetailView(DetailView):
    """One year of a festival and its programme."""

    model = Edition
    context_object_name = "edition"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Edition.objects.select_related("festival"),
            festival__slug=self.kwargs["slug"],
            year=self.kwargs["year"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.object
        screenings = list(
            Screening.objects.published()
            .filter(edition=edition)
            .for_listing()
            .order_by("starts_at", "pk")
        )
        context.update(
            screenings=screenings,
            awards=Award.objects.published()
            .filter(edition=edition)
            .select_related("film", "person"),
            other_editions=edition.festival.editions.exclude(pk=edition.pk).order_by("-year"),
            structured_data={
                "@context": "https://schema.org",
                "@graph": [screening_event(screening) for screening in screenings],
            },
        )
        return context


edition_detail = public_page(EditionDetailView.as_view())
