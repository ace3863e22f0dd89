"""The connection pool's health check works for any socket number (a server with a raised `ulimit -n`)."""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator

import pytest

from memoryos_mcp.store.postgres.store import PostgresStore

pytestmark = pytest.mark.postgres

#: select() cannot watch a file descriptor at or above this.
FD_SETSIZE = 1024


@pytest.fixture
def high_descriptors() -> Iterator[None]:
    """The next sockets opened get descriptors above FD_SETSIZE (the lower ones are taken)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < FD_SETSIZE + 64:
        pytest.skip(f"the hard limit on open files ({hard}) is below {FD_SETSIZE + 64}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (FD_SETSIZE + 64, hard))
    taken: list[int] = []
    try:
        while not taken or taken[-1] < FD_SETSIZE:
            taken.append(os.open(os.devnull, os.O_RDONLY))
        yield
    finally:
        for fd in taken:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_pooled_connections_above_fd_setsize_pass_their_check(postgres_url: str, high_descriptors: None) -> None:
    store = PostgresStore(postgres_url)
    try:
        for _ in range(3):  # each use checks the pooled connection first
            assert store.query("SELECT 41 + 1 AS answer") == [{"answer": 42}]
        with store.pool.connection() as conn:
            assert conn.fileno() >= FD_SETSIZE
    finally:
        store.close()
