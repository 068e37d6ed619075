"""Database connections handed from one request to the next under gevent.

Django keeps one connection per thread and, with CONN_MAX_AGE, reuses it
for that thread's next request. gunicorn's gevent workers run every
request in a new greenlet, which Django sees as a new thread: each request
would open, set up and abandon a connection of its own, which costs a
public page a quarter of its time on SQLite (benchmarks/RESULTS.md).

`install()` keeps finished requests' connections in a per-process stock
and lends one to each new request, so a connection is used by one request
at a time and outlives it as CONN_MAX_AGE intends. A connection still
inside a transaction when its request ends is never lent. config/gunicorn.py
installs this in each gevent worker; nothing else uses it.
"""

from collections import defaultdict

from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Idle connections kept per database; any more are closed when returned.
MAX_IDLE = 16

_idle: dict[str, list[BaseDatabaseWrapper]] = defaultdict(list)


def lend(**kwargs) -> None:
    """Give the starting request a connection another request finished with."""
    for alias, idle in _idle.items():
        if idle:
            wrapper = idle.pop()
            connections[alias] = wrapper
            # What Django does at every request start: drop it if broken or too old.
            wrapper.close_if_unusable_or_obsolete()


def take_back(**kwargs) -> None:
    """Keep the finished request's connections for the next requests."""
    for wrapper in connections.all(initialized_only=True):
        if wrapper.in_atomic_block:
            continue  # a transaction left open stays with its request, as it would without this
        del connections[wrapper.alias]
        if len(_idle[wrapper.alias]) >= MAX_IDLE:
            wrapper.close()
            continue
        if not wrapper.allow_thread_sharing:
            # Greenlets count as threads: let the next request's use it.
            wrapper.inc_thread_sharing()
        _idle[wrapper.alias].append(wrapper)


def install() -> None:
    # Django's own close_old_connections() is connected first, so it runs
    # before take_back() at a request's end and closes what must not be kept.
    request_started.connect(lend, dispatch_uid="connection_reuse.lend")
    request_finished.connect(take_back, dispatch_uid="connection_reuse.take_back")


def uninstall() -> None:
    request_started.disconnect(dispatch_uid="connection_reuse.lend")
    request_finished.disconnect(dispatch_uid="connection_reuse.take_back")
    for idle in _idle.values():
        while idle:
            idle.pop().close()
