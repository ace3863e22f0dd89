"""Mid-term memory: topic segments with heat, dialogue chains, assignment and eviction."""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from ..config import MemoryConfig
from ..models import Theme
from ..search.segment_index import SegmentIndex
from ..store.pages import Page, archive_pages
from ..store.sqlite import Scope, Store, from_blob, to_blob

logger = logging.getLogger(__name__)

#: Heat weights and recency time constant of the MemoryOS paper (SPEC.md §1).
ALPHA = BETA = GAMMA = 1.0
MU_SECONDS = 1e7
#: How many of a segment's most frequent keywords take part in the Jaccard term.
SEGMENT_KEYWORDS = 20
#: Keyword counts kept per segment; the rarest are dropped beyond this, so rows stay small.
KEYWORD_MEMORY = 200
#: A segment is full at this many pages and takes no more: a topic is analysed as one unit (its pages
#: must fit one LLM prompt), and without a bound one segment swallowed a whole LoCoMo conversation.
#: 24 keeps the largest segment under 15% of a LoCoMo conversation's 180-350 mid-term pages.
SEGMENT_MAX_PAGES = 24
#: Added to F for the segment of the page this one continues: a reply stays in its topic unless
#: another segment fits clearly better (without it, short exchanges scattered into singletons).
CHAIN_BONUS = 0.1


