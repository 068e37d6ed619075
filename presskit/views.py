"""The public press pages: home, films, people, press releases and coverage.

Every read goes through `published()` (or `visible_to(user)` on detail pages,
so that staff can preview a draft before it goes out).
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from config.lib.csp import allow_frames
from config.lib.page_cache import canonical_query, public_page
from config.lib.text import fold
from festivals.models import Screening
from festivals.structured_data import screening_event
from festivals.time_zones import ZONE_CHOICE

from .film_page import CreditRow, Named, film_page
from .kit.listing import press_kit
from .models import Asset, Coverage, Credit, Film, Person, PressRelease, Quote, Rendition
from .publishing.http import private_preview
from .publishing.models import (
    Audience,
    Publication,
    can_preview,
    moment_said,
    reader_zone,
    sees_more_than_public,
    valid_accreditation,
)
from .structured_data import movie, news_article, person_data, video_object


@require_GET
@public_page(cookies=ZONE_CHOICE)
def home(request: HttpRequest) -> HttpResponse:
    screenings = Screening.objects.published().for_listing()
    upcoming = list(screenings.upcoming()[:8])
    response = render(
        request,
        "presskit/home.html",
        {
            "films": Film.objects.listed_for(request.user)
            .for_cards()
            .order_by("-year", "title")[:12],
            "screenings": upcoming or list(screenings.past()[:8]),
            "screenings_are_past": not upcoming,
            "releases": PressRelease.objects.listed_for(request.user)
            .for_cards()
            .newest_first()[:5],
        },
    )
    return _private_if_more_than_public(request, response, Film, PressRelease)


def _offers_desk_links(user) -> bool:
    """Accredited journalists make links for their picture desk (presskit/accreditation/desk.py)."""
    return valid_accreditation(user) is not None and not user.is_staff


def _private_if_more_than_public(request, response, *models):
    """A page showing this visitor more than the public sees is theirs alone (never cached)."""
    return private_preview(response) if sees_more_than_public(request.user, *models) else response


def preview_notice(record, link=None) -> str:
    """The banner over a preview: what the record waits for, and until when a shared link works."""
    said = {
        Publication.DRAFT: "this is a draft",
        Publication.REVIEW: "this is a draft waiting for review",
        Publication.SCHEDULED: "this is scheduled",
    }.get(record.publication_status, "this is not public yet")
    if record.publication_status == Publication.SCHEDULED and record.publish_at:
        said += f" for {moment_said(record.publish_at, record.schedule_zone())}"
    text = f"Preview: {said}. The public cannot see this page yet."
    if link is not None:
        until = moment_said(link.expires_at, settings.PRESS_OFFICE_TIME_ZONE)
        text += f" Shared with you by the press office: please do not pass it on. The link works until {until}."
    return text


class PreviewMixin:
    """Detail pages that staff may open as drafts, and accredited journalists before the public.

    What the visitor may open is `visible_to()`. A page the public cannot
    see yet is for the one who asked: never kept by a browser or a proxy,
    never indexed; staff see it marked as a preview, journalists with its
    embargo stated (in their zone too).
    """

    # A link a press officer shared for someone with no account (presskit/previews.py):
    # the page shows its one record, whatever the visitor may open.
    shared_link = None

    def get_queryset(self):
        if self.shared_link is not None:
            return self.shared_link.shown()
        return self.model.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        early = not self.object.is_published()
        context["early"] = early
        if early and (self.shared_link or can_preview(self.request.user, self.model)):
            context["preview"] = preview_notice(self.object, self.shared_link)
        context["reader_zone"] = reader_zone(self.request.user)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["early"]:
            private_preview(response)
        return response


class FilmListView(ListView):
    template_name = "presskit/film_list.html"
    context_object_name = "films"

    def get_queryset(self):
        # Accredited journalists also find films under embargo, marked as such.
        return Film.objects.listed_for(self.request.user).for_cards().order_by("-year", "title")

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return _private_if_more_than_public(self.request, response, Film)


film_list = public_page(FilmListView.as_view())


class FilmDetailView(PreviewMixin, DetailView):
    model = Film

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        page = film_page(film)
        upcoming = [screening for screening in page.screenings if screening.is_upcoming()]
        past = [screening for screening in page.screenings if not screening.is_upcoming()][::-1]
        context.update(
            crew_sections=_crew_sections(page.crew),
            cast=page.cast,
            companies=page.companies,
            quotes=page.quotes,
            awards=page.awards,
            upcoming_screenings=upcoming,
            past_screenings=past,
            coverage=page.coverage,
            stills=page.stills,
            videos=page.videos,
            # The reviews embargo is told to the press (pages kept per audience and zone).
            for_press=self.request.user.is_staff
            or valid_accreditation(self.request.user) is not None,
            structured_data={
                "@context": "https://schema.org",
                "@graph": [
                    movie(film, credits=page.credits, companies=page.companies, awards=page.awards),
                    *(screening_event(screening) for screening in page.screenings),
                    *(video_object(video) for video in page.videos),
                ],
            },
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # Frames from the video hosts its trailers and clips play from, and no other.
        return allow_frames(self.request, response, _frame_origins(context["videos"]))


film_detail = public_page(FilmDetailView.as_view(), cookies=ZONE_CHOICE)


def _frame_origins(videos) -> set[str]:
    return {video.video_link.frame_origin for video in videos if video.video_link}


def _crew_sections(credits: list[CreditRow]) -> list[tuple[str, list[tuple[Named, list[str]]]]]:
    """The crew under headings, in billing order: directed by, screenplay, produced by, crew.

    Each heading lists a person once, with every role they hold under it.
    """
    sections, placed = [], set()
    for heading, roles in (*Credit.CREW_SECTIONS, (_("Crew"), None)):
        members: dict[int, tuple[Named, list[str]]] = {}
        for credit in credits:
            if credit.role in roles if roles else credit.role not in placed:
                _person, details = members.setdefault(credit.person_id, (credit.person, []))
                if credit.role_detail:
                    details.append(credit.role_detail)
        placed.update(roles or ())
        if members:
            sections.append((heading, list(members.values())))
    return sections


class FilmPressKitView(PreviewMixin, DetailView):
    """/films/<slug>/press-kit/: every file the visitor may have, its sizes, and the ZIP."""

    model = Film
    template_name = "presskit/press_kit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kit = press_kit(self.object, self.request.user)
        pictures = [asset for asset in kit.assets if asset.is_image and asset.sizes]
        context.update(
            kit=kit,
            desk_links=_offers_desk_links(self.request.user),
            kit_bytes=kit.zip_size,
            pictures=pictures,
            documents=[asset for asset in kit.assets if not asset.is_image],
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # Staff see the kit's drafts, journalists its files for the press and under
        # embargo, even on a published film: theirs alone.
        return _private_if_more_than_public(self.request, response, Asset)


film_press_kit = public_page(FilmPressKitView.as_view())


class AssetDetailView(PreviewMixin, DetailView):
    """/assets/<id>/: one file's own page, with each size the visitor may have.

    Its embargo, if one holds it, is stated in full for the journalists who
    see it early, as on every page they read before the public.
    """

    model = Asset
    template_name = "presskit/asset_detail.html"
    context_object_name = "asset"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("film", "person").prefetch_related("renditions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.object.keep_sizes_open_for(self.request.user)
        context["desk_links"] = _offers_desk_links(self.request.user)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response = allow_frames(self.request, response, _frame_origins([self.object]))
        return _private_if_more_than_public(self.request, response, Asset)


asset_detail = public_page(AssetDetailView.as_view())


class PersonDetailView(PreviewMixin, DetailView):
    model = Person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        # Shown as the public will see them once this person is published.
        public = {"assuming": ("person",)}
        credits = list(
            Credit.objects.published(**public)
            .filter(person=person)
            .select_related("film")
            .order_by("-film__year", "film__title", "billing_order")
        )
        context.update(
            credits=credits,
            headshot=_headshot(person),
            quotes=Quote.objects.published(assuming=("speaker",))
            .filter(speaker=person)
            .select_related("outlet", "film"),
            structured_data={
                "@context": "https://schema.org",
                **person_data(person),
            },
        )
        return context


person_detail = public_page(PersonDetailView.as_view())


def _headshot(person: Person) -> Asset | None:
    """The person's first public headshot, as it will show once the person is published."""
    headshot = (
        Asset.objects.published(assuming=("person",))
        .filter(person=person, kind=Asset.Kind.HEADSHOT)
        .prefetch_related(Prefetch("renditions", queryset=Rendition.objects.order_by("width")))
        .order_by("order", "pk")
        .first()
    )
    if headshot is not None:
        headshot.keep_sizes_open_to(Audience.PUBLIC)
    return headshot


