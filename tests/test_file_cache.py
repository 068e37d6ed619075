"""The file cache's `add`, on which the page cache's single flight rests, has one winner."""

import multiprocessing

from config.lib.file_cache import FileCache

KEYS = [f"render-lock:{n}" for n in range(40)]
PROCESSES = 8


def _race(backend, location, barrier, wins):
    cache = backend(str(location), {})
    barrier.wait()
    wins.extend([key for key in KEYS if cache.add(key, True, timeout=30)])


def _winners(backend, location) -> list[str]:
    context = multiprocessing.get_context("spawn")  # no fork of a threaded test process
    barrier = context.Barrier(PROCESSES)
    with context.Manager() as manager:
        wins = manager.list()
        racers = [
            context.Process(target=_race, args=(backend, location, barrier, wins))
            for _ in range(PROCESSES)
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(60)
        return sorted(wins)


def test_processes_racing_to_add_a_key_get_exactly_one_winner(tmp_path):
    # Django's FileBasedCache, in the same race, lets some keys be won twice.
    assert _winners(FileCache, tmp_path / "cache") == sorted(KEYS)
