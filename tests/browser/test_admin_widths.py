"""The admin an editor uses, at 1280 px and on a 768 px tablet, in a real browser.

Every list keeps its "who sees it" column (publication, embargo, access: what
decides who sees a record) in view without scrolling sideways, and the film
form's credits fit whole. Screenshots are left in test-artifacts/.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = ["film", "person", "quote", "coverage", "pressrelease", "asset", "screening", "award"]
APP = {"screening": "festivals", "award": "festivals"}


@pytest.fixture
def editor_page(site, admin_page):
    return admin_page


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return (
        box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    )


@pytest.mark.parametrize("width", [1280, 768])
@pytest.mark.parametrize("model", LISTS)
def test_each_list_shows_who_sees_each_record_without_scrolling_sideways(
    editor_page, site, artifacts, model, width
):
    editor_page.set_viewport_size({"width": width, "height": 900})
    editor_page.goto(f"{site}/admin/{APP.get(model, 'presskit')}/{model}/")

    editor_page.screenshot(path=artifacts / f"admin-{model}-list-{width}.png")
    assert _in_view(editor_page, "th.column-publication")
    assert _in_view(editor_page, "td.field-publication")
    if model == "asset":
        assert _in_view(editor_page, "td.field-access")
    overflow = editor_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the {model} list scrolls sideways by {overflow}px at {width}px"


@pytest.mark.parametrize("width", [1280, 768])
def test_the_film_form_fits_with_its_credits_and_folds_its_sections(
    editor_page, site, artifacts, width
):
    editor_page.set_viewport_size({"width": width, "height": 900})
    editor_page.goto(f"{site}/admin/presskit/film/?q=tregua")
    editor_page.locator("#result_list tbody th a").first.click()

    editor_page.screenshot(path=artifacts / f"admin-film-form-{width}.png", full_page=True)
    credits = editor_page.locator("#credits-group .tabular")
    wider = credits.evaluate("element => element.scrollWidth - element.clientWidth")
    assert wider <= 1, f"the credits scroll sideways by {wider}px at {width}px"
    assert _in_view(editor_page, "#credits-group th:last-child")  # Delete?
    folded = editor_page.locator("details:not([open]) > summary")
    assert {text.strip() for text in folded.all_inner_texts()} >= {
        "Facts",
        "For the press",
        "Reviews embargo",
    }
