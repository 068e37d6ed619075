"""A journalist's visit on deadline: read the film, lift a quote, take the right stills.

The browser walks the same tasks at 375 and 1280 px (tests/browser/test_journalist.py);
these read what the server sends.
"""

import datetime
import importlib
import io
import json
import re
import zipfile

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from festivals.models import Screening
from presskit.models import Asset, Download

from .factories import (
    DRAFT,
    make_credit,
    make_edition,
    make_festival,
    make_film,
    make_outlet,
    make_person,
    make_picture,
    make_quote,
    make_screening,
    make_venue,
    signed_in,
)
from .pages import html_of, parse_strictly
from .presskit import files

pytestmark = pytest.mark.django_db
FILM = "/films/la-tregua/"
CHOSEN = "/films/la-tregua/press-kit/chosen.zip"


@pytest.fixture
def film():
    film = make_film(
        slug="la-tregua",
        title="La Tregua",
        logline="Two enemies call a truce.",
        synopsis="Karaganda, 1940s.",
        press_contact="Press office: press@latregua.example, +34 600 000 000",
    )
    make_credit(film=film, person=make_person(name="Miguel Herrán"), character="Reyes")
    return film


@pytest.fixture
def stills(film):
    return [
        make_picture(film, title="Reyes in the barracks", caption="Reyes in the barracks."),
        make_picture(film, title="The steppe", caption="The steppe in winter."),
        make_picture(film, title="Aisulu", caption="Aisulu at the wire."),
    ]


def _zip(response) -> zipfile.ZipFile:
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body), "its size is announced before it starts"
    return zipfile.ZipFile(io.BytesIO(body))


def _chosen(client, *assets, **query):
    return client.get(CHOSEN, {"still": [asset.pk for asset in assets], **query})


# 1. The film page in the order a journalist reads it, with contents to jump.


def test_the_film_page_reads_synopsis_stills_quotes_then_facts_and_credits(client, film, stills):
    make_quote(film=film, text="A film about consolation.", speaker_name="A critic")
    html = html_of(client.get(FILM))

    order = [
        html.index(f'id="{anchor}"')
        for anchor in ("synopsis", "stills", "quotes", "facts", "cast", "screenings", "contact")
    ]
    assert order == sorted(order)


def test_the_contents_come_first_and_lead_to_every_section_there_is(client, film):
    html = html_of(client.get(FILM))

    contents = html[
        html.index('<nav class="contents"') : html.index(
            "</nav>", html.index('<nav class="contents"')
        )
    ]
    anchors = re.findall(r'href="#([\w-]+)"', contents)
    assert anchors[:2] == ["synopsis", "stills"]
    assert "quotes" not in anchors, "a film with no quotes has no link to them"
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor
    assert html.index('<nav class="contents"') < html.index('id="synopsis"'), (
        "the contents come before what they list, so Tab meets them first at every width"
    )


def test_the_press_contacts_address_is_a_link(client, film):
    html = html_of(client.get(FILM))

    assert '<a href="mailto:press@latregua.example">press@latregua.example</a>' in html


# 2. Stills: a click opens the still's page; ticked stills come as one ZIP.


def test_a_thumbnail_opens_its_stills_page_and_does_not_download(client, film, stills):
    html = html_of(client.get(FILM))
    gallery = html[html.index('class="gallery"') :]

    assert f'href="{stills[0].get_absolute_url()}"' in gallery
    assert "?download" not in gallery[: gallery.index("</ul>")]
    page = html_of(client.get(stills[0].get_absolute_url()))
    assert "Reyes in the barracks." in page
    assert "Courtesy of the production" in page
    assert "?download" in page, "each size to download is on the still's own page"


def test_two_chosen_stills_come_as_one_zip_with_their_credits_and_manifest(client, film, stills):
    response = _chosen(client, stills[0], stills[2])

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="La Tregua - Chosen stills.zip"' in response["Content-Disposition"]
    archive = _zip(response)
    assert archive.namelist() == [
        "La Tregua - Reyes in the barracks.jpg",
        "La Tregua - Aisulu.jpg",
        "La Tregua - Credits.txt",
        "Manifest.csv",
        "Manifest.json",
    ]
    manifest = {row["file"]: row for row in json.loads(archive.read("Manifest.json"))["files"]}
    assert manifest["La Tregua - Aisulu.jpg"]["caption"] == "Aisulu at the wire."
    assert manifest["La Tregua - Aisulu.jpg"]["credit"] == "Courtesy of the production"
    assert "Miguel Herrán" in archive.read("La Tregua - Credits.txt").decode()
    logged = Download.objects.get()
    assert logged.kind == Download.Kind.STILLS
    assert logged.description == "La Tregua - Chosen stills.zip (2)"


