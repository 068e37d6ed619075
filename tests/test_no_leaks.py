"""Nothing the public may not see reaches it through any channel.

A crawler follows every address the public site links to (pages, the
schedule's every filter, the feed, the sitemap, the calendars, every file,
the press kit ZIP and the press notes PDF) and reads all of it: pages and
feeds as text, every ZIP entry by name and content, PDFs by their text,
pictures by their embedded words. A draft person, a draft quote, a draft
screening, an embargoed film (its whole press kit), an embargoed release,
a film and a release scheduled to appear later, a release whose scheduled
withdrawal has come, a press-only still, and a film and a person in the bin
(deleted in the admin, restorable) must appear nowhere.
The same crawl, once all of them are made public, finds every one, so the
crawl reaches wherever they would show.

Journalists crawl too, before the embargoes lift and after: one whose
accreditation is pending, refused, revoked or expired finds what the public
finds; an accredited one finds the embargoed film and release before the
public does, and the press-only still, and nothing else hidden.
"""

import datetime
import io
import re
import zipfile
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfReader

from config.lib.page_cache import content_changed
from festivals.models import Edition, Screening, Venue
from presskit.models import (
    Accreditation,
    Asset,
    Credit,
    Film,
    Person,
    PressRelease,
    Quote,
    Subtitles,
)
from presskit.publishing.models import Publication

from .factories import (
    make_accreditation,
    make_award,
    make_film,
    make_picture,
    make_quote,
    make_release,
    make_screening,
)
from .pages import html_of
from .presskit import files

pytestmark = pytest.mark.django_db

# Each secret is one distinctive word, so that line folding or markup cannot hide it.
SECRETS = {
    "draft person": "Secretova",
    "draft person's character": "Karlygash",
    "draft quote": "Draftquote",
    "draft quote's speaker": "Draftson",
    "draft screening": "Secretscreening",
    "draft screening's venue": "Secretvenue",
    "draft screening's city": "Aqsaytown",
    "embargoed film": "Embargofilm",
    "embargoed release": "Embargonews",
    "press-only still": "Pressonly",
    "press-only trailer's subtitles": "Pressonlysubs",
    "staff-only still": "Staffonly",
    "scheduled film": "Scheduledfilm",
    "scheduled release": "Schedulednews",
    "withdrawn release": "Withdrawnnews",
    "film in the bin": "Binnedfilm",
    "person in the bin": "Binnedperson",
}
# What an accredited journalist sees before the public; every other secret stays hidden from them.
FOR_THE_PRESS = (
    "embargoed film",
    "embargoed release",
    "press-only still",
    "press-only trailer's subtitles",
)
# What appears to everyone, journalists too, at its scheduled moment (before LIFT).
SCHEDULED = ("scheduled film", "scheduled release")
# What the public too sees once the embargoes lift.
LIFTED = ("embargoed film", "embargoed release", *SCHEDULED)
# Both embargoes lift then, the film's first.
LIFT = datetime.timedelta(days=1)
START = [
    "/",
    "/films/",
    "/screenings/",
    "/screenings.ics",
    "/festivals/",
    "/news/",
    "/news/feed/",
    "/coverage/",
    "/sitemap.xml",
    "/robots.txt",
    # The public search, asked for every secret by name.
    *(f"/search/?q={word}" for word in SECRETS.values()),
]
MAX_ADDRESSES = 600


