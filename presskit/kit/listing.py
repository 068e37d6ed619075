"""Which files of a film's press kit a visitor may have, named and described.

The kit page lists them; the ZIP (archive.py) bundles them under the same
names. Pictures go in print size, documents as uploaded, then the press
notes, the credits text and the manifests, which the kit makes itself.
"""

import hashlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Prefetch
from django.utils.translation import gettext, pgettext
from zipstream import ZipStream

from config.lib.text import safe_filename

from ..film_page import FilmPage, film_page
from ..models import Asset, Credit, Film, Rendition, Subtitles
from ..models.assets import with_subtitles
from .archive import chunks_of, read_stored, zip_stream
from .credits_text import credits_text
from .manifest import manifests
from .press_notes import film_press_notes, press_notes_filename

# The size each kind of picture goes into the ZIP at.
KIT_SIZE = Rendition.Size.PRINT
# The order of a kit: what a picture desk looks for first.
KIND_ORDER = [
    Asset.Kind.KEY_ART,
    Asset.Kind.POSTER,
    Asset.Kind.STILL,
    Asset.Kind.TRAILER,
    Asset.Kind.CLIP,
    Asset.Kind.EPK,
    Asset.Kind.HEADSHOT,
    Asset.Kind.DOCUMENT,
]


@dataclass
class KitFile:
    """One file of the kit: a picture's rendition, a document, or a generated text."""

    name: str
    size: int
    sha256: str
    open: Callable[[], Iterator[bytes]]
    kind: str = ""
    caption: str = ""
    credit_line: str = ""
    copyright_holder: str = ""
    usage_terms: str = ""
    width: int | None = None
    height: int | None = None
    stored: object = None  # the FieldFile it is read from; None for generated texts
    asset: Asset | None = None


@dataclass
class PressKit:
    film: Film
    assets: list[Asset]
    files: list[KitFile] = field(default_factory=list)
    # Only the pictures a journalist ticked (with their credits and manifests), not the whole kit.
    chosen: bool = False

    @property
    def embargoed(self) -> list[Film | Asset]:
        """What holds the kit back: the film's own embargo (the whole kit), then each file's
        that lifts later. Only in an accredited journalist's or a staff member's kit."""
        return [
            record for record in (self.film, *self.assets) if record.embargo_holding() is record
        ]

    @property
    def filename(self) -> str:
        if not (embargoed := self.embargoed):
            return self.filename_of(self.film, chosen=self.chosen)
        moments = {record.embargo_text(for_filename=True) for record in embargoed}
        said = (
            moments.pop()
            if len(moments) == 1
            else pgettext("file name", "EMBARGOED, see the notice inside")
        )
        named = (
            pgettext("file name", "%(film)s - Chosen stills (%(embargo)s).zip")
            if self.chosen
            else pgettext("file name", "%(film)s - Press kit (%(embargo)s).zip")
        )
        return safe_filename(named % {"film": self.film.title, "embargo": said})

    @staticmethod
    def filename_of(film: Film, *, chosen: bool = False) -> str:
        named = (
            pgettext("file name", "%(film)s - Chosen stills.zip")
            if chosen
            else pgettext("file name", "%(film)s - Press kit.zip")
        )
        return safe_filename(named % {"film": film.title})

    @property
    def etag(self) -> str:
        """A fingerprint of the kit's content: the same until a file or text changes."""
        digest = hashlib.sha256()
        for kit_file in self.files:
            digest.update(f"{kit_file.name}\0{kit_file.sha256}\0".encode())
        return digest.hexdigest()[:32]

    def zip(self) -> ZipStream:
        return zip_stream(self.files)

    @property
    def zip_size(self) -> int:
        """The ZIP's size in bytes, known before any file is read."""
        return len(self.zip())

    def open_files(self) -> list[KitFile]:
        """Open every stored file of the kit before the ZIP's first byte; return those missing.

        The kit then reads each file from its open handle, so a copy replaced
        (and deleted) while a long download streams is still sent whole. If
        any is missing, nothing stays open.
        """
        opened, missing = [], []
        for kit_file in self.files:
            if kit_file.stored is None:
                continue
            try:
                handle = kit_file.stored.storage.open(kit_file.stored.name, "rb")
            except FileNotFoundError:
                missing.append(kit_file)
                continue
            opened.append((kit_file, handle))
        for kit_file, handle in opened:
            if missing:
                handle.close()
            else:
                kit_file.open = partial(chunks_of, handle)
        return missing


