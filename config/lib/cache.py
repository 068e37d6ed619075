"""The shared cache as an accelerator: when it fails, the site goes on without it.

`shared` wraps Django's default cache. A call that fails (Redis down or
slow, a cache directory full) answers as a miss would: `get` gives the
default, `set` and `delete` do nothing, `add` says the caller may go ahead.
Pages are then rendered fresh and downloads served as usual. The failure is
logged once when it starts and once when the cache answers again; while it
lasts, the cache is left alone for a few seconds between tries, so that a
Redis that does not answer costs no request its timeout.
"""

import logging
import threading
import time

from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a failing cache raises: Redis' errors, and the file cache's OSError (a full disk).
FAILURES = (RedisError, OSError)
# How long the cache is left alone after a failure before it is tried again.
RETRY_SECONDS = 5.0


class SharedCache:
    def __init__(self):
        self.failed_at: float | None = None
        self.lock = threading.Lock()
        self.recovered: list = []

    def on_recovery(self, callback) -> None:
        """Have `callback()` run whenever the cache answers again after failing.

        It runs on whichever thread noticed, before that call returns (as a
        miss); it must do no database work.
        """
        self.recovered.append(callback)

    def healthy(self) -> bool:
        """False while the cache is failing (it is tried again every RETRY_SECONDS)."""
        failed_at = self.failed_at
        return failed_at is None or time.monotonic() - failed_at >= RETRY_SECONDS

    def get(self, key: str, default=None):
        return self._call(default, cache.get, key, default)

    def set(self, key: str, value, timeout=None) -> None:
        self._call(None, cache.set, key, value, timeout)

    def add(self, key: str, value, timeout=None) -> bool:
        """Store `value` unless `key` is there; True if stored, or if the cache is failing."""
        return self._call(True, cache.add, key, value, timeout)

    def delete(self, key: str) -> None:
        self._call(None, cache.delete, key)

    def _call(self, fallback, operation, *args):
        if not self.healthy():
            return fallback
        try:
            result = operation(*args)
        except FAILURES as error:
            with self.lock:
                if self.failed_at is None:
                    logger.error(
                        "The shared cache failed (%s: %s): pages are rendered fresh until it "
                        "answers again.",
                        type(error).__name__,
                        error,
                    )
                self.failed_at = time.monotonic()
            return fallback
        if self.failed_at is not None:
            with self.lock:
                recovered, self.failed_at = self.failed_at is not None, None
            if recovered:
                logger.warning("The shared cache answers again.")
                for callback in self.recovered:
                    callback()
                # What it holds may predate changes it missed: this call counts as a miss.
                return fallback
        return result


shared = SharedCache()
