import posixpath
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from config.lib.languages import LANGUAGE_CHOICES, endonym
from config.lib.models import Record, Searchable
from config.lib.text import safe_filename
from config.lib.translations import (
    TRANSLATED_INTO,
    Translatable,
    base_language,
    column,
    translations,
)
from config.lib.urls import reverse_path

from ..publishing.models import (
    Access,
    AllPublic,
    Audience,
    Binnable,
    Embargoable,
    GatedQuerySet,
    Is,
    OpenTo,
    PartOpenTo,
    PublicRecord,
    audience_of,
    can_preview,
)
from ..subtitles import read_subtitles
from ..videos import VIDEO_EXTENSIONS, VideoLink, read_video_link, validate_video_link


def asset_upload_to(asset: "Asset", filename: str) -> str:
    """Store every file under a name the application makes; the editor's name is kept as data.

    A name the uploader chose never reaches the file system, so no path
    tricks, clashes or unsafe characters; the extension is lower-cased.
    """
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"assets/{asset.kind}/{uuid.uuid4().hex}{extension}"


def rendition_upload_to(rendition: "Rendition", filename: str) -> str:
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"renditions/{rendition.asset_id}/{rendition.size}-{uuid.uuid4().hex[:12]}{extension}"


class AssetQuerySet(GatedQuerySet):
    def images(self):
        return self.exclude(kind=Asset.Kind.DOCUMENT)