@pytest.fixture
def secrets(catalogue):
    """La Tregua's catalogue with one of each kind of thing the public must not see."""
    film = Film.objects.get(slug="la-tregua")
    edition = Edition.objects.get(festival__slug="san-sebastian")
    person = Person.objects.create(
        name="Zhanar Secretova", slug="zhanar-secretova", bio="Secretova plays Karlygash."
    )
    Credit.objects.create(
        film=film, person=person, role=Credit.Role.CAST, character="Karlygash", billing_order=99
    )
    make_quote(film=film, speaker=person, text="Secretova on the set.", speaker_name="")
    make_award(film=film, person=person, edition=edition, name="Secretova award")
    make_picture(person=person, kind=Asset.Kind.HEADSHOT, title="Secretova headshot")
    make_picture(
        film,
        people=[person],
        title="Secretova on set",
        caption="Zhanar Secretova as Karlygash.",
        name="secretova.jpg",
    )
    make_quote(
        film=film,
        text="Draftquote: a quote not yet cleared.",
        speaker_name="Critic Draftson",
        publication_status=Publication.DRAFT,
    )
    venue = Venue.objects.create(
        name="Secretvenue Hall",
        slug="secretvenue",
        city="Aqsaytown",
        country="KZ",
        time_zone="Asia/Almaty",
    )
    make_screening(
        film=film,
        venue=venue,
        edition=edition,
        title="Secretscreening",
        kind=Screening.Kind.PRESS,
        seats=10,  # with a page to book seats on
        publication_status=Publication.DRAFT,
    )
    make_release(
        film=film,
        slug="embargonews",
        title="Embargonews: the cast grows",
        summary="Embargonews summary.",
        embargo_until=timezone.now() + LIFT,
    )
    announced_later = make_film(
        title="Embargofilm",
        slug="embargofilm",
        logline="A selection not yet announced.",
        embargo_until=timezone.now() + LIFT - datetime.timedelta(hours=1),
    )
    make_picture(announced_later, title="A still of the unannounced film", name="selected.jpg")
    make_screening(film=announced_later, edition=edition, title="Gala of the selection")
    make_screening(
        film=announced_later,
        edition=edition,
        title="Critics' screening of the selection",
        kind=Screening.Kind.PRESS,
        seats=20,
    )
    make_release(film=announced_later, slug="selected", title="Selected for the competition")
    make_picture(
        film,
        title="Pressonly still",
        caption="Pressonly caption.",
        access=Asset.Access.PRESS,
        name="pressonly.jpg",
    )
    trailer = make_picture(
        film,
        kind=Asset.Kind.TRAILER,
        title="Press trailer",
        caption="For the press first.",
        access=Asset.Access.PRESS,
        content=files.video("WEBM", size=(320, 180)),
        name="press-trailer.webm",
    )
    Subtitles.objects.create(
        asset=trailer, language="kk", text="WEBVTT\n\n00:00.500 --> 00:01.500\nPressonlysubs.\n"
    )
    make_picture(
        film,
        title="Staffonly still",
        caption="Staffonly caption.",
        access=Asset.Access.STAFF,
        name="staffonly.jpg",
    )
    make_picture(film, title="A public still", caption="The steppe at dawn.")
    appears = timezone.now() + LIFT - datetime.timedelta(hours=2)
    scheduled = make_film(
        title="Scheduledfilm",
        slug="scheduledfilm",
        logline="Announced at a set moment.",
        publication_status=Publication.SCHEDULED,
        publish_at=appears,
    )
    make_picture(scheduled, title="A still of the scheduled film", name="scheduled.jpg")
    make_screening(film=scheduled, edition=edition, title="Premiere of the scheduled film")
    make_release(
        film=film,
        slug="schedulednews",
        title="Schedulednews: the trailer",
        summary="Schedulednews summary.",
        publication_status=Publication.SCHEDULED,
        publish_at=appears,
    )
    make_release(
        film=film,
        slug="withdrawnnews",
        title="Withdrawnnews: a corrected release",
        summary="Withdrawnnews summary.",
        withdraw_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    binned = make_film(title="Binnedfilm", slug="binnedfilm", binned_at=timezone.now())
    make_picture(binned, title="A still of the deleted film", name="binned.jpg")
    make_screening(film=binned, edition=edition, title="Premiere of the deleted film")
    make_release(film=binned, slug="binned", title="News of the deleted film")
    make_quote(film=binned, text="A quote about the deleted film.")
    deleted = Person.objects.create(
        name="Aidos Binnedperson",
        slug="binnedperson",
        publication_status=Publication.PUBLISHED,
        binned_at=timezone.now(),
    )
    Credit.objects.create(film=film, person=deleted, role=Credit.Role.CAST, billing_order=98)
    make_quote(film=film, speaker=deleted, text="Said by someone deleted.", speaker_name="")
    return person


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.selects: dict[str, list[str]] = {}
        self._select: str | None = None
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.found.append(attrs[name])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.found.append(candidate.split()[0])
        # A GET form's choices lead to pages (the schedule's filters); a POST form's do not,
        # nor the choice of a time zone (the same pages, their times also in another zone).
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get" and not (
                attrs.get("action") or ""
            ).endswith("/time-zone/")
        elif tag == "select" and self._in_get_form:
            self._select = attrs.get("name")
        elif tag == "option" and self._select and attrs.get("value"):
            self.selects.setdefault(self._select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_get_form = False


def _local(address: str) -> str | None:
    """The path and query of an address on this site, or None for any other."""
    address = address.strip().replace("&amp;", "&")
    if address.startswith(settings.SITE_URL):
        address = address[len(settings.SITE_URL) :]
    if address.startswith("?"):
        address = "/screenings/" + address  # the schedule's own filter links
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    # The language switch only redirects to the page in another language, which
    # every page names itself (hreflang).
    if parts.path.startswith(("/admin/", settings.STATIC_URL, "/language/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _readable(name: str, content: bytes) -> str:
    """What a reader of this file sees: text, a PDF's text, a picture's embedded words."""
    if name.endswith(".pdf") or content.startswith(b"%PDF-"):
        return _pdf_text(content)
    if content.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        return "\n".join(
            f"{entry}\n{_readable(entry, archive.read(entry))}" for entry in archive.namelist()
        )
    # Text, and the XMP packet inside a JPEG or PNG, are UTF-8.
    return content.decode("utf-8", errors="replace").replace("\r\n ", "")


def crawl(client, *, every_language: bool = False) -> dict[str, str]:
    """Every address the public site leads to, with what a reader finds there.

    In English unless `every_language`: then in Spanish, Kazakh and Russian
    too (/es/..., which every page names), four times the addresses.
    """
    seen: dict[str, str] = {}
    queue = list(START)
    others = tuple(f"/{code}/" for code, _name in settings.LANGUAGES if code != "en")
    while queue:
        address = queue.pop(0)
        if address in seen or (not every_language and address.startswith(others)):
            continue
        assert len(seen) < MAX_ADDRESSES * (4 if every_language else 1), "the crawl does not end"
        response = client.get(address)
        if response.status_code != 200:
            seen[address] = ""
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        disposition = response.get("Content-Disposition", "")
        seen[address] = f"{disposition}\n{_readable(address.split('?')[0], content)}"
        if asked := parse_qs(urlsplit(address).query).get("q"):
            # A search page repeats what was asked (its box, its title, its links to the
            # same search in other languages): only the results it found count.
            main = seen[address].partition("<main")[2].partition("</main>")[0]
            for echo in (f'value="{asked[0]}"', f"“{asked[0]}”", f"«{asked[0]}»"):
                main = main.replace(echo, "")
            seen[address] = main
        if response["Content-Type"].startswith("text/html"):
            links = _Links()
            links.feed(content.decode())
            found = links.found + [
                f"/screenings/?{urlencode({name: value})}"
                for name, values in links.selects.items()
                for value in values
            ]
        else:
            found = re.findall(r"(?:<loc>|<link>|URL:|href=\")([^<\"\s]+)", seen[address])
        queue += [local for local in map(_local, found) if local and local not in seen]
    return seen


def _where(pages: dict[str, str], word: str) -> list[str]:
    return [address for address, text in pages.items() if word.casefold() in text.casefold()]


def test_nothing_hidden_reaches_the_public_through_any_channel(client, secrets):
    pages = crawl(client, every_language=True)

    assert any(address.endswith("press-kit.zip") for address in pages)
    assert any(address.endswith("press-notes.pdf") for address in pages)
    assert any(address.startswith("/assets/") for address in pages)
    assert any(address.startswith("/screenings/?city=") for address in pages)
    for code in ("es", "kk", "ru"):
        assert any(address.startswith(f"/{code}/films/la-tregua/press-kit") for address in pages)
        assert f"/{code}/news/feed/" in pages
    leaks = {what: _where(pages, word) for what, word in SECRETS.items()}
    assert {what: where for what, where in leaks.items() if where} == {}


def test_the_hidden_records_own_addresses_answer_not_found(client, secrets):
    hidden = [
        "/people/zhanar-secretova/",
        "/news/embargonews/",
        *(f"/films/embargofilm/{part}" for part in ("", "press-kit/", "press-kit.zip")),
        "/films/embargofilm/press-notes.pdf",
        *(f"/films/scheduledfilm/{part}" for part in ("", "press-kit/", "press-kit.zip")),
        "/news/schedulednews/",
        "/news/withdrawnnews/",
        "/news/binned/",
        "/people/binnedperson/",
        *(f"/films/binnedfilm/{part}" for part in ("", "press-kit/", "press-kit.zip")),
        f"/screenings/{Screening.objects.get(title='Secretscreening').pk}.ics",
        *(
            f"/press/screenings/{Screening.objects.get(title=title).pk}/"
            for title in ("Secretscreening", "Critics' screening of the selection")
        ),
    ]
    for asset in Asset.objects.exclude(title="A public still"):
        hidden += [f"/assets/{asset.pk}/{size}/x.jpg" for size in ("thumb", "web", "print")]
        hidden.append(asset.get_absolute_url())
    hidden += [subtitles.url(download=True) for subtitles in Subtitles.objects.all()]

    assert {address: client.get(address).status_code for address in hidden} == dict.fromkeys(
        hidden, 404
    )


def test_the_same_crawl_finds_every_one_once_they_are_public(client, secrets):
    Person.objects.filter(pk=secrets.pk).update(publication_status=Publication.PUBLISHED)
    Quote.objects.update(publication_status=Publication.PUBLISHED)
    Screening.objects.update(publication_status=Publication.PUBLISHED)
    Asset.objects.update(access=Asset.Access.PUBLIC)
    PressRelease.objects.filter(slug="withdrawnnews").update(withdraw_at=None)
    Film.objects.update(binned_at=None)  # restored from the bin
    Person.objects.update(binned_at=None)
    cache.clear()

    with time_machine.travel(_lifted()):
        pages = crawl(client)

    assert {what: bool(_where(pages, word)) for what, word in SECRETS.items()} == dict.fromkeys(
        SECRETS, True
    )


def _lifted() -> datetime.datetime:
    return PressRelease.objects.get(slug="embargonews").embargo_until


def _journalist(client, **accreditation):
    client.force_login(make_accreditation(**accreditation).user)
    return client


@pytest.mark.parametrize(
    "accreditation",
    [
        {"status": Accreditation.Status.UNCONFIRMED},
        {"status": Accreditation.Status.PENDING},
        {"status": Accreditation.Status.REFUSED},
        {"status": Accreditation.Status.REVOKED},
        {"valid_until": datetime.date(2020, 1, 31)},
    ],
    ids=["unconfirmed", "pending", "refused", "revoked", "expired"],
)
def test_a_journalist_without_a_valid_accreditation_finds_no_more_than_the_public(
    client, secrets, accreditation
):
    journalist = _journalist(client, **accreditation)
    pages = crawl(journalist)

    assert any(address.endswith("press-kit.zip") for address in pages)
    leaks = {what: _where(pages, word) for what, word in SECRETS.items()}
    assert {what: where for what, where in leaks.items() if where} == {}

    with time_machine.travel(_lifted()):
        found = {what for what, word in SECRETS.items() if _where(crawl(journalist), word)}
    assert found == set(LIFTED)


def test_an_accredited_journalist_finds_what_is_for_the_press_and_nothing_else(client, secrets):
    journalist = _journalist(client)
    pages = crawl(journalist)

    found = {what for what, word in SECRETS.items() if _where(pages, word)}
    assert found == set(FOR_THE_PRESS)
    critics = Screening.objects.get(title="Critics' screening of the selection")
    booking_page = pages[f"/press/screenings/{critics.pk}/"]  # reached, and under its embargo
    assert "Embargofilm" in booking_page
    assert "Embargoed until" in booking_page
    zips = {address: text for address, text in pages.items() if address.endswith(".zip")}
    la_tregua, embargoed = (
        zips["/films/la-tregua/press-kit.zip"],
        zips["/films/embargofilm/press-kit.zip"],
    )
    assert "Pressonly" in la_tregua
    assert "Staffonly" not in la_tregua
    assert "The whole press kit: EMBARGOED until" in embargoed
    notes = pages["/films/embargofilm/press-notes.pdf"]
    assert "EMBARGOED until" in notes
    assert "Embargoed until" in pages["/films/embargofilm/"]
    assert "Embargoed until" in pages["/news/selected/"]  # held back by its film's embargo
    assert any(
        "Gala of the selection" in text for address, text in pages.items() if ".ics" in address
    )

    with time_machine.travel(_lifted()):
        after = crawl(journalist)
    found = {what for what, word in SECRETS.items() if _where(after, word)}
    assert found == {*FOR_THE_PRESS, *SCHEDULED}
    assert "EMBARGOED" not in after["/films/embargofilm/press-notes.pdf"]


# Words put only in translations of hidden records, for the crawl in every language.
IN_TRANSLATIONS = {
    "draft person's bio in Russian": (Person, {"slug": "zhanar-secretova"}, "bio_in_ru"),
    "draft person's character in Kazakh": (Credit, {"character": "Karlygash"}, "character_in_kk"),
    "draft quote in Russian": (Quote, {"speaker_name": "Critic Draftson"}, "text_in_ru"),
    "draft screening's notes in Spanish": (Screening, {"title": "Secretscreening"}, "notes_in_es"),
    "embargoed release in Russian": (PressRelease, {"slug": "embargonews"}, "title_in_ru"),
    "embargoed film in Kazakh": (Film, {"slug": "embargofilm"}, "logline_in_kk"),
    "press-only caption in Kazakh": (Asset, {"title": "Pressonly still"}, "caption_in_kk"),
    "staff-only caption in Spanish": (Asset, {"title": "Staffonly still"}, "caption_in_es"),
}


def test_a_hidden_records_translations_stay_hidden_in_every_language(client, secrets):
    words = {}
    for what, (model, lookup, column) in IN_TRANSLATIONS.items():
        words[what] = word = f"Translatedsecret{len(words)}"
        assert model._meta.default_manager.filter(**lookup).update(**{column: word}) == 1, what

    pages = crawl(client, every_language=True)

    leaks = {what: _where(pages, word) for what, word in words.items()}
    assert {what: where for what, where in leaks.items() if where} == {}
    # And the crawl would have found them: published, the person's Russian bio shows.
    Person.objects.filter(slug="zhanar-secretova").update(publication_status=Publication.PUBLISHED)
    content_changed()
    assert words["draft person's bio in Russian"] in html_of(
        client.get("/ru/people/zhanar-secretova/")
    )
