"""Round trips to a PostgreSQL server, counted for the benchmarks (psycopg keeps no such count).

A round trip is one wait for the server's answer: every exchange psycopg runs through `Connection.wait` that has
to wait for something to read at least once. Statements sent in pipeline mode whose results are read together
count once; so does a write whose result nobody reads before the commit. Only the calling thread's exchanges
count (not the background worker's).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any


class RoundTrips:
    """The round trips the counting thread made while `counting()` was open, and the seconds it spent in them."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0


@contextmanager
def counting() -> Iterator[RoundTrips]:
    """Count the calling thread's round trips for the block (psycopg's `Connection.wait` wrapped meanwhile)."""
    trips = RoundTrips()
    try:
        import psycopg
        from psycopg.waiting import Wait
    except ImportError:  # no PostgreSQL client installed: no round trip to count
        yield trips
        return
    thread = threading.get_ident()
    original = psycopg.Connection.wait

    def counted(gen: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
        waited = False
        try:
            wanted = next(gen)
            while True:
                if not waited and wanted == Wait.R:
                    waited = True
                    trips.count += 1
                wanted = gen.send((yield wanted))
        except StopIteration as end:
            return end.value

    def wait(self: Any, gen: Generator[Any, Any, Any], *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() != thread:
            return original(self, gen, *args, **kwargs)
        started = time.perf_counter()
        try:
            return original(self, counted(gen), *args, **kwargs)
        finally:
            trips.seconds += time.perf_counter() - started

    psycopg.Connection.wait = wait  # type: ignore[method-assign]
    try:
        yield trips
    finally:
        psycopg.Connection.wait = original  # type: ignore[method-assign]
