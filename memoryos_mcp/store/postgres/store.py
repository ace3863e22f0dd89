"""The PostgreSQL store: a connection pool, migrations, transactions bound to the calling thread, and upkeep."""

from __future__ import annotations

import logging
import select
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from ...config import without_password
from ...errors import ConfigError, StoreMismatchError, StoreUnavailableError
from ...filters import Scope
from ..protocol import Repositories
from .schema import MIGRATION_LOCK, MIGRATIONS, PROMOTION_LOCK, dense_index

logger = logging.getLogger(__name__)

#: Connections one instance keeps at most: the engine serialises its own work, so a few cover the
#: background worker, a request and a snapshot read at once.
POOL_SIZE = 4
#: Seconds to wait for a connection before a call fails with "database unreachable".
CONNECT_TIMEOUT = 5.0
#: The application name of every connection of a server or command: reembed looks for them (vectors.py).
SERVER_APPLICATION = "memoryos-mcp"

#: `hnsw.ef_search` (the HNSW scan's candidate list) by the size of the graph, read when a pooled connection opens
#: (the pool renews each within the hour): 400 finds 0.995 / 0.992 of exact search's 10 nearest at 100k / 300k
#: pages in a third / two thirds of the time of 1000, the most pgvector allows, which larger graphs need (1M
#: pages: 0.936 with 400, 0.977 with 1000; BENCHMARKS.md).
EF_SEARCH_SMALL, EF_SEARCH_LARGE = 400, 1000
#: Vectors in `page_vectors` up to which the smaller candidate list is used (never analysed yet: the larger).
SMALL_GRAPH = 300_000

Row = dict[str, Any]
#: The end of every write transaction: the change counter other instances poll rides on the commit.
_COUNT = "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'data_version'"


class _Bound(threading.local):
    """The connection of the transaction the current thread is in, and how deeply it is nested."""

    conn: psycopg.Connection[Row] | None = None
    #: Nesting of the transaction (or snapshot) open on `conn`; 0 outside one.
    depth: int = 0
    #: The pipeline of the write transaction open on `conn`, if one is.
    pipeline: psycopg.Pipeline | None = None