def test_the_press_office_counts_chosen_stills_apart_from_whole_kits(
    client, press_client, film, stills
):
    _chosen(client, stills[0], stills[2])

    films = press_client.get(reverse("admin:presskit_film_changelist"))

    (row,) = films.context["cl"].result_list
    assert (row.download_count, row.kit_count, row.stills_count) == (1, 0, 1)
    assert "1 (kits: 0, chosen stills: 1)" in films.content.decode()


def test_chosen_stills_logged_as_kits_before_are_told_apart(film):
    migration = importlib.import_module("presskit.migrations.0031_download_kind_chosen_stills")
    logged = {
        description: Download.objects.create(
            kind=Download.Kind.KIT, film=film, description=description
        )
        for description in (
            "La Tregua - Chosen stills.zip (3)",
            f"{'A title long enough to be shortened ' * 4}.zip (12)",  # safe_filename's 150
            "La Tregua - Press kit.zip",
            "La Tregua - Press kit.zip via a picture desk link",
        )
    }

    def kinds():
        return [Download.objects.get(pk=row.pk).kind for row in logged.values()]

    migration.tell_chosen_stills_apart(apps, None)
    assert kinds() == ["stills", "stills", "kit", "kit"]
    migration.count_them_as_kits_again(apps, None)
    assert kinds() == ["kit"] * 4


def test_the_film_page_offers_each_still_to_tick_and_one_button_for_the_zip(client, film, stills):
    html = html_of(client.get(FILM))
    form = parse_strictly(html).find(".//form[@class='choose-stills']")

    assert form.get("action") == CHOSEN
    assert form.get("method") == "get"
    boxes = form.findall(".//input[@type='checkbox']")
    assert [box.get("value") for box in boxes] == [str(still.pk) for still in stills]
    assert all(box.get("name") == "still" for box in boxes)


def test_choosing_nothing_or_nonsense_says_what_is_wrong(client, film, stills):
    nothing = client.get(CHOSEN)
    nonsense = client.get(CHOSEN, {"still": ["1", "two"]})

    assert nothing.status_code == 400
    assert "No still was chosen: tick at least one." in nothing.content.decode()
    assert nonsense.status_code == 400
    assert "not one the page offered" in nonsense.content.decode()
    assert f'href="{FILM}#stills"' in nothing.content.decode(), "a way back to choose again"
    assert not Download.objects.exists()


@pytest.mark.parametrize(
    "hidden",
    [
        {"publication_status": DRAFT},
        {"access": Asset.Access.PRESS},
        {"embargo_until": datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)},
    ],
    ids=["draft", "press only", "embargoed"],
)
def test_a_still_the_visitor_may_not_have_is_never_in_their_choice(client, film, stills, hidden):
    secret = make_picture(film, title="Secret still", **hidden)

    response = _chosen(client, stills[0], secret)

    assert response.status_code == 404
    assert "no longer available" in response.content.decode()
    assert "Secret still" not in response.content.decode()
    assert not Download.objects.exists()


def test_an_accredited_journalist_gets_a_press_only_still_in_their_choice(film, stills):
    from .factories import make_accreditation

    press_only = make_picture(film, title="Press only", access=Asset.Access.PRESS)
    journalist = signed_in(make_accreditation().user)

    response = _chosen(journalist, press_only)

    assert response.status_code == 200
    assert "La Tregua - Press only.jpg" in _zip(response).namelist()
    assert "private" in response["Cache-Control"]


def test_a_still_of_another_film_cannot_be_chosen_here(client, film, stills):
    other = make_picture(make_film(slug="another", title="Another"), title="Not this film's")

    assert _chosen(client, stills[0], other).status_code == 404


def test_a_portrait_stills_thumbnail_is_as_wide_as_a_landscapes(film):
    portrait = make_picture(film, title="Watchtower", content=files.jpeg((1600, 2400)))
    landscape = make_picture(film, title="Steppe", content=files.jpeg((2400, 1600)))

    thumbs = {asset.title: asset.renditions.get(size="thumb") for asset in (portrait, landscape)}
    assert (thumbs["Steppe"].width, thumbs["Steppe"].height) == (480, 320)
    assert (thumbs["Watchtower"].width, thumbs["Watchtower"].height) == (480, 720), (
        "a portrait fills its column with a small copy, not the 1600-pixel one"
    )


# 3. Quotes ready to copy.


def _quote_figure(html: str, pk: int) -> str:
    start = html.index(f'id="quote-{pk}"')
    return html[start : html.index("</figure>", start)]


