"""Every stored vector at once, across scopes: what re-embedding a store reads, stages and swaps in.

New vectors are staged in a scratch table, one committed batch at a time, so an interrupted run leaves
the store as it was; `swap` moves them all in within the caller's transaction. The names and the texts
here serve the PostgreSQL scratch too (postgres/vectors.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..records import embedding_text
from .sqlite import Store, from_blob, to_blob

SCRATCH = "reembed_vectors"
#: Meta key naming the model the scratch table's vectors belong to.
TARGET_KEY = "reembed_target"
#: What carries a vector made of text, and the text. Segment vectors are made from their pages'.
SOURCES = {
    "page": "SELECT id, user_input, agent_response FROM pages",
    "knowledge": "SELECT id, knowledge FROM knowledge",
}
TABLES = {"page": "pages", "knowledge": "knowledge"}


def source_texts(kind: str, rows: Sequence[Mapping[str, Any]]) -> list[tuple[int, str]]:
    """(id, text its vector is made of) of the rows of SOURCES[kind]."""
    if kind == "page":
        return [(row["id"], embedding_text(row["user_input"], row["agent_response"])) for row in rows]
    return [(row["id"], row["knowledge"]) for row in rows]


class SQLiteScratch:
    """The scratch table of one re-embedding run towards one model (see protocol.VectorScratch)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def alone(self) -> None:
        self.store.hold.alone()

    def lock_out(self) -> None:
        """`alone` holds the file's lock until the store closes."""

    def reindex(self, dimension: int) -> None:
        """Each process builds its vector index as it loads the pages, for any width."""

    def start(self, model: str) -> None:
        """Create the scratch table; vectors staged by a run towards another model are thrown away."""
        with self.store.transaction() as conn:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {SCRATCH} (kind TEXT NOT NULL, id INTEGER NOT NULL, "
                         "digest TEXT NOT NULL, embedding BLOB NOT NULL, PRIMARY KEY (kind, id))")
            if self.store.get_meta(TARGET_KEY) != model:
                conn.execute(f"DELETE FROM {SCRATCH}")
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (TARGET_KEY, model))

    def odd_widths(self, dimension: int) -> int:
        """Vectors of another width than `dimension` (a half-converted store): they call for a full run."""
        return sum(self.store.query(f"SELECT COUNT(*) AS n FROM {table} WHERE length(embedding) != ?",
                                    (4 * dimension,))[0]["n"] for table in ("pages", "knowledge", "segments"))

    def drop(self) -> None:
        with self.store.transaction() as conn:
            conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
            conn.execute("DELETE FROM meta WHERE key = ?", (TARGET_KEY,))

    def texts(self, kind: str) -> list[tuple[int, str]]:
        """(id, text its vector is made of) of every row of one kind ('page' or 'knowledge')."""
        with self.store.lock:
            return source_texts(kind, self.store.conn.execute(SOURCES[kind]).fetchall())

    def staged(self, kind: str) -> dict[int, str]:
        """Row id -> digest of the text its staged vector was made from."""
        return {row[0]: row[1] for row in self.store.query(f"SELECT id, digest FROM {SCRATCH} WHERE kind = ?",
                                                           (kind,))}

    def stage(self, kind: str, rows: list[tuple[int, str]], vectors: np.ndarray) -> None:
        """Keep new vectors for (id, digest) rows."""
        with self.store.transaction() as conn:
            conn.executemany(
                f"INSERT OR REPLACE INTO {SCRATCH} (kind, id, digest, embedding) VALUES (?, ?, ?, ?)",
                [(kind, row_id, digest, to_blob(vector)) for (row_id, digest), vector in zip(rows, vectors,
                                                                                             strict=True)])

    def swap_in(self) -> None:
        """Every page and fact takes its staged vector (in the caller's transaction)."""
        with self.store.transaction() as conn:
            for kind, table in TABLES.items():
                conn.execute(f"UPDATE {table} SET embedding = (SELECT embedding FROM {SCRATCH} s "
                             f"WHERE s.kind = ? AND s.id = {table}.id)", (kind,))

    def segment_members(self) -> tuple[dict[int, list[np.ndarray]], list[tuple[int, str]]]:
        """Each segment's pages' staged vectors, and (id, summary) of every segment."""
        members: dict[int, list[np.ndarray]] = {}
        for row in self.store.query(f"SELECT p.segment_id, s.embedding FROM pages p JOIN {SCRATCH} s "
                                    "ON s.kind = 'page' AND s.id = p.id WHERE p.segment_id IS NOT NULL"):
            members.setdefault(row[0], []).append(from_blob(row[1]))
        return members, [(row["id"], row["summary"]) for row in self.store.query("SELECT id, summary FROM segments")]

    def set_segment_vectors(self, vectors: list[tuple[int, np.ndarray]]) -> None:
        with self.store.transaction() as conn:
            conn.executemany("UPDATE segments SET embedding = ? WHERE id = ?",
                             [(to_blob(vector), segment_id) for segment_id, vector in vectors])