class Asset(Translatable, Searchable, Binnable, Embargoable):
    """A file in a press kit: a still, key art, a poster, a headshot, a document, or a
    trailer, clip or EPK (a video file, or a link to it on YouTube or Vimeo with a
    still of it for its poster: presskit/videos.py).

    The uploaded file is kept as it came and never served: journalists get
    renditions, re-encoded, cleaned and captioned (presskit/renditions.py),
    or, for documents, the checked PDF. The renditions are made by a
    background task (presskit/tasks.py); until they exist the file is
    "preparing" and the public never sees it.
    """

    class Kind(models.TextChoices):
        STILL = "still", _("Still")
        KEY_ART = "key_art", _("Key art")
        POSTER = "poster", _("Poster")
        HEADSHOT = "headshot", _("Headshot")
        DOCUMENT = "document", _("Document")
        TRAILER = "trailer", _("Trailer")
        CLIP = "clip", _("Clip")
        EPK = "epk", _("EPK (electronic press kit)")

    VIDEO_KINDS = (Kind.TRAILER, Kind.CLIP, Kind.EPK)

    Access = Access  # who may see it once published: the gate's access levels

    class Processing(models.TextChoices):
        PREPARING = "preparing", "Preparing its copies"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    visibility = {
        **Embargoable.visibility,
        **Binnable.bin_rules,
        "access": OpenTo(),
        "print_access": PartOpenTo(),
        "processing": Is(Processing.READY),
        "film": PublicRecord(),
        "person": PublicRecord(),
        "people": AllPublic(),
    }
    search_sources = ("title", "caption", "original_filename")
    shown_publicly_on = (
        "the film's or person's page, the press kit and its ZIP, and the addresses of its files"
    )

    kind = models.CharField(
        max_length=16,
        choices=Kind,
        default=Kind.STILL,
        help_text="What the file is. Headshots go on the person's page, the rest on the film's.",
    )
    video_url = models.URLField(
        "video link",
        max_length=500,
        blank=True,
        validators=[validate_video_link],
        help_text=(
            "For a trailer, clip or EPK shown from YouTube or Vimeo: its address. Then the "
            "file is a still of it, for its poster. Leave empty to upload the video itself."
        ),
    )
    film = models.ForeignKey(
        "Film",
        on_delete=models.PROTECT,
        related_name="assets",
        null=True,
        blank=True,
        help_text="The film this belongs to. Headshots may belong to a person only.",
    )
    person = models.ForeignKey(
        "Person",
        on_delete=models.PROTECT,
        related_name="assets",
        null=True,
        blank=True,
        help_text="For headshots: who is pictured.",
    )
    people = models.ManyToManyField(
        "Person",
        related_name="pictured_in",
        blank=True,
        verbose_name="people shown or named",
        help_text=(
            "Everyone the picture shows or its caption names. It stays hidden from the "
            "public until each of them is published."
        ),
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short name for lists, e.g. 'Reyes in the barracks'.",
    )
    file = models.FileField(
        upload_to=asset_upload_to,
        max_length=255,
        help_text=(
            "The highest-quality file you have: JPEG, PNG or WebP for pictures, PDF for "
            "documents, MP4 (H.264) or WebM for a video. Journalists get cleaned copies of "
            "pictures in thumbnail, web and print sizes, and a video's poster from its frames."
        ),
    )
    format = models.CharField(max_length=8, blank=True, editable=False)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    original_filename = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The file's name on the uploader's computer; stored files get names of their own.",
    )
    caption = models.TextField(
        blank=True,
        help_text="Who and what is shown, as journalists should print it. Also the image's alt text.",
    )
    caption_in = translations(caption, "caption")
    credit_line = models.CharField(
        max_length=200,
        blank=True,
        help_text="Printed beside the picture, e.g. 'Courtesy of the production'.",
    )
    copyright_holder = models.CharField(
        max_length=200, blank=True, help_text="Who owns the rights, e.g. the production company."
    )
    usage_terms = models.CharField(
        max_length=300,
        blank=True,
        help_text="Conditions of use, e.g. 'Editorial use only. Mandatory credit.'",
    )
    usage_terms_in = translations(usage_terms, "usage_terms")
    access = models.CharField(
        max_length=8,
        choices=Access,
        default=Access.PRESS,
        help_text=(
            "Who may see and download it once published: anyone, accredited journalists "
            "(also before an embargo lifts), or staff only."
        ),
    )
    print_access = models.CharField(
        "print size for",
        max_length=8,
        choices=[(Access.PUBLIC, "Whoever may see it"), (Access.PRESS, Access.PRESS.label)],
        default=Access.PUBLIC,
        help_text=(
            "Who may have the print size of a picture: whoever may see it, or accredited "
            "journalists only (the public then gets the web size)."
        ),
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Position in the gallery and the press kit, lowest first."
    )
    processing = models.CharField(
        "copies",
        max_length=16,
        choices=Processing,
        default=Processing.PREPARING,
        editable=False,
        help_text="Whether its copies for download are made. Shown to the public only when ready.",
    )
    processing_error = models.TextField(
        blank=True, editable=False, help_text="Why its copies could not be made, if they failed."
    )
    processing_attempts = models.PositiveSmallIntegerField(
        default=0, editable=False, help_text="Tries at making its copies since the last change."
    )
    copies_embargo = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=(
            "The embargo its copies state in their usage terms, as it stood when they were "
            "made: the copies are made again when the embargo holding it changes."
        ),
    )
    copies_embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The moment of the embargo its copies state: once past, their words stay true.",
    )
    replaced_original = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text=(
            "The picture a new upload replaces, kept with its copies, words and people until "
            "the new one's copies are made: if the new file turns out damaged, the asset goes "
            "back to it."
        ),
    )

    objects = AssetQuerySet.as_manager()

    # The fields written into every rendition: changing one re-renders them.
    EMBEDDED_FIELDS = (
        *("caption", "credit_line", "copyright_holder", "usage_terms"),
        *(column(name, code) for name in ("caption", "usage_terms") for code in TRANSLATED_INTO),
    )
    # The fields that describe the stored original, set together from an upload.
    ORIGINAL_FIELDS = (
        "file",
        "original_filename",
        "format",
        "width",
        "height",
        "file_size",
        "sha256",
    )

    class Meta(Embargoable.Meta):
        ordering = ["order", "pk"]
        constraints = [
            *Embargoable.Meta.constraints,
            # An asset that belongs to nothing would never be shown or cleaned up.
            models.CheckConstraint(
                condition=models.Q(film__isnull=False) | models.Q(person__isnull=False),
                name="asset_belongs_to_film_or_person",
            ),
            # A link is how a trailer, clip or EPK plays; on anything else it would hide a file.
            models.CheckConstraint(
                condition=models.Q(video_url="") | models.Q(kind__in=["trailer", "clip", "epk"]),
                name="asset_video_link_only_on_videos",
                violation_error_message="Only trailers, clips and EPKs have a video link.",
            ),
        ]

    def picture(self) -> dict:
        """What belongs to this picture, as `replaced_original` keeps it to go back to.

        The stored original's facts (`ORIGINAL_FIELDS`), the words its copies
        carry (`EMBEDDED_FIELDS`) and the people it shows: a new file comes
        with its own, and going back to this picture brings back these.
        """
        facts = {
            name: getattr(self, name) for name in (*self.ORIGINAL_FIELDS, *self.EMBEDDED_FIELDS)
        }
        people = sorted(self.people.values_list("pk", flat=True))
        return {**facts, "file": self.file.name, "people": people}

    def __str__(self):
        label = self.title or self.caption[:60] or self.original_filename or f"#{self.pk}"
        return f"{self.get_kind_display()}: {label}"

    def get_absolute_url(self) -> str:
        """Its own page: the picture or document, its words, and each size to download."""
        return reverse_path("presskit:asset-detail", self.pk)

    @cached_property
    def sizes(self) -> dict[str, "Rendition"]:
        """Its renditions by size, smallest first (prefetch `renditions` to read them at once)."""
        return {rendition.size: rendition for rendition in self.renditions.all()}

    # The sizes `print_access` may keep for accredited journalists.
    LIMITED_SIZES = ("print",)

    def size_is_open(self, size: str, audience: Audience) -> bool:
        """Whether `audience`, who may see this asset, may have it at `size`."""
        rule = self.visibility["print_access"]
        return size not in self.LIMITED_SIZES or rule.opens(self.print_access, audience)

    def size_is_open_to(self, size: str, user) -> bool:
        """`size_is_open()` for a visitor: staff who preview have every size."""
        return can_preview(user, Asset) or self.size_is_open(size, audience_of(user))

    def keep_sizes_open_to(self, audience: Audience) -> None:
        """Leave in `sizes` only those `audience` may have (for pages and kits)."""
        self.sizes = {
            size: copy for size, copy in self.sizes.items() if self.size_is_open(size, audience)
        }

    def keep_sizes_open_for(self, user) -> None:
        """`keep_sizes_open_to()` for a visitor: staff who preview keep every size."""
        if not can_preview(user, Asset):
            self.keep_sizes_open_to(audience_of(user))

    def largest_size(self) -> str:
        """The largest size it is offered in ("print", or "web" when print is kept back); a
        document or a video file as it is ("original")."""
        if not self.is_image or self.plays_file:
            return "original"
        if not self.sizes:
            return Rendition.Size.PRINT  # no copies yet: shown to staff only, as missing
        return max(self.sizes.values(), key=lambda copy: copy.width).size

    def terms_with_embargo(self, embargo: str | None = None) -> str:
        """Its usage terms, the embargo holding it first, as its copies and the kit's manifest say them.

        'EMBARGOED until 25 Sep 2026 21:00 Madrid time (19:00 UTC). Editorial use only.'
        The words stay true once the embargo has lifted, so copies made before
        the moment need not be made again at it. `embargo` is the wording of
        the embargo holding it, when the caller has it already.
        """
        embargo = self.embargo_holding_text() if embargo is None else embargo
        terms = str(self.usage_terms_in)  # in the active language, or the original
        return " ".join(part for part in (f"{embargo}." if embargo else "", terms) if part)

    def copies_state_its_embargo(self) -> bool:
        """Whether its copies state the embargo holding it now, or one that has lifted since."""
        with translation.override(settings.LANGUAGE_CODE):  # as the copies were worded
            now = self.embargo_holding_text()
        if now == self.copies_embargo:
            return True
        lifted = (
            self.copies_embargo_until is not None and self.copies_embargo_until <= timezone.now()
        )
        return not now and lifted

    @property
    def is_image(self) -> bool:
        """It has copies in sizes: a picture, or a video's poster."""
        return self.kind != self.Kind.DOCUMENT

    @property
    def is_video(self) -> bool:
        return self.kind in self.VIDEO_KINDS

    @property
    def plays_file(self) -> bool:
        """A video uploaded as a file, played and downloaded from this site."""
        return self.format in VIDEO_EXTENSIONS

    @property
    def original_extension(self) -> str:
        """The extension the file is given as it was uploaded: a document's or a video's."""
        return ".pdf" if self.format == "PDF" else f".{self.format.lower()}"

    @cached_property
    def video_link(self) -> VideoLink | None:
        """The YouTube or Vimeo video it shows, if it is linked rather than uploaded."""
        return read_video_link(self.video_url) if self.video_url else None

    @cached_property
    def tracks(self) -> list["Subtitles"]:
        """Its subtitles and captions, for its player and its downloads (`with_subtitles()`)."""
        with_subtitles([self])
        return self.tracks

    @property
    def label(self) -> str:
        """What to call it in lists and file names: its title, or its caption's start."""
        if self.title:
            return self.title
        words = self.caption.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "") or self.get_kind_display()

    def url(self, size: str, *, download: bool = False) -> str:
        """Where to fetch it at `size` ("thumb", "web", "print"; "original" for a document or
        a video file)."""
        rendition = self.sizes.get(size) if size != "original" else None
        extension = rendition.extension if rendition else self.original_extension
        path = reverse_path(
            "presskit:asset-file", self.pk, size, self.download_name(size, extension)
        )
        return f"{path}?download" if download else path

    def download_name(self, size: str, extension: str) -> str:
        """The file name a journalist's computer saves it under, accents and all.

        "La Tregua - Reyes in the barracks.jpg", "Arón Piper - Headshot (web).jpg".
        """
        if self.kind == self.Kind.HEADSHOT and self.person_id:
            stem = f"{self.person.name} - Headshot"
        else:
            owner = self.film.title if self.film_id else self.person.name
            stem = f"{owner} - {self.label}"
        suffix = "" if size in {"original", "print"} else f" ({size})"
        return safe_filename(f"{stem}{suffix}{extension}")


