"""The segments table (topics of mid-term pages) of one scope, and the dialogue chains their pages form."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

import numpy as np

from ..filters import Scope
from ..records import StoredSegment
from .rows import row_to_segment
from .sql import scope_sql
from .sqlite import Store, from_blob, row_id, to_blob


class SegmentRepository:
    """One scope's segments; chains belong to pages, so they are reached through the pages' ids."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._where, self._who = scope_sql(scope)

    # -- segments -------------------------------------------------------------------------------

    def live(self) -> list[StoredSegment]:
        """The scope's segments that are not archived, oldest first."""
        rows = self.store.query(f"SELECT * FROM segments WHERE {self._where} AND archived = 0 ORDER BY id", self._who)
        return [row_to_segment(row, from_blob) for row in rows]

    def get(self, segment_id: int) -> StoredSegment | None:
        """One segment of this scope, archived or not."""
        rows = self.store.query(f"SELECT * FROM segments WHERE id = ? AND {self._where}", (segment_id, *self._who))
        return row_to_segment(rows[0], from_blob) if rows else None

    def exported(self) -> list[dict[str, Any]]:
        """Every segment row of the scope, oldest first, for an export."""
        return [dict(row) for row in self.store.query(f"SELECT * FROM segments WHERE {self._where} ORDER BY id",
                                                      self._who)]

    def open(self, summary: str, keywords: Counter[str], vector: np.ndarray, now: float) -> int:
        """A new segment holding one theme; returns its id."""
        self.store.check_width(vector)
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO segments (user_id, assistant_id, summary, keywords, embedding, l_interaction, "
                "last_access, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                (*self._who, summary, json.dumps(keywords), to_blob(vector), now, now))
            return row_id(cursor)

    def restore(self, record: dict[str, Any], vector: np.ndarray) -> int:
        """An imported segment with the counts it had; returns its id."""
        now = time.time()
        keywords = record.get("keywords") or {}
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO segments (user_id, assistant_id, summary, keywords, embedding, n_themes, n_visit, "
                "l_interaction, last_access, created_at, archived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._who, str(record.get("summary", "")),
                 json.dumps({str(k): int(v) for k, v in dict(keywords).items()}), to_blob(vector),
                 int(record.get("n_themes", 1)), int(record.get("n_visit", 0)), int(record.get("l_interaction", 0)),
                 float(record.get("last_access", now)), float(record.get("created_at", now)),
                 int(bool(record.get("archived")))))
            return row_id(cursor)

    def join(self, segment_id: int, keywords: Counter[str], vector: np.ndarray) -> tuple[int, int]:
        """One more theme joined the segment; returns its (n_themes, l_interaction) after the join."""
        with self.store.transaction() as conn:
            n_themes, l_interaction = conn.execute(
                "UPDATE segments SET keywords = ?, embedding = ?, n_themes = n_themes + 1, "
                "l_interaction = l_interaction + 1 WHERE id = ? RETURNING n_themes, l_interaction",
                (json.dumps(keywords), to_blob(vector), segment_id)).fetchone()
        return int(n_themes), int(l_interaction)

    def set_summary(self, segment_id: int, summary: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE segments SET summary = ? WHERE id = ?", (summary, segment_id))

    def set_direction(self, segment_id: int, vector: np.ndarray) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE segments SET embedding = ? WHERE id = ?", (to_blob(vector), segment_id))

    def rebuild(self, segment_id: int, summary: str, keywords: Counter[str], vector: np.ndarray, n_themes: int,
                unanalysed: int) -> None:
        """What a segment holds after some of its pages were deleted."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE segments SET summary = ?, keywords = ?, embedding = ?, n_themes = ?, "
                         "l_interaction = MIN(l_interaction, ?) WHERE id = ?",
                         (summary, json.dumps(keywords), to_blob(vector), n_themes, unanalysed, segment_id))

    def visit(self, segment_ids: list[int], now: float) -> dict[int, tuple[int, float]]:
        """Retrieval heats segments (SQL increments, so two processes both count); (n_visit, last_access) of each."""
        heat = {}
        with self.store.transaction() as conn:
            for segment_id in sorted(segment_ids):
                row = conn.execute("UPDATE segments SET n_visit = n_visit + 1, last_access = MAX(last_access, ?) "
                                   "WHERE id = ? RETURNING n_visit, last_access", (now, segment_id)).fetchone()
                if row is not None:
                    heat[segment_id] = (int(row[0]), float(row[1]))
        return heat

    def cool(self, segment_id: int, l_interaction: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE segments SET n_visit = 0, l_interaction = ? WHERE id = ?", (l_interaction, segment_id))

    def archive(self, segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE segments SET archived = 1 WHERE id = ?", (segment_id,))

    def delete(self, segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM segments WHERE id = ?", (segment_id,))

    def delete_all(self) -> int:
        with self.store.transaction() as conn:
            return int(conn.execute(f"DELETE FROM segments WHERE {self._where}", self._who).rowcount)

    # -- chains ---------------------------------------------------------------------------------

    def new_chain(self, meta_info: str) -> int:
        with self.store.transaction() as conn:
            return row_id(conn.execute("INSERT INTO chains (meta_info) VALUES (?)", (meta_info,)))

    def set_chain_meta(self, chain_id: int, meta_info: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE chains SET meta_info = ? WHERE id = ?", (meta_info, chain_id))

    def delete_chains(self, chain_ids: list[int]) -> None:
        with self.store.transaction() as conn:
            conn.executemany("DELETE FROM chains WHERE id = ?", [(c,) for c in chain_ids])

    def exported_chains(self) -> list[tuple[int, str]]:
        """(id, running summary) of the chains this scope's pages are on, for an export."""
        where, who = scope_sql(self.scope)
        rows = self.store.query("SELECT id, meta_info FROM chains WHERE id IN (SELECT DISTINCT chain_id FROM pages "
                                f"WHERE {where}) ORDER BY id", who)
        return [(row["id"], row["meta_info"]) for row in rows]
