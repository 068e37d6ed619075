"""How many web worker processes serve the site: one rule for gunicorn and the pool check."""

import os


def web_workers() -> int:
    """WEB_CONCURRENCY if set, else one per core."""
    return int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
