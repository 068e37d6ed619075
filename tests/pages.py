"""Read public pages the way outside tools do: a strict HTML parser, a structured-data extractor."""

import extruct
import html5lib
from django.http import HttpResponse


def html_of(response: HttpResponse) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def parse_strictly(html: str):
    """Parse with html5lib in strict mode: any HTML parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def h1_texts(html: str) -> list[str]:
    tree = parse_strictly(html)
    return ["".join(h1.itertext()).strip() for h1 in tree.iter("h1")]


def json_ld(html: str, url: str = "http://testserver/") -> list[dict]:
    """Every JSON-LD object on the page, @graph members included."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)["json-ld"]
    found = []
    for item in data:
        found.extend(item.get("@graph", [item]))
    return found


def json_ld_of_type(html: str, schema_type: str) -> list[dict]:
    return [item for item in json_ld(html) if item.get("@type") == schema_type]


def open_graph(html: str) -> dict[str, str]:
    data = extruct.extract(html, syntaxes=["opengraph"])["opengraph"]
    return {key: value for item in data for key, value in item["properties"]}