class PagedList(ListView):
    """A list in pages; each page is kept by the page cache under its one address."""

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        page = context.get("page_obj")
        canonical_query(response, [("page", page.number)] if page and page.number > 1 else [])
        return response


class PressReleaseListView(PagedList):
    template_name = "presskit/pressrelease_list.html"
    context_object_name = "releases"
    paginate_by = 20

    def get_queryset(self):
        # Accredited journalists also find releases under embargo, marked as such.
        return PressRelease.objects.listed_for(self.request.user).for_cards().newest_first()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return _private_if_more_than_public(self.request, response, PressRelease)


news_list = public_page(PressReleaseListView.as_view(), query=("page",))


class PressReleaseDetailView(PreviewMixin, DetailView):
    model = PressRelease
    context_object_name = "release"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "film", "screening__film", "screening__venue", "screening__edition__festival"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = {
            "@context": "https://schema.org",
            **news_article(self.object),
        }
        return context


news_detail = public_page(PressReleaseDetailView.as_view(), cookies=ZONE_CHOICE)


class CoverageListView(PagedList):
    template_name = "presskit/coverage_list.html"
    context_object_name = "clippings"
    paginate_by = 50

    def get_queryset(self):
        return (
            Coverage.objects.published()
            .select_related("outlet", "film")
            .order_by("-published_on", "-pk")
        )