class Rendition(models.Model):
    """A cleaned, captioned copy of an image at one size: what journalists download."""

    class Size(models.TextChoices):
        THUMB = "thumb", _("Thumbnail")
        WEB = "web", _("Web")
        PRINT = "print", _("Print")

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="renditions")
    size = models.CharField(max_length=8, choices=Size)
    file = models.FileField(upload_to=rendition_upload_to, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file_size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    made_at = models.DateTimeField(
        auto_now=True, help_text="When this copy was last made: its Last-Modified date."
    )

    class Meta:
        ordering = ["asset", "width"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "size"], name="rendition_one_per_size"),
        ]

    def __str__(self):
        return f"{self.asset} ({self.get_size_display()}, {self.width} × {self.height})"

    @property
    def extension(self) -> str:
        return posixpath.splitext(self.file.name)[1]

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1e6


class Subtitles(Record):
    """A video's subtitles in one language, as WebVTT: a `<track>` of its player on the pages,
    a file beside it in the press kit, and a download of their own.

    Part of their video, as its copies are: whoever may have the video has
    them, through the video's gate, and nobody else. Captions are the
    subtitles for viewers who are deaf or hard of hearing: they also say
    who speaks and what is heard.
    """

    class Kind(models.TextChoices):
        SUBTITLES = "subtitles", _("Subtitles")
        CAPTIONS = "captions", _("Captions")

    asset = models.ForeignKey(
        Asset,
        on_delete=models.CASCADE,
        related_name="subtitles",
        limit_choices_to={"kind__in": Asset.VIDEO_KINDS},
    )
    language = models.CharField(
        max_length=16, choices=LANGUAGE_CHOICES, help_text="The language they are written in."
    )
    kind = models.CharField(
        max_length=16,
        choices=Kind,
        default=Kind.SUBTITLES,
        help_text=(
            "Subtitles give the speech; captions also say who speaks and what is heard, for "
            "viewers who are deaf or hard of hearing."
        ),
    )
    text = models.TextField(
        "WebVTT",
        help_text=(
            "Paste the subtitles, WebVTT or SubRip (SRT), or upload their file: they are "
            "checked and kept as WebVTT."
        ),
    )

    class Meta:
        ordering = ["language", "kind"]
        verbose_name = "subtitles"
        verbose_name_plural = "subtitles"
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "language", "kind"], name="subtitles_one_per_language_and_kind"
            ),
        ]

    def __str__(self):
        return f"{self.asset} ({self.get_kind_display()}, {self.language})"

    def clean(self):
        super().clean()
        if self.asset_id and not self.asset.is_video:
            raise ValidationError("Only a trailer, clip or EPK has subtitles.")
        if self.text:
            try:
                self.text = read_subtitles(self.text)
            except ValidationError as error:
                raise ValidationError({"text": error}) from None

    @property
    def language_name(self) -> str:
        """Their language in its own words: "Español", "Қазақ тілі" (`endonym()`)."""
        return endonym(self.language)[0]

    @property
    def language_name_lang(self) -> str:
        """The language `language_name` is written in, for its `lang`."""
        return endonym(self.language)[1]

    @property
    def name_in_words(self) -> str:
        """What the player's menu calls them: their language in its own words, and for
        captions the page's word for them."""
        if self.kind == self.Kind.CAPTIONS:
            return _("%(language)s, captions") % {"language": self.language_name}
        return self.language_name

    @property
    def file_suffix(self) -> str:
        """What follows the video's own name in its file's, so players load it beside the video:
        "La Tregua - Trailer.es.vtt", and ".es.sdh.vtt" for captions."""
        return f".{self.language}{'.sdh' if self.kind == self.Kind.CAPTIONS else ''}.vtt"

    def url(self, *, download: bool = False) -> str:
        path = reverse_path("presskit:asset-subtitles", self.asset_id, self.kind, self.language)
        return f"{path}?download" if download else path