class PostgresStore:
    """One database shared by many instances. Transactions nest and bind a pooled connection to the thread."""

    errors: tuple[type[Exception], ...] = (psycopg.Error, PoolTimeout)

    def __init__(self, url: str, source: str = "config", application: str = SERVER_APPLICATION) -> None:
        self.url = url
        self.location = without_password(url)
        self._bound = _Bound()
        self._own_changes = 0
        self._closed = False
        #: The store's vector width, once check_embedding_model read it (0 before: nothing checked yet).
        self._dimension = 0
        try:
            with psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT), autocommit=True,
                                 application_name=application) as conn:
                self._migrate(conn)
        except psycopg.OperationalError as exc:
            raise ConfigError(f"{source}: storage_url: cannot reach the database {self.location}: "
                              f"{_first_line(exc)}") from None
        self.pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            url, min_size=1, max_size=POOL_SIZE, timeout=CONNECT_TIMEOUT, configure=_configure, check=_check,
            kwargs={"autocommit": True, "row_factory": dict_row, "application_name": application}, open=False,
            name="memoryos")
        self.pool.open(wait=True, timeout=CONNECT_TIMEOUT * 2)

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > len(MIGRATIONS):
                raise ConfigError(f"storage_url: the database {self.location} has schema version {version}, newer "
                                  f"than this memoryos-mcp knows ({len(MIGRATIONS)}): upgrade memoryos-mcp")
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                logger.info("applying schema migration %d to %s", number, self.location)
                conn.execute(script)
            dimension = conn.execute("SELECT value FROM meta WHERE key = 'embedding_dimension'").fetchone()
            if version < len(MIGRATIONS) and dimension:  # the dense index of a store that has a width, made again
                conn.execute(dense_index(int(dimension[0])))
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version VALUES (%s)", (len(MIGRATIONS),))

    # -- connections and transactions ------------------------------------------------------------

    @contextmanager
    def transaction(self, durable: bool = True, pipelined: bool = True) -> Iterator[psycopg.Connection[Row]]:
        """One atomic unit; nested uses join the outer transaction. Counts as a change other instances see.
        Not `durable`: the commit returns before its WAL reaches the disk (asynchronous commit).

        `pipelined` (psycopg's pipeline mode): a statement goes to the server at once but its result is waited
        for only when read, so the writes whose results nobody reads (BEGIN, most UPDATEs, the change counter,
        COMMIT) share the round trip of the next read instead of costing one each; an error surfaces at that
        read or at the commit, and the whole transaction is rolled back as before. `rows_changed` reads a
        write's row count. Not for COPY, which pipeline mode does not allow."""
        bound = self._bound
        if bound.depth:
            bound.depth += 1
            try:
                yield bound.conn  # type: ignore[misc]  # set with depth
            finally:
                bound.depth -= 1
            return
        with self.reporting_errors(), self._bind() as conn:
            try:
                with conn.pipeline() if pipelined else nullcontext() as pipeline:
                    conn.execute("BEGIN")
                    if not durable:
                        conn.execute("SET LOCAL synchronous_commit = off")
                    bound.depth, bound.pipeline = 1, pipeline
                    yield conn
                    conn.execute(_COUNT)
                    conn.execute("COMMIT")
            except BaseException:
                with suppress(psycopg.Error):  # a connection the database dropped has nothing to roll back
                    conn.execute("ROLLBACK")
                raise
            finally:
                bound.depth, bound.pipeline = 0, None
        self._own_changes += 1

    def rows_changed(self, sql: str, params: tuple | list = ()) -> int:
        """The rows a write (in the caller's transaction, or one of its own) changed: a pipelined transaction's
        results are waited for first, as the count comes with them."""
        with self.transaction() as conn:
            cursor = conn.execute(sql, params)
            if self._bound.pipeline is not None:
                self._bound.pipeline.sync()
            return cursor.rowcount

    @contextmanager
    def snapshot(self) -> Iterator[psycopg.Connection[Row]]:
        """A consistent read of many queries (REPEATABLE READ, read only) that never blocks writers."""
        bound = self._bound
        if bound.depth:
            yield bound.conn  # type: ignore[misc]  # set with depth
            return
        with self.reporting_errors(), self._bind() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            bound.depth = 1
            try:
                yield conn
            finally:
                bound.depth = 0
                conn.execute("COMMIT")

    @contextmanager
    def session(self) -> Iterator[None]:
        """One pooled connection serves every query of the block (one engine call): not one each."""
        with self.reporting_errors(), self._bind():
            yield

    @contextmanager
    def _bind(self) -> Iterator[psycopg.Connection[Row]]:
        """The thread's connection, or one from the pool bound to the thread for the block."""
        bound = self._bound
        if bound.conn is not None:
            yield bound.conn
            return
        with self.pool.connection() as conn:
            bound.conn = conn
            try:
                yield conn
            finally:
                bound.conn = None

    def query(self, sql: str, params: tuple | list = (), prepare: bool | None = None) -> list[Row]:
        """Rows in binary form: vectors arrive as arrays, not text to parse. psycopg prepares a statement run often
        (`prepare` None); `prepare=False` has it planned for its parameter values every time instead."""
        with self.reporting_errors(), self._bind() as conn:
            return conn.execute(sql, params, binary=True, prepare=prepare).fetchall()

    @contextmanager
    def reporting_errors(self) -> Iterator[None]:
        """A database that cannot be reached is an error saying so; nothing of the failed call was committed."""
        try:
            yield
        except (psycopg.OperationalError, PoolTimeout) as exc:
            if isinstance(exc, psycopg.errors.QueryCanceled):
                raise
            raise StoreUnavailableError(f"the database {self.location} is unreachable ({_first_line(exc)}): "
                                        "nothing was stored or changed; try again once it is back") from exc

    @contextmanager
    def exclusive(self, name: str, scope: Scope) -> Iterator[bool]:
        """Whether this instance alone holds `name` for `scope` (an advisory lock, on a connection of its own
        for the block) for the block."""
        key = PROMOTION_LOCK << 32 | zlib.crc32(f"{name}\x00{scope.user_id}\x00{scope.assistant_id}".encode())
        with self.reporting_errors(), self.pool.connection() as conn:
            held = conn.execute("SELECT pg_try_advisory_lock(%s::bigint) AS held", (key,)).fetchone()
            acquired = bool(held and held["held"])
            try:
                yield acquired
            finally:
                if acquired:
                    conn.execute("SELECT pg_advisory_unlock(%s::bigint)", (key,))

    # -- meta and upkeep --------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = %s", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                         "SET value = excluded.value", (key, value))

    def bump_meta_counter(self, key: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (%s, '1') ON CONFLICT (key) DO UPDATE "
                         "SET value = (meta.value::bigint + 1)::text", (key,))

    def data_version(self) -> int:
        """Commits by other connections: every write transaction counts one, minus this store's own."""
        return int(self.get_meta("data_version") or 0) - self._own_changes

    def check_embedding_model(self, name: str, dimension: int) -> None:
        """Vectors of two models live in different spaces: refuse to mix them. The first model makes the
        HNSW index for its width."""
        stored = self.get_meta("embedding_model")
        if stored is None:
            with self.transaction() as conn:
                conn.execute("INSERT INTO meta VALUES ('embedding_model', %s) ON CONFLICT DO NOTHING", (name,))
                conn.execute("INSERT INTO meta VALUES ('embedding_dimension', %s) ON CONFLICT DO NOTHING",
                             (str(dimension),))
                conn.execute(dense_index(dimension))
            stored = self.get_meta("embedding_model")
        stored_dim = int(self.get_meta("embedding_dimension") or 0)
        self._dimension = stored_dim
        if stored != name or stored_dim != dimension:
            raise StoreMismatchError(
                f"the database {self.location} was built with embedding model {stored!r} ({stored_dim}-d) but "
                f"{name!r} ({dimension}-d) is configured: set embedding_provider/embedding_model_name back, or "
                "stop every instance and run 'memoryos-mcp reembed --config <this config>' to re-embed the database")

    def check_width(self, vectors: np.ndarray) -> None:
        """Write only vectors of the store's dimension: never a second model's into one store (the width is
        read once, when the engine opens: nothing re-embeds a PostgreSQL store in place)."""
        stored = self._dimension
        if stored and vectors.size and vectors.shape[-1] != stored:
            raise StoreMismatchError(f"the database {self.location} holds {stored}-d vectors; this process has "
                                     f"{vectors.shape[-1]}-d ones: nothing was stored")

    def repair_full_text(self) -> int:
        """The full-text columns are generated from each row: they cannot disagree with it."""
        return 0

    def purge_full_text(self) -> None:
        """Deleted rows leave the GIN indexes with them; VACUUM reclaims the space (checkpoint)."""

    def wiped(self) -> bool:
        """Deleted rows stay in the table files until VACUUM reclaims them (see checkpoint)."""
        return False

    def checkpoint(self) -> bool:
        """Ask PostgreSQL to reclaim deleted rows now (autovacuum does it later anyway)."""
        try:
            with self.pool.connection() as conn:
                conn.execute("VACUUM pages, knowledge, knowledge_sources, segments, model_values")
        except (psycopg.Error, PoolTimeout) as exc:
            logger.warning("VACUUM after a delete failed (autovacuum will do it): %s", _first_line(exc))
        return False

    def size_bytes(self) -> int:
        rows = self.query("SELECT pg_database_size(current_database()) AS n")
        return int(rows[0]["n"])

    def repositories(self, scope: Scope, dimension: int) -> Repositories:
        from .repositories import open_repositories  # the repositories import this module

        return open_repositories(self, scope, dimension)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.pool.close()


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Every pooled connection: vectors as numpy arrays; HNSW scans as deep as a search's candidates need; random
    reads priced as cached ones (a memory's working set fits in the server's memory), so the page full text of a
    term a few thousand pages hold reads them from its GIN index instead of walking every newest page (100k
    pages: p95 150 -> 85 ms; BENCHMARKS.md)."""
    register_vector(conn)
    row = conn.execute("SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass('page_vectors')").fetchone()
    ef_search = EF_SEARCH_SMALL if row and 0 <= row["n"] <= SMALL_GRAPH else EF_SEARCH_LARGE
    conn.execute(f"SET hnsw.iterative_scan = relaxed_order; SET hnsw.ef_search = {ef_search}; "
                 "SET random_page_cost = 1.1")


def _check(conn: psycopg.Connection[Any]) -> None:
    """A pooled connection is tested before use, so one broken by a database restart is replaced, not handed out.

    Without a round trip while it is healthy: a server that closed the connection (a restart, an idle timeout)
    left its goodbye on the socket, so only a connection with something to read is asked (and then fails).
    """
    if conn.closed or _readable(conn.fileno()):
        conn.execute("SELECT 1")


def _readable(fd: int) -> bool:
    """Whether the socket has something to read, without waiting (poll: select() fails for descriptors >= 1024)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
