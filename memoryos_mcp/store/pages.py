"""Pages (one exchange each): rows, their full-text index, and the queries every tier shares."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..language.text import MONTHS, WEEKDAYS, cjk_terms, content_words, identifiers, tokenize
from ..models import PageText, TimeWindow
from .fulltext import drop_from_full_text, index_page
from .sqlite import Scope, Store, from_blob, to_blob

logger = logging.getLogger(__name__)

#: Rows read per query when the vector index is loaded at start-up.
VECTOR_BATCH = 4096

_COLUMNS = (
    "p.id, user_input, agent_response, timestamp, meta_data, tier, enriched, segment_id, "
    "pre_page, next_page, chain_id, COALESCE(c.meta_info, '') AS meta_info, analyzed, embedding"
)


@dataclass
class NewPage:
    """A validated exchange, ready to store."""

    user_input: str
    agent_response: str
    timestamp: str
    meta_data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    id: int
    user_input: str
    agent_response: str
    timestamp: str
    meta_data: dict[str, Any]
    tier: str
    enriched: bool
    segment_id: int | None
    pre_page: int | None
    next_page: int | None
    chain_id: int | None
    meta_info: str
    analyzed: bool
    embedding: np.ndarray

    def as_text(self) -> PageText:
        return PageText(self.user_input, self.agent_response, self.timestamp, self.embedding)


def embedding_text(user_input: str, agent_response: str) -> str:
    """What a page's vector is made of: both sides, so either side's words can find it."""
    return f"{user_input}\n{agent_response}".strip()


def _row_to_page(row: sqlite3.Row) -> Page:
    return Page(
        id=row["id"],
        user_input=row["user_input"],
        agent_response=row["agent_response"],
        timestamp=row["timestamp"],
        meta_data=json.loads(row["meta_data"]),
        tier=row["tier"],
        enriched=bool(row["enriched"]),
        segment_id=row["segment_id"],
        pre_page=row["pre_page"],
        next_page=row["next_page"],
        chain_id=row["chain_id"],
        meta_info=row["meta_info"],
        analyzed=bool(row["analyzed"]),
        embedding=from_blob(row["embedding"]),
    )


def insert_pages(store: Store, scope: Scope, pages: list[NewPage], vectors: np.ndarray) -> list[int]:
    """Store pages in short-term memory with their vectors and full-text rows; returns their ids."""
    ids = []
    now = time.time()
    with store.transaction() as conn:
        for page, vector in zip(pages, vectors, strict=True):
            cursor = conn.execute(
                "INSERT INTO pages (user_id, assistant_id, user_input, agent_response, timestamp, "
                "meta_data, created_at, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    scope.user_id,
                    scope.assistant_id,
                    page.user_input,
                    page.agent_response,
                    page.timestamp,
                    json.dumps(page.meta_data, ensure_ascii=False),
                    now,
                    to_blob(vector),
                ),
            )
            page_id = int(cursor.lastrowid)
            index_page(conn, page_id, f"{page.user_input}\n{page.agent_response}")
            ids.append(page_id)
    return ids


def get_pages(store: Store, ids: list[int]) -> list[Page]:
    """Pages in the order of `ids` (missing ids are skipped)."""
    if not ids:
        return []
    by_id: dict[int, Page] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.query(f"SELECT {_COLUMNS} FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
            f"WHERE p.id IN ({marks})", chunk):
            by_id[row["id"]] = _row_to_page(row)
    return [by_id[i] for i in ids if i in by_id]


def page_ids(store: Store, scope: Scope, tier: str) -> list[int]:
    """Ids of a tier's pages, oldest first."""
    sql = "SELECT id FROM pages WHERE user_id = ? AND assistant_id = ? AND tier = ? ORDER BY id"
    return [row["id"] for row in store.query(sql, (scope.user_id, scope.assistant_id, tier))]


def pending_pages(store: Store, scope: Scope, max_attempts: int) -> list[tuple[int, float]]:
    """(id, retry time) of the mid-term pages still to enrich, oldest first, leaving out quarantined
    pages (`max_attempts` failures). Every waiting page is listed, its retry time come or not, so the
    caller can keep page order (a partial index)."""
    rows = store.query(
        "SELECT id, retry_after FROM pages INDEXED BY pages_pending "
        "WHERE user_id = ? AND assistant_id = ? AND tier = 'mid' AND enriched = 0 AND attempts < ? ORDER BY id",
        (scope.user_id, scope.assistant_id, max_attempts),
    )
    return [(row["id"], row["retry_after"]) for row in rows]