def with_subtitles(assets) -> None:
    """Give each video of `assets` its `tracks`, in one query and without their text (and
    every other asset none).

    The reader's language comes first, marked `default` if they are
    subtitles, so that the player shows them without being asked; the
    others follow in their languages' order.
    """
    videos = []
    for asset in assets:
        if asset.is_video:
            videos.append(asset)
        else:
            asset.tracks = []
    if not videos:
        return
    language = base_language(translation.get_language() or settings.LANGUAGE_CODE)
    found: dict[int, list[Subtitles]] = {video.pk: [] for video in videos}
    for subtitles in Subtitles.objects.filter(asset__in=found).defer("text"):
        subtitles.default = False
        found[subtitles.asset_id].append(subtitles)
    for video in videos:
        tracks = sorted(
            found[video.pk], key=lambda track: base_language(track.language) != language
        )
        shown = next((track for track in tracks if track.kind == Subtitles.Kind.SUBTITLES), None)
        if shown is not None and base_language(shown.language) == language:
            shown.default = True
        video.tracks = tracks


class Download(models.Model):
    """One download of a file, of a film's whole press kit or of the stills a journalist chose,
    for the press office's counts."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        KIT = "kit", _("Press kit (ZIP)")
        STILLS = "stills", _("Chosen stills (ZIP)")

    kind = models.CharField(
        max_length=8,
        choices=Kind,
        help_text="One file, a film's whole press kit, or the stills a journalist chose.",
    )
    film = models.ForeignKey(
        "Film",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="downloads",
        help_text="The film it belongs to.",
    )
    asset = models.ForeignKey(
        Asset,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="downloads",
        help_text="The file, for single downloads.",
    )
    size = models.CharField(
        max_length=8,
        blank=True,
        help_text="Thumbnail, web, print, the original document, or vtt for a video's subtitles.",
    )
    description = models.CharField(
        max_length=300, help_text="What was downloaded, kept even if the file is deleted later."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="downloads",
        help_text="Who downloaded it, if they were logged in.",
    )
    outlet = models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        help_text="The outlet of the accredited journalist who downloaded it, as it was then.",
    )
    downloaded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.description} at {self.downloaded_at:%Y-%m-%d %H:%M}"
