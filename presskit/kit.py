"""A film's press kit: every file the visitor may have, and the ZIP that bundles them.

The ZIP is streamed: files are read from storage a quarter megabyte at a
time as the client takes them, never gathered in memory or a temporary file.
Entries are stored uncompressed (pictures and PDFs do not shrink), so the
archive's exact size is known before the first byte and the browser shows
real progress. Entry names are NFC, keep their accents and scripts (with
the UTF-8 flag; plain ASCII names need none), and are made safe and unique.
"""

import csv
import hashlib
import io
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from zipstream import ZipStream

from config.lib.text import safe_filename

from .film_page import load_film_page
from .models import Asset, Credit, Film, Person, Rendition
from .press_notes import press_notes_pdf

# A quarter megabyte per read: a megabyte streamed a fifth slower here, as
# each large read allocates (and the kernel zeroes) fresh memory.
CHUNK = 256 * 1024
# The size each kind of picture goes into the ZIP at.
KIT_SIZE = Rendition.Size.PRINT
# The order of a kit: what a picture desk looks for first.
KIND_ORDER = [
    Asset.Kind.KEY_ART,
    Asset.Kind.POSTER,
    Asset.Kind.STILL,
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


@dataclass
class PressKit:
    film: Film
    assets: list[Asset]
    files: list[KitFile] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return safe_filename(f"{self.film.title} - Press kit.zip")

    @property
    def etag(self) -> str:
        """A fingerprint of the kit's content: the same until a file or text changes."""
        digest = hashlib.sha256()
        for kit_file in self.files:
            digest.update(f"{kit_file.name}\0{kit_file.sha256}\0".encode())
        return digest.hexdigest()[:32]

    def zip(self) -> ZipStream:
        stream = ZipStream(sized=True)
        for kit_file in self.files:
            stream.add(kit_file.open(), kit_file.name, size=kit_file.size)
        return stream


def kit_assets(film: Film, user) -> list[Asset]:
    """The film's files the user may have, and the headshots of its credited people.

    Each asset comes with `sizes`, its renditions by size, smallest first.
    """
    people = Credit.objects.filter(film=film).values("person")
    visible = Asset.objects.visible_to(user).select_related("person")
    assets = list(
        visible.filter(film=film) | visible.filter(person__in=people, kind=Asset.Kind.HEADSHOT)
    )
    sizes: dict[int, dict[str, Rendition]] = defaultdict(dict)
    for rendition in Rendition.objects.filter(asset__in=[asset.pk for asset in assets]).order_by(
        "width"
    ):
        sizes[rendition.asset_id][rendition.size] = rendition
    for asset in assets:
        if asset.film_id == film.pk:
            asset.film = film
        asset.sizes = sizes[asset.pk]
    return sorted(assets, key=lambda asset: (KIND_ORDER.index(asset.kind), asset.order, asset.pk))


def _read(stored_file) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        with stored_file.open("rb") as handle:
            while block := handle.read(CHUNK):
                yield block
                # Under gevent (config/gunicorn.py) a client that reads fast never
                # makes a write wait, so one stream would keep its worker to itself;
                # this zero sleep lets the worker's other requests take their turn.
                # Elsewhere it costs nothing.
                time.sleep(0)

    return chunks


def _in_memory(content: bytes) -> Callable[[], Iterator[bytes]]:
    return lambda: iter((content,))


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{stem} ({number}).{extension}" if dot else f"{name} ({number})"
        number += 1
    taken.add(candidate.casefold())
    return candidate


def press_kit(film: Film, user) -> PressKit:
    """Everything the film's press kit holds for `user`, ready to list or to zip."""
    assets = kit_assets(film, user)
    kit = PressKit(film=film, assets=assets)
    taken: set[str] = set()
    for asset in assets:
        if asset.is_image:
            rendition = asset.sizes.get(KIT_SIZE)
            if rendition is None:
                continue  # its copies could not be made: there is no print file to give
            stored, size, sha256 = rendition.file, rendition.file_size, rendition.sha256
            width, height, extension = rendition.width, rendition.height, rendition.extension
        else:
            stored, size, sha256 = asset.file, asset.file_size or asset.file.size, asset.sha256
            width = height = None
            extension = ".pdf"
        kit.files.append(
            KitFile(
                name=_unique(asset.download_name("print", extension), taken),
                size=size,
                sha256=sha256 or _sha256_of(stored),
                open=_read(stored),
                kind=asset.get_kind_display(),
                caption=asset.caption,
                credit_line=asset.credit_line,
                copyright_holder=asset.copyright_holder,
                usage_terms=asset.usage_terms,
                width=width,
                height=height,
            )
        )
    page = load_film_page(film)
    generated = {
        press_notes_filename(film): film_press_notes(film, page),
        f"{film.title} - Credits.txt": credits_text(film, page).encode(),
    }
    for name, content in generated.items():
        kit.files.append(_generated(_unique(safe_filename(name), taken), content))
    manifest_csv, manifest_json = manifests(kit.files)
    kit.files.append(_generated(_unique("Manifest.csv", taken), manifest_csv))
    kit.files.append(_generated(_unique("Manifest.json", taken), manifest_json))
    return kit


def film_press_notes(film: Film, page=None) -> bytes:
    """The film's press notes as a PDF: what the public pages say, typeset for print."""
    page = page or load_film_page(film)
    bios = list(Person.objects.published().filter(credits__film=film).distinct().order_by("name"))
    return press_notes_pdf(film, page, bios)


def press_notes_filename(film: Film) -> str:
    return safe_filename(f"{film.title} - Press notes.pdf")


def _generated(name: str, content: bytes) -> KitFile:
    return KitFile(
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        open=_in_memory(content),
        kind="Document",
    )


def _sha256_of(stored_file) -> str:
    digest = hashlib.sha256()
    for block in _read(stored_file)():
        digest.update(block)
    return digest.hexdigest()


MANIFEST_COLUMNS = [
    "file",
    "kind",
    "caption",
    "credit",
    "copyright",
    "usage_terms",
    "width",
    "height",
    "bytes",
    "sha256",
]


def manifests(files: list[KitFile]) -> tuple[bytes, bytes]:
    """The kit's list of files, as CSV (for people) and JSON (for tools)."""
    rows = [
        {
            "file": kit_file.name,
            "kind": kit_file.kind,
            "caption": kit_file.caption,
            "credit": kit_file.credit_line,
            "copyright": kit_file.copyright_holder,
            "usage_terms": kit_file.usage_terms,
            "width": kit_file.width,
            "height": kit_file.height,
            "bytes": kit_file.size,
            "sha256": kit_file.sha256,
        }
        for kit_file in files
    ]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # A byte-order mark, so that spreadsheets open the accents correctly.
    as_csv = "\ufeff".encode() + text.getvalue().encode()
    as_json = json.dumps({"files": rows}, ensure_ascii=False, indent=2).encode()
    return as_csv, as_json


def credits_text(film: Film, page) -> str:
    """The film's credits as plain text, for captions and listings."""
    lines = [film.title]
    if film.english_title:
        lines.append(film.english_title)
    facts = [
        film.get_kind_display(),
        ", ".join(film.country_names),
        str(film.year or ""),
        f"{film.runtime_minutes} min" if film.runtime_minutes else "",
    ]
    lines += [" · ".join(fact for fact in facts if fact), ""]
    for credit in page.credits:
        if credit.role != Credit.Role.CAST:
            note = f" ({credit.role_note})" if credit.role_note else ""
            lines.append(f"{credit.get_role_display()}: {credit.person.name}{note}")
    cast = [credit for credit in page.credits if credit.role == Credit.Role.CAST]
    if cast:
        lines += ["", "Cast:"]
        lines += [
            f"  {credit.person.name}" + (f" as {credit.character}" if credit.character else "")
            for credit in cast
        ]
    if page.companies:
        lines += ["", "Companies:"]
        lines += [
            f"  {credit.company.name}, {credit.get_role_display().lower()}"
            + (f", {credit.territory}" if credit.territory else "")
            for credit in page.companies
        ]
    return "\n".join(lines) + "\n"
