import hashlib
import re

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import F
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet

from config.lib.admin import TEXT_LIMIT, EditorialForm, LocalDateTimeField, OneSpelling
from config.lib.filters import in_zone, zone_in_words
from config.lib.languages import LANGUAGE_CHOICES
from config.lib.text import fold, one_spelling
from config.lib.translations import every_column
from festivals.time_zones import localize

from .models import Asset, Credit, Film, Person, PressRelease, Subtitles
from .publishing.admin import EmbargoableForm, PublishableForm, tie_problem
from .services import kind_change_check, upload_inspect, video_check
from .subtitles import MOST_CHARACTERS, decode_upload

# Rows that move or disappear are parked this far up while an inline saves,
# so that swapping two credits never meets the one-position-per-film
# constraint halfway through. Real positions stay below MAX_BILLING_ORDER.
MAX_BILLING_ORDER = 9999
PARKING_OFFSET = 20000


class FilmForm(EmbargoableForm):
    spoken_languages = forms.TypedMultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=FilteredSelectMultiple("languages", is_stacked=False),
        help_text="Languages spoken in the film.",
    )
    reviews_embargo_until = LocalDateTimeField(
        label="Reviews embargoed until (press office time)", required=False
    )

    class Meta:
        model = Film
        fields = "__all__"
        widgets = {"countries": FilteredSelectMultiple("countries", is_stacked=False)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field, moment = self.fields["reviews_embargo_until"], self.instance.reviews_embargo_until
        zone = settings.PRESS_OFFICE_TIME_ZONE
        if moment is None:
            field.help_text = (
                f"As the clocks show it at the press office ({zone}), or tie it to a "
                "screening below. Empty: no reviews embargo."
            )
            return
        self.initial["reviews_embargo_until"] = in_zone(moment, zone).replace(tzinfo=None)
        venue_zone = self.instance.reviews_embargo_zone()
        said = (
            f"{in_zone(moment, venue_zone):%d %b %Y %H:%M} {zone_in_words(venue_zone)}, "
            f"which is {in_zone(moment, 'UTC'):%d %b %Y %H:%M} UTC"
        )
        field.help_text = (
            f"Follows the screening below: {said}. To type a time instead, empty the screening."
            if self.instance.reviews_embargo_screening_id
            else f"As the clocks show it at the press office ({zone}): {said}."
        )

    def clean(self):
        cleaned_data = super().clean()
        typed = "reviews_embargo_until" in self.changed_data
        if screening := cleaned_data.get("reviews_embargo_screening"):
            from_end = bool(cleaned_data.get("reviews_embargo_from_end"))
            if typed and cleaned_data.get("reviews_embargo_until"):
                self.add_error(
                    "reviews_embargo_until",
                    "Type a time, or tie the reviews embargo to a screening: not both.",
                )
                return cleaned_data
            if self.instance.pk and screening.film_id != self.instance.pk:
                self.add_error(
                    "reviews_embargo_screening", "Pick a screening of this film, e.g. its premiere."
                )
                return cleaned_data
            if problem := tie_problem(screening, from_end=from_end):
                self.add_error("reviews_embargo_screening", problem)
                return cleaned_data
            cleaned_data["reviews_embargo_until"] = screening.moment_after(
                cleaned_data.get("reviews_embargo_minutes_after") or 0,
                from_end=bool(cleaned_data.get("reviews_embargo_from_end")),
            )
        elif not typed:
            cleaned_data["reviews_embargo_until"] = self.instance.reviews_embargo_until
        elif typed_time := cleaned_data.get("reviews_embargo_until"):
            try:
                cleaned_data["reviews_embargo_until"] = localize(
                    typed_time, settings.PRESS_OFFICE_TIME_ZONE
                )
            except ValidationError as error:
                self.add_error("reviews_embargo_until", error)
        return cleaned_data


class CreditForm(PublishableForm):
    # Set on the inline's form: its formset checks positions against each other.
    positions_checked_by_formset = False

    class Meta:
        model = Credit
        fields = "__all__"

    def clean_billing_order(self):
        order = self.cleaned_data["billing_order"]
        if not 1 <= order <= MAX_BILLING_ORDER:
            raise ValidationError(f"Use a position from 1 to {MAX_BILLING_ORDER}.")
        return order

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("character") and cleaned_data.get("role") != Credit.Role.CAST:
            self.add_error("character", "Only cast credits have a character.")
        return cleaned_data

    def validate_constraints(self):
        if not self.positions_checked_by_formset:
            return super().validate_constraints()
        # The formset checks positions against each other (rows may swap
        # places in one save); checking each row against the database as it
        # stands would refuse every swap. Every other constraint as usual.
        try:
            self.instance.validate_constraints(exclude={"billing_order"})
        except ValidationError as error:
            self.add_error(None, error)


class CreditInlineFormSet(BaseInlineFormSet):
    """All of a film's credits at once: positions unique, swaps allowed."""

    def validate_unique(self):
        # Positions first, with a message that names who holds the place; the
        # formset's own check would only say "duplicate data".
        if not self.positions_are_unique():
            return
        super().validate_unique()

    def positions_are_unique(self) -> bool:
        """Each film's positions once: a person's credits on several films may share numbers."""
        seen: dict[tuple[int | None, int], str] = {}
        unique = True
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if not form.is_valid() or (
                self.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME)
            ):
                continue
            order = form.cleaned_data.get("billing_order")
            if order is None:
                continue
            film = form.cleaned_data.get("film")
            place = (film.pk if film else None, order)
            name = str(form.cleaned_data.get("person") or "another credit")
            if place in seen:
                form.add_error(
                    "billing_order",
                    f"Position {order} is already taken by {seen[place]}. Each position once per film.",
                )
                unique = False
            else:
                seen[place] = name
        return unique

    def save(self, commit=True):
        if commit:
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form in self.deleted_forms or "billing_order" in form.changed_data
            ]
            Credit.objects.filter(pk__in=moving).update(
                billing_order=F("billing_order") + PARKING_OFFSET
            )
        return super().save(commit)


