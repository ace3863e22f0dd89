"""Facts (with sources, counters and the shared persona) and the user model of one scope in PostgreSQL."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ...filters import Scope
from ...models import Fact
from ...records import Changes, StoredFact, Value, naming
from ..rows import facts_stay, names_value, row_to_fact, row_to_stored_fact, row_to_value, source_ids
from .sql import vector_of
from .store import PostgresStore

#: Owner of the assistant's shared persona facts.
SHARED = ""
_SCOPE = "user_id = %s AND assistant_id = %s"
_SOURCES = "(SELECT string_agg(page_id::text, ',') FROM knowledge_sources s WHERE s.knowledge_id = k.id)"
_COLUMNS = (f"id, kind, knowledge, slot, status, corrected, mentions, first_seen, last_seen, embedding, "
            f"{_SOURCES} AS sources, (SELECT n.first_seen FROM knowledge n WHERE n.id = k.superseded_by) AS replaced")
_ORDERS = ("corrected DESC, mentions DESC, last_seen DESC, id DESC", "id DESC")


class PgKnowledge:
    """One scope's facts (see protocol.Knowledge)."""

    def __init__(self, store: PostgresStore, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._who = (scope.user_id, scope.assistant_id)
        self._shared = (SHARED, scope.assistant_id)

    def select(self, kind: str, statuses: tuple[str, ...], shared: bool) -> tuple[list[Fact], np.ndarray]:
        where, params = f"({_SCOPE})", [*self._who]
        if shared:
            where, params = f"({_SCOPE} OR {_SCOPE})", [*params, *self._shared]
        rows = self.store.query(f"SELECT {_COLUMNS} FROM knowledge k WHERE {where} AND kind = %s "
                                "AND status = ANY(%s) ORDER BY id", (*params, kind, list(statuses)))
        matrix = np.vstack([vector_of(r["embedding"]) for r in rows]) if rows else np.zeros((0, 0), np.float32)
        return [row_to_fact(row) for row in rows], matrix

    def current(self, kind: str) -> list[StoredFact]:
        rows = self.store.query(f"SELECT id, knowledge, slot, corrected, last_seen, embedding FROM knowledge "
                                f"WHERE {_SCOPE} AND kind = %s AND status = 'current' ORDER BY id", (*self._who, kind))
        return [row_to_stored_fact(r, vector_of) for r in rows]

    def newest(self, kind: str, limit: int) -> list[tuple[str, str, np.ndarray]]:
        rows = self.store.query(f"SELECT knowledge, last_seen, embedding FROM knowledge WHERE {_SCOPE} AND kind = %s "
                                "AND status = 'current' ORDER BY last_seen DESC, id LIMIT %s",
                                (*self._who, kind, limit))
        return [(r["knowledge"], r["last_seen"], vector_of(r["embedding"])) for r in rows]

    def profile_facts(self) -> list[tuple[str, int, str]]:
        rows = self.store.query(f"SELECT knowledge, mentions, last_seen FROM knowledge WHERE {_SCOPE} "
                                "AND kind = 'user' AND status = 'current' ORDER BY id", self._who)
        return [(r["knowledge"], r["mentions"], r["last_seen"]) for r in rows]

    def full_text(self, terms: list[str], limit: int) -> dict[int, float]:
        """Ranked with ts_rank over this scope's facts and the shared persona (the caller keeps its own).

        ts_rank knows no document frequency: a term in more than half of these facts ("user" is in every one)
        is left out, as BM25 on SQLite scores it near zero. One statement counts the terms and ranks."""
        if not terms:
            return {}
        rows = self.store.query(
            "WITH facts AS MATERIALIZED (SELECT id, words FROM knowledge WHERE assistant_id = %s "
            "AND user_id IN (%s, %s)), "
            "terms AS (SELECT plainto_tsquery('english', term) AS q FROM unnest(%s::text[]) AS term), "
            "kept AS MATERIALIZED (SELECT string_agg('(' || q::text || ')', ' | ')::tsquery AS q FROM terms "
            "WHERE numnode(q) > 0 AND 2 * (SELECT count(*) FROM facts WHERE words @@ terms.q) <= "
            "(SELECT count(*) FROM facts)) "
            "SELECT id, ts_rank(words, kept.q) AS score FROM facts, kept WHERE words @@ kept.q "
            "ORDER BY score DESC LIMIT %s",
            (self.scope.assistant_id, self.scope.user_id, SHARED, terms[:64], limit))
        return {row["id"]: float(row["score"]) for row in rows}

    def owned(self, ids: list[int]) -> list[int]:
        return [r["id"] for r in self.store.query(f"SELECT id FROM knowledge WHERE id = ANY(%s) AND {_SCOPE}",
                                                  (ids, *self._who))] if ids else []

    def known(self) -> set[tuple[str, str, str]]:
        rows = self.store.query(f"SELECT kind, knowledge, status FROM knowledge WHERE {_SCOPE}", self._who)
        return {(r["kind"], r["knowledge"].casefold(), r["status"]) for r in rows}

    def exported(self) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, user_id, assistant_id, kind, knowledge, slot, status, superseded_by, corrected, mentions, "
            f"first_seen, last_seen, created_at, embedding, {_SOURCES} AS sources FROM knowledge k "
            f"WHERE {_SCOPE} ORDER BY id", self._who)
        return [{**row, "sources": source_ids(row["sources"]), "embedding": vector_of(row["embedding"]).tobytes()}
                for row in rows]

    def counters(self) -> dict[str, int]:
        rows = self.store.query(f"SELECT name, value FROM counters WHERE {_SCOPE}", self._who)
        return {row["name"]: int(row["value"]) for row in rows}

    def insert(self, kind: str, text: str, slot: str | None, first_seen: str, last_seen: str, vector: np.ndarray,
               page_ids: list[int], shared: bool = False, status: str = "current", corrected: bool = False,
               mentions: int = 1, created_at: float | None = None, worded: list[int] | None = None) -> int:
        owner = SHARED if shared else self.scope.user_id
        self.store.check_width(vector)
        said = page_ids if worded is None else worded
        with self.store.transaction() as conn:
            row = conn.execute(
                "INSERT INTO knowledge (user_id, assistant_id, kind, knowledge, slot, status, corrected, mentions, "
                "first_seen, last_seen, created_at, embedding) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "RETURNING id",
                (owner, self.scope.assistant_id, kind, text, slot, status, int(corrected), mentions, first_seen,
                 last_seen, time.time() if created_at is None else created_at,
                 np.asarray(vector, np.float32))).fetchone()
            assert row is not None
            fact_id = int(row["id"])
            self._link(conn, fact_id, [(page_id, text if page_id in said else None) for page_id in page_ids])
        return fact_id

    def mention(self, fact_id: int, timestamp: str, page_ids: tuple[int, ...], wording: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET mentions = mentions + 1, last_seen = GREATEST(last_seen, %s), "
                         "first_seen = LEAST(first_seen, %s) WHERE id = %s", (timestamp, timestamp, fact_id))
            self._link(conn, fact_id, [(page_id, wording) for page_id in page_ids])

    @staticmethod
    def _link(conn: Any, fact_id: int, sources: list[tuple[int, str | None]]) -> None:
        for page_id, wording in sources:
            conn.execute("INSERT INTO knowledge_sources (knowledge_id, page_id, wording) VALUES (%s, %s, %s) "
                         "ON CONFLICT DO NOTHING", (fact_id, page_id, wording))

    def supersede(self, fact_id: int, by: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET status = 'superseded', superseded_by = %s WHERE id = %s", (by, fact_id))

    def link_history(self, fact_id: int, by: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET superseded_by = %s WHERE id = %s", (by, fact_id))

    def reword(self, fact_id: int, text: str, slot: str | None, vector: np.ndarray, corrected: bool) -> None:
        self.store.check_width(vector)
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET knowledge = %s, embedding = %s, slot = %s, "
                         "corrected = GREATEST(corrected, %s) WHERE id = %s",
                         (text, np.asarray(vector, np.float32), slot, int(corrected), fact_id))

    def state(self, fact_id: int) -> tuple[str, bool, str, list[str]]:
        row = self.store.query("SELECT knowledge, corrected, status FROM knowledge WHERE id = %s", (fact_id,))[0]
        wordings = [r["wording"] for r in self.store.query(
            "SELECT wording FROM knowledge_sources WHERE knowledge_id = %s ORDER BY page_id DESC", (fact_id,))]
        return row["knowledge"], bool(row["corrected"]), row["status"], wordings

    def source_pages(self, fact_id: int) -> list[int]:
        return [r["page_id"] for r in self.store.query(
            "SELECT page_id FROM knowledge_sources WHERE knowledge_id = %s", (fact_id,))]

    def over_capacity(self, kind: str, status: str, order: str, capacity: int) -> list[int]:
        assert order in _ORDERS
        return [r["id"] for r in self.store.query(
            f"SELECT id FROM knowledge WHERE {_SCOPE} AND kind = %s AND status = %s ORDER BY {order} OFFSET %s",
            (*self._who, kind, status, capacity))]

    def delete(self, ids: list[int]) -> None:
        """Delete facts (their sources go by cascade); facts they superseded lose the link."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM knowledge WHERE id = ANY(%s)", (ids,))
            conn.execute("UPDATE knowledge SET superseded_by = NULL WHERE superseded_by = ANY(%s)", (ids,))

    def shared_ids(self) -> list[int]:
        return [r["id"] for r in self.store.query(f"SELECT id FROM knowledge WHERE {_SCOPE}", self._shared)]

    def unlink_pages(self, page_ids: list[int]) -> list[int]:
        with self.store.transaction() as conn:
            rows = conn.execute("DELETE FROM knowledge_sources WHERE page_id = ANY(%s) RETURNING knowledge_id",
                                (page_ids,)).fetchall()
        return sorted({row["knowledge_id"] for row in rows})

    def bump(self, counts: dict[str, int]) -> None:
        with self.store.transaction() as conn:
            for name, n in sorted(counts.items()):
                if n:
                    conn.execute("INSERT INTO counters (user_id, assistant_id, name, value) VALUES (%s, %s, %s, %s) "
                                 "ON CONFLICT (user_id, assistant_id, name) DO UPDATE "
                                 "SET value = counters.value + excluded.value", (*self._who, name, n))

    def delete_all(self) -> int:
        with self.store.transaction() as conn:
            gone = self.store.rows_changed(f"DELETE FROM knowledge WHERE {_SCOPE}", self._who)
            conn.execute(f"DELETE FROM counters WHERE {_SCOPE}", self._who)
        return gone


class PgUserModel:
    """One scope's user model (see protocol.UserModel and store/user_model.py, whose rules it follows)."""

    def __init__(self, store: PostgresStore, scope: Scope) -> None:
        self.store = store
        self._who = (scope.user_id, scope.assistant_id)

    def values(self, current_only: bool = False) -> list[Value]:
        current = " AND status = 'current'" if current_only else ""
        rows = self.store.query(
            "SELECT id, subject, attribute, value, detail, due, valid_from, valid_to, status, closed_by, "
            "(SELECT string_agg(page_id::text, ',') FROM model_sources s WHERE s.value_id = v.id) AS sources "
            f"FROM model_values v WHERE {_SCOPE}{current} ORDER BY id", self._who)
        return [row_to_value(r) for r in rows]

    def latest_day(self) -> str:
        rows = self.store.query(f"SELECT max(timestamp) AS t FROM pages WHERE {_SCOPE}", self._who)
        return (rows[0]["t"] or "")[:10]

    def write(self, changes: Changes, page_id: int, timestamp: str) -> int:
        with self.store.transaction() as conn:
            for value in changes.added:
                row = conn.execute(
                    "INSERT INTO model_values (user_id, assistant_id, subject, attribute, value, detail, due, "
                    "valid_from, valid_to, status, closed_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "RETURNING id",
                    (*self._who, value.subject, value.attribute, value.value, value.detail, value.when, timestamp,
                     None if value.current else timestamp, value.status,
                     None if value.current else page_id)).fetchone()
                value.id = int(row["id"]) if row else 0
            for value_id in [v.id for v in changes.added] + list(changes.confirmed):
                conn.execute("INSERT INTO model_sources (value_id, page_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                             (value_id, page_id))
            for old, new in changes.renamed:
                conn.execute(f"UPDATE model_values SET subject = %s WHERE {_SCOPE} AND subject = %s",
                             (new, *self._who, old))
            superseded = sum(self._retract_facts(conn, old, page_id) for old in changes.retracted)
            for value_id, status in changes.closed.items():
                conn.execute("UPDATE model_values SET status = %s, valid_to = %s, closed_by = %s WHERE id = %s "
                             "AND status = 'current'", (status, timestamp, page_id, value_id))
                superseded += self._supersede_facts(conn, value_id, timestamp)
        return superseded

    def _supersede_facts(self, conn: Any, value_id: int, timestamp: str) -> int:
        row = conn.execute("SELECT attribute, value, due FROM model_values WHERE id = %s", (value_id,)).fetchone()
        if row is None or facts_stay(row["attribute"], row["value"], row["due"], timestamp):
            return 0
        rows = conn.execute(
            f"SELECT id, knowledge FROM knowledge WHERE {_SCOPE} AND kind = 'user' AND status = 'current' AND "
            "corrected = 0 AND id IN (SELECT knowledge_id FROM knowledge_sources WHERE page_id = (SELECT min(page_id) "
            "FROM model_sources WHERE value_id = %s))", (*self._who, value_id)).fetchall()
        ids = [r["id"] for r in rows if names_value(r["knowledge"], row["attribute"], row["value"])]
        conn.execute("UPDATE knowledge SET status = 'superseded' WHERE id = ANY(%s)", (ids,))
        return len(ids)

    def _retract_facts(self, conn: Any, old: str, page_id: int) -> int:
        rows = conn.execute(
            f"SELECT id, knowledge FROM knowledge WHERE {_SCOPE} AND kind = 'user' AND status = 'current' "
            "AND corrected = 0 AND strpos(lower(knowledge), lower(%s)) > 0 AND id NOT IN "
            "(SELECT knowledge_id FROM knowledge_sources WHERE page_id = %s)", (*self._who, old, page_id)).fetchall()
        ids = [row["id"] for row in rows if naming(old).search(row["knowledge"])]
        conn.execute("UPDATE knowledge SET status = 'superseded' WHERE id = ANY(%s)", (ids,))
        return len(ids)

    def restore(self, value: Value) -> int:
        with self.store.transaction() as conn:
            row = conn.execute(
                "INSERT INTO model_values (user_id, assistant_id, subject, attribute, value, detail, due, valid_from, "
                "valid_to, status, closed_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (*self._who, value.subject, value.attribute, value.value, value.detail, value.when, value.valid_from,
                 value.valid_to, value.status, value.closed_by)).fetchone()
            assert row is not None
            for page_id in value.sources:
                conn.execute("INSERT INTO model_sources (value_id, page_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                             (row["id"], page_id))
        return int(row["id"])

    def pages_read(self, page_ids: list[int]) -> set[int]:
        if not page_ids:
            return set()
        rows = self.store.query(
            "SELECT page_id AS id FROM model_sources WHERE page_id = ANY(%s) UNION "
            f"SELECT closed_by AS id FROM model_values WHERE {_SCOPE} AND closed_by = ANY(%s)",
            (page_ids, *self._who, page_ids))
        return {row["id"] for row in rows}

    def forget_said(self, text: str, page_ids: list[int]) -> int:
        folded = text.casefold()
        gone = [v.id for v in self.values(current_only=True)
                if set(v.sources) & set(page_ids) and v.value.casefold() in folded]
        return self._delete(gone)

    def forget_pages(self, page_ids: list[int]) -> int:
        if not page_ids:
            return 0
        with self.store.transaction() as conn:
            conn.execute("UPDATE model_values SET status = 'current', valid_to = NULL, closed_by = NULL "
                         f"WHERE {_SCOPE} AND closed_by = ANY(%s)", (*self._who, page_ids))
            conn.execute("DELETE FROM model_sources WHERE page_id = ANY(%s)", (page_ids,))
            orphans = [row["id"] for row in conn.execute(
                f"SELECT id FROM model_values WHERE {_SCOPE} AND NOT EXISTS "
                "(SELECT 1 FROM model_sources s WHERE s.value_id = model_values.id)", self._who).fetchall()]
        return self._delete(orphans)

    def delete_all(self) -> int:
        return self._delete([v.id for v in self.values()])

    def _delete(self, ids: list[int]) -> int:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM model_values WHERE id = ANY(%s)", (ids,))
        return len(ids)
