"""Segments, dialogue chains and profiles of one scope in PostgreSQL."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any

import numpy as np

from ...filters import Scope
from ...records import StoredSegment
from ..rows import row_to_segment
from .sql import vector_of
from .store import PostgresStore, Row

_SCOPE = "user_id = %s AND assistant_id = %s"


def _f32(vector: np.ndarray) -> np.ndarray:
    return np.asarray(vector, dtype=np.float32)


class PgSegments:
    """One scope's segments (see protocol.Segments)."""

    def __init__(self, store: PostgresStore, scope: Scope) -> None:
        self.store = store
        self._who = (scope.user_id, scope.assistant_id)

    def live(self) -> list[StoredSegment]:
        rows = self.store.query(f"SELECT * FROM segments WHERE {_SCOPE} AND archived = 0 ORDER BY id", self._who)
        return [row_to_segment(row, vector_of) for row in rows]

    def get(self, segment_id: int) -> StoredSegment | None:
        rows = self.store.query(f"SELECT * FROM segments WHERE id = %s AND {_SCOPE}", (segment_id, *self._who))
        return row_to_segment(rows[0], vector_of) if rows else None

    def exported(self) -> list[dict[str, Any]]:
        rows = self.store.query(f"SELECT * FROM segments WHERE {_SCOPE} ORDER BY id", self._who)
        return [{**row, "embedding": vector_of(row["embedding"]).tobytes()} for row in rows]

    def open(self, summary: str, keywords: Counter[str], vector: np.ndarray, now: float) -> int:
        self.store.check_width(vector)
        with self.store.transaction() as conn:
            return _id(conn.execute(
                "INSERT INTO segments (user_id, assistant_id, summary, keywords, embedding, l_interaction, "
                "last_access, created_at) VALUES (%s, %s, %s, %s, %s, 1, %s, %s) RETURNING id",
                (*self._who, summary, json.dumps(keywords), _f32(vector), now, now)).fetchone())

    def restore(self, record: dict[str, Any], vector: np.ndarray) -> int:
        now = time.time()
        keywords = record.get("keywords") or {}
        with self.store.transaction() as conn:
            return _id(conn.execute(
                "INSERT INTO segments (user_id, assistant_id, summary, keywords, embedding, n_themes, n_visit, "
                "l_interaction, last_access, created_at, archived) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "RETURNING id",
                (*self._who, str(record.get("summary", "")),
                 json.dumps({str(k): int(v) for k, v in dict(keywords).items()}), _f32(vector),
                 int(record.get("n_themes", 1)), int(record.get("n_visit", 0)), int(record.get("l_interaction", 0)),
                 float(record.get("last_access", now)), float(record.get("created_at", now)),
                 int(bool(record.get("archived"))))).fetchone())

    def join(self, segment_id: int, keywords: Counter[str], vector: np.ndarray) -> tuple[int, int]:
        with self.store.transaction() as conn:
            row = conn.execute(
                "UPDATE segments SET keywords = %s, embedding = %s, n_themes = n_themes + 1, "
                "l_interaction = l_interaction + 1 WHERE id = %s RETURNING n_themes, l_interaction",
                (json.dumps(keywords), _f32(vector), segment_id)).fetchone()
        assert row is not None
        return int(row["n_themes"]), int(row["l_interaction"])

    def set_summary(self, segment_id: int, summary: str) -> None:
        self._update("summary = %s", (summary,), segment_id)

    def set_direction(self, segment_id: int, vector: np.ndarray) -> None:
        self._update("embedding = %s", (_f32(vector),), segment_id)

    def rebuild(self, segment_id: int, summary: str, keywords: Counter[str], vector: np.ndarray, n_themes: int,
                unanalysed: int) -> None:
        self._update("summary = %s, keywords = %s, embedding = %s, n_themes = %s, "
                     "l_interaction = LEAST(l_interaction, %s)",
                     (summary, json.dumps(keywords), _f32(vector), n_themes, unanalysed), segment_id)

    def visit(self, segment_ids: list[int], now: float) -> dict[int, tuple[int, float]]:
        """One statement for all; the rows are locked in id order, so two instances heating the same segments
        cannot deadlock."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "UPDATE segments s SET n_visit = n_visit + 1, last_access = GREATEST(last_access, %s) FROM "
                "(SELECT id FROM segments WHERE id = ANY(%s) ORDER BY id FOR UPDATE) locked WHERE s.id = locked.id "
                "RETURNING s.id, n_visit, last_access", (now, segment_ids)).fetchall()
        return {int(row["id"]): (int(row["n_visit"]), float(row["last_access"])) for row in rows}

    def cool(self, segment_id: int, l_interaction: int) -> None:
        self._update("n_visit = 0, l_interaction = %s", (l_interaction,), segment_id)

    def archive(self, segment_id: int) -> None:
        self._update("archived = 1", (), segment_id)

    def delete(self, segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM segments WHERE id = %s", (segment_id,))

    def delete_all(self) -> int:
        return self.store.rows_changed(f"DELETE FROM segments WHERE {_SCOPE}", self._who)

    def new_chain(self, meta_info: str) -> int:
        with self.store.transaction() as conn:
            return _id(conn.execute("INSERT INTO chains (meta_info) VALUES (%s) RETURNING id", (meta_info,)).fetchone())

    def set_chain_meta(self, chain_id: int, meta_info: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE chains SET meta_info = %s WHERE id = %s", (meta_info, chain_id))

    def delete_chains(self, chain_ids: list[int]) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM chains WHERE id = ANY(%s)", (list(chain_ids),))

    def exported_chains(self) -> list[tuple[int, str]]:
        rows = self.store.query("SELECT id, meta_info FROM chains WHERE id IN (SELECT DISTINCT chain_id FROM pages "
                                f"WHERE {_SCOPE}) ORDER BY id", self._who)
        return [(row["id"], row["meta_info"]) for row in rows]

    def _update(self, assignments: str, params: tuple[Any, ...], segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute(f"UPDATE segments SET {assignments} WHERE id = %s", (*params, segment_id))


class PgProfiles:
    """One scope's written profile (see protocol.Profiles)."""

    def __init__(self, store: PostgresStore, scope: Scope) -> None:
        self.store = store
        self._who = (scope.user_id, scope.assistant_id)

    def get(self) -> tuple[str, str] | None:
        rows = self.store.query(f"SELECT profile, updated_at FROM profiles WHERE {_SCOPE}", self._who)
        return (rows[0]["profile"], rows[0]["updated_at"]) if rows else None

    def put(self, text: str, updated_at: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO profiles (user_id, assistant_id, profile, updated_at) VALUES (%s, %s, %s, %s) "
                         "ON CONFLICT (user_id, assistant_id) DO UPDATE SET profile = excluded.profile, "
                         "updated_at = excluded.updated_at", (*self._who, text, updated_at))

    def put_if_absent(self, text: str, updated_at: str) -> bool:
        return self.store.rows_changed("INSERT INTO profiles (user_id, assistant_id, profile, updated_at) "
                                       "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                                       (*self._who, text, updated_at)) > 0

    def delete(self) -> int:
        return self.store.rows_changed(f"DELETE FROM profiles WHERE {_SCOPE}", self._who)


def _id(row: Row | None) -> int:
    assert row is not None
    return int(row["id"])