class PressReleaseForm(EmbargoableForm):
    """A release announcing a screening has its embargo read in the venue's zone by default."""

    class Meta:
        model = PressRelease
        fields = "__all__"

    def default_zone_said(self) -> str:
        return f"{super().default_zone_said()}, or the venue's for a release about a screening"

    def default_zone(self) -> str | None:
        screening = self.cleaned_data.get("screening")
        return screening.time_zone if screening else None

    def clean(self):
        screening, film = self.cleaned_data.get("screening"), self.cleaned_data.get("film")
        if screening and film and screening.film_id != film.pk:
            self.add_error("screening", f"This is a screening of {screening.film}, not of {film}.")
        elif screening and not film:
            # A release about a screening is about its film.
            self.cleaned_data["film"] = screening.film
        return super().clean()


class AssetForm(EmbargoableForm):
    """One file: checked when it is new; nothing is stored if the check fails.

    A picture is judged by its header here and decoded in full by the
    renditions task; one found damaged then never replaces the picture
    it was meant to replace (presskit/services.py).

    A caption that names a person still in draft must list them under the
    people shown or named, so the file stays hidden until they are announced.
    """

    class Meta:
        model = Asset
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspected = None

    def clean(self):
        cleaned_data = super().clean()
        upload, kind = cleaned_data.get("file"), cleaned_data.get("kind")
        linked = bool(cleaned_data.get("video_url"))
        if upload and kind and "file" in self.changed_data:
            try:
                self.inspected = upload_inspect(upload=upload, kind=kind, linked=linked)
            except ValidationError as error:
                self.add_error(None if hasattr(error, "error_dict") else "file", error)
        elif kind and self.instance.pk and {"kind", "video_url"} & set(self.changed_data):
            try:
                kind_change_check(asset=self.instance, kind=kind)
                video_check(format=self.instance.format, kind=kind, linked=linked)
            except ValidationError as error:
                self.add_error(None if hasattr(error, "error_dict") else "kind", error)
        if "people" in self.fields:
            self._refuse_unlisted_draft_people(cleaned_data)
        return cleaned_data

    def _refuse_unlisted_draft_people(self, cleaned_data) -> None:
        # In the caption's every language: a translation may name them too.
        words = ("title", "caption", *every_column(Asset, "caption"))
        text = " ".join(cleaned_data.get(name) or "" for name in words)
        listed = {person.pk for person in cleaned_data.get("people") or ()}
        if unlisted := draft_people_named(text, listed):
            self.add_error(
                "people",
                f"The caption names {', '.join(unlisted)}, not announced yet (a draft). "
                "Add them here, so the picture stays hidden until they are published.",
            )


def draft_people_named(text: str, listed: set[int]) -> list[str]:
    """The people in draft that `text` names and that are not among `listed` (their pks).

    A picture whose words name someone not announced yet must list them
    among the people it shows, so that the gate keeps it hidden until then.
    """
    words = f" {_words(text)} "
    if not words.strip():
        return []
    return [
        person.name
        for person in Person.objects.exclude(pk__in=listed)
        .exclude(Person.public_condition())
        .only("name", "latin_name", "cyrillic_name", "also_known_as")
        # By any of their spellings, in either alphabet.
        if any(f" {_words(name)} " in words for name in (*person.spellings, *person.other_names))
    ]


def _words(text: str) -> str:
    """`text` folded to its words: "Reyes (Miguel Herrán)" -> "reyes miguel herran"."""
    return " ".join(re.sub(r"\W+", " ", fold(text)).split())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked later, on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        files = [file for file in files if file]
        if not files:
            raise ValidationError("Choose one or more files to upload.", code="required")
        return files


