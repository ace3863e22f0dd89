"""Re-embedding a PostgreSQL store: every vector at once, across scopes, staged then swapped in.

As on SQLite (store/vectors.py), new vectors wait in a scratch table, one committed batch at a time, so an
interrupted run leaves the database as it was. No instance may run meanwhile: they are seen by the
application name of their connections, and the swap locks the tables every instance reads first.
"""

from __future__ import annotations

import time

import numpy as np

from ...errors import ConfigError
from ..vectors import SCRATCH, SOURCES, TABLES, TARGET_KEY, source_texts
from .schema import dense_index
from .sql import vector_of
from .store import SERVER_APPLICATION, PostgresStore

#: How long a connection closed just before may still be listed by the server as open.
CLOSING_SECONDS = 2.0


class PgScratch:
    """The scratch table of one re-embedding run towards one model (see protocol.VectorScratch)."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store

    def alone(self) -> None:
        """No instance has the database open; one stopped a moment ago may still be listed (the server drops a closed
        connection's row after the client has gone), so it is given `CLOSING_SECONDS` to leave."""
        deadline = time.monotonic() + CLOSING_SECONDS
        while others := self._instances():
            if time.monotonic() >= deadline:
                raise ConfigError(f"storage_url: the database {self.store.location} is open in another process "
                                  f"({others} connection(s) of memoryos-mcp servers or commands): stop every "
                                  "instance, then run reembed again; nothing was changed")
            time.sleep(0.05)

    def _instances(self) -> int:
        return int(self.store.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                                    "AND application_name = %s", (SERVER_APPLICATION,))[0]["n"])

    def lock_out(self) -> None:
        """Instances starting now wait on the meta table (their model check reads it), then find the new model."""
        with self.store.transaction() as conn:
            conn.execute("LOCK TABLE meta, pages, knowledge, segments IN ACCESS EXCLUSIVE MODE")
            self.alone()

    def start(self, model: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {SCRATCH} (kind TEXT NOT NULL, id BIGINT NOT NULL, "
                         "digest TEXT NOT NULL, embedding vector NOT NULL, PRIMARY KEY (kind, id))")
            if self.store.get_meta(TARGET_KEY) != model:
                conn.execute(f"DELETE FROM {SCRATCH}")
                conn.execute("INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                             "SET value = excluded.value", (TARGET_KEY, model))

    def odd_widths(self, dimension: int) -> int:
        return sum(int(self.store.query(f"SELECT count(*) AS n FROM {table} WHERE vector_dims(embedding) != %s",
                                        (dimension,))[0]["n"]) for table in ("pages", "knowledge", "segments"))

    def drop(self) -> None:
        with self.store.transaction() as conn:
            conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
            conn.execute("DELETE FROM meta WHERE key = %s", (TARGET_KEY,))

    def texts(self, kind: str) -> list[tuple[int, str]]:
        return source_texts(kind, self.store.query(SOURCES[kind]))

    def staged(self, kind: str) -> dict[int, str]:
        rows = self.store.query(f"SELECT id, digest FROM {SCRATCH} WHERE kind = %s", (kind,))
        return {row["id"]: row["digest"] for row in rows}

    def stage(self, kind: str, rows: list[tuple[int, str]], vectors: np.ndarray) -> None:
        with self.store.transaction() as conn, conn.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {SCRATCH} (kind, id, digest, embedding) VALUES (%s, %s, %s, %s) ON CONFLICT (kind, id) "
                "DO UPDATE SET digest = excluded.digest, embedding = excluded.embedding",
                [(kind, row_id, digest, np.asarray(vector, np.float32))
                 for (row_id, digest), vector in zip(rows, vectors, strict=True)])

    def swap_in(self) -> None:
        """Every page and fact takes its staged vector; the HNSW index of the old width goes first (it casts every
        vector to that width), and page_vectors is then made again from the pages.

        Made again in a new file (TRUNCATE), not row by row as the trigger does: a replaced row stays in the table,
        dead, while a transaction older than the swap may still see it, and an index build reads such rows too,
        so the new width's index failed on them ('expected 512 dimensions, not 384') whenever a snapshot from
        before the swap was still open (an autovacuum ANALYZE, any reader of the database)."""
        with self.store.transaction() as conn:
            for name in self._dense_indexes():
                conn.execute(f"DROP INDEX {name}")
            for kind, table in TABLES.items():
                conn.execute(f"UPDATE {table} t SET embedding = s.embedding FROM {SCRATCH} s "
                             "WHERE s.kind = %s AND s.id = t.id", (kind,))
            conn.execute("TRUNCATE page_vectors")
            conn.execute("INSERT INTO page_vectors SELECT id, user_id, assistant_id, embedding FROM pages "
                         "WHERE tier != 'archived'")

    def reindex(self, dimension: int) -> None:
        """The HNSW index for the new width, once the swap has committed: building it in the swap's transaction
        would also read the replaced vectors, of the old width."""
        with self.store.transaction() as conn:
            conn.execute(dense_index(dimension))

    def _dense_indexes(self) -> list[str]:
        rows = self.store.query("SELECT indexname FROM pg_indexes WHERE tablename = 'page_vectors' "
                                "AND indexname LIKE %s", ("page\\_vectors\\_dense\\_%",))
        return [row["indexname"] for row in rows]

    def segment_members(self) -> tuple[dict[int, list[np.ndarray]], list[tuple[int, str]]]:
        members: dict[int, list[np.ndarray]] = {}
        for row in self.store.query(f"SELECT p.segment_id, s.embedding FROM pages p JOIN {SCRATCH} s "
                                    "ON s.kind = 'page' AND s.id = p.id WHERE p.segment_id IS NOT NULL ORDER BY p.id"):
            members.setdefault(row["segment_id"], []).append(vector_of(row["embedding"]))
        return members, [(row["id"], row["summary"]) for row in self.store.query("SELECT id, summary FROM segments")]

    def set_segment_vectors(self, vectors: list[tuple[int, np.ndarray]]) -> None:
        with self.store.transaction() as conn:
            for segment_id, vector in vectors:
                conn.execute("UPDATE segments SET embedding = %s WHERE id = %s",
                             (np.asarray(vector, np.float32), segment_id))
