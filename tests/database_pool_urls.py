"""Views for the pool's tests: one leaves state on its connection, one reports what it finds."""

from django.db import connection
from django.http import JsonResponse
from django.urls import path


def leave_state(request):
    """Changes its session and walks away in the middle of a transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '1234ms'")
        cursor.execute("SET TIME ZONE 'Asia/Almaty'")
        cursor.execute("BEGIN")
        cursor.execute("SELECT pg_backend_pid()")
        return JsonResponse({"pid": cursor.fetchone()[0]})


def state(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_backend_pid(), current_setting('statement_timeout'), "
            "current_setting('TimeZone'), now() = statement_timestamp()"
        )
        pid, timeout, zone, fresh_transaction = cursor.fetchone()
    return JsonResponse(
        {"pid": pid, "statement_timeout": timeout, "time_zone": zone, "fresh": fresh_transaction}
    )


def hold(request):
    """Keeps its connection busy for a moment, as a slow page would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid() FROM pg_sleep(0.05)")
        return JsonResponse({"pid": cursor.fetchone()[0]})


urlpatterns = [
    path("leave-state/", leave_state),
    path("state/", state),
    path("hold/", hold),
]
