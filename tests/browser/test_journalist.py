"""A journalist's visit, in a real browser, and the accessibility of the pages they use."""

import zipfile

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "film": "/films/la-tregua/",
    "press-kit": "/films/la-tregua/press-kit/",
    "person": "/people/aron-piper/",
    "screenings": "/screenings/",
    "search": "/search/?q=tregua",
    "time-zone": "/time-zone/?next=/screenings/",
}


def test_a_journalist_finds_the_astana_screening_and_takes_it_home(page, site, tmp_path):
    page.goto(f"{site}/screenings/")
    page.get_by_text("Filter screenings").click()
    page.get_by_label("City").select_option("Astana")
    page.get_by_role("button", name="Show screenings").click()

    screenings = page.locator("li.screening")
    assert screenings.count() == 1
    assert "Comic Con Astana" in screenings.first.inner_text()
    assert "18:00" in screenings.first.inner_text()

    screenings.first.get_by_role("link", name="La Tregua", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "La Tregua"

    page.get_by_role("link", name="Arón Piper", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Arón Piper"
    assert "Salgado" in page.locator("#credits + ul").inner_text()

    page.go_back()
    astana = page.locator("li.screening", has_text="Comic Con Astana")
    with page.expect_download() as download:
        astana.get_by_role("link", name="Add to calendar").click()
    saved = tmp_path / "screening.ics"
    download.value.save_as(saved)
    (event,) = icalendar.Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert event["SUMMARY"] == "La Tregua: Exclusive first look"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute, str(event["DTSTART"].params["TZID"])) == (
        18,
        0,
        "Asia/Almaty",
    )


@pytest.mark.parametrize("language", ["", "/es", "/kk", "/ru"], ids=["en", "es", "kk", "ru"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_violations(page, site, name, language):
    page.goto(f"{site}{language}{PAGES[name]}")

    results = Axe().run(page)

    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_phones_and_desktops(page, site, artifacts, name, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}{PAGES[name]}")

    page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"


def test_a_journalist_takes_the_whole_press_kit(page, site, tmp_path):
    page.goto(f"{site}/films/la-tregua/")
    page.get_by_role("link", name="Press kit and downloads").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Press kit"

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the whole press kit").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert download.value.suggested_filename == "La Tregua - Press kit.zip"
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        assert "La Tregua - Press notes.pdf" in archive.namelist()
        assert "Arón Piper - Headshot.jpg" in archive.namelist()


def test_a_reader_switches_the_film_page_to_kazakh_and_back(page, site):
    page.goto(f"{site}/films/la-tregua/")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Қазақша").click()

    assert page.url == f"{site}/kk/films/la-tregua/"
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.get_by_role("heading", level=1).inner_text() == "La Tregua"
    assert page.get_by_role("navigation", name="Негізгі мәзір").get_by_role("link", name="Фильмдер")
    page.get_by_role("link", name="Арон Пайпер", exact=True).click()
    assert page.url == f"{site}/kk/people/aron-piper/"  # the reader stays in Kazakh

    page.get_by_role("navigation", name="Тіл").get_by_role("link", name="English").click()
    assert page.url == f"{site}/people/aron-piper/"
    assert page.get_by_role("heading", level=1).inner_text() == "Arón Piper"


def test_a_reader_in_kazakh_reads_the_film_and_takes_its_kit_in_kazakh(page, site, tmp_path):
    page.goto(f"{site}/kk/films/la-tregua/")

    synopsis = page.get_by_role("region", name="Синопсис")
    assert "Қарағанды, Қазақстан, 1940 жылдар." in synopsis.inner_text()
    assert page.locator(".subtitle").inner_text() == "Бітім"
    assert page.locator(".untranslated").count() == 0  # the demo has every text in Kazakh

    page.get_by_role("link", name="Пресс-кит және жүктеп алу").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Пресс-китті толық жүктеп алу").click()
    saved = tmp_path / "kit.zip"
    download.value.save_as(saved)

    assert download.value.suggested_filename == "La Tregua - Пресс-кит.zip"
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert "La Tregua - Баспасөз материалдары.pdf" in names
        credits = archive.read("La Tregua - Титрлер.txt").decode()
    assert credits.startswith("La Tregua\nБітім\n")
    assert "Мигель Анхель Вивас" in credits


def test_a_browser_in_russian_opens_the_site_in_russian_the_first_time_only(browser, site):
    context = browser.new_context(locale="ru-RU")
    page = context.new_page()

    page.goto(f"{site}/films/la-tregua/")
    assert page.url == f"{site}/ru/films/la-tregua/"
    assert page.locator("html").get_attribute("lang") == "ru"

    page.get_by_role("link", name="English").first.click()
    page.goto(f"{site}/films/la-tregua/")  # later, from a bookmark
    assert page.url == f"{site}/films/la-tregua/"
    # Its pictures fetched before it closes: a request still served would lock the database
    # the test empties afterwards.
    page.wait_for_load_state("networkidle")
    context.close()


def test_a_visitor_in_astana_reads_the_booking_times_also_in_their_own_zone_in_kazakh(
    browser, site
):
    from festivals.models import Screening

    press_screening = Screening.objects.get(kind="press")
    context = browser.new_context(timezone_id="Asia/Almaty", locale="kk-KZ")
    page = context.new_page()

    page.goto(f"{site}/kk/press/screenings/{press_screening.pk}/")

    yours = page.locator(".your-time").first.inner_text()
    # Written as the page writes dates (day, Kazakh month), with the offset the browser knows.
    assert "GMT+5" in yours
    assert any(month in yours for month in ("қыркүйек", "тамыз", "қазан"))
    context.close()
