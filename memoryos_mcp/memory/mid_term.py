"""Mid-term memory: topic segments with heat, dialogue chains, assignment and eviction."""

from __future__ import annotations

import logging
import math
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from ..config import MemoryConfig
from ..models import Theme
from ..records import Page, StoredSegment
from ..search.segment_index import SegmentIndex
from ..store.protocol import Backend, Repositories

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
#: A segment still holding a single page after this many more pages were placed is settled: its page
#: joins the best other segment if F reaches SETTLE_THRESHOLD. On a months-long personal chat most
#: one-off exchanges opened a segment no later page joined (98 of 142 segments); the topics have grown
#: by then, so a page that fitted none when it came fits one now. On the usermodel tune cases (F of 0.2-0.4
#: tried) 0.25 brought singletons under a third of the segments with a subject's returns joined.
SETTLE_AFTER = 10
SETTLE_THRESHOLD = 0.25


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


def _segment(stored: StoredSegment) -> Segment:
    return Segment(stored.id, stored.summary, stored.keywords, stored.embedding, stored.n_themes, stored.n_visit,
                   stored.l_interaction, stored.last_access)


class MidTermMemory:
    """Live segments are cached in memory (at most `mid_term_capacity`), SQLite stays the truth."""

    def __init__(self, store: Backend, repositories: Repositories, config: MemoryConfig) -> None:
        self.store = store
        self.rows = repositories.segments
        self.pages = repositories.pages
        self.capacity = config.mid_term_capacity
        self.theta = config.mid_term_similarity_threshold
        self.segments: dict[int, Segment] = {}
        self._placement: SegmentIndex | None = None
        #: Segments opened by this process, with the placement count then: settled SETTLE_AFTER placements later.
        self._unsettled: deque[tuple[int, int]] = deque()
        self._placed = 0
        self.reload()

    def reload(self) -> None:
        self.segments = {stored.id: _segment(stored) for stored in self.rows.live()}
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

    def assign(self, page: Page, themes: list[tuple[Theme, np.ndarray]],
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
        self._placed += 1
        if best is not None and best[0] >= self.theta:
            segment_id = self._join(self.segments[best[1]], best[2], best[3])
        else:
            segment_id = self._open(*themes[0])
            self._unsettled.append((segment_id, self._placed))
        self._indexed(self.segments[segment_id])
        self.pages.set_segment(page.id, segment_id)
        self._settle()
        return segment_id

    def _settle(self) -> None:
        """Segments opened SETTLE_AFTER placements ago that still hold one page: the page joins the best
        other segment when F reaches SETTLE_THRESHOLD, and the empty segment goes. Each segment is
        looked at once, so a placement settles at most the one or two segments opened that long ago."""
        while self._unsettled and self._unsettled[0][1] <= self._placed - SETTLE_AFTER:
            segment_id, _ = self._unsettled.popleft()
            single = self.segments.get(segment_id)
            if single is None or single.n_themes != 1:
                continue
            found = self._index().best(single.embedding, single.keyword_set(), {}, skip=segment_id)
            if found is None or found[0] < SETTLE_THRESHOLD:
                continue
            target = self.segments[found[1]]
            self._join(target, Theme(summary=single.summary, keywords=list(single.keywords.elements())),
                       single.embedding)
            for page_id in self.pages.in_segment(segment_id):
                self.pages.set_segment(page_id, target.id)
            self.rows.delete(segment_id)
            del self.segments[segment_id]
            self._index().remove(segment_id)
            self._indexed(target)

    def _join(self, segment: Segment, theme: Theme, vector: np.ndarray) -> int:
        merged = segment.embedding * segment.n_themes + vector
        segment.embedding = (merged / (np.linalg.norm(merged) or 1.0)).astype(np.float32)
        segment.add_keywords(theme.keywords)
        segment.n_themes, segment.l_interaction = self.rows.join(segment.id, segment.keywords, segment.embedding)
        return segment.id

    def _open(self, theme: Theme, vector: np.ndarray) -> int:
        now = time.time()
        keywords = Counter(theme.keywords)
        segment_id = self.rows.open(theme.summary, keywords, vector, now)
        segment = Segment(segment_id, theme.summary, keywords, vector.astype(np.float32), 1, 0, 1, now)
        self.segments[segment.id] = segment
        return segment.id

    def set_summary(self, segment_id: int, summary: str) -> None:
        """A segment's summary follows the pages it holds (rewritten from them as they join)."""
        segment = self.segments.get(segment_id)
        if segment is None or not summary.strip():
            return
        segment.summary = summary
        self.rows.set_summary(segment_id, summary)

    def page_ids(self, segment_id: int, limit: int = SEGMENT_MAX_PAGES) -> list[int]:
        """The segment's newest mid-term pages, oldest first: what its summary is written from."""
        return self.pages.in_segment(segment_id, tier="mid", newest=limit)

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[None]:
        """A store transaction after which the cache agrees with SQLite: a rollback reloads the cache,
        so a failed write never leaves a segment change in memory that the database does not hold."""
        try:
            with self.store.transaction(durable):
                yield
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
        if not segment_ids:
            return
        try:
            with self.transaction(durable=False):  # heat lost in a crash is a few visits less
                for sid, (n_visit, last_access) in self.rows.visit(list(segment_ids), time.time()).items():
                    segment = self.segments.get(sid)
                    if segment is not None:
                        segment.n_visit, segment.last_access = n_visit, last_access
        except self.store.errors as exc:
            logger.warning("segment heat not recorded (the retrieval itself succeeded): %s", exc)

    def reset_heat(self, segment_id: int) -> None:
        """After promotion the segment starts cold again, so another can become the hottest.

        L_interaction restarts at the pages not analysed yet: ones added while the analysis ran.
        """
        segment = self.segments[segment_id]
        segment.n_visit = 0
        segment.l_interaction = len(self.pages.in_segment(segment_id, tier="mid", analyzed=False))
        self.rows.cool(segment_id, segment.l_interaction)

    def evict_over_capacity(self) -> list[int]:
        """Archive the coldest segments beyond capacity; returns the page ids that left the index."""
        archived_pages: list[int] = []
        now = time.time()
        while len(self.segments) > self.capacity:
            coldest = min(self.segments.values(), key=lambda s: s.heat(now))
            self.rows.archive(coldest.id)
            ids = self.pages.in_segment(coldest.id, tier="mid")
            self.pages.archive(ids)
            archived_pages.extend(ids)
            del self.segments[coldest.id]
            self._index().remove(coldest.id)
        return archived_pages

    def link_chain(self, page: Page, previous: Page | None, meta_info: str) -> None:
        """Continue the previous page's dialogue chain (or start one) and refresh the chain's summary.

        The summary lives on the chain row, so refreshing it costs one write however long the chain is.
        """
        if previous is not None and previous.chain_id is not None:
            chain_id = previous.chain_id
            self.rows.set_chain_meta(chain_id, meta_info)
            self.pages.link(previous.id, page.id)
        else:
            chain_id = self.rows.new_chain(meta_info)
        self.pages.set_chain(page.id, chain_id)