def quarantined_count(store: Store, scope: Scope, max_attempts: int) -> int:
    """Mid-term pages whose enrichment failed `max_attempts` times: stored and searchable, never enriched."""
    rows = store.query(
        "SELECT COUNT(*) AS n FROM pages INDEXED BY pages_pending "
        "WHERE user_id = ? AND assistant_id = ? AND tier = 'mid' AND enriched = 0 AND attempts >= ?",
        (scope.user_id, scope.assistant_id, max_attempts),
    )
    return int(rows[0]["n"])


def unlearned_ids(store: Store, scope: Scope, limit: int) -> list[int]:
    """Mid-term pages whose facts have not been learnt yet, oldest first (a partial index)."""
    rows = store.query(
        "SELECT id FROM pages INDEXED BY pages_unlearned WHERE user_id = ? AND assistant_id = ? "
        "AND tier = 'mid' AND learned = 0 ORDER BY id LIMIT ?",
        (scope.user_id, scope.assistant_id, limit),
    )
    return [row["id"] for row in rows]


def count_by_tier(store: Store, scope: Scope) -> dict[str, int]:
    rows = store.query(
        "SELECT tier, COUNT(*) AS n FROM pages WHERE user_id = ? AND assistant_id = ? GROUP BY tier",
        (scope.user_id, scope.assistant_id),
    )
    counts = {"short": 0, "mid": 0, "archived": 0}
    counts.update({row["tier"]: row["n"] for row in rows})
    return counts


def _quoted(words: list[str]) -> str:
    """An FTS5 OR-query of the words, each quoted so user text is never FTS syntax."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words[:64])


#: FTS5 gives a word found in more than half of all rows an IDF of 1e-6, so a BM25 score below this
#: comes from such words alone (a name said in every exchange, "User" in every fact): no lexical evidence.
BM25_FLOOR = 1e-3


def fts_query(query: str) -> str:
    """An FTS5 OR-query of the query's words."""
    return _quoted(list(dict.fromkeys(content_words(query))) or list(dict.fromkeys(tokenize(query))))


def _scope_sql(scope: Scope, tiers: tuple[str, ...], window: TimeWindow | None) -> tuple[str, list]:
    """The WHERE clause (on pages `p`) that keeps this scope's pages of those tiers inside the window."""
    sql = f"p.user_id = ? AND p.assistant_id = ? AND p.tier IN ({','.join('?' * len(tiers))})"
    params: list = [scope.user_id, scope.assistant_id, *tiers]
    if window is not None:
        sql += " AND p.timestamp >= ? AND p.timestamp < ?"
        params += list(window.bounds())
    return sql, params


def _ranked(store: Store, table: str, match: str, scope: Scope, k: int, tiers: tuple[str, ...],
            window: TimeWindow | None) -> list[tuple[int, float]]:
    """(page id, BM25 score, higher is better) of one full-text table, for this scope's pages.

    A full-text table is shared by every scope. Ranking it alone and then keeping this scope's pages
    is several times faster than joining every match to its page, and exact whenever enough rows
    survive (always, in a store with one user and no window); otherwise the join answers.
    """
    where, params = _scope_sql(scope, tiers, window)
    fetch = 2 * k
    ranked = store.query(f"SELECT rowid AS id, -bm25({table}) AS score FROM {table} WHERE {table} MATCH ? "
                         f"ORDER BY bm25({table}) LIMIT ?", (match, fetch))
    ids = [row["id"] for row in ranked]
    marks = ",".join("?" * len(ids))
    kept = {row["id"] for row in store.query(
        f"SELECT id FROM pages p WHERE id IN ({marks}) AND {where}", (*ids, *params))} if ids else set()
    if len(kept) >= k or len(ranked) < fetch:
        return [(row["id"], row["score"]) for row in ranked if row["id"] in kept][:k]
    rows = store.query(
        f"SELECT f.rowid AS id, -bm25({table}) AS score FROM {table} f JOIN pages p ON p.id = f.rowid "
        f"WHERE {table} MATCH ? AND {where} ORDER BY bm25({table}) LIMIT ?", (match, *params, k))
    return [(row["id"], row["score"]) for row in rows]


def lexical_search(store: Store, scope: Scope, query: str, k: int, tiers: tuple[str, ...] = ("mid",),
                   window: TimeWindow | None = None) -> list[tuple[int, float]]:
    """(page id, BM25 score, higher is better) for pages matching any query word, best first.

    Words are matched in pages_fts; Korean, Chinese and Japanese text, whose words the word
    tokenizer cannot find, by its character pairs in pages_cjk, and the two scores are added.
    """
    if k <= 0:
        return []
    match = fts_query(query)
    found = _ranked(store, "pages_fts", match, scope, k, tiers, window) if match else []
    pairs = list(dict.fromkeys(cjk_terms(query)))
    if not pairs:
        return found
    total = dict(found)
    for page_id, score in _ranked(store, "pages_cjk", _quoted(pairs), scope, k, tiers, window):
        total[page_id] = total.get(page_id, 0.0) + score
    return sorted(total.items(), key=lambda item: item[1], reverse=True)[:k]


#: A word found in more pages than this, anywhere in the store, is not rare enough to name one page.
RARE_LIMIT = 20


def sole_matches(store: Store, scope: Scope, query: str, tiers: tuple[str, ...],
                 window: TimeWindow | None = None) -> dict[int, int]:
    """Page id -> how many of the query's rare words occur in that page and in no other of this scope.

    Such a word (an order number, a name, a code) says which page is meant more surely than any
    similarity can, so ranking puts that page first. Each word's few matches are read from the
    full-text index alone (a join would walk the scope's pages for a word that is not there).
    """
    where, params = _scope_sql(scope, tiers, window)
    matches: list[list[int]] = []
    names = [w for w in dict.fromkeys(identifiers(query)) if w not in MONTHS and w not in WEEKDAYS]  # time: not a name
    words = [("pages_fts", _quoted([w])) for w in names]
    words += [("pages_cjk", _quoted([t])) for t in dict.fromkeys(cjk_terms(query))]
    for table, match in words[:32]:
        rows = store.query(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (match, RARE_LIMIT + 1))
        if 0 < len(rows) <= RARE_LIMIT:
            matches.append([row[0] for row in rows])
    ids = sorted({i for found in matches for i in found})
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    mine = {row[0] for row in store.query(f"SELECT id FROM pages p WHERE id IN ({marks}) AND {where}", (*ids, *params))}
    counts: dict[int, int] = {}
    for found in matches:
        here = [i for i in found if i in mine]
        if len(here) == 1:
            counts[here[0]] = counts.get(here[0], 0) + 1
    return counts


def pages_in_window(store: Store, scope: Scope, window: TimeWindow, k: int, tiers: tuple[str, ...]) -> list[int]:
    """The k newest pages inside the window: candidates a time question may mean whatever its words."""
    where, params = _scope_sql(scope, tiers, window)
    rows = store.query(f"SELECT id FROM pages p WHERE {where} ORDER BY timestamp DESC, id DESC LIMIT ?",
                       (*params, k))
    return [row["id"] for row in rows]


def existing_ids(conn: sqlite3.Connection, ids: list[int]) -> set[int]:
    """The ids among `ids` whose pages still exist (a delete may have come while work ran outside the lock)."""
    marks = ",".join("?" * len(ids))
    return {row[0] for row in conn.execute(f"SELECT id FROM pages WHERE id IN ({marks})", ids)} if ids else set()


def archive_pages(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Archived pages stay readable but leave the full-text index."""
    conn.executemany("UPDATE pages SET tier = 'archived' WHERE id = ?", [(page_id,) for page_id in ids])
    drop_from_full_text(conn, ids)


def load_vectors(store: Store, scope: Scope, after_id: int = 0,
                 batch: int = VECTOR_BATCH) -> Iterator[tuple[list[int], np.ndarray]]:
    """Ids and vectors of searchable (not archived) pages, in batches, for building the in-memory index.

    Batches keep the peak memory of a start-up near the index itself instead of three copies of it.
    """
    while True:
        rows = store.query(
            "SELECT id, embedding FROM pages WHERE user_id = ? AND assistant_id = ? AND tier != 'archived' "
            "AND id > ? ORDER BY id LIMIT ?",
            (scope.user_id, scope.assistant_id, after_id, batch),
        )
        if not rows:
            return
        ids = [row["id"] for row in rows]
        matrix = np.frombuffer(b"".join(row["embedding"] for row in rows), dtype=np.float32)
        yield ids, matrix.reshape(len(ids), -1)
        after_id = ids[-1]
