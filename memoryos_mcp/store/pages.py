"""The pages table (one exchange each) of one scope: rows, their full-text index, and every query on them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ..filters import PageFilter, Scope, TimeWindow
from ..models import MemoryPage, PageText
from ..records import Candidate, NewPage, Page, PageLinks
from .fulltext import FTS_TABLES, drop_from_full_text, index_page, match_any
from .protocol import FullText
from .rows import row_to_candidate, row_to_listed, row_to_page, row_to_text
from .sql import marks, page_filter_sql, scope_sql, window_sql
from .sqlite import Store, from_blob, row_id, to_blob

#: Rows read per query when the vector index is loaded at start-up.
VECTOR_BATCH = 4096
#: Ids per `IN (...)` list: well under SQLite's limit on variables.
CHUNK = 500

_COLUMNS = (
    "p.id, user_input, agent_response, timestamp, meta_data, tier, enriched, segment_id, "
    "pre_page, next_page, chain_id, COALESCE(c.meta_info, '') AS meta_info, analyzed, embedding"
)
_LISTED = "id, timestamp, tier, segment_id, user_input, agent_response, meta_data"


class PageRepository:
    """One scope's pages. Ids handed in by the engine are its own; ids from a caller are checked (`owned`)."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._where, self._who = scope_sql(scope)

    # -- writing --------------------------------------------------------------------------------

    def insert(self, pages: list[NewPage], vectors: np.ndarray) -> list[int]:
        """Store pages in short-term memory with their vectors and full-text rows; returns their ids."""
        ids = []
        now = time.time()
        with self.store.transaction() as conn:
            self.store.check_width(np.asarray(vectors))
            for page, vector in zip(pages, vectors, strict=True):
                cursor = conn.execute(
                    "INSERT INTO pages (user_id, assistant_id, user_input, agent_response, timestamp, "
                    "meta_data, created_at, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*self._who, page.user_input, page.agent_response, page.timestamp,
                     json.dumps(page.meta_data, ensure_ascii=False), now, to_blob(vector)),
                )
                page_id = row_id(cursor)
                index_page(conn, page_id, f"{page.user_input}\n{page.agent_response}")
                ids.append(page_id)
        return ids

    def restore_state(self, page_id: int, tier: str, enriched: bool, analyzed: bool, learned: bool,
                      segment_id: int | None, chain_id: int | None) -> None:
        """An imported page takes the place it had in the exported memory."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET tier = ?, enriched = ?, analyzed = ?, learned = ?, segment_id = ?, "
                         "chain_id = ? WHERE id = ?",
                         (tier, int(enriched), int(analyzed), int(learned), segment_id, chain_id, page_id))
            if tier == "archived":
                drop_from_full_text(conn, [page_id])

    def set_tier(self, ids: list[int], tier: str) -> None:
        with self.store.transaction() as conn:
            conn.executemany("UPDATE pages SET tier = ? WHERE id = ?", [(tier, i) for i in ids])

    def archive(self, ids: list[int]) -> None:
        """Archived pages stay readable but leave the full-text index."""
        with self.store.transaction() as conn:
            conn.executemany("UPDATE pages SET tier = 'archived' WHERE id = ?", [(page_id,) for page_id in ids])
            drop_from_full_text(conn, ids)

    def claim(self, flag: str, page: Page) -> bool:
        """Set `enriched` or `learned` on a page that has not got it yet, only if it is still the page the step
        read: this scope's, same id and text. False when another pass did first or it was deleted meanwhile."""
        assert flag in ("enriched", "learned")
        where, params = scope_sql(self.scope)
        with self.store.transaction() as conn:
            return conn.execute(
                f"UPDATE pages SET {flag} = 1 WHERE id = ? AND {where} AND user_input = ? AND agent_response = ? "
                f"AND timestamp = ? AND {flag} = 0",
                (page.id, *params, page.user_input, page.agent_response, page.timestamp)).rowcount > 0

    def learn_again(self, ids: list[int]) -> None:
        """Pages whose facts must be learnt again (a fact of theirs went with another page's words)."""
        with self.store.transaction() as conn:
            conn.executemany("UPDATE pages SET learned = 0, analyzed = 0 WHERE id = ?", [(i,) for i in ids])

    def mark_analyzed(self, ids: list[int]) -> None:
        with self.store.transaction() as conn:
            conn.executemany("UPDATE pages SET analyzed = 1 WHERE id = ?", [(i,) for i in ids])

    def record_failure(self, page_id: int, delay: Callable[[int], float]) -> int:
        """Count a failed enrichment and set the retry time `delay(attempts)` seconds ahead; returns the attempts."""
        with self.store.transaction() as conn:
            attempts = conn.execute("SELECT attempts FROM pages WHERE id = ?", (page_id,)).fetchone()[0] + 1
            conn.execute("UPDATE pages SET attempts = ?, retry_after = ? WHERE id = ?",
                         (attempts, time.time() + delay(attempts), page_id))
        return int(attempts)

    def set_segment(self, page_id: int, segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET segment_id = ? WHERE id = ?", (segment_id, page_id))

    def link(self, previous_id: int, page_id: int) -> None:
        """Make `page_id` follow `previous_id` in their dialogue chain."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET next_page = ? WHERE id = ?", (page_id, previous_id))
            conn.execute("UPDATE pages SET pre_page = ? WHERE id = ?", (previous_id, page_id))

    def set_neighbours(self, page_id: int, pre_page: int | None, next_page: int | None) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET pre_page = ?, next_page = ? WHERE id = ?", (pre_page, next_page, page_id))

    def set_chain(self, page_id: int, chain_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET chain_id = ? WHERE id = ?", (chain_id, page_id))

    def delete(self, ids: list[int]) -> None:
        """Delete pages, joining each one's chain neighbours to each other, and drop their full-text rows."""
        with self.store.transaction() as conn:
            for page_id in ids:
                pre, nxt = conn.execute("SELECT pre_page, next_page FROM pages WHERE id = ?", (page_id,)).fetchone()
                if pre is not None:
                    conn.execute("UPDATE pages SET next_page = ? WHERE id = ?", (nxt, pre))
                if nxt is not None:
                    conn.execute("UPDATE pages SET pre_page = ? WHERE id = ?", (pre, nxt))
                conn.execute("DELETE FROM pages WHERE id = ?", (page_id,))
            drop_from_full_text(conn, ids)

    def delete_all(self) -> tuple[list[int], set[int]]:
        """Delete every page of the scope; returns their ids and the chains they were on."""
        with self.store.transaction() as conn:
            ids = [r[0] for r in conn.execute(f"SELECT id FROM pages WHERE {self._where}", self._who)]
            chains = {r[0] for r in conn.execute(
                f"SELECT DISTINCT chain_id FROM pages WHERE {self._where} AND chain_id IS NOT NULL", self._who)}
            drop_from_full_text(conn, ids)
            conn.execute(f"DELETE FROM pages WHERE {self._where}", self._who)
        return ids, chains

    # -- reading --------------------------------------------------------------------------------

    def get(self, ids: list[int]) -> list[Page]:
        """Pages in the order of `ids` (missing ids are skipped)."""
        by_id: dict[int, Page] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for row in self.store.query(f"SELECT {_COLUMNS} FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
                                        f"WHERE p.id IN ({marks(chunk)})", chunk):
                by_id[row["id"]] = row_to_page(row, from_blob)
        return [by_id[i] for i in ids if i in by_id]

    def ids(self, tier: str) -> list[int]:
        """Ids of a tier's pages, oldest first."""
        rows = self.store.query(f"SELECT id FROM pages WHERE {self._where} AND tier = ? ORDER BY id",
                                (*self._who, tier))
        return [row["id"] for row in rows]

    def existing(self, ids: list[int]) -> set[int]:
        """The ids among `ids` whose pages still exist (a delete may have come while work ran outside the lock)."""
        if not ids:
            return set()
        return {row[0] for row in self.store.query(f"SELECT id FROM pages WHERE id IN ({marks(ids)})", ids)}

    def owned(self, ids: list[int]) -> list[PageLinks]:
        """This scope's pages among `ids`, with their segment and chain."""
        found: list[PageLinks] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            found += [PageLinks(r["id"], r["segment_id"], r["chain_id"]) for r in self.store.query(
                f"SELECT id, segment_id, chain_id FROM pages WHERE id IN ({marks(chunk)}) AND {self._where}",
                (*chunk, *self._who))]
        return found

    def previous_id(self, page_id: int) -> int | None:
        """The scope's page stored just before this one."""
        rows = self.store.query(f"SELECT id FROM pages WHERE {self._where} AND id < ? ORDER BY id DESC LIMIT 1",
                                (*self._who, page_id))
        return rows[0]["id"] if rows else None

    def pending(self, max_attempts: int) -> list[tuple[int, float]]:
        """(id, retry time) of the mid-term pages still to enrich, oldest first, leaving out quarantined
        pages (`max_attempts` failures). Every waiting page is listed, its retry time come or not, so the
        caller can keep page order (a partial index)."""
        rows = self.store.query(
            f"SELECT id, retry_after FROM pages INDEXED BY pages_pending WHERE {self._where} "
            "AND tier = 'mid' AND enriched = 0 AND attempts < ? ORDER BY id", (*self._who, max_attempts))
        return [(row["id"], row["retry_after"]) for row in rows]

    def quarantined(self, max_attempts: int) -> int:
        """Mid-term pages whose enrichment failed `max_attempts` times: stored and searchable, never enriched."""
        rows = self.store.query(
            f"SELECT COUNT(*) AS n FROM pages INDEXED BY pages_pending WHERE {self._where} "
            "AND tier = 'mid' AND enriched = 0 AND attempts >= ?", (*self._who, max_attempts))
        return int(rows[0]["n"])

    def unlearned(self, limit: int) -> list[int]:
        """Pages not learnt from yet, whatever their tier, oldest first (a partial index)."""
        rows = self.store.query(
            f"SELECT id FROM pages INDEXED BY pages_to_learn WHERE {self._where} AND learned = 0 ORDER BY id LIMIT ?",
            (*self._who, limit))
        return [row["id"] for row in rows]

    def unlearned_count(self) -> int:
        """Pages still waiting to be learnt from."""
        rows = self.store.query(
            f"SELECT COUNT(*) AS n FROM pages INDEXED BY pages_to_learn WHERE {self._where} AND learned = 0", self._who)
        return int(rows[0]["n"])

    def count_by_tier(self) -> dict[str, int]:
        rows = self.store.query(f"SELECT tier, COUNT(*) AS n FROM pages WHERE {self._where} GROUP BY tier", self._who)
        counts = {"short": 0, "mid": 0, "archived": 0}
        counts.update({row["tier"]: row["n"] for row in rows})
        return counts

    def contents(self) -> dict[tuple[str, str, str], int]:
        """(user input, agent response, timestamp) -> id of every page, for an import to skip what it holds."""
        rows = self.store.query(f"SELECT id, user_input, agent_response, timestamp FROM pages WHERE {self._where}",
                                self._who)
        return {(r["user_input"], r["agent_response"], r["timestamp"]): r["id"] for r in rows}

    def in_segment(self, segment_id: int, tier: str | None = None, analyzed: bool | None = None,
                   newest: int | None = None) -> list[int]:
        """Ids of a segment's pages, oldest first: of one tier, analysed or not, or only the newest few."""
        sql = "SELECT id FROM pages WHERE segment_id = ?"
        params: list[object] = [segment_id]
        if tier is not None:
            sql, params = sql + " AND tier = ?", [*params, tier]
        if analyzed is not None:
            sql, params = sql + " AND analyzed = ?", [*params, int(analyzed)]
        if newest is None:
            return [row["id"] for row in self.store.query(sql + " ORDER BY id", params)]
        rows = self.store.query(sql + " ORDER BY id DESC LIMIT ?", [*params, newest])
        return [row["id"] for row in reversed(rows)]

    def texts_of(self, column: str, owner_id: int) -> tuple[list[PageText], list[bool]]:
        """The pages of one chain or segment (`column` chain_id or segment_id), oldest first, and which are analysed."""
        assert column in ("chain_id", "segment_id")
        rows = self.store.query(f"SELECT user_input, agent_response, timestamp, embedding, analyzed FROM pages "
                                f"WHERE {column} = ? ORDER BY id", (owner_id,))
        return [row_to_text(r, from_blob) for r in rows], [bool(r["analyzed"]) for r in rows]

    def vectors(self, after_id: int = 0, batch: int = VECTOR_BATCH) -> Iterator[tuple[list[int], np.ndarray]]:
        """Ids and vectors of searchable (not archived) pages, in batches, for building the in-memory index.

        Batches keep the peak memory of a start-up near the index itself instead of three copies of it.
        """
        while True:
            rows = self.store.query(f"SELECT id, embedding FROM pages WHERE {self._where} AND tier != 'archived' "
                                    "AND id > ? ORDER BY id LIMIT ?", (*self._who, after_id, batch))
            if not rows:
                return
            ids = [row["id"] for row in rows]
            self.store.odd_vectors([row["embedding"] for row in rows])
            matrix = np.frombuffer(b"".join(row["embedding"] for row in rows), dtype=np.float32)
            yield ids, matrix.reshape(len(ids), -1)
            after_id = ids[-1]

    def segment_vectors(self, segment_id: int) -> list[np.ndarray]:
        return [from_blob(r["embedding"]) for r in self.store.query(
            "SELECT embedding FROM pages WHERE segment_id = ? ORDER BY id", (segment_id,))]

    # -- search ---------------------------------------------------------------------------------

    def placed(self, ids: list[int]) -> list[tuple[int, str, str]]:
        """(id, tier, timestamp) of the pages among `ids`: what a filter needs to keep or drop them."""
        return [(row["id"], row["tier"], row["timestamp"]) for row in self.store.query(
            f"SELECT id, tier, timestamp FROM pages WHERE id IN ({marks(ids)})", ids)] if ids else []

    def candidates(self, ids: list[int], vector: np.ndarray) -> list[Candidate]:
        """The searchable pages among `ids`, with what ranking needs of each (cosines in float32, one product)."""
        rows = self.store.query(
            f"SELECT id, tier, timestamp, segment_id, pre_page, next_page, embedding FROM pages "
            f"WHERE id IN ({marks(ids)}) AND tier != 'archived'", ids) if ids else []
        if not rows:
            return []
        cosine = np.vstack([from_blob(r["embedding"]) for r in rows]) @ np.asarray(vector, np.float32)
        return [row_to_candidate(r, float(c)) for r, c in zip(rows, cosine, strict=True)]

    def ranked(self, index: FullText, terms: list[str], keep: PageFilter, k: int) -> list[tuple[int, float]]:
        """A full-text table is shared by every scope. Ranking it alone and then keeping this scope's pages is
        several times faster than joining every match to its page, and exact whenever enough rows survive
        (always, in a store with one user and no window); otherwise the join answers."""
        fetch = 2 * k
        ranked = self.full_text(index, terms, fetch)
        kept = self.kept([page_id for page_id, _ in ranked], keep)
        if len(kept) >= k or len(ranked) < fetch:
            return [(page_id, score) for page_id, score in ranked if page_id in kept][:k]
        return self.full_text_in(index, terms, keep, k)

    def full_text(self, index: FullText, terms: list[str], limit: int) -> list[tuple[int, float]]:
        """(row id, BM25 score, higher is better) of one full-text table (`pages_fts` or `pages_cjk`), every scope."""
        table = FTS_TABLES[index]
        rows = self.store.query(f"SELECT rowid AS id, -bm25({table}) AS score FROM {table} WHERE {table} MATCH ? "
                                f"ORDER BY bm25({table}) LIMIT ?", (match_any(terms), limit))
        return [(row["id"], row["score"]) for row in rows]

    def full_text_ids(self, index: FullText, terms: list[str], limit: int) -> list[int]:
        """Up to `limit` row ids matching in one full-text table, every scope, unranked (cheap for a common word)."""
        table = FTS_TABLES[index]
        return [row[0] for row in self.store.query(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?",
                                                   (match_any(terms), limit))]

    def full_text_in(self, index: FullText, terms: list[str], keep: PageFilter,
                     limit: int) -> list[tuple[int, float]]:
        """Like `full_text`, joined to the pages the filter keeps (exact, slower on a store of many scopes)."""
        table = FTS_TABLES[index]
        where, params = page_filter_sql(self.scope, keep)
        rows = self.store.query(
            f"SELECT f.rowid AS id, -bm25({table}) AS score FROM {table} f JOIN pages p ON p.id = f.rowid "
            f"WHERE {table} MATCH ? AND {where} ORDER BY bm25({table}) LIMIT ?", (match_any(terms), *params, limit))
        return [(row["id"], row["score"]) for row in rows]

    def kept(self, ids: list[int], keep: PageFilter) -> set[int]:
        """The ids among `ids` of pages the filter keeps, by the SQL rendering of the filter."""
        if not ids:
            return set()
        where, params = page_filter_sql(self.scope, keep)
        return {row["id"] for row in self.store.query(f"SELECT id FROM pages p WHERE id IN ({marks(ids)}) AND {where}",
                                                      (*ids, *params))}

    def newest(self, keep: PageFilter, k: int) -> list[int]:
        """The k newest pages the filter keeps."""
        where, params = page_filter_sql(self.scope, keep)
        rows = self.store.query(f"SELECT id FROM pages p WHERE {where} ORDER BY timestamp DESC, id DESC LIMIT ?",
                                (*params, k))
        return [row["id"] for row in rows]

    # -- browsing -------------------------------------------------------------------------------

    def listing(self, tier: str | None, window: TimeWindow | None, position: tuple[str, int] | None,
                limit: int) -> tuple[int, list[MemoryPage]]:
        """(how many pages match, up to `limit` of them newest first after the keyset `position`)."""
        where = [self._where]
        params: list[Any] = [*self._who]
        if tier is not None:
            where.append("tier = ?")
            params.append(tier)
        within, bounds = window_sql(window)
        where[-1] += within
        params += bounds
        total = self.store.query(f"SELECT COUNT(*) FROM pages WHERE {' AND '.join(where)}", params)[0][0]
        if position is not None:
            where.append("(timestamp, id) < (?, ?)")
            params.extend(position)
        rows = self.store.query(f"SELECT {_LISTED} FROM pages WHERE {' AND '.join(where)} "
                                "ORDER BY timestamp DESC, id DESC LIMIT ?", [*params, limit])
        return int(total), [row_to_listed(row) for row in rows]

    def detail(self, page_id: int) -> tuple[MemoryPage, str, int | None, int | None] | None:
        """One page of this scope with its chain summary and neighbours (previous, next), or None."""
        where, who = scope_sql(self.scope, "p")
        rows = self.store.query(
            "SELECT p.id, timestamp, tier, segment_id, user_input, agent_response, meta_data, pre_page, next_page, "
            "COALESCE(c.meta_info, '') AS meta_info FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
            f"WHERE p.id = ? AND {where}", (page_id, *who))
        if not rows:
            return None
        row = rows[0]
        return row_to_listed(row), row["meta_info"], row["pre_page"], row["next_page"]

    def exported(self, after_id: int, batch: int) -> list[dict[str, Any]]:
        """Up to `batch` whole page rows after `after_id`, oldest first, for an export."""
        return [dict(row) for row in self.store.query(
            f"SELECT * FROM pages WHERE {self._where} AND id > ? ORDER BY id LIMIT ?", (*self._who, after_id, batch))]
