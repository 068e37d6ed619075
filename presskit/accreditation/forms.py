"""The journalist's forms: applying for accreditation and signing in with an email address."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from config.lib.admin import OneSpelling
from config.lib.countries import country_name
from config.lib.languages import LANGUAGE_CHOICES, language_name
from config.lib.text import fold

from ..models import Accreditation, Outlet
from ..uploads import inspect_pdf
from .emails import send_email, tell, tell_address_taken

User = get_user_model()
PRESS_LANGUAGES = ("en", "es", "kk", "ru")


def normalized_email(email: str) -> str:
    """The one spelling of an address under which an account is kept: trimmed, lower case."""
    return email.strip().lower()


class ApplicationForm(OneSpelling, forms.ModelForm):
    """An application for accreditation, and the account the journalist will sign in with."""

    outlet = forms.ModelChoiceField(
        queryset=Outlet.objects.order_by("name"),
        required=False,
        label=pgettext_lazy("journalist's accreditation", "Outlet"),
        empty_label=_("Not listed: I name it below"),
        help_text=_("The outlet you work for, if it is listed."),
    )
    languages = forms.MultipleChoiceField(
        # The languages the press office works in first, then every other (named in __init__).
        choices=LANGUAGE_CHOICES,
        label=_("Languages"),
        help_text=_(
            "The languages you write or broadcast in. Hold Ctrl (⌘ on a Mac) to pick several."
        ),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Accreditation
        fields = [
            "name",
            "email",
            "outlet",
            "new_outlet",
            "role",
            "country",
            "languages",
            "time_zone",
            "work_url",
            "assignment_letter",
        ]
        # Said to the journalist in their language; the model's verbose names stay the admin's.
        labels = {
            "name": _("Name"),
            "email": _("Email"),
            "new_outlet": _("Outlet, if not listed"),
            "role": pgettext_lazy("journalist's accreditation", "Role"),
            "country": _("Country"),
            "work_url": _("Published work"),
            "assignment_letter": _("Assignment letter"),
        }
        # Said to the journalist, where the model's help speaks to the press office.
        help_texts = {
            "name": _("As it appears in your bylines."),
            "new_outlet": _("If your outlet is not in the list above."),
            "role": _("What you do there."),
            "country": _("Where you work from."),
            "email": _("We send a link to this address to confirm it; you sign in with it."),
            "work_url": _("A link to a review, article or programme of yours."),
            "assignment_letter": _("Optional: a letter from your editor (PDF)."),
        }
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = settings.PRESS_OFFICE_TIME_ZONE
        # TimeZoneField.formfield() takes no label or help text from Meta: both are set here.
        self.fields["time_zone"].label = gettext("Time zone")
        self.fields["time_zone"].help_text = gettext(
            "Embargoes and screenings are shown to you in this zone as well as the press office's."
        )
        # Languages and countries named in the reader's language (CLDR), in its order.
        named = [(code, language_name(code)) for code, _name in LANGUAGE_CHOICES]
        self.fields["languages"].choices = sorted(
            named, key=lambda choice: (choice[0] not in PRESS_LANGUAGES, fold(choice[1]))
        )
        country = self.fields["country"]
        country.choices = [
            *(choice for choice in country.choices if not choice[0]),  # the empty choice
            *sorted(
                ((code, country_name(code)) for code, _name in country.choices if code),
                key=lambda choice: fold(choice[1]),
            ),
        ]

    def clean_email(self):
        return normalized_email(self.cleaned_data["email"])

    def validate_unique(self):
        """One account per address is kept by save(), which never tells a stranger
        whether an address has one (the address's owner is told by email instead)."""

    def validate_constraints(self):
        """The same for the database's one-application-per-address constraint."""

    def clean_assignment_letter(self):
        letter = self.cleaned_data.get("assignment_letter")
        if letter:
            inspect_pdf(letter, kind="document", label="an assignment letter")
        return letter

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data["password2"]
        if first and first != second:
            raise forms.ValidationError(
                gettext("The two passwords differ."), code="password_mismatch"
            )
        return second

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("outlet") and not cleaned_data.get("new_outlet"):
            self.add_error(
                "new_outlet",
                gettext("Choose your outlet from the list, or name it here if it is not listed."),
            )
        if cleaned_data.get("outlet"):
            cleaned_data["new_outlet"] = ""
        password = cleaned_data.get("password2")
        if password and "email" in cleaned_data:
            probe = User(username=cleaned_data["email"], email=cleaned_data["email"])
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data

    def save(self, commit=True) -> Accreditation | None:
        """The account and the application together, or neither; the confirmation link follows.

        An address that already has an account gets an email saying so (sign
        in, or reset the password) and nothing is saved; the page answers the
        same either way. Returns the new application, or None.
        """
        email = self.cleaned_data["email"]
        try:
            with transaction.atomic():
                if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
                    raise IntegrityError("one account per address")
                user = User.objects.create_user(
                    username=email, email=email, password=self.cleaned_data["password1"]
                )
                accreditation = super().save(commit=False)
                accreditation.user = user
                accreditation.email = email
                accreditation.save()
        except IntegrityError:  # taken, or taken a moment ago by a second click
            tell_address_taken(email)
            return None
        tell(accreditation, "confirm")
        return accreditation


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with the email address, whatever its case (accounts are kept in lower case)."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = gettext("Email address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean(self):
        if username := self.cleaned_data.get("username"):
            self.cleaned_data["username"] = normalized_email(username)
        return super().clean()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email sent by the tasks worker, not in the request.

    The message is written here (it needs the one-time link, made from the
    user and a token) and handed to the worker as text.
    """

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):  # fmt: skip
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[to_email]))