@dataclass
class Segment:
    id: int
    summary: str
    keywords: Counter[str]
    embedding: np.ndarray
    n_themes: int
    n_visit: int
    l_interaction: int
    last_access: float
    _top: set[str] | None = field(default=None, repr=False)

    def keyword_set(self) -> set[str]:
        """The segment's top keywords, cached: every query and every assignment compares against them."""
        if self._top is None:
            self._top = {word for word, _ in self.keywords.most_common(SEGMENT_KEYWORDS)}
        return self._top

    @property
    def full(self) -> bool:
        """Every page joins with one theme, so `n_themes` is the number of pages the segment holds."""
        return self.n_themes >= SEGMENT_MAX_PAGES

    def add_keywords(self, words: list[str]) -> None:
        self.keywords.update(words)
        if len(self.keywords) > KEYWORD_MEMORY:
            self.keywords = Counter(dict(self.keywords.most_common(KEYWORD_MEMORY // 2)))
        self._top = None

    def heat(self, now: float) -> float:
        recency = math.exp(-max(0.0, now - self.last_access) / MU_SECONDS)
        return ALPHA * self.n_visit + BETA * self.l_interaction + GAMMA * recency


def _row_to_segment(row: sqlite3.Row) -> Segment:
    return Segment(
        id=row["id"],
        summary=row["summary"],
        keywords=Counter(json.loads(row["keywords"])),
        embedding=from_blob(row["embedding"]),
        n_themes=row["n_themes"],
        n_visit=row["n_visit"],
        l_interaction=row["l_interaction"],
        last_access=row["last_access"],
    )


class MidTermMemory:
    """Live segments are cached in memory (at most `mid_term_capacity`), SQLite stays the truth."""

    def __init__(self, store: Store, scope: Scope, config: MemoryConfig) -> None:
        self.store = store
        self.scope = scope
        self.capacity = config.mid_term_capacity
        self.theta = config.mid_term_similarity_threshold
        self.segments: dict[int, Segment] = {}
        self._placement: SegmentIndex | None = None
        self.reload()

    def reload(self) -> None:
        rows = self.store.query(
            "SELECT * FROM segments WHERE user_id = ? AND assistant_id = ? AND archived = 0 ORDER BY id",
            (self.scope.user_id, self.scope.assistant_id),
        )
        self.segments = {row["id"]: _row_to_segment(row) for row in rows}
        self._placement = None

    def _index(self) -> SegmentIndex:
        """Built when a page is first placed after a reload, not at every reload: a process that only
        retrieves while another writes reloads often and never places a page."""
        if self._placement is None:
            self._placement = SegmentIndex()
            for segment in self.segments.values():
                self._indexed(segment)
        return self._placement

    def _indexed(self, segment: Segment) -> None:
        self._index().put(segment.id, segment.embedding, segment.keyword_set(), segment.full)

    def assign(self, conn: sqlite3.Connection, page: Page, themes: list[tuple[Theme, np.ndarray]],
               chain_segment: int | None = None) -> int:
        """Put the page in the segment that best fits either of its themes if F >= theta, else open one.

        F = cos(e_segment, e_theme) + Jaccard(K_segment, K_theme). Full segments take no more pages, and
        the segment of the page this one continues (`chain_segment`) gets CHAIN_BONUS. A segment's
        vector is the running mean of the theme vectors that joined it.
        """
        bonus = {chain_segment: CHAIN_BONUS} if chain_segment is not None else {}
        best: tuple[float, int, Theme, np.ndarray] | None = None
        for theme, vector in themes:
            found = self._index().best(vector, set(theme.keywords), bonus)
            if found is not None and (best is None or found[0] > best[0]):
                best = (*found, theme, vector)
        if best is not None and best[0] >= self.theta:
            segment_id = self._join(conn, self.segments[best[1]], best[2], best[3])
        else:
            segment_id = self._open(conn, *themes[0])
        self._indexed(self.segments[segment_id])
        conn.execute("UPDATE pages SET segment_id = ? WHERE id = ?", (segment_id, page.id))
        return segment_id

    def _join(self, conn: sqlite3.Connection, segment: Segment, theme: Theme, vector: np.ndarray) -> int:
        merged = segment.embedding * segment.n_themes + vector
        segment.embedding = (merged / (np.linalg.norm(merged) or 1.0)).astype(np.float32)
        segment.add_keywords(theme.keywords)
        segment.n_themes, segment.l_interaction = conn.execute(
            "UPDATE segments SET keywords = ?, embedding = ?, n_themes = n_themes + 1, "
            "l_interaction = l_interaction + 1 WHERE id = ? RETURNING n_themes, l_interaction",
            (json.dumps(segment.keywords), to_blob(segment.embedding), segment.id),
        ).fetchone()
        return segment.id

    def _open(self, conn: sqlite3.Connection, theme: Theme, vector: np.ndarray) -> int:
        now = time.time()
        keywords = Counter(theme.keywords)
        cursor = conn.execute(
            "INSERT INTO segments (user_id, assistant_id, summary, keywords, embedding, l_interaction, "
            "last_access, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            (self.scope.user_id, self.scope.assistant_id, theme.summary, json.dumps(keywords),
             to_blob(vector), now, now),
        )
        segment = Segment(int(cursor.lastrowid), theme.summary, keywords, vector.astype(np.float32), 1, 0, 1, now)
        self.segments[segment.id] = segment
        return segment.id

    def set_summary(self, conn: sqlite3.Connection, segment_id: int, summary: str) -> None:
        """A segment's summary follows the pages it holds (rewritten from them as they join)."""
        segment = self.segments.get(segment_id)
        if segment is None or not summary.strip():
            return
        segment.summary = summary
        conn.execute("UPDATE segments SET summary = ? WHERE id = ?", (summary, segment_id))

    def page_ids(self, segment_id: int, limit: int = SEGMENT_MAX_PAGES) -> list[int]:
        """The segment's newest mid-term pages, oldest first: what its summary is written from."""
        rows = self.store.query("SELECT id FROM pages WHERE segment_id = ? AND tier = 'mid' ORDER BY id DESC LIMIT ?",
                                (segment_id, limit))
        return [row["id"] for row in reversed(rows)]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A store transaction after which the cache agrees with SQLite: a rollback reloads the cache,
        so a failed write never leaves a segment change in memory that the database does not hold."""
        try:
            with self.store.transaction() as conn:
                yield conn
        except BaseException:
            self.reload()
            raise

    def hottest(self, now: float | None = None) -> Segment | None:
        now = time.time() if now is None else now
        return max(self.segments.values(), key=lambda s: s.heat(now), default=None)

    def record_visits(self, segment_ids: set[int]) -> None:
        """Retrieval heats a segment: one more visit and a fresh access time.

        SQL increments, so two processes sharing the store both count. A failed write (disk full, a
        read-only file) is logged and dropped: heat is a by-product of a read, which must not fail.
        """
        now = time.time()
        try:
            with self.transaction() as conn:
                for sid in sorted(segment_ids):
                    segment = self.segments.get(sid)
                    row = conn.execute(
                        "UPDATE segments SET n_visit = n_visit + 1, last_access = MAX(last_access, ?) "
                        "WHERE id = ? RETURNING n_visit, last_access", (now, sid),
                    ).fetchone()
                    if segment is not None and row is not None:
                        segment.n_visit, segment.last_access = row
        except sqlite3.Error as exc:
            logger.warning("segment heat not recorded (the retrieval itself succeeded): %s", exc)

    def reset_heat(self, conn: sqlite3.Connection, segment_id: int) -> None:
        """After promotion the segment starts cold again, so another can become the hottest.

        L_interaction restarts at the pages not analysed yet: ones added while the analysis ran.
        """
        segment = self.segments[segment_id]
        segment.n_visit = 0
        segment.l_interaction = conn.execute(
            "SELECT COUNT(*) FROM pages WHERE segment_id = ? AND analyzed = 0 AND tier = 'mid'", (segment_id,)
        ).fetchone()[0]
        conn.execute("UPDATE segments SET n_visit = 0, l_interaction = ? WHERE id = ?",
                     (segment.l_interaction, segment_id))

    def evict_over_capacity(self, conn: sqlite3.Connection) -> list[int]:
        """Archive the coldest segments beyond capacity; returns the page ids that left the index."""
        archived_pages: list[int] = []
        now = time.time()
        while len(self.segments) > self.capacity:
            coldest = min(self.segments.values(), key=lambda s: s.heat(now))
            conn.execute("UPDATE segments SET archived = 1 WHERE id = ?", (coldest.id,))
            ids = [row[0] for row in conn.execute("SELECT id FROM pages WHERE segment_id = ? AND tier = 'mid'",
                                                  (coldest.id,))]
            archive_pages(conn, ids)
            archived_pages.extend(ids)
            del self.segments[coldest.id]
            self._index().remove(coldest.id)
        return archived_pages


def link_chain(conn: sqlite3.Connection, page: Page, previous: Page | None, meta_info: str) -> None:
    """Continue the previous page's dialogue chain (or start one) and refresh the chain's summary.

    The summary lives on the chain row, so refreshing it costs one write however long the chain is.
    """
    if previous is not None and previous.chain_id is not None:
        chain_id = previous.chain_id
        conn.execute("UPDATE chains SET meta_info = ? WHERE id = ?", (meta_info, chain_id))
        conn.execute("UPDATE pages SET next_page = ? WHERE id = ?", (page.id, previous.id))
        conn.execute("UPDATE pages SET pre_page = ? WHERE id = ?", (previous.id, page.id))
    else:
        chain_id = int(conn.execute("INSERT INTO chains (meta_info) VALUES (?)", (meta_info,)).lastrowid)
    conn.execute("UPDATE pages SET chain_id = ? WHERE id = ?", (chain_id, page.id))