def test_a_quote_has_its_anchor_marks_that_copy_and_its_source(client, film):
    quote = make_quote(
        film=film,
        text="It's a movie about consolation between people.",
        speaker=make_person(name="Miguel Ángel Vivas", slug="miguel-angel-vivas"),
        outlet=make_outlet(name="The Astana Times"),
        said_on="2026-10-24",
        source_url="https://astanatimes.example/vivas",
    )
    html = html_of(client.get(FILM))
    figure = _quote_figure(html, quote.pk)

    assert "<p>“It&#39;s a movie about consolation between people.”</p>" in figure
    caption = re.sub(r"<[^>]+>", "", figure[figure.index("<figcaption>") :])
    assert "— Miguel Ángel Vivas, The Astana Times, 24 October 2026" in caption
    citation = parse_strictly(html).find(f".//textarea[@id='quote-{quote.pk}-citation']").text
    assert citation == (
        "“It's a movie about consolation between people.” — Miguel Ángel Vivas, "
        "The Astana Times, 24 October 2026. https://astanatimes.example/vivas"
    )


def test_a_quote_without_a_source_cites_its_place_on_the_page(client, film):
    quote = make_quote(film=film, text="Always a way to negotiate.", speaker_name="Erlan")

    html = html_of(client.get(FILM))

    citation = parse_strictly(html).find(f".//textarea[@id='quote-{quote.pk}-citation']").text
    assert citation.endswith(f"— Erlan. http://testserver{FILM}#quote-{quote.pk}")


def test_a_translated_quote_says_so_in_its_words_and_in_its_citation(client, film):
    quote = make_quote(
        film=film,
        text="There is always a way to negotiate.",
        text_in_es="Siempre hay una manera de negociar.",
        speaker_name="Erlan Bekhozhin",
    )

    html = html_of(client.get(f"/es{FILM}"))
    figure = _quote_figure(html, quote.pk)

    assert "<p>«Siempre hay una manera de negociar.»</p>" in figure
    assert 'lang="en">«There is always a way to negotiate.»' in figure, "the original, marked"
    citation = parse_strictly(html).find(f".//textarea[@id='quote-{quote.pk}-citation']").text
    assert citation.startswith("«Siempre hay una manera de negociar.» (traducida del inglés) —")


# 4. Times a reader understands, on the venue's clocks and, if they choose, their own.

SCHEDULE = "/screenings/"
IN_ASTANA = datetime.datetime(2030, 7, 12, 13, 0, tzinfo=datetime.UTC)  # 18:00 in Astana


@pytest.fixture
def astana(film):
    venue = make_venue(
        name="Main stage",
        city="Astana",
        city_in_ru="Астана",
        city_in_kk="Астана",
        country="KZ",
        time_zone="Asia/Almaty",
    )
    return make_screening(film=film, venue=venue, starts_at=IN_ASTANA)


def _when(html: str, screening) -> str:
    start = html.index(f'id="screening-{screening.pk}"')
    item = html[start : html.index('<p class="what">', start)]
    return " ".join(re.sub(r"<[^>]+>", " ", item).split())


def test_a_screening_time_says_the_venues_zone_in_words(client, astana):
    assert _when(html_of(client.get(SCHEDULE)), astana).endswith("18:00 Astana time")
    assert _when(html_of(client.get(f"/ru{SCHEDULE}")), astana).endswith("18:00 (Астана)")
    assert "Asia/Almaty" not in html_of(client.get(FILM)).split('id="screenings"')[1]


def test_an_all_day_release_shows_no_time_zone(client, film):
    release = make_screening(
        film=film,
        venue=None,
        kind=Screening.Kind.THEATRICAL_RELEASE,
        country="ES",
        time_zone="Europe/Madrid",
        starts_at=IN_ASTANA,
    )

    assert _when(html_of(client.get(SCHEDULE)), release).endswith("All day")


def test_a_visitor_sees_times_in_their_own_zone_too_for_the_rest_of_the_visit(client, astana):
    public_first = html_of(client.get(SCHEDULE))  # kept by the page cache for the public
    chosen = client.get("/time-zone/", {"zone": "Europe/London", "next": SCHEDULE})

    assert chosen.status_code == 302
    assert chosen["Location"] == SCHEDULE
    cookie = chosen.cookies["zone"]
    assert cookie.value == "Europe/London"
    assert not cookie["max-age"], "kept for the visit only"
    assert "your time" not in _when(public_first, astana)
    assert _when(html_of(client.get(SCHEDULE)), astana).endswith(
        "18:00 Astana time 14:00 London time, your time"
    )
    assert "London time, your time" in html_of(client.get(FILM))
    assert "your time" not in html_of(Client().get(SCHEDULE)), "others still get the public page"


