"""Two hundred accredited journalists press "Book" in the same second, on PostgreSQL.

`make serve` on a scratch PostgreSQL database (presskit_bench_bookings, made
anew and dropped at the end). A press screening with 50 seats; 200
accredited journalists, each signed in with a session of their own and
holding the CSRF token of the screening's page, as their browsers would.
Then each posts the page's one button ("Book a seat", with `wait` so that
a full screening puts them in line) from a thread of its own, all released
by one barrier: the real request path (middleware, session, CSRF, the
locks in presskit/bookings/services.py), on gunicorn's threads.

Read back from the database afterwards: seats given (must equal the
capacity), no journalist or ticket twice, the waiting list the rest, and
every seat given before any place in line. Errors are answers other than
the page's redirect, and failed connections.
"""

import http.client
import json
import re
import statistics
import threading
import time
from urllib.parse import urlencode, urlsplit

from pool import SERVER, admin_connection
from serving import PORT, ROUNDS, WORK, serve, shell, spread, stop, url, verdict

PACKAGES: dict[str, str] = {}

DATABASE = "presskit_bench_bookings"
SEATS = 50
JOURNALISTS = 200
TIMEOUT_S = 60

SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from festivals.models import Screening, Venue
from presskit.models import Accreditation, Booking, Film

Booking.objects.all().delete()
Screening.objects.filter(title="Bench press screening").delete()
screening = Screening.objects.create(
    film=Film.objects.get(slug="la-tregua"),
    venue=Venue.objects.get(slug="kursaal-san-sebastian"),
    kind=Screening.Kind.PRESS,
    title="Bench press screening",
    starts_at=timezone.now() + datetime.timedelta(days=2),
    seats={seats},
    publication_status="published",
)
User = get_user_model()
cookies = []
for n in range({journalists}):
    email = f"bench-{{n}}@example.org"
    user, _ = User.objects.get_or_create(username=email, defaults={{"email": email}})
    Accreditation.objects.get_or_create(user=user, defaults=dict(
        name=f"Bench journalist {{n}}", email=email, new_outlet="Bench Weekly",
        role="critic", country="ES", work_url="https://example.org",
        status=Accreditation.Status.APPROVED))
    browser = Client()
    browser.force_login(user)
    cookies.append(browser.cookies["sessionid"].value)
print(json.dumps({{"screening": screening.pk, "sessions": cookies}}))
"""

OUTCOME = """
import json
from presskit.models import Booking
bookings = Booking.objects.filter(screening_id={screening})
seated = list(bookings.filter(status="booked"))
line = list(bookings.filter(status="waiting"))
print(json.dumps({{
    "seated": len(seated),
    "waiting": len(line),
    "journalists": bookings.values("accreditation").distinct().count(),
    "bookings": bookings.count(),
    "tickets": len({{b.ticket_code for b in seated}}),
    "in_order": not seated or not line
        or max(b.created_at for b in seated) <= min(b.created_at for b in line),
}}))
"""


def _browser_state(session: str, path: str) -> tuple[str, str]:
    """The Cookie header and the form's CSRF token of a journalist who opened the page."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT_S)
    connection.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = connection.getresponse()
    page = response.read().decode()
    if response.status != 200 or "Book a seat" not in page:
        raise SystemExit(f"The screening's page offered no booking ({response.status})")
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    connection.close()
    return f"sessionid={session}; csrftoken={csrf}", token


def _race(path: str, browsers: list[tuple[str, str]]) -> dict:
    barrier = threading.Barrier(len(browsers))
    outcomes: list[tuple[float, int | str]] = [(0.0, "")] * len(browsers)

    def press(index: int, cookie: str, token: str) -> None:
        body = urlencode({"csrfmiddlewaretoken": token, "wait": "1"})
        headers = {
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": url(path),
        }
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=TIMEOUT_S)
        barrier.wait()
        started = time.perf_counter()
        try:
            connection.request("POST", path + "book/", body, headers)
            response = connection.getresponse()
            response.read()
            outcome = response.status
        except OSError as error:
            outcome = type(error).__name__
        outcomes[index] = ((time.perf_counter() - started) * 1000, outcome)
        connection.close()

    threads = [
        threading.Thread(target=press, args=(index, *browser))
        for index, browser in enumerate(browsers)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    latencies = sorted(ms for ms, _ in outcomes)
    return {
        "errors": sum(1 for _, outcome in outcomes if outcome != 302),
        "p50_ms": statistics.median(latencies),
        "p99_ms": latencies[min(len(latencies) - 1, round(len(latencies) * 0.99))],
        "max_ms": latencies[-1],
        "seconds": took,
    }


def measure(env: dict) -> list[dict]:
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    env = {
        **env,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DJANGO_MEDIA_ROOT": str(WORK / "media-bookings"),
    }
    process = serve(env)
    rounds = []
    try:
        for round_number in range(1, ROUNDS + 1):
            made = json.loads(
                shell(env, SETUP.format(seats=SEATS, journalists=JOURNALISTS)).splitlines()[-1]
            )
            path = f"/press/screenings/{made['screening']}/"
            browsers = [_browser_state(session, path) for session in made["sessions"]]
            figures = _race(path, browsers)
            figures |= json.loads(
                shell(env, OUTCOME.format(screening=made["screening"])).splitlines()[-1]
            )
            rounds.append(figures)
            print(f"bookings round {round_number}: {figures}", flush=True)
        return rounds
    finally:
        stop(process)
        with admin_connection() as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def report(rounds: list[dict]) -> tuple[list[str], bool]:
    lines = [
        "## Press screening bookings",
        "",
        f"`make serve` on PostgreSQL (a scratch database, `{DATABASE}`), {urlsplit(SERVER).netloc}.",
        f"A press screening with {SEATS} seats; {JOURNALISTS} accredited journalists, each with",
        "a session of their own and the CSRF token of the screening's page, post its button",
        f"(`wait` set: a full screening puts them in line) from {JOURNALISTS} threads released",
        f"by one barrier, {ROUNDS} rounds, each on a new screening. The outcome is read back",
        "from the database. *Errors* are answers other than the page's redirect, and failed",
        "connections; latency is from sending the request to reading the whole answer.",
        "",
        "| round | seats given | in line | journalists twice | tickets twice | seats before line "
        "| errors | p50 ms | p99 ms | max ms | all answered in s | met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    passed = True
    for number, figures in enumerate(rounds, 1):
        twice = figures["bookings"] - figures["journalists"]
        tickets_twice = figures["seated"] - figures["tickets"]
        met = (
            figures["seated"] == SEATS
            and figures["waiting"] == JOURNALISTS - SEATS
            and twice == 0
            and tickets_twice == 0
            and figures["in_order"]
            and figures["errors"] == 0
        )
        passed &= met
        lines.append(
            f"| {number} | {figures['seated']} | {figures['waiting']} | {twice} | "
            f"{tickets_twice} | {'yes' if figures['in_order'] else 'no'} | {figures['errors']} | "
            f"{figures['p50_ms']:.0f} | {figures['p99_ms']:.0f} | {figures['max_ms']:.0f} | "
            f"{figures['seconds']:.2f} | {verdict(met)} |"
        )
    lines += [
        "",
        f"p99 over rounds: {spread([figures['p99_ms'] for figures in rounds], 0)} ms.",
        "",
        f"Targets: exactly {SEATS} seats given, the other {JOURNALISTS - SEATS} in line, nobody "
        "and no ticket twice, every seat given before any place in line, no errors. "
        f"Result: **{'met' if passed else 'NOT met'}**.",
        "",
    ]
    return lines, passed
