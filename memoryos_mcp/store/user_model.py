"""The user model's rows: values with their validity interval and sources, for one (user, assistant) scope.

All its SQL lives here. A value closed by a page remembers that page (`closed_by`), so deleting the page
reopens it; a value whose every source page is deleted goes. Closing a value also marks the statement facts
learnt from its pages that name it as superseded: retrieval then leads with the current value.
"""

from __future__ import annotations

import sqlite3

from ..filters import Scope
from ..records import Changes, Value, naming
from .rows import facts_stay, names_value, row_to_value
from .sql import marks, scope_sql
from .sqlite import Store

_COLUMNS = ("id, subject, attribute, value, detail, due, valid_from, valid_to, status, closed_by, "
            "(SELECT group_concat(page_id) FROM model_sources s WHERE s.value_id = v.id) AS sources")


class ModelRepository:
    """One scope's user model (writes join the caller's transaction when there is one)."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self._where, self._who = scope_sql(scope)

    def values(self, current_only: bool = False) -> list[Value]:
        """The scope's values, oldest first (only the current ones when `current_only`)."""
        rows = self.store.query(f"SELECT {_COLUMNS} FROM model_values v WHERE {self._where}"
                                + (" AND status = 'current'" if current_only else "") + " ORDER BY id", self._who)
        return [row_to_value(row) for row in rows]

    def latest_day(self) -> str:
        """The day (YYYY-MM-DD) of the scope's latest page: the model's "today"; '' without pages."""
        rows = self.store.query(f"SELECT max(timestamp) AS t FROM pages WHERE {self._where}", self._who)
        return (rows[0]["t"] or "")[:10]

    def write(self, changes: Changes, page_id: int, timestamp: str) -> int:
        """Store what one page changed; returns how many statement facts became superseded."""
        with self.store.transaction() as conn:
            for value in changes.added:
                cursor = conn.execute(
                    "INSERT INTO model_values (user_id, assistant_id, subject, attribute, value, detail, due, "
                    "valid_from, valid_to, status, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*self._who, value.subject, value.attribute, value.value, value.detail, value.when, timestamp,
                     None if value.current else timestamp, value.status, None if value.current else page_id))
                value.id = int(cursor.lastrowid or 0)
            conn.executemany("INSERT OR IGNORE INTO model_sources (value_id, page_id) VALUES (?, ?)",
                             [(v.id, page_id) for v in changes.added] + [(i, page_id) for i in changes.confirmed])
            for old, new in changes.renamed:
                conn.execute(f"UPDATE model_values SET subject = ? WHERE {self._where} AND subject = ?",
                             (new, *self._who, old))
            superseded = sum(self._retract_facts(conn, old, page_id) for old in changes.retracted)
            for value_id, status in changes.closed.items():
                conn.execute("UPDATE model_values SET status = ?, valid_to = ?, closed_by = ? WHERE id = ? "
                             "AND status = 'current'", (status, timestamp, page_id, value_id))
                superseded += self._supersede_facts(conn, value_id, timestamp)
        return superseded

    def _supersede_facts(self, conn: sqlite3.Connection, value_id: int, timestamp: str) -> int:
        """Statement facts learnt from the page that set a closed value and name it (not ones the user
        corrected): history now. Later pages that said the value again tell of their own days ("User bought new
        props for the yoga class") and stay."""
        row = conn.execute("SELECT attribute, value, due FROM model_values WHERE id = ?", (value_id,)).fetchone()
        if row is None or facts_stay(row["attribute"], row["value"], row["due"], timestamp):
            return 0
        rows = conn.execute(
            f"SELECT id, knowledge FROM knowledge WHERE {self._where} AND kind = 'user' AND status = 'current' AND "
            "corrected = 0 AND id IN (SELECT knowledge_id FROM knowledge_sources WHERE page_id = (SELECT min(page_id) "
            "FROM model_sources WHERE value_id = ?))", (*self._who, value_id)).fetchall()
        ids = [r["id"] for r in rows if names_value(r["knowledge"], row["attribute"], row["value"])]
        conn.executemany("UPDATE knowledge SET status = 'superseded' WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    def _retract_facts(self, conn: sqlite3.Connection, old: str, page_id: int) -> int:
        """Statement facts learnt before a correction that name what it says was wrong ("not Cork")."""
        rows = conn.execute(
            f"SELECT id, knowledge FROM knowledge WHERE {self._where} AND kind = 'user' AND status = 'current' "
            "AND corrected = 0 AND instr(lower(knowledge), lower(?)) > 0 AND id NOT IN "
            "(SELECT knowledge_id FROM knowledge_sources WHERE page_id = ?)", (*self._who, old, page_id)).fetchall()
        ids = [row["id"] for row in rows if naming(old).search(row["knowledge"])]
        conn.executemany("UPDATE knowledge SET status = 'superseded' WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    def restore(self, value: Value) -> int:
        """Store a value as it was elsewhere (an import): its interval, status, sources and closing page."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO model_values (user_id, assistant_id, subject, attribute, value, detail, due, valid_from, "
                "valid_to, status, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._who, value.subject, value.attribute, value.value, value.detail, value.when, value.valid_from,
                 value.valid_to, value.status, value.closed_by))
            value_id = int(cursor.lastrowid or 0)
            conn.executemany("INSERT OR IGNORE INTO model_sources (value_id, page_id) VALUES (?, ?)",
                             [(value_id, page_id) for page_id in value.sources])
        return value_id

    def pages_read(self, page_ids: list[int]) -> set[int]:
        """Those of `page_ids` the model already holds a value from, or closed a value by."""
        if not page_ids:
            return set()
        rows = self.store.query(
            f"SELECT page_id FROM model_sources WHERE page_id IN ({marks(page_ids)}) UNION "
            f"SELECT closed_by FROM model_values WHERE {self._where} AND closed_by IN ({marks(page_ids)})",
            (*page_ids, *self._who, *page_ids))
        return {row[0] for row in rows}

    def forget_said(self, text: str, page_ids: list[int]) -> int:
        """The user deleted or corrected a fact: the current values it stated (learnt from its pages and named
        in it) go with it."""
        folded = text.casefold()
        gone = [v.id for v in self.values(current_only=True)
                if set(v.sources) & set(page_ids) and v.value.casefold() in folded]
        self._delete(gone)
        return len(gone)

    def forget_pages(self, page_ids: list[int]) -> int:
        """Pages are being deleted: values closed by them reopen, values learnt only from them go."""
        if not page_ids:
            return 0
        with self.store.transaction() as conn:
            conn.execute(f"UPDATE model_values SET status = 'current', valid_to = NULL, closed_by = NULL "
                         f"WHERE {self._where} AND closed_by IN ({marks(page_ids)})", (*self._who, *page_ids))
            conn.execute(f"DELETE FROM model_sources WHERE page_id IN ({marks(page_ids)})", page_ids)
            orphans = [row[0] for row in conn.execute(
                f"SELECT id FROM model_values WHERE {self._where} AND NOT EXISTS "
                "(SELECT 1 FROM model_sources s WHERE s.value_id = model_values.id)", self._who)]
        self._delete(orphans)
        return len(orphans)

    def delete_all(self) -> int:
        """The scope's whole model (`forget_all`)."""
        return self._delete([v.id for v in self.values()])

    def _delete(self, ids: list[int]) -> int:
        with self.store.transaction() as conn:
            conn.executemany("DELETE FROM model_sources WHERE value_id = ?", [(i,) for i in ids])
            conn.executemany("DELETE FROM model_values WHERE id = ?", [(i,) for i in ids])
        return len(ids)