coverage_list = public_page(CoverageListView.as_view(), query=("page",))


# How many of each kind a search shows: enough to find one, never a dump of the catalogue.
SEARCH_SHOWN = 20


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=: films, people, releases, quotes and screenings found by their words.

    In any script and without accents or case ("aliya", "Алия" and "Әлия"
    find Әлия Қасымова), each kind through the gate as its lists show it to
    this visitor. Not kept by the page cache: its queries are free text.
    """
    query = " ".join(request.GET.get("q", "").split())[:100]
    words = fold(query).split()
    groups = []
    searched = sum(len(word) for word in words) >= 2  # one letter would find everything
    if searched:

        def found(records):
            for word in words:
                records = records.filter(search_text__contains=word)
            return list(records[:SEARCH_SHOWN])

        user = request.user
        groups = [
            (
                "films",
                _("Films"),
                found(Film.objects.listed_for(user).for_cards().order_by("title")),
            ),
            ("people", _("People"), found(Person.objects.listed_for(user).order_by("name"))),
            (
                "news",
                _("Press releases"),
                found(PressRelease.objects.listed_for(user).for_cards().newest_first()),
            ),
            (
                "quotes",
                _("What they said"),
                found(Quote.objects.listed_for(user).select_related("film", "speaker", "outlet")),
            ),
            (
                "screenings",
                _("Screenings"),
                found(Screening.objects.listed_for(user).for_listing().in_schedule_order()),
            ),
        ]
    response = render(
        request,
        "presskit/search.html",
        {
            "query": query,
            "searched": searched,
            "groups": [group for group in groups if group[2]],
            "reader_zone": reader_zone(request.user),
        },
    )
    return _private_if_more_than_public(
        request, response, Film, Person, PressRelease, Quote, Screening
    )
