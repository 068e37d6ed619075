"""Django's file cache with an `add` that one process and thread wins: the site's locks.

The page cache's single flight (config/lib/page_cache.py) takes its locks
with `cache.add()`: one request of the whole site renders a page or starts
a generation, the others wait for it. Redis adds atomically. Django's
FileBasedCache looks for the key, then writes it, so two processes that
miss in the same instant (two hundred journalists reloading as an embargo
lifts) may both be told they hold the lock, and both render. Here the look
and the write are made under an exclusive `flock` of one file in the cache
directory, so of processes racing for a key exactly one `add` succeeds.
Only `add` waits for it; reads and writes stay as Django makes them (a
write replaces a whole file). Django's own housekeeping may still remove a
lock early (an expired entry is deleted when read, the oldest are culled
past MAX_ENTRIES): a page is then rendered twice, never wrongly.
"""

import fcntl
import os
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

LOCK_NAME = ".add.lock"  # not a cache entry: Django's entries end in ".djcache"


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self.lock_path = os.path.join(os.path.abspath(dir), LOCK_NAME)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self.adding():
            return super().add(key, value, timeout, version)

    @contextmanager
    def adding(self):
        """Hold the cache directory's add lock (every process and thread of the site queues)."""
        os.makedirs(os.path.dirname(self.lock_path), exist_ok=True)
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock
