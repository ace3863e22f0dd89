"""The pages of one scope in PostgreSQL: rows, their full-text columns, and dense search by pgvector's HNSW index."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ...filters import PageFilter, Scope, TimeWindow
from ...language.text import cjk_terms
from ...models import MemoryPage, PageText
from ...records import Candidate, NewPage, Page, PageLinks
from ..protocol import FullText
from ..rows import row_to_candidate, row_to_listed, row_to_page, row_to_text
from .sql import any_term, page_filter, vector_of
from .store import PostgresStore

#: Rows read per query when the pages' vectors are read in batches (an export, a re-embedding).
VECTOR_BATCH = 4096
#: Terms of one full-text query at most.
MAX_TERMS = 64
#: Matches of one term ranked at most, the newest (see PgPages.ranked).
TERM_MATCHES = 500
#: The generated full-text column of each page index.
_COLUMN = {"words": "words", "cjk": "cjk"}
_COLUMNS = ("p.id, user_input, agent_response, timestamp, meta_data, tier, enriched, segment_id, pre_page, "
            "next_page, chain_id, COALESCE(c.meta_info, '') AS meta_info, analyzed, embedding")
_LISTED = "id, timestamp, tier, segment_id, user_input, agent_response, meta_data"
_SCOPE = "user_id = %s AND assistant_id = %s"


class PgPages:
    """One scope's pages (see protocol.Pages)."""

    def __init__(self, store: PostgresStore, scope: Scope) -> None:
        self.store = store
        self.scope = scope
        self._who = (scope.user_id, scope.assistant_id)

    # -- writing --------------------------------------------------------------------------------

    def insert(self, pages: list[NewPage], vectors: np.ndarray) -> list[int]:
        if not pages:  # an executemany of nothing has no result to read
            return []
        now = time.time()
        rows = [(*self._who, page.user_input, page.agent_response, page.timestamp,
                 json.dumps(page.meta_data, ensure_ascii=False), now, np.asarray(vector, np.float32),
                 " ".join(cjk_terms(f"{page.user_input}\n{page.agent_response}")))
                for page, vector in zip(pages, vectors, strict=True)]
        ids = []
        with self.store.transaction() as conn:
            self.store.check_width(np.asarray(vectors))
            with conn.cursor() as cursor:  # one pipelined batch, not a round trip per page
                cursor.executemany(
                    "INSERT INTO pages (user_id, assistant_id, user_input, agent_response, timestamp, meta_data, "
                    "created_at, embedding, cjk) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                    "to_tsvector('simple', %s)) RETURNING id", rows, returning=True)
                while True:
                    row = cursor.fetchone()
                    assert row is not None
                    ids.append(int(row["id"]))
                    if not cursor.nextset():
                        break
        return ids

    def restore_state(self, page_id: int, tier: str, enriched: bool, analyzed: bool, learned: bool,
                      segment_id: int | None, chain_id: int | None) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET tier = %s, enriched = %s, analyzed = %s, learned = %s, segment_id = %s, "
                         "chain_id = %s WHERE id = %s",
                         (tier, int(enriched), int(analyzed), int(learned), segment_id, chain_id, page_id))

    def set_tier(self, ids: list[int], tier: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET tier = %s WHERE id = ANY(%s)", (tier, ids))

    def archive(self, ids: list[int]) -> None:
        """Archived pages stay readable; the partial indexes (full text, HNSW) leave them out."""
        self.set_tier(ids, "archived")

    def claim(self, flag: str, page: Page) -> bool:
        assert flag in ("enriched", "learned")
        return self.store.rows_changed(
            f"UPDATE pages SET {flag} = 1 WHERE id = %s AND {_SCOPE} AND user_input = %s "
            f"AND agent_response = %s AND timestamp = %s AND {flag} = 0",
            (page.id, *self._who, page.user_input, page.agent_response, page.timestamp)) > 0

    def learn_again(self, ids: list[int]) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET learned = 0, analyzed = 0 WHERE id = ANY(%s)", (ids,))

    def mark_analyzed(self, ids: list[int]) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET analyzed = 1 WHERE id = ANY(%s)", (ids,))

    def record_failure(self, page_id: int, delay: Callable[[int], float]) -> int:
        with self.store.transaction() as conn:
            row = conn.execute("UPDATE pages SET attempts = attempts + 1 WHERE id = %s RETURNING attempts",
                               (page_id,)).fetchone()
            assert row is not None
            attempts = int(row["attempts"])
            conn.execute("UPDATE pages SET retry_after = %s WHERE id = %s", (time.time() + delay(attempts), page_id))
        return attempts

    def set_segment(self, page_id: int, segment_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET segment_id = %s WHERE id = %s", (segment_id, page_id))

    def link(self, previous_id: int, page_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET next_page = %s WHERE id = %s", (page_id, previous_id))
            conn.execute("UPDATE pages SET pre_page = %s WHERE id = %s", (previous_id, page_id))

    def set_neighbours(self, page_id: int, pre_page: int | None, next_page: int | None) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET pre_page = %s, next_page = %s WHERE id = %s", (pre_page, next_page, page_id))

    def set_chain(self, page_id: int, chain_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE pages SET chain_id = %s WHERE id = %s", (chain_id, page_id))

    def delete(self, ids: list[int]) -> None:
        """Delete pages, joining each one's chain neighbours to each other (rows locked in id order)."""
        with self.store.transaction() as conn:
            for page_id in sorted(ids):
                row = conn.execute("SELECT pre_page, next_page FROM pages WHERE id = %s FOR UPDATE",
                                   (page_id,)).fetchone()
                if row is None:
                    continue
                if row["pre_page"] is not None:
                    conn.execute("UPDATE pages SET next_page = %s WHERE id = %s", (row["next_page"], row["pre_page"]))
                if row["next_page"] is not None:
                    conn.execute("UPDATE pages SET pre_page = %s WHERE id = %s", (row["pre_page"], row["next_page"]))
                conn.execute("DELETE FROM pages WHERE id = %s", (page_id,))

    def delete_all(self) -> tuple[list[int], set[int]]:
        with self.store.transaction() as conn:
            rows = conn.execute(f"DELETE FROM pages WHERE {_SCOPE} RETURNING id, chain_id", self._who).fetchall()
        return sorted(r["id"] for r in rows), {r["chain_id"] for r in rows if r["chain_id"] is not None}

    # -- reading --------------------------------------------------------------------------------

    def get(self, ids: list[int]) -> list[Page]:
        rows = self.store.query(f"SELECT {_COLUMNS} FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
                                "WHERE p.id = ANY(%s)", (ids,)) if ids else []
        by_id = {row["id"]: row_to_page(row, vector_of) for row in rows}
        return [by_id[i] for i in ids if i in by_id]

    def ids(self, tier: str) -> list[int]:
        return self._ids(f"SELECT id FROM pages WHERE {_SCOPE} AND tier = %s ORDER BY id", (*self._who, tier))

    def existing(self, ids: list[int]) -> set[int]:
        return set(self._ids("SELECT id FROM pages WHERE id = ANY(%s)", (ids,))) if ids else set()

    def owned(self, ids: list[int]) -> list[PageLinks]:
        rows = self.store.query(f"SELECT id, segment_id, chain_id FROM pages WHERE id = ANY(%s) AND {_SCOPE}",
                                (ids, *self._who)) if ids else []
        return [PageLinks(r["id"], r["segment_id"], r["chain_id"]) for r in rows]

    def previous_id(self, page_id: int) -> int | None:
        found = self._ids(f"SELECT id FROM pages WHERE {_SCOPE} AND id < %s ORDER BY id DESC LIMIT 1",
                          (*self._who, page_id))
        return found[0] if found else None

    def pending(self, max_attempts: int) -> list[tuple[int, float]]:
        rows = self.store.query(f"SELECT id, retry_after FROM pages WHERE {_SCOPE} AND tier = 'mid' AND enriched = 0 "
                                "AND attempts < %s ORDER BY id", (*self._who, max_attempts))
        return [(row["id"], row["retry_after"]) for row in rows]

    def quarantined(self, max_attempts: int) -> int:
        return self._count(f"{_SCOPE} AND tier = 'mid' AND enriched = 0 AND attempts >= %s", (*self._who, max_attempts))

    def unlearned(self, limit: int) -> list[int]:
        return self._ids(f"SELECT id FROM pages WHERE {_SCOPE} AND learned = 0 ORDER BY id LIMIT %s",
                         (*self._who, limit))

    def unlearned_count(self) -> int:
        return self._count(f"{_SCOPE} AND learned = 0", self._who)

    def count_by_tier(self) -> dict[str, int]:
        rows = self.store.query(f"SELECT tier, COUNT(*) AS n FROM pages WHERE {_SCOPE} GROUP BY tier", self._who)
        return {"short": 0, "mid": 0, "archived": 0, **{row["tier"]: int(row["n"]) for row in rows}}

    def contents(self) -> dict[tuple[str, str, str], int]:
        rows = self.store.query(f"SELECT id, user_input, agent_response, timestamp FROM pages WHERE {_SCOPE}",
                                self._who)
        return {(r["user_input"], r["agent_response"], r["timestamp"]): r["id"] for r in rows}

    def in_segment(self, segment_id: int, tier: str | None = None, analyzed: bool | None = None,
                   newest: int | None = None) -> list[int]:
        sql = "SELECT id FROM pages WHERE segment_id = %s"
        params: list[Any] = [segment_id]
        if tier is not None:
            sql, params = sql + " AND tier = %s", [*params, tier]
        if analyzed is not None:
            sql, params = sql + " AND analyzed = %s", [*params, int(analyzed)]
        if newest is None:
            return self._ids(sql + " ORDER BY id", params)
        return list(reversed(self._ids(sql + " ORDER BY id DESC LIMIT %s", [*params, newest])))

    def texts_of(self, column: str, owner_id: int) -> tuple[list[PageText], list[bool]]:
        assert column in ("chain_id", "segment_id")
        rows = self.store.query(f"SELECT user_input, agent_response, timestamp, embedding, analyzed FROM pages "
                                f"WHERE {column} = %s ORDER BY id", (owner_id,))
        return [row_to_text(r, vector_of) for r in rows], [bool(r["analyzed"]) for r in rows]

    def vectors(self, after_id: int = 0, batch: int = VECTOR_BATCH) -> Iterator[tuple[list[int], np.ndarray]]:
        while True:
            rows = self.store.query(f"SELECT id, embedding FROM pages WHERE {_SCOPE} AND tier != 'archived' "
                                    "AND id > %s ORDER BY id LIMIT %s", (*self._who, after_id, batch))
            if not rows:
                return
            yield [row["id"] for row in rows], np.vstack([vector_of(row["embedding"]) for row in rows])
            after_id = rows[-1]["id"]

    def segment_vectors(self, segment_id: int) -> list[np.ndarray]:
        return [vector_of(r["embedding"]) for r in self.store.query(
            "SELECT embedding FROM pages WHERE segment_id = %s ORDER BY id", (segment_id,))]

    def placed(self, ids: list[int]) -> list[tuple[int, str, str]]:
        rows = self.store.query("SELECT id, tier, timestamp FROM pages WHERE id = ANY(%s)", (ids,)) if ids else []
        return [(row["id"], row["tier"], row["timestamp"]) for row in rows]

    def candidates(self, ids: list[int], vector: np.ndarray) -> list[Candidate]:
        """Cosines from `page_vectors` (every searchable page's vector, stored in line): reading ~400 vectors back
        from `pages`, where they sit out of line (TOAST), was 14 of a retrieval's 77 ms in the database at 100k."""
        rows = self.store.query(
            "SELECT id, tier, timestamp, segment_id, pre_page, next_page, -(v.embedding <#> %s) AS cosine "
            "FROM pages p JOIN page_vectors v ON v.page_id = p.id WHERE id = ANY(%s) AND tier != 'archived'",
            (np.asarray(vector, np.float32), ids)) if ids else []
        return [row_to_candidate(r, float(r["cosine"])) for r in rows]

    # -- search ---------------------------------------------------------------------------------

    def full_text_ids(self, index: FullText, terms: list[str], limit: int) -> list[int]:
        column = _COLUMN[index]
        query, params = any_term("simple" if index == "cjk" else "english", terms[:MAX_TERMS])
        return self._ids(f"SELECT id FROM pages WHERE {_SCOPE} AND tier != 'archived' AND {column} @@ {query} "
                         "LIMIT %s", (*self._who, *params, limit))

    def ranked(self, index: FullText, terms: list[str], keep: PageFilter, k: int) -> list[tuple[int, float]]:
        """One statement, filter included (the full-text columns live in the scope's rows, so there is no shared
        table to rank first and filter after, as on SQLite).

        Ranked with ts_rank among each term's newest TERM_MATCHES matches: ranking every match grows with the
        store (a word said in one page of ten is 100k pages at 1M), while a word's older matches only matter when
        it is rare, and then they are all among its newest.

        Planned for its terms every time, never prepared: how to find a term's newest matches depends on how common
        it is (a common word: the pages newest first until 500 match; a rare one: its few matches from the GIN
        index), and a prepared statement's generic plan, blind to the terms, read every match of every term from
        the index (8,000 pages for one common word at 100k, 41 ms; BENCHMARKS.md). Each term's matches bring their
        full-text column along to be ranked, not read again by id; a page matching two terms is ranked once."""
        kept_terms = terms[:MAX_TERMS]
        if not kept_terms:
            return []
        column = _COLUMN[index]
        config = "simple" if index == "cjk" else "english"
        query, params = any_term(config, kept_terms)
        where, kept = page_filter(self.scope, keep)
        each = (f"(SELECT id, {column} FROM pages p WHERE {column} @@ plainto_tsquery('{config}', %s) "
                f"AND tier != 'archived' AND {where} ORDER BY id DESC LIMIT {TERM_MATCHES})")
        rows = self.store.query(
            f"SELECT DISTINCT ON (score, id) id, ts_rank({column}, {query}) AS score "
            f"FROM ({' UNION ALL '.join([each] * len(kept_terms))}) m ORDER BY score DESC, id LIMIT %s",
            (*params, *[value for term in kept_terms for value in (term, *kept)], k), prepare=False)
        return [(row["id"], float(row["score"])) for row in rows]

    def kept(self, ids: list[int], keep: PageFilter) -> set[int]:
        if not ids:
            return set()
        where, params = page_filter(self.scope, keep)
        return set(self._ids(f"SELECT id FROM pages p WHERE id = ANY(%s) AND {where}", (ids, *params)))

    def newest(self, keep: PageFilter, k: int) -> list[int]:
        where, params = page_filter(self.scope, keep)
        return self._ids(f"SELECT id FROM pages p WHERE {where} ORDER BY timestamp DESC, id DESC LIMIT %s",
                         (*params, k))

    # -- browsing -------------------------------------------------------------------------------

    def listing(self, tier: str | None, window: TimeWindow | None, position: tuple[str, int] | None,
                limit: int) -> tuple[int, list[MemoryPage]]:
        where: list[str] = [_SCOPE]
        params: list[Any] = [*self._who]
        if tier is not None:
            where, params = [*where, "tier = %s"], [*params, tier]
        if window is not None:
            where, params = [*where, "timestamp >= %s AND timestamp < %s"], [*params, *window.bounds()]
        total = self._count(" AND ".join(where), params)
        if position is not None:
            where, params = [*where, "(timestamp, id) < (%s, %s)"], [*params, *position]
        rows = self.store.query(f"SELECT {_LISTED} FROM pages WHERE {' AND '.join(where)} "
                                "ORDER BY timestamp DESC, id DESC LIMIT %s", [*params, limit])
        return total, [row_to_listed(row) for row in rows]

    def detail(self, page_id: int) -> tuple[MemoryPage, str, int | None, int | None] | None:
        rows = self.store.query(
            "SELECT p.id, timestamp, tier, segment_id, user_input, agent_response, meta_data, pre_page, next_page, "
            "COALESCE(c.meta_info, '') AS meta_info FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
            "WHERE p.id = %s AND p.user_id = %s AND p.assistant_id = %s", (page_id, *self._who))
        if not rows:
            return None
        row = rows[0]
        return row_to_listed(row), row["meta_info"], row["pre_page"], row["next_page"]

    def exported(self, after_id: int, batch: int) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, user_id, assistant_id, user_input, agent_response, timestamp, meta_data, tier, enriched, "
            "segment_id, pre_page, next_page, chain_id, analyzed, learned, attempts, retry_after, created_at, "
            f"embedding FROM pages WHERE {_SCOPE} AND id > %s ORDER BY id LIMIT %s", (*self._who, after_id, batch))
        return [{**row, "embedding": vector_of(row["embedding"]).tobytes()} for row in rows]

    def _ids(self, sql: str, params: tuple | list) -> list[int]:
        return [int(row["id"]) for row in self.store.query(sql, params)]

    def _count(self, where: str, params: tuple | list) -> int:
        return int(self.store.query(f"SELECT COUNT(*) AS n FROM pages WHERE {where}", params)[0]["n"])


class PgDense:
    """Dense search in the database (HNSW, cosine, over `page_vectors`: schema.py says why a table of its own):
    nothing to load or keep in step in the process."""

    def __init__(self, store: PostgresStore, scope: Scope, dimension: int) -> None:
        self.store = store
        self._who = (scope.user_id, scope.assistant_id)
        self.dimension = dimension

    def __len__(self) -> int:
        rows = self.store.query(f"SELECT COUNT(*) AS n FROM page_vectors WHERE {_SCOPE}", self._who)
        return int(rows[0]["n"])

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The index's order is approximate (relaxed iterative scan): the k found are sorted by exact cosine, ties
        by id (as on SQLite), so two databases holding the same pages answer alike."""
        d = self.dimension
        rows = self.store.query(
            f"SELECT page_id AS id, 1 - (embedding::vector({d}) <=> %s::vector({d})) AS score FROM page_vectors "
            f"WHERE {_SCOPE} ORDER BY embedding::vector({d}) <=> %s::vector({d}) LIMIT %s",
            (np.asarray(vector, np.float32), *self._who, np.asarray(vector, np.float32), k))
        return sorted(((row["id"], float(row["score"])) for row in rows), key=lambda item: (-item[1], item[0]))

    def load(self, full: bool = False) -> None:
        """The database holds the index."""

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        """Stored pages are in the index as they commit."""

    def remove(self, ids: list[int]) -> None:
        """Archived and deleted pages leave the (partial) index as they commit."""
