"""The public schedule: every screening, filterable, as a page and as a calendar."""

from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from config.lib.page_cache import canonical_query, public_page
from presskit.publishing.http import private_preview

from .calendar import calendar_response
from .filters import ScreeningFilter
from .models import Award, Edition, Festival, Screening
from .structured_data import screening_event
from .time_zones import ZONE_CHOICE, ZONE_COOKIE, chosen_zone, is_time_zone, zone_choices


class ScreeningListView(FilterView):
    filterset_class = ScreeningFilter
    template_name = "festivals/screening_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Screening.objects.published().for_listing()

    def get(self, request, *args, **kwargs):
        # The filters' form sends every field, the empty ones too: the address a visitor
        # keeps, shares or subscribes to names only the filters they set.
        pairs = [(name, value) for name, values in request.GET.lists() for value in values]
        if any(value == "" for _name, value in pairs):
            kept = [(name, value) for name, value in pairs if value != ""]
            return HttpResponseRedirect(
                f"{request.path}?{urlencode(kept)}" if kept else request.path
            )
        response = super().get(request, *args, **kwargs)
        if self.filterset.errors:
            response.page_cache = False  # an error message is this visitor's own
        else:
            page = response.context_data["page_obj"]
            canonical_query(
                response,
                [
                    *self.filterset.bounded(),
                    *([("page", page.number)] if page and page.number > 1 else []),
                ],
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filterset.query_string
        context["query"] = query
        context["filtered"] = bool(query)
        context["set_filters"] = sum(
            1 for name in self.filterset.filters if self.request.GET.get(name)
        )
        # webcal:// makes a calendar app subscribe (and follow changes) rather than import once.
        feed = self.request.build_absolute_uri(reverse("festivals:screening-calendar"))
        context["subscription"] = (
            "webcal://" + feed.split("://", 1)[1] + (f"?{query}" if query else "")
        )
        context["structured_data"] = {
            "@context": "https://schema.org",
            "@graph": [screening_event(screening) for screening in context["object_list"]],
        }
        return context


# Pages of the bounded filters are cached; a date range is rendered afresh.
screening_list = public_page(
    ScreeningListView.as_view(), query=(*ScreeningFilter.BOUNDED, "page"), cookies=ZONE_CHOICE
)


@require_GET
@public_page(query=ScreeningFilter.BOUNDED)
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
    name = (
        gettext("%(film)s screenings") % {"film": titles[film]} if film else gettext("Screenings")
    )
    response = calendar_response(screenings, name=name, filename="screenings.ics")
    canonical_query(response, filterset.bounded())
    return response


@require_GET
@public_page
def screening_event_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """/screenings/<id>.ics: one screening, for an "add to calendar" link.

    A journalist also has the screenings of a film under embargo, from its
    page: theirs alone, as the page is.
    """
    visible = Screening.objects.visible_to(request.user)
    screening = get_object_or_404(
        visible.select_related("film", "venue", "edition__festival"), pk=pk
    )
    response = calendar_response(
        [screening],
        name=gettext("%(film)s screening") % {"film": screening.film.title},
        filename=f"screening-{screening.pk}.ics",
        with_embargo=True,
    )
    return response if screening.is_published() else private_preview(response)


class FestivalListView(ListView):
    template_name = "festivals/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return Festival.objects.order_by("name").prefetch_related(
            Prefetch("editions", queryset=Edition.objects.order_by("-year"))
        )


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


edition_detail = public_page(EditionDetailView.as_view(), cookies=ZONE_CHOICE)


@require_GET
def time_zone(request: HttpRequest) -> HttpResponse:
    """/time-zone/: screening times also in a zone the visitor picks, for the rest of the visit.

    With `?zone=` it keeps the choice (a cookie that ends with the browser's
    session; an empty zone forgets it) and goes back to `next`, one of this
    site's pages. Without, the page to pick it. No JavaScript needed.
    """
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not back.startswith("/"):
        back = reverse("festivals:screening-list")
    wanted = request.GET.get("zone")
    if wanted is None or (wanted and not is_time_zone(wanted)):
        refused = wanted is not None
        error = gettext("“%(zone)s” is not a time zone this site knows. Pick one from the list.")
        return render(
            request,
            "festivals/time_zone.html",
            {
                "back": back,
                "zones": zone_choices(),
                "current": chosen_zone(request),
                "error": error % {"zone": wanted[:64]} if refused else "",
            },
            status=400 if refused else 200,
        )
    response = HttpResponseRedirect(back)
    if wanted:
        response.set_cookie(
            ZONE_COOKIE,
            wanted,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(ZONE_COOKIE, samesite="Lax")
    return response
