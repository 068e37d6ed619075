"""Press releases, their feed and their embargoes."""

import datetime

import feedparser
import pytest
import time_machine
from django.utils import timezone

from ..factories import DRAFT, make_film, make_release
from ..pages import h1_texts, html_of, json_ld_of_type

pytestmark = pytest.mark.django_db


def test_the_news_page_lists_published_releases_newest_first(client, catalogue):
    html = html_of(client.get("/news/"))

    titles = [
        "La Tregua opens in cinemas in Spain and Kazakhstan in October",
        "La Tregua selected for the 73rd San Sebastián International Film Festival",
        "First look at La Tregua at Comic Con Astana",
    ]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)


def test_a_release_page_reads_as_a_news_article(client, catalogue):
    html = html_of(client.get("/news/la-tregua-san-sebastian-2025/"))

    assert h1_texts(html) == [
        "La Tregua selected for the 73rd San Sebastián International Film Festival"
    ]
    assert "5 August 2025" in html
    (article,) = json_ld_of_type(html, "NewsArticle")
    assert article["datePublished"].startswith("2025-08-05")
    assert article["about"]["name"] == "La Tregua"


def test_the_feed_parses_and_lists_every_public_release(client, catalogue):
    response = client.get("/news/feed/")

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert response["Content-Type"].startswith("application/rss+xml")
    assert len(feed.entries) == 3
    newest = feed.entries[0]
    assert newest.title == "La Tregua opens in cinemas in Spain and Kazakhstan in October"
    assert newest.link == "http://127.0.0.1:8000/news/la-tregua-in-cinemas-october-2025/"
    assert newest.published_parsed[:3] == (2025, 9, 29)


def test_an_embargoed_release_appears_everywhere_the_moment_its_embargo_lifts(client):
    lift = timezone.now() + datetime.timedelta(hours=2)
    make_release(slug="big-news", title="Big news", film=make_film(), embargo_until=lift)

    with time_machine.travel(lift - datetime.timedelta(minutes=1)):
        assert client.get("/news/big-news/").status_code == 404
        assert "Big news" not in html_of(client.get("/news/"))
        assert "Big news" not in client.get("/news/feed/").content.decode()
        assert "big-news" not in client.get("/sitemap.xml").content.decode()

    with time_machine.travel(lift + datetime.timedelta(seconds=1)):
        assert client.get("/news/big-news/").status_code == 200
        assert "Big news" in html_of(client.get("/news/"))
        assert "Big news" in client.get("/news/feed/").content.decode()
        assert "big-news" in client.get("/sitemap.xml").content.decode()


def test_an_embargoed_release_dates_from_its_embargo(client):
    release = make_release(slug="dated", title="Dated")
    published = timezone.now() - datetime.timedelta(days=2)
    lifted = timezone.now() - datetime.timedelta(days=1)
    type(release).objects.filter(pk=release.pk).update(
        first_published_at=published, embargo_until=lifted
    )

    entry = feedparser.parse(client.get("/news/feed/").content).entries[0]

    assert entry.published_parsed[:3] == lifted.timetuple()[:3]


def test_draft_releases_never_reach_the_feed(client):
    make_release(title="Draft news", publication_status=DRAFT)

    assert "Draft news" not in client.get("/news/feed/").content.decode()
    assert "Draft news" not in html_of(client.get("/news/"))


def test_a_release_text_keeps_its_paragraphs_and_no_markup(client):
    make_release(slug="plain", body="First <b>paragraph</b>.\n\nSecond paragraph.")

    html = html_of(client.get("/news/plain/"))

    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p><p>Second paragraph.</p>" in html
