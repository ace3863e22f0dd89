"""The knowledge tables (facts, their source pages, their full-text index) and the counters of one scope.

Facts of the assistant's shared persona are stored with an empty user id and the scope's assistant id:
the only rows another user of the same assistant reads.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..filters import Scope
from ..models import Fact
from ..records import StoredFact
from .fulltext import match_any
from .rows import row_to_fact, row_to_stored_fact, source_ids
from .sql import marks, scope_sql
from .sqlite import Store, from_blob, row_id, to_blob

#: Owner of the assistant's shared persona facts.
SHARED = ""
_COLUMNS = ("id, kind, knowledge, slot, status, corrected, mentions, first_seen, last_seen, embedding, "
            "(SELECT group_concat(page_id) FROM knowledge_sources s WHERE s.knowledge_id = k.id) AS sources, "
            "(SELECT n.first_seen FROM knowledge n WHERE n.id = k.superseded_by) AS replaced")


class KnowledgeRepository:
    """One scope's facts (and, for reading, the assistant's shared persona)."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._where, self._who = scope_sql(scope)
        self._shared = scope_sql(Scope(SHARED, scope.assistant_id))

    # -- reading --------------------------------------------------------------------------------

    def select(self, kind: str, statuses: tuple[str, ...], shared: bool) -> tuple[list[Fact], np.ndarray]:
        """The facts of one kind and these statuses, oldest first (with the shared persona if `shared`),
        and their vectors as one matrix."""
        where, params = f"({self._where})", [*self._who]
        if shared:
            where, params = f"({self._where} OR {self._shared[0]})", [*params, *self._shared[1]]
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM knowledge k WHERE {where} AND kind = ? AND status IN ({marks(statuses)}) "
            "ORDER BY id", (*params, kind, *statuses))
        facts = [row_to_fact(row) for row in rows]
        self.store.odd_vectors([row["embedding"] for row in rows])
        matrix = np.vstack([from_blob(r["embedding"]) for r in rows]) if rows else np.zeros((0, 0), np.float32)
        return facts, matrix

    def current(self, kind: str) -> list[StoredFact]:
        """The scope's current facts of one kind, oldest first, as the merge step compares them."""
        rows = self.store.query(
            f"SELECT id, knowledge, slot, corrected, last_seen, embedding FROM knowledge WHERE {self._where} "
            "AND kind = ? AND status = 'current' ORDER BY id", (*self._who, kind))
        return [row_to_stored_fact(row, from_blob) for row in rows]

    def newest(self, kind: str, limit: int) -> list[tuple[str, str, np.ndarray]]:
        """(text, last seen, vector) of the `limit` current facts of one kind last seen latest, newest first."""
        rows = self.store.query(  # the ids chosen first: sorting rows with their vectors took 4 times as long
            "SELECT knowledge, last_seen, embedding FROM knowledge WHERE id IN (SELECT id FROM knowledge WHERE "
            f"{self._where} AND kind = ? AND status = 'current' ORDER BY last_seen DESC, id LIMIT ?) ORDER BY id",
            (*self._who, kind, limit))
        self.store.odd_vectors([row["embedding"] for row in rows])
        newest = sorted(rows, key=lambda row: row["last_seen"], reverse=True)  # stable: by id within a time
        return [(row["knowledge"], row["last_seen"], from_blob(row["embedding"])) for row in newest]

    def profile_facts(self) -> list[tuple[str, int, str]]:
        """(text, mentions, last seen) of the current user facts, oldest first: what the offline profile lists."""
        rows = self.store.query(
            f"SELECT knowledge, mentions, last_seen FROM knowledge WHERE {self._where} "
            "AND kind = 'user' AND status = 'current' ORDER BY id", self._who)
        return [(r["knowledge"], r["mentions"], r["last_seen"]) for r in rows]

    def full_text(self, terms: list[str], limit: int) -> dict[int, float]:
        """Fact id -> BM25 (higher is better) of the facts holding any of the terms, every scope."""
        rows = self.store.query("SELECT rowid AS id, -bm25(knowledge_fts) AS score FROM knowledge_fts "
                                "WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts) LIMIT ?",
                                (match_any(terms), limit))
        return {row["id"]: row["score"] for row in rows}

    def owned(self, ids: list[int]) -> list[int]:
        """The ids among `ids` that are facts of this scope (another user's ids are never touched)."""
        if not ids:
            return []
        rows = self.store.query(f"SELECT id FROM knowledge WHERE id IN ({marks(ids)}) AND {self._where}",
                                (*ids, *self._who))
        return [row["id"] for row in rows]

    def known(self) -> set[tuple[str, str, str]]:
        """(kind, casefolded text, status) of every fact of the scope, for an import to skip what it holds."""
        rows = self.store.query(f"SELECT kind, knowledge, status FROM knowledge WHERE {self._where}", self._who)
        return {(r["kind"], r["knowledge"].casefold(), r["status"]) for r in rows}

    def exported(self) -> list[dict[str, Any]]:
        """Every fact row of the scope with its sources, history included, oldest first, for an export."""
        rows = self.store.query(
            "SELECT k.*, (SELECT group_concat(page_id) FROM knowledge_sources s WHERE s.knowledge_id = k.id) "
            f"AS sources FROM knowledge k WHERE {self._where} ORDER BY id", self._who)
        return [{**dict(row), "sources": source_ids(row["sources"])} for row in rows]

    def counters(self) -> dict[str, int]:
        rows = self.store.query(f"SELECT name, value FROM counters WHERE {self._where}", self._who)
        return {row["name"]: row["value"] for row in rows}

    # -- writing --------------------------------------------------------------------------------

    def insert(self, kind: str, text: str, slot: str | None, first_seen: str, last_seen: str, vector: np.ndarray,
               page_ids: list[int], shared: bool = False, status: str = "current", corrected: bool = False,
               mentions: int = 1, created_at: float | None = None, worded: list[int] | None = None) -> int:
        """Store a fact (of the shared persona if `shared`) with its full-text row and sources; returns its id.

        Each source keeps the words it stated the fact in: `text` for the pages in `worded` (default: all)."""
        owner = SHARED if shared else self.scope.user_id
        self.store.check_width(vector)
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO knowledge (user_id, assistant_id, kind, knowledge, slot, status, corrected, mentions, "
                "first_seen, last_seen, created_at, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (owner, self.scope.assistant_id, kind, text, slot, status, int(corrected), mentions, first_seen,
                 last_seen, time.time() if created_at is None else created_at, to_blob(vector)))
            fact_id = row_id(cursor)
            conn.execute("INSERT INTO knowledge_fts (rowid, body) VALUES (?, ?)", (fact_id, text))
            said = page_ids if worded is None else worded
            conn.executemany(
                "INSERT OR IGNORE INTO knowledge_sources (knowledge_id, page_id, wording) VALUES (?, ?, ?)",
                [(fact_id, page_id, text if page_id in said else None) for page_id in page_ids])
        return fact_id

    def mention(self, fact_id: int, timestamp: str, page_ids: tuple[int, ...], wording: str) -> None:
        """A stored fact was said again (in `wording`): one more mention, its time span widened, its new sources
        linked with their words."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET mentions = mentions + 1, last_seen = max(last_seen, ?), "
                         "first_seen = min(first_seen, ?) WHERE id = ?", (timestamp, timestamp, fact_id))
            conn.executemany(
                "INSERT OR IGNORE INTO knowledge_sources (knowledge_id, page_id, wording) VALUES (?, ?, ?)",
                [(fact_id, page_id, wording) for page_id in page_ids])

    def supersede(self, fact_id: int, by: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET status = 'superseded', superseded_by = ? WHERE id = ?", (by, fact_id))

    def link_history(self, fact_id: int, by: int) -> None:
        """An imported fact's `superseded_by`, once both ends have their new ids."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET superseded_by = ? WHERE id = ?", (by, fact_id))

    def reword(self, fact_id: int, text: str, slot: str | None, vector: np.ndarray, corrected: bool) -> None:
        """Replace a fact's text: the user's correction (`corrected`), or a remaining source's words; provenance
        and status stay."""
        self.store.check_width(vector)
        with self.store.transaction() as conn:
            conn.execute("UPDATE knowledge SET knowledge = ?, embedding = ?, slot = ?, corrected = corrected OR ? "
                         "WHERE id = ?", (text, to_blob(vector), slot, int(corrected), fact_id))
            conn.execute("DELETE FROM knowledge_fts WHERE rowid = ?", (fact_id,))
            conn.execute("INSERT INTO knowledge_fts (rowid, body) VALUES (?, ?)", (fact_id, text))

    def state(self, fact_id: int) -> tuple[str, bool, str, list[str]]:
        """(text, corrected, status, the words of its sources, newest page first) of one fact."""
        row = self.store.query("SELECT knowledge, corrected, status FROM knowledge WHERE id = ?", (fact_id,))[0]
        wordings = [r["wording"] for r in self.store.query(
            "SELECT wording FROM knowledge_sources WHERE knowledge_id = ? ORDER BY page_id DESC", (fact_id,))]
        return row["knowledge"], bool(row["corrected"]), row["status"], wordings

    def over_capacity(self, kind: str, status: str, order: str, capacity: int) -> list[int]:
        """The scope's facts of one kind and status beyond the first `capacity` in `order` (most useful first)."""
        assert order in ("corrected DESC, mentions DESC, last_seen DESC, id DESC", "id DESC")
        rows = self.store.query(
            f"SELECT id FROM knowledge WHERE {self._where} AND kind = ? AND status = ? "
            f"ORDER BY {order} LIMIT -1 OFFSET ?", (*self._who, kind, status, capacity))
        return [row["id"] for row in rows]

    def delete(self, ids: list[int]) -> None:
        """Delete facts with their sources and full-text rows; facts they superseded lose the link."""
        with self.store.transaction() as conn:
            for fact_id in ids:
                conn.execute("DELETE FROM knowledge_sources WHERE knowledge_id = ?", (fact_id,))
                conn.execute("DELETE FROM knowledge_fts WHERE rowid = ?", (fact_id,))
                conn.execute("DELETE FROM knowledge WHERE id = ?", (fact_id,))
                conn.execute("UPDATE knowledge SET superseded_by = NULL WHERE superseded_by = ?", (fact_id,))

    def shared_ids(self) -> list[int]:
        """The assistant's shared persona facts."""
        return [row[0] for row in self.store.query(f"SELECT id FROM knowledge WHERE {self._shared[0]}",
                                                   self._shared[1])]

    def unlink_pages(self, page_ids: list[int]) -> list[int]:
        """Pages are being deleted: drop their provenance links; returns the facts that had them."""
        with self.store.transaction() as conn:
            touched = [row[0] for row in conn.execute(
                f"SELECT DISTINCT knowledge_id FROM knowledge_sources WHERE page_id IN ({marks(page_ids)})", page_ids)]
            conn.execute(f"DELETE FROM knowledge_sources WHERE page_id IN ({marks(page_ids)})", page_ids)
        return touched

    def source_pages(self, fact_id: int) -> list[int]:
        return [row[0] for row in self.store.query(
            "SELECT page_id FROM knowledge_sources WHERE knowledge_id = ?", (fact_id,))]

    def bump(self, counts: dict[str, int]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO counters (user_id, assistant_id, name, value) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_id, assistant_id, name) DO UPDATE SET value = value + excluded.value",
                [(*self._who, name, n) for name, n in counts.items() if n])

    def delete_all(self) -> int:
        """Every fact and counter of the scope (the shared persona stays); returns how many facts went."""
        with self.store.transaction() as conn:
            facts = [r[0] for r in conn.execute(f"SELECT id FROM knowledge WHERE {self._where}", self._who)]
            conn.executemany("DELETE FROM knowledge_fts WHERE rowid = ?", [(i,) for i in facts])
            conn.executemany("DELETE FROM knowledge_sources WHERE knowledge_id = ?", [(i,) for i in facts])
            conn.execute(f"DELETE FROM knowledge WHERE {self._where}", self._who)
            conn.execute(f"DELETE FROM counters WHERE {self._where}", self._who)
        return len(facts)
