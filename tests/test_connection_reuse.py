"""Under gevent every request runs in a new greenlet; its database connection must not be new too.

Threads stand in for greenlets here: Django keeps connections per thread,
and gevent makes each greenlet a thread in that sense.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.backends.signals import connection_created
from django.test import Client

from config.lib import connection_reuse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _uncached(settings):
    """Every visit reaches the database, as it does with the page cache off."""
    settings.PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def opened():
    """The connections opened while the test runs."""
    wrappers = []

    def record(sender, connection, **kwargs):
        wrappers.append(connection)

    connection_created.connect(record)
    yield wrappers
    connection_created.disconnect(record)


@pytest.fixture
def reuse():
    connection_reuse.install()
    yield
    connection_reuse.uninstall()


def _in_new_greenlet(work):
    """Run `work` in a thread of its own, as gunicorn's gevent worker runs a request."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test's own thread
            outcome["error"] = error
        finally:
            connections.close_all()  # what the pool did not take; a test database must drop

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _visit(url="/films/"):
    return _in_new_greenlet(lambda: Client().get(url).status_code)


def test_without_reuse_each_request_in_a_new_greenlet_opens_a_connection(opened):
    for _ in range(4):
        assert _visit() == 200

    assert len(opened) == 4


def test_requests_in_new_greenlets_share_one_connection(reuse, opened):
    for _ in range(4):
        assert _visit() == 200

    assert len(opened) == 1


def test_a_connection_left_in_a_transaction_stays_with_its_request(reuse):
    def leave_a_transaction_open():
        transaction.atomic().__enter__()
        connection.ensure_connection()
        connection_reuse.take_back()
        kept = connections[connection.alias]
        kept.set_rollback(True)
        transaction.atomic().__exit__(None, None, None)
        return kept

    kept = _in_new_greenlet(leave_a_transaction_open)

    assert kept not in connection_reuse._idle[connection.alias]
