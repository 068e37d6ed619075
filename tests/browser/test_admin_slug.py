"""The admin's slug box, in a real browser: what it shows for a name in any script is what is saved."""

import pytest
from playwright.sync_api import expect

from presskit.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_kazakh_name_fills_the_slug_box_as_the_server_saves_it(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server.url}/admin/presskit/person/add/")

    page.locator("#id_name").press_sequentially("Әлия Қасымова")

    expect(page.locator("#id_slug")).to_have_value("aliya-kasymova")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/admin/presskit/person/")
    assert Person.objects.get(name="Әлия Қасымова").slug == "aliya-kasymova"