def kit_assets(film: Film, user) -> list[Asset]:
    """The film's files the user may have, and the headshots of its credited people.

    Every asset comes with its renditions (`sizes`) read in the same go.
    """
    people = Credit.objects.published(assuming=("film",)).filter(film=film).values("person")
    visible = Asset.objects.visible_to(user)
    assets = list(
        (visible.filter(film=film) | visible.filter(person__in=people, kind=Asset.Kind.HEADSHOT))
        .select_related("person", "film")
        .prefetch_related(Prefetch("renditions", queryset=Rendition.objects.order_by("width")))
    )
    for asset in assets:
        if asset.film_id == film.pk:
            asset.film = film
        asset.keep_sizes_open_for(user)  # a print size kept for the press, say
    with_subtitles(assets)
    return sorted(assets, key=lambda asset: (KIND_ORDER.index(asset.kind), asset.order, asset.pk))


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{stem} ({number}).{extension}" if dot else f"{name} ({number})"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def press_kit(
    film: Film, user, page: FilmPage | None = None, *, chosen: Collection[int] | None = None
) -> PressKit:
    """Everything the film's press kit holds for `user`, ready to list or to zip.

    In the active language (the page's): the press notes, the credits, the
    manifests' captions and terms, the notices and the kit's own file names.
    The pictures' copies carry their words in every language (XMP).

    With `chosen` (assets' ids), only those of the film's own pictures, with
    the credits text and the manifests but not the press notes: the stills a
    journalist ticked. Ids the user may not have are left out.
    """
    assets = kit_assets(film, user)
    if chosen is not None:
        assets = [
            asset
            for asset in assets
            if asset.pk in chosen and asset.is_image and asset.film_id == film.pk
        ]
    kit = PressKit(film=film, assets=assets, chosen=chosen is not None)
    taken: set[str] = set()
    # The text of the videos' subtitles (`tracks` come without it), in one query.
    texts = dict(
        Subtitles.objects.filter(
            pk__in=[track.pk for asset in assets if asset.plays_file for track in asset.tracks]
        ).values_list("pk", "text")
    )
    for asset in assets:
        if asset.video_link:
            continue  # shown from YouTube or Vimeo: no file of it to give
        if asset.plays_file:
            stored, size, sha256 = asset.file, asset.file_size or asset.file.size, asset.sha256
            width, height = asset.width, asset.height
            extension, rendition_size = asset.original_extension, "original"
        elif asset.is_image:
            # Print size, or the largest the visitor may have.
            rendition = asset.sizes.get(KIT_SIZE) or asset.sizes.get(asset.largest_size())
            if rendition is None:
                continue  # its copies are not made (a staff member's view): nothing to give
            stored, size, sha256 = rendition.file, rendition.file_size, rendition.sha256
            width, height, extension = rendition.width, rendition.height, rendition.extension
            rendition_size = rendition.size
        else:
            stored, size, sha256 = asset.file, asset.file_size or asset.file.size, asset.sha256
            width = height = None
            extension, rendition_size = asset.original_extension, "original"
        kit.files.append(
            KitFile(
                name=_unique(asset.download_name(rendition_size, extension), taken),
                size=size,
                sha256=sha256 or _sha256_of(stored),
                open=read_stored(stored),
                kind=asset.get_kind_display(),
                caption=str(asset.caption_in),
                credit_line=asset.credit_line,
                copyright_holder=asset.copyright_holder,
                usage_terms=asset.terms_with_embargo(),
                width=width,
                height=height,
                stored=stored,
                asset=asset,
            )
        )
        # Beside the video, under its name, where a player opening it looks for them.
        stem = kit.files[-1].name.rpartition(".")[0]
        for track in asset.tracks:
            if track.pk in texts:  # else removed since the kit was listed
                kit.files.append(
                    _generated(
                        _unique(f"{stem}{track.file_suffix}", taken),
                        texts[track.pk].encode(),
                        kind=track.get_kind_display(),
                    )
                )
    page = page or film_page(film)
    if kit.embargoed:
        notice = embargo_notice(film, kit.embargoed)
        named = pgettext("file name", "EMBARGO NOTICE.txt")
        kit.files.append(_generated(_unique(named, taken), notice.encode()))
    generated = {} if kit.chosen else {press_notes_filename(film): film_press_notes(film, page)}
    generated |= {
        pgettext("file name", "%(film)s - Credits.txt") % {"film": film.title}: credits_text(
            film, page
        ).encode(),
    }
    for name, content in generated.items():
        kit.files.append(_generated(_unique(safe_filename(name), taken), content))
    manifest_csv, manifest_json = manifests(kit.files)
    manifest = pgettext("file name", "Manifest")
    kit.files.append(_generated(_unique(f"{manifest}.csv", taken), manifest_csv))
    kit.files.append(_generated(_unique(f"{manifest}.json", taken), manifest_json))
    return kit


def _generated(name: str, content: bytes, *, kind: str | None = None) -> KitFile:
    return KitFile(
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        open=lambda: iter((content,)),
        kind=str(kind or Asset.Kind.DOCUMENT.label),
    )


def _sha256_of(stored_file) -> str:
    digest = hashlib.sha256()
    for block in read_stored(stored_file)():
        digest.update(block)
    return digest.hexdigest()


def embargo_notice(film: Film, embargoed: list[Film | Asset]) -> str:
    """The notice file of a kit under embargo: the whole kit, or each file, and until when."""
    whole = gettext("The whole press kit")
    lines = [
        gettext("%(film)s: press kit under embargo") % {"film": film.title},
        "",
        gettext(
            "Shared with accredited journalists in confidence. Do not publish, broadcast or "
            "post any of it before its embargo lifts:"
        ),
        "",
        *(
            f"- {whole if record is film else record.label}: {record.embargo_text()}"
            for record in embargoed
        ),
        "",
    ]
    return "\n".join(lines)
