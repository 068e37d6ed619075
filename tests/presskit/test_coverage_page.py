import pytest

from ..pages import h1_texts, html_of

pytestmark = pytest.mark.django_db


def test_coverage_lists_outlet_date_language_and_link(client, catalogue):
    html = html_of(client.get("/coverage/"))

    assert h1_texts(html) == ["Coverage"]
    row = html[html.index("rodaje accidentado") - 400 : html.index("rodaje accidentado") + 400]
    assert "EFE" in row
    # A Spanish headline, marked as Spanish.
    assert '<td lang="es"><cite>La Tregua llega a San Sebastián' in row
    assert "5 August 2025" in row
    assert "Spanish" in row
    assert "by Kulpash Konyrova" in row
    assert "July 2025" in html  # known to the month only
    assert ">2025<" in html  # known to the year only
