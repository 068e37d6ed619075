"""Who downloaded what: each download by an accredited journalist names their outlet,
and press officers see, per film and file, which outlets took what, and export it."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from presskit.models import Accreditation, Download

from ..factories import make_accreditation, make_film, make_picture, signed_in

pytestmark = pytest.mark.django_db


def _journalist(outlet: str, **fields) -> Client:
    return signed_in(make_accreditation(new_outlet=outlet, **fields).user)


@pytest.fixture
def still(db):
    return make_picture(make_film(title="La Tregua"), title="Reyes at the fence")


def test_a_journalists_download_names_their_outlet_and_the_publics_does_not(client, still):
    _journalist("El Diario Vasco").get(still.url("print", download=True))
    _journalist("Revoked Weekly", status=Accreditation.Status.REVOKED).get(still.url("print"))
    client.get(still.url("print", download=True))

    assert sorted(Download.objects.values_list("outlet", flat=True)) == ["", "", "El Diario Vasco"]


def test_press_officers_see_which_outlets_took_what_and_export_it(press_client, still):
    for outlet in ("El Diario Vasco", "El Diario Vasco", "Kazinform"):
        _journalist(outlet).get(still.url("print", download=True))
    url = reverse("admin:presskit_download_by_outlet")

    page = press_client.get(url, {"film": still.film_id}).content.decode()
    exported = press_client.get(url, {"csv": ""})

    assert "El Diario Vasco" in page
    assert "Kazinform" in page
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["film", "file", "outlet", "downloads", "last downloaded (UTC)"]
    assert [(row[0], row[2], row[3]) for row in rows[1:]] == [
        ("La Tregua", "El Diario Vasco", "2"),
        ("La Tregua", "Kazinform", "1"),
    ]


def test_the_log_exports_the_selected_rows_as_csv(press_client, still):
    _journalist("Kazinform").get(still.url("print", download=True))

    exported = press_client.post(
        reverse("admin:presskit_download_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(Download.objects.values_list("pk", flat=True)),
        },
    )

    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    film, file, size, outlet = rows[1][2:6]
    assert (film, size, outlet) == ("La Tregua", "print", "Kazinform")
    assert file.endswith(".jpg (print)")


def test_editors_cannot_read_the_log(editor_client):
    assert editor_client.get(reverse("admin:presskit_download_by_outlet")).status_code == 403


def test_what_a_journalist_typed_cannot_run_in_a_spreadsheet(press_client, still):
    _journalist('=HYPERLINK("http://evil.example","x")').get(still.url("print", download=True))

    exported = press_client.get(reverse("admin:presskit_download_by_outlet"), {"csv": ""})

    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","x")'
