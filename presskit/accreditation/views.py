"""The journalist's pages: apply, confirm the email address, their own page, and signing in.

None of these pages is kept by the page cache (they are not `public_page`),
and the ones that show a person's own data are private to their browser.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from festivals.models import Screening

from ..bookings.views import feed_url, webcal_url
from ..models import Accreditation, Asset, Film
from ..publishing.http import private_preview
from ..publishing.models import valid_accreditation
from .desk import desk_token, expires_at
from .emails import read_confirmation_token
from .forms import ApplicationForm, EmailAuthenticationForm, QueuedPasswordResetForm
from .sending import read_opt_out_token
from .services import NotAllowed, confirm_email, forget_unconfirmed


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and hasattr(request.user, "accreditation"):
        return redirect("press:account")
    if request.method == "POST":
        forget_unconfirmed(request.POST.get("email", ""))
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # the same answer whether or not the address had an account
        return render(request, "press/apply_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "press/apply.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email. A GET only asks: mail scanners follow links."""
    try:
        content = read_confirmation_token(token)
    except signing.SignatureExpired:
        return _confirm_failed(
            request,
            gettext(
                "This link has expired. Apply again with the same address: your earlier request "
                "is set aside."
            ),
        )
    except signing.BadSignature:
        return _confirm_failed(
            request,
            gettext("This link is not valid. Copy the whole link from the email, or apply again."),
        )
    accreditation = Accreditation.objects.filter(pk=content["a"]).first()
    if accreditation is None:
        return _confirm_failed(
            request, gettext("This request no longer exists. Please apply again.")
        )
    if request.method == "POST":
        try:
            accreditation = confirm_email(accreditation_id=accreditation.pk, email=content["e"])
        except NotAllowed as refusal:
            return _confirm_failed(request, str(refusal))
    return render(request, "press/confirm.html", {"accreditation": accreditation})


def _confirm_failed(request, message: str) -> HttpResponse:
    return render(request, "press/confirm_failed.html", {"message": message}, status=400)


@never_cache
def account(request: HttpRequest) -> HttpResponse:
    """The journalist's own page: their accreditation and what they downloaded.

    Signed out, the same address says what accreditation gives and how to get it.
    """
    if not request.user.is_authenticated:
        return render(request, "press/about.html")
    accreditation = Accreditation.objects.filter(user=request.user).select_related("outlet").first()
    downloads = request.user.downloads.select_related("film").order_by("-downloaded_at")[:50]
    valid = accreditation is not None and accreditation.is_valid()
    bookings = (
        accreditation.bookings.active()
        .filter(screening__starts_at__gte=timezone.now() - datetime.timedelta(days=1))
        .filter(screening__in=Screening.objects.visible_to(request.user))
        .select_related("screening__film", "screening__venue")
        .order_by("screening__starts_at")
        if accreditation
        else []
    )
    return render(
        request,
        "press/account.html",
        {
            "accreditation": accreditation,
            "downloads": downloads,
            "bookings": bookings,
            "feed_url": feed_url(accreditation) if valid else "",
            "webcal_url": webcal_url(accreditation) if valid else "",
            "notices": messages.get_messages(request),
        },
    )


class LoginView(auth_views.LoginView):
    template_name = "press/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Signing out (a POST) ends the session on the server: Django's logout flushes it."""

    template_name = "press/logged_out.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "press/password_reset.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "press/email/password_reset.txt"
    subject_template_name = "press/email/password_reset_subject.txt"
    success_url = reverse_lazy("press:password-reset-done")

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "press/password_reset_confirm.html"
    success_url = reverse_lazy("press:password-reset-complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "press/password_change.html"

    success_url = reverse_lazy("press:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "press/password_change_done.html"


@never_cache
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """The link at the foot of every release sent by email: one click (and a confirm) stops them."""
    try:
        accreditation = Accreditation.objects.get(pk=read_opt_out_token(token))
    except (signing.BadSignature, Accreditation.DoesNotExist):
        return _confirm_failed(
            request, gettext("This link is not valid. Copy the whole link from the email.")
        )
    if request.method == "POST":
        Accreditation.objects.filter(pk=accreditation.pk).update(receives_releases=False)
    return render(
        request,
        "press/opt_out.html",
        {"accreditation": accreditation, "stopped": request.method == "POST"},
    )


@never_cache
@require_http_methods(["POST"])
def opt_in(request: HttpRequest) -> HttpResponse:
    """From the journalist's own page: press releases by email again."""
    if request.user.is_authenticated:
        Accreditation.objects.filter(user=request.user).update(receives_releases=True)
    return redirect("press:account")


@never_cache
@require_http_methods(["GET", "POST"])
def make_desk_link(request: HttpRequest) -> HttpResponse:
    """An accredited journalist makes a link to one file, or a film's kit, for their picture desk.

    GET says what the link will give and for how long; POST makes it. The
    press kit page links here rather than holding the form, so that it
    carries no CSRF token and stays one page for every journalist (cached).
    """
    accreditation = valid_accreditation(request.user)
    # Staff see drafts: a link made with their eyes would show drafts to anyone holding it.
    if accreditation is None or request.user.is_staff:
        raise Http404("Only accredited journalists make links for their picture desk.")
    chosen = request.POST if request.method == "POST" else request.GET
    asset_id, film_id = chosen.get("asset", ""), chosen.get("film", "")
    if asset_id.isdigit():
        asset = get_object_or_404(Asset.objects.visible_to(request.user), pk=int(asset_id))
        target, what = {"asset_id": asset.pk}, asset.label
    elif film_id.isdigit():
        film = get_object_or_404(Film.objects.visible_to(request.user), pk=int(film_id))
        target, what = {"film_id": film.pk}, gettext("the press kit of %(film)s") % {"film": film}
    else:
        raise Http404("Choose a file or a press kit.")
    context = {
        "what": what,
        "chosen": {name.removesuffix("_id"): pk for name, pk in target.items()},
        "expires_at": expires_at(),
        "reader_zone": accreditation.reader_zone(),
    }
    if request.method == "POST":
        token = desk_token(accreditation.pk, **target)
        context["link"] = settings.SITE_URL + reverse("press:desk", args=[token])
    return private_preview(render(request, "press/desk_link.html", context))
