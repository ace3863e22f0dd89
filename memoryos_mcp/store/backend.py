"""Opening a store: the backend a config names (storage_url), each checked against the contract (protocol.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..config import MemoryConfig
from ..errors import ConfigError
from ..filters import Scope
from .dense import FaissDense
from .knowledge import KnowledgeRepository
from .pages import PageRepository
from .profiles import ProfileRepository
from .protocol import Backend, Repositories, VectorScratch
from .segments import SegmentRepository
from .sqlite import Store, check_file
from .user_model import ModelRepository
from .vectors import SQLiteScratch


class SQLiteBackend(Store):
    """The SQLite file as a backend: the zero-setup default."""

    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    @property
    def location(self) -> str:
        return str(self.path)

    @contextmanager
    def session(self) -> Iterator[None]:
        """The store has one connection."""
        yield

    @contextmanager
    def exclusive(self, name: str, scope: Scope) -> Iterator[bool]:
        """Processes sharing the file each hold their engine lock only: the block always runs."""
        yield True

    def repositories(self, scope: Scope, dimension: int) -> Repositories:
        """The repositories of `scope` in this store (typed as the protocols: the type checker holds them to it)."""
        pages = PageRepository(self, scope)
        return Repositories(pages, SegmentRepository(self, scope), KnowledgeRepository(self, scope),
                            ProfileRepository(self, scope), ModelRepository(self, scope), FaissDense(pages, dimension))


def check_before_opening(config: MemoryConfig) -> None:
    """Refuse, before anything is created, a store that cannot be this memory's (sqlite.py: a file of
    another program, a newer schema)."""
    if not config.on_postgres:
        check_file(config.database_path)


def open_backend(config: MemoryConfig) -> Backend:
    """The store `config` names: its storage_url, else the SQLite file in data_storage_path."""
    if config.on_postgres:
        assert config.storage_url is not None
        try:
            from .postgres.store import PostgresStore
        except ImportError as exc:
            raise ConfigError(f"{config.source}: storage_url: a postgresql:// store needs the postgres extra "
                              f"(pip install 'memoryos-mcp[postgres]'): {exc}") from None
        return PostgresStore(config.storage_url, config.source)
    return SQLiteBackend(config.database_path)


def open_for_reembed(config: MemoryConfig) -> tuple[Backend, VectorScratch]:
    """The existing store `config` names, and the scratch of a re-embedding run on it."""
    if config.on_postgres:
        assert config.storage_url is not None
        from .postgres.store import PostgresStore
        from .postgres.vectors import PgScratch

        store = PostgresStore(config.storage_url, config.source, application="memoryos-mcp reembed")
        return store, PgScratch(store)
    path = config.database_path
    if not path.is_file():
        raise ConfigError(f"data_storage_path: no store at {path}: there is nothing to re-embed")
    sqlite = SQLiteBackend(path)
    return sqlite, SQLiteScratch(sqlite)