class BulkUploadForm(OneSpelling, forms.Form):
    """Many stills into one film: shared credits, each file checked on its own."""

    files = MultipleFileField(
        label="Files",
        help_text=f"JPEG, PNG or WebP; up to {settings.DATA_UPLOAD_MAX_NUMBER_FILES} at once.",
    )
    kind = forms.ChoiceField(
        choices=[
            (Asset.Kind.STILL, Asset.Kind.STILL.label),
            (Asset.Kind.KEY_ART, Asset.Kind.KEY_ART.label),
            (Asset.Kind.POSTER, Asset.Kind.POSTER.label),
        ],
        initial=Asset.Kind.STILL,
    )
    credit_line = forms.CharField(
        max_length=200, required=False, initial="Courtesy of the production"
    )
    copyright_holder = forms.CharField(max_length=200, required=False)
    usage_terms = forms.CharField(max_length=300, required=False, initial="Editorial use only")
    access = forms.ChoiceField(
        choices=Asset.Access.choices,
        initial=Asset.Access.PRESS,
        help_text="Who may download them once a press officer publishes them.",
    )
    print_access = forms.TypedChoiceField(
        label="Print size for",
        choices=Asset._meta.get_field("print_access").choices,
        required=False,  # not sent: the model's default (whoever may see it)
        empty_value=Asset._meta.get_field("print_access").default,
        initial=Asset._meta.get_field("print_access").default,
        help_text=Asset._meta.get_field("print_access").help_text,
    )

    def __init__(self, *args, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:
            # What widens what the public sees (access here) is a press officer's decision.
            for name in set(Asset.locked_fields()) & set(self.fields):
                self.fields[name].disabled = True
            self.fields[
                "access"
            ].help_text = "Accredited journalists only; a press officer can open them to anyone."


class CaptionForm(OneSpelling, forms.ModelForm):
    """One picture's words on the page that captions a bulk upload (FilmAdmin.captions_view).

    `seen` holds the words as the editor was shown them: if someone changed
    them meanwhile, this row is refused with what they say now, and keeps
    what was typed. The view reads the rows locked, in the transaction that
    saves them.
    """

    WORDS = ("caption", "credit_line", "copyright_holder", "usage_terms", "order")

    seen = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Asset
        fields = ["caption", "credit_line", "copyright_holder", "usage_terms", "order"]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 3, "cols": 40, "class": "vLargeTextField"}),
            **{
                name: forms.TextInput(attrs={"class": "vTextField"})
                for name in ("credit_line", "copyright_holder", "usage_terms")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = self.words_of(self.instance)
        self.fields["caption"].max_length = TEXT_LIMIT
        self.fields["caption"].validators.append(MaxLengthValidator(TEXT_LIMIT))

    @classmethod
    def words_of(cls, asset: Asset) -> str:
        return hashlib.sha256(
            repr([getattr(asset, name) for name in cls.WORDS]).encode()
        ).hexdigest()

    def clean(self):
        cleaned_data = super().clean()
        current = self.instance  # as stored: the typed words are put on it after clean()
        if current.pk is None:
            raise ValidationError("This picture was deleted or moved meanwhile.")
        now = self.words_of(current)
        if cleaned_data.get("seen") and cleaned_data["seen"] != now:
            data = self.data.copy()
            data[self.add_prefix("seen")] = now  # saving once more replaces theirs, knowingly
            self.data = data
            said = "; ".join(
                f"{Asset._meta.get_field(name).verbose_name}: “{getattr(current, name)}”"
                for name in self.WORDS
            )
            raise ValidationError(
                "Someone else changed this picture's words while you were typing: yours are "
                f"below. Theirs now: {said}. Save again to replace theirs."
            )
        listed = set(current.people.values_list("pk", flat=True))
        if unlisted := draft_people_named(
            f"{current.title} {cleaned_data.get('caption', '')}", listed
        ):
            self.add_error(
                "caption",
                f"The caption names {', '.join(unlisted)}, not announced yet (a draft). Add them "
                "to the picture's people on its own page first, so it stays hidden until they "
                "are published.",
            )
        return cleaned_data


class SubtitlesForm(EditorialForm):
    """A video's subtitles in one language: pasted, or uploaded as a .vtt or .srt file.

    Either way they are read and kept as WebVTT (`Subtitles.clean()`); a file
    that cannot be read is refused with its line, and nothing is saved.
    """

    upload = forms.FileField(
        required=False,
        label="or upload",
        help_text="A .vtt or .srt file in UTF-8. It replaces what is pasted.",
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,text/vtt"}),
    )

    class Meta:
        model = Subtitles
        fields = ["language", "kind", "text", "upload"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 48})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False  # an upload gives it

    def clean(self):
        cleaned_data = super().clean()
        if upload := cleaned_data.get("upload"):
            if upload.size > MOST_CHARACTERS * 4:  # UTF-8 takes at most 4 bytes a character
                self.add_error("upload", "This file is too large to be a video's subtitles.")
            else:
                try:
                    cleaned_data["text"] = one_spelling(decode_upload(upload.read()))
                except ValidationError as error:
                    self.add_error("upload", error)
                else:
                    # Shown again in the box if they are refused, so a bad line is put right
                    # there rather than in the file: a browser never sends a file twice.
                    self.data = self.data.copy()
                    self.data[self.add_prefix("text")] = cleaned_data["text"]
        elif not cleaned_data.get("text") and not self.errors:
            self.add_error("text", "Paste the subtitles, or upload their file.")
        return cleaned_data