def test_a_zone_the_site_does_not_know_is_refused_and_changes_nothing(client, astana):
    refused = client.get("/time-zone/", {"zone": "Mars/Olympus_Mons", "next": SCHEDULE})

    assert refused.status_code == 400
    assert "“Mars/Olympus_Mons” is not a time zone this site knows" in refused.content.decode()
    assert "zone" not in refused.cookies
    client.cookies["zone"] = "Mars/Olympus_Mons"  # set by hand: read as no choice
    assert "your time" not in html_of(client.get(SCHEDULE))


def test_the_cache_keeps_a_copy_per_zone_understood_and_only_where_times_show(client, astana):
    person = make_person(name="Dina Tasbulatova", slug="dina-tasbulatova")
    client.get(SCHEDULE)  # kept for the public
    client.get(person.get_absolute_url())
    bogus, london = Client(), Client()
    bogus.cookies["zone"] = "Mars/Olympus_Mons"
    london.cookies["zone"] = "Europe/London"

    assert bogus.get(SCHEDULE)["X-Public-Cache"] == "hit", "a value not understood is no choice"
    assert london.get(SCHEDULE)["X-Public-Cache"] == "miss"
    assert london.get(SCHEDULE)["X-Public-Cache"] == "hit", "London's copy, kept"
    assert "Cookie" in london.get(SCHEDULE)["Vary"]
    assert london.get(person.get_absolute_url())["X-Public-Cache"] == "hit", (
        "a page that lists no screenings is one copy for everyone"
    )


def test_the_zone_choice_goes_back_only_to_this_site_and_can_be_forgotten(client, astana):
    away = client.get("/time-zone/", {"zone": "UTC", "next": "https://evil.example/"})
    forgotten = client.get("/time-zone/", {"zone": "", "next": FILM})

    assert away["Location"] == SCHEDULE
    assert forgotten["Location"] == FILM
    assert forgotten.cookies["zone"].value == ""
    assert "your time" not in html_of(client.get(SCHEDULE))


# 5. The schedule on a phone: filters folded, clean addresses, a calendar to subscribe to.


def test_the_filters_fold_behind_one_control_until_one_needs_correcting(client, astana):
    folded = parse_strictly(html_of(client.get(SCHEDULE))).find(".//details[@class='filters-fold']")
    refused = client.get(SCHEDULE, {"film": "no-such-film"})
    opened = parse_strictly(refused.content.decode()).find(".//details[@class='filters-fold']")

    assert folded.find(".//form") is not None
    assert folded.get("open") is None
    assert opened.get("open") is not None


def test_empty_filters_leave_the_address(client, astana):
    response = client.get(SCHEDULE, {"film": "", "city": "astana", "kind": "", "date_after": ""})

    assert response.status_code == 302
    assert response["Location"] == f"{SCHEDULE}?city=astana"
    assert client.get(SCHEDULE, {"film": "", "kind": ""})["Location"] == SCHEDULE


def test_a_filtered_schedule_offers_a_calendar_subscription_beside_the_download(client, astana):
    html = html_of(client.get(SCHEDULE, {"city": "astana"}))

    assert 'href="webcal://testserver/screenings.ics?city=Astana"' in html
    assert 'href="/screenings.ics?city=Astana" download' in html
    feed = client.get("/screenings.ics?city=Astana")
    assert feed.status_code == 200
    assert b"BEGIN:VEVENT" in b"".join(feed)


# 8. Small breakages.


def test_a_festivals_pages_link_to_its_own_press_area(client, astana):
    festival = make_festival(
        name="San Sebastián", slug="san-sebastian", press_url="https://festival.example/press/"
    )
    edition = make_edition(festival=festival)

    for page in (festival.get_absolute_url(), edition.get_absolute_url()):
        link = '<a href="https://festival.example/press/">The festival\'s press area</a>'
        assert link in html_of(client.get(page))


def test_a_person_with_no_facts_gets_no_empty_box(client):
    person = make_person(name="Dina Tasbulatova", slug="dina-tasbulatova", nationality="")

    html = html_of(client.get(person.get_absolute_url()))

    assert 'class="facts"' not in html


def test_a_headshot_opens_its_own_page(client):
    person = make_person(name="Dina Tasbulatova", slug="dina-tasbulatova")
    headshot = make_picture(person=person, kind=Asset.Kind.HEADSHOT, title="")

    html = html_of(client.get(person.get_absolute_url()))

    assert f'<a href="{headshot.get_absolute_url()}">' in html
    assert reverse("presskit:asset-file", args=[headshot.pk, "print", "x"])[:-1] not in html
