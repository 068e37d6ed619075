"""A journalist on deadline, at 375 and 1280 px, by pointer and by keyboard alone.

Their four tasks: the facts and the synopsis, a quote with its source, the
right stills with their credits, the screenings in their calendar; and a
search for a name however it is typed. Screenshots of each go to
test-artifacts/.
"""

import io
import json
import re
import zipfile
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import expect

from presskit.demo.pictures import TRAILER_SUBTITLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILM = "/films/la-tregua/"
SCHEDULE = "/screenings/"


@pytest.fixture(params=[375, 1280], ids=["375px", "1280px"])
def width(request, page, site):
    page.set_viewport_size({"width": request.param, "height": 800})
    yield request.param
    # Stop what the page still loads (lazy pictures) before the live server's data goes.
    page.goto("about:blank")


def _tab_to(page, selector: str, limit: int = 120) -> int:
    """Press Tab until the element matching `selector` has the focus; return how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_the_synopsis_is_one_click_away_and_read_before_the_credits(page, site, width, artifacts):
    page.goto(f"{site}{FILM}")

    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Synopsis").click()

    assert page.url.endswith("#synopsis")
    assert _in_view(page, "#synopsis")
    tops = [
        page.locator(f"#{anchor}").bounding_box()["y"]
        for anchor in ("synopsis", "stills", "quotes", "facts", "cast", "crew")
    ]
    assert tops == sorted(tops), "synopsis, stills, quotes, then facts and credits"
    page.screenshot(path=artifacts / f"deadline-synopsis-{width}.png")


def test_by_keyboard_the_contents_come_before_the_sections_at_every_width(page, site, width):
    page.goto(f"{site}{FILM}")

    presses = _tab_to(page, "nav.contents a[href='#synopsis']")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert presses < 30, f"{presses} presses of Tab to reach the contents"
    assert page.url.endswith("#synopsis")
    # From the synopsis, Tab goes on into the stills: the order the page reads in.
    section = "document.activeElement.closest('section').getAttribute('aria-labelledby')"
    assert page.evaluate(section) == "stills"


def test_a_quote_copies_with_its_marks_and_its_source(page, site, width, artifacts):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(f"{site}{FILM}#quotes")
    quote = page.locator("figure.quote").first

    selected = page.evaluate(
        """(figure) => {
            const range = document.createRange();
            range.setStartBefore(figure.querySelector('blockquote'));
            range.setEndAfter(figure.querySelector('figcaption'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return getSelection().toString();
        }""",
        quote.element_handle(),
    )
    quote.get_by_text("Copy with source").click()
    quote.get_by_role("button", name="Copy").click()
    page.screenshot(path=artifacts / f"deadline-quote-{width}.png")
    copied = page.evaluate("navigator.clipboard.readText()")

    assert selected.startswith("“It's a movie about consolation between people.”")
    assert "— Miguel Ángel Vivas, The Astana Times" in selected
    assert copied.startswith("“It's a movie about consolation between people.” — ")
    assert "Miguel Ángel Vivas, The Astana Times" in copied
    assert copied.endswith(f"{FILM}#quote-{quote.get_attribute('id').split('-')[1]}")
    expect(quote.get_by_role("status")).to_have_text(re.compile(r"^\s*Copied"))


def test_two_chosen_stills_download_as_one_zip_with_their_credits(page, site, width, tmp_path):
    page.goto(f"{site}{FILM}#stills")
    boxes = page.locator(".gallery input[type=checkbox]")
    boxes.nth(1).check()
    boxes.nth(2).check()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the chosen stills (ZIP)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert download.value.suggested_filename == "La Tregua - Chosen stills.zip"
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        pictures = [name for name in archive.namelist() if name.endswith(".jpg")]
        assert len(pictures) == 2
        manifest = json.loads(archive.read("Manifest.json"))["files"]
        rows = [row for row in manifest if row["file"] in pictures]
        assert all(row["credit"] and row["caption"] for row in rows)
        assert "La Tregua - Credits.txt" in archive.namelist()


def test_by_keyboard_a_journalist_ticks_a_still_and_takes_it(page, site, width, tmp_path):
    page.goto(f"{site}{FILM}")

    _tab_to(page, ".gallery input[type=checkbox]")
    page.keyboard.press("Space")
    _tab_to(page, ".choose-stills button[type=submit]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")

    body = download.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert len([name for name in archive.namelist() if name.endswith(".jpg")]) == 1


def test_a_thumbnail_opens_the_stills_own_page_with_its_sizes(page, site, width, artifacts):
    page.goto(f"{site}{FILM}#stills")

    page.locator(".gallery figure a").first.click()

    assert "/assets/" in page.url
    assert page.get_by_role("heading", name="Download").is_visible()
    assert "Courtesy of the production" in page.locator("figcaption").inner_text()
    page.screenshot(path=artifacts / f"deadline-still-{width}.png", full_page=True)


# The subtitles the trailer's player shows by itself, once it has read them (no playing needed).
SHOWN = """() => {
    const video = document.querySelector("section[aria-labelledby=videos] video");
    const shown = [...video.textTracks].find((track) => track.mode === "showing");
    return shown?.cues?.length ? {language: shown.language, cue: shown.cues[0].text} : null;
}"""


@pytest.mark.parametrize("language", ["es", "kk"])
def test_the_trailer_plays_with_subtitles_in_the_readers_language(
    page, site, width, artifacts, language
):
    page.goto(f"{site}/{language}{FILM}#videos")

    shown = page.wait_for_function(SHOWN, timeout=15_000).json_value()

    first_cue = TRAILER_SUBTITLES[language].split("\n")[3]
    assert shown == {"language": language, "cue": first_cue}, "loaded past the CSP, and read"
    page.locator("section[aria-labelledby=videos] figure").screenshot(
        path=artifacts / f"deadline-trailer-{language}-{width}.png"
    )


def test_a_filtered_schedule_goes_into_a_calendar(page, site, width, artifacts):
    page.goto(f"{site}{SCHEDULE}")
    assert _in_view(page, "li.screening"), "the first result shows before any scrolling"

    page.get_by_text("Filter screenings").click()
    page.get_by_label("City").select_option("Astana")
    page.get_by_role("button", name="Show screenings").click()

    assert page.url == f"{site}{SCHEDULE}?city=Astana", "no empty filters in the address"
    page.screenshot(path=artifacts / f"deadline-schedule-{width}.png")
    link = page.get_by_role("link", name="Subscribe to these screenings in your calendar app")
    subscription = link.get_attribute("href")
    assert subscription == f"webcal://{urlsplit(site).netloc}/screenings.ics?city=Astana"
    feed = page.request.get(subscription.replace("webcal://", "http://", 1))
    (event,) = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert event["SUMMARY"] == "La Tregua: Exclusive first look"


def test_times_show_the_venues_zone_in_words_and_the_readers_if_they_choose(page, site, width):
    page.goto(f"{site}{SCHEDULE}")
    astana = page.locator("li.screening", has_text="Comic Con Astana")
    assert "18:00 Astana time" in " ".join(astana.locator(".when").inner_text().split())

    page.get_by_role("link", name="See them in your zone too").click()
    page.get_by_label("Your time zone").select_option("Europe/London")
    page.get_by_role("button", name="Show times").click()

    assert page.url == f"{site}{SCHEDULE}"
    assert "14:00 London time, your time" in astana.inner_text()
    page.goto(f"{site}{FILM}")  # kept for the visit
    assert "London time, your time" in page.locator("#screenings").locator("..").inner_text()


@pytest.mark.parametrize("typed", ["Arón Piper", "aron piper", "ARÓN", "piper"])
def test_a_name_is_found_however_it_is_typed(page, site, width, typed):
    page.goto(f"{site}/")

    page.get_by_role("link", name="Search").click()
    page.get_by_role("searchbox").fill(typed)
    page.keyboard.press("Enter")

    people = page.locator("section[aria-labelledby=found-people]")
    assert "Arón Piper" in people.inner_text()


def test_by_keyboard_a_journalist_filters_the_schedule_and_subscribes(page, site, width):
    page.goto(f"{site}{SCHEDULE}")

    _tab_to(page, ".filters-fold summary")
    page.keyboard.press("Enter")
    _tab_to(page, "#id_city")
    page.keyboard.type("Astana")
    _tab_to(page, ".filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}{SCHEDULE}?city=Astana")
    presses = _tab_to(page, "a[href^='webcal:']")

    assert page.locator("li.screening").count() == 1
    assert presses < 40


def test_by_keyboard_a_journalist_searches_for_a_name(page, site, width):
    page.goto(f"{site}/")

    _tab_to(page, "a[href='/search/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/search/")
    _tab_to(page, "#q")
    page.keyboard.type("aron piper")
    page.keyboard.press("Enter")

    assert "Arón Piper" in page.locator("section[aria-labelledby=found-people]").inner_text()


def test_by_keyboard_a_journalist_copies_a_quote_with_its_source(page, site, width):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(f"{site}{FILM}")

    _tab_to(page, "figure.quote summary")
    page.keyboard.press("Enter")
    _tab_to(page, "figure.quote .copy-quote button")
    page.keyboard.press("Enter")

    status = page.locator("figure.quote").first.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\s*Copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("“It's a movie about consolation between people.” — ")
    assert "#quote-" in copied
