"""Enrichment: what happens to a page after it leaves short-term memory, and promotion of hot topics.

Pages are stored first; enrichment only adds to them. Its backlog is the set of mid-term pages not
yet enriched, kept in SQLite, so a crash or an LLM outage delays enrichment but never loses a page.
Pages are enriched strictly in order (a chain links each page to the one before it); a page that keeps
failing is quarantined after MAX_ATTEMPTS tries, so one bad page cannot hold back the rest forever.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import time
from collections.abc import Callable

import numpy as np

from .embeddings import Embedder
from .errors import EmbeddingError, LLMError
from .llm import LLM, OfflineLLM
from .long_term import LongTermMemory, NewFact
from .mid_term import MidTermMemory, link_chain
from .models import PageText, Theme
from .pages import Page, get_pages, pending_pages, quarantined_count, unlearned_ids
from .storage import Scope, Store
from .worker import Foreground

logger = logging.getLogger(__name__)

#: Longest wait before an enrichment that failed is tried again.
MAX_RETRY_DELAY = 300.0
#: Failed enrichments of one page before it is quarantined (with the backoff, about 13 minutes of
#: failures): it stays stored and searchable, outside any chain or segment, and later pages proceed.
MAX_ATTEMPTS = 10
#: Facts embedded per step of a promotion, so each step is short enough to fit between tool calls.
FACTS_PER_STEP = 16
#: Pages whose facts are learnt per transaction, offline.
LEARN_BATCH = 32
#: Cosine at which an LLM fact is also traced to a page other than the closest one.
ATTRIBUTION_COSINE = 0.6



class Enricher:
    """Runs chain linking, segment assignment and promotion; LLM calls happen outside the lock."""

    def __init__(self, store: Store, scope: Scope, embedder: Embedder, llm: LLM, mid: MidTermMemory,
                 long: LongTermMemory, heat_threshold: float, lock: threading.RLock,
                 sync: Callable[[], None], on_archive: Callable[[list[int]], None],
                 foreground: Foreground) -> None:
        self.store = store
        self.scope = scope
        self.embedder = embedder
        self.llm = llm
        self.mid = mid
        self.long = long
        self.heat_threshold = heat_threshold
        self.lock = lock
        self.sync = sync
        self.on_archive = on_archive
        self.foreground = foreground
        self.offline = isinstance(llm, OfflineLLM)
        #: One pass at a time: offline, add_memory enriches inline while the worker may start a pass, and
        #: both worked on the same pages (one lost each page's claim after embedding its themes).
        self._enriching = threading.Lock()

    def backlog(self) -> int:
        return len(pending_pages(self.store, self.scope, MAX_ATTEMPTS))

    def quarantined(self) -> int:
        return quarantined_count(self.store, self.scope, MAX_ATTEMPTS)

    def run(self) -> None:
        """Enrich pending pages, learn their facts (offline), then promote the hottest segment if hot enough.

        Offline, a tool call enriches the pages it moved before it returns, so the worker enriches only
        between calls (retries): during a bulk import it took the pages as they were committed, at low
        priority, while the import waited for it.
        """
        if not self.offline or not self.foreground.busy():
            self.enrich_pending()
        if self.offline:
            self._attempt(self.learn_pending)
        self._attempt(self._promote)

    def enrich_pending(self, now: float | None = None) -> int:
        """Enrich waiting pages in page order. A page waiting for its retry holds back the pages after
        it, so chains link in order; a failure stops the pass for the same reason (unless the page
        was just quarantined)."""
        now = time.time() if now is None else now
        done = 0
        with self._enriching:
            for page_id, retry_after in pending_pages(self.store, self.scope, MAX_ATTEMPTS):
                if retry_after > now or not self._attempt(functools.partial(self._enrich, page_id), page_id):
                    break
                done += 1
        return done

    def _attempt(self, step: Callable[[], None], page_id: int | None = None) -> bool:
        """Run one step; True when the pass may go on. Any failure is logged and, for a page, retried
        later with backoff; a page failing for the last time is quarantined and the pass goes on."""
        try:
            step()
        except (LLMError, EmbeddingError) as exc:
            logger.warning("enrichment postponed: %s", exc)
        except Exception:
            logger.exception("enrichment failed; the page is kept and retried later")
        else:
            return True
        return page_id is not None and self._postpone(page_id)

    def _postpone(self, page_id: int) -> bool:
        """Count the failure and set the retry time; True when the page is now quarantined."""
        with self.store.transaction() as conn:
            attempts = conn.execute("SELECT attempts FROM pages WHERE id = ?", (page_id,)).fetchone()[0] + 1
            delay = min(MAX_RETRY_DELAY, 2.0**attempts)
            conn.execute("UPDATE pages SET attempts = ?, retry_after = ? WHERE id = ?",
                         (attempts, time.time() + delay, page_id))
        if attempts < MAX_ATTEMPTS:
            return False
        logger.error("page %d quarantined after %d failed enrichments: it stays stored and searchable, "
                     "later pages proceed", page_id, attempts)
        return True

    def _previous(self, page: Page) -> Page | None:
        rows = self.store.query(
            "SELECT id FROM pages WHERE user_id = ? AND assistant_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
            (self.scope.user_id, self.scope.assistant_id, page.id),
        )
        found = get_pages(self.store, [rows[0]["id"]]) if rows else []
        return found[0] if found else None

    def _continues(self, page: Page, previous: Page | None) -> bool:
        return previous is not None and self.llm.is_continuation(previous.as_text(), page.as_text())

    def _themes(self, page: Page, previous: Page | None, continues: bool) -> list[Theme]:
        """The page's themes, read together with the page it continues."""
        text = page.as_text()
        context = [previous.as_text(), text] if continues and previous else [text]
        return self.llm.themes(context) or [Theme(summary=text.text[:200])]

    def _theme_vectors(self, themes: list[Theme], page: Page, previous: Page | None) -> np.ndarray:
        """Offline, a theme is extracted from the page (and the page it continues), so its vector is
        theirs, averaged: no model call (embedding the theme text doubled add_memory's cost and halved
        bulk import). An LLM's themes are its own words and are embedded."""
        if not self.offline:
            return self.embedder.embed_batch([theme_text(theme) for theme in themes])
        vector = page.embedding + (previous.embedding if previous is not None else 0.0)
        vector = (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)
        return np.tile(vector, (len(themes), 1))

    def _enrich(self, page_id: int) -> None:
        pages = get_pages(self.store, [page_id])
        if not pages or pages[0].enriched:
            return
        page = pages[0]
        previous = self._previous(page)
        continues = self._continues(page, previous)
        meta_info = self.llm.chain_meta(previous.meta_info if continues and previous else "", page.as_text())
        themes = self._themes(page, previous, continues)
        vectors = self._theme_vectors(themes, page, previous if continues else None)
        chain_segment = previous.segment_id if continues and previous else None
        with self.lock, self.mid.transaction() as conn:
            self.sync()
            if previous is not None and not _exists(conn, [previous.id]):
                return  # deleted meanwhile: its text must not reach the chain summary; the page is retried
            claimed = conn.execute("UPDATE pages SET enriched = 1 WHERE id = ? AND enriched = 0", (page.id,))
            if claimed.rowcount == 0:
                return
            link_chain(conn, page, previous if continues else None, meta_info)
            segment_id = self.mid.assign(conn, page, list(zip(themes, vectors, strict=True)), chain_segment)
            archived = self.mid.evict_over_capacity(conn)
        if archived:
            self.on_archive(archived)
        self._refresh_summary(segment_id)

    def _refresh_summary(self, segment_id: int) -> None:
        """Rewrite a segment's summary from its pages as they join: offline (extractive, cheap) at every
        join; with an LLM when the segment reaches 2, 4, 8, 16... pages, so the cost stays logarithmic."""
        with self.lock:
            segment = self.mid.segments.get(segment_id)
            if segment is None or segment.n_themes < 2:
                return
            size = segment.n_themes
            if not self.offline and size & (size - 1):
                return
            texts: list[PageText] = [p.as_text() for p in get_pages(self.store, self.mid.page_ids(segment_id))]
        try:
            themes = self.llm.themes(texts)
        except LLMError as exc:
            logger.warning("segment %d keeps its summary: %s", segment_id, exc)
            return
        if themes:
            with self.lock, self.mid.transaction() as conn:
                self.mid.set_summary(conn, segment_id, themes[0].summary)

    def learn_pending(self) -> int:
        """Offline, every page's facts go to long-term knowledge once the page leaves short-term memory.

        Extraction by rules is free, so unlike the paid LLM analysis it is not gated by heat; each fact
        keeps the page it came from. Returns how many pages were learnt.
        """
        learnt = 0
        while ids := unlearned_ids(self.store, self.scope, LEARN_BATCH):
            found: dict[str, list[NewFact]] = {"user": [], "assistant": []}
            for page in get_pages(self.store, ids):
                for kind, facts in zip(found, self._extract(page), strict=True):
                    found[kind] += [NewFact(text, (page.id,), page.timestamp) for text in facts]
            vectors = self._embed_between_calls([f.text for f in found["user"] + found["assistant"]])
            split = len(found["user"])
            with self.lock, self.store.transaction() as conn:
                self.sync()
                claimed = {i for i in ids if conn.execute(
                    "UPDATE pages SET learned = 1 WHERE id = ? AND learned = 0", (i,)).rowcount}
                learnt_kinds = set()
                for kind, facts, kind_vectors in (("user", found["user"], vectors[:split]),
                                                  ("assistant", found["assistant"], vectors[split:])):
                    keep = [n for n, fact in enumerate(facts) if fact.page_ids[0] in claimed]
                    if keep:  # nothing to learn: the stored facts (read whole by `learn`) stay as they are
                        self.long.learn(conn, kind, [facts[n] for n in keep], kind_vectors[keep])  # type: ignore[arg-type]
                        learnt_kinds.add(kind)
                if "user" in learnt_kinds:  # the profile is written from the user facts alone
                    self.long.rebuild_profile(conn)
            learnt += len(claimed)
        return learnt

    def _extract(self, page: Page) -> tuple[list[str], list[str]]:
        """One page's user and assistant facts; a page the rules cannot handle yields none, not a jam."""
        text = page.as_text()
        try:
            return self.llm.user_facts([text]), self.llm.assistant_facts([text])
        except Exception:
            logger.exception("fact extraction failed on page %d; it is stored but yields no facts", page.id)
            return [], []

    def _promote(self) -> None:
        """Cool down the hottest segment once it is hot enough; with an LLM, first analyse its new pages
        into facts and a rewritten profile (the paid analysis the heat threshold gates)."""
        with self.lock:
            self.sync()
            segment = self.mid.hottest()
            if segment is None or segment.heat(time.time()) < self.heat_threshold:
                return
            ids = [row["id"] for row in self.store.query(
                "SELECT id FROM pages WHERE segment_id = ? AND analyzed = 0 AND tier = 'mid' ORDER BY id",
                (segment.id,))]
        pages = get_pages(self.store, ids)
        if pages and not self.offline:
            self._analyse(pages)
        with self.lock, self.mid.transaction() as conn:  # reset_heat changes the cache: reload it on rollback
            self.sync()
            conn.executemany("UPDATE pages SET analyzed = 1 WHERE id = ?", [(i,) for i in ids])
            if segment.id in self.mid.segments:
                self.mid.reset_heat(conn, segment.id)
        logger.info("promoted segment %d: %d pages analysed", segment.id, len(ids))

    def _analyse(self, pages: list[Page]) -> None:
        """LLM analysis of promoted pages: facts, each traced to the pages it most resembles, then the
        profile rewritten from the current facts and the pages."""
        texts = [page.as_text() for page in pages]
        self.foreground.wait_for_gap()
        found = {"user": self.llm.user_facts(texts), "assistant": self.llm.assistant_facts(texts)}
        vectors = self._embed_between_calls(found["user"] + found["assistant"])
        facts = [NewFact(text, *_attribute(vector, pages))
                 for text, vector in zip(found["user"] + found["assistant"], vectors, strict=True)]
        split = len(found["user"])
        with self.lock, self.store.transaction() as conn:
            self.sync()
            alive = _exists(conn, [page.id for page in pages])
            if len(alive) < len(pages):  # pages deleted during the analysis: nothing learnt from them stays
                keep = [n for n, fact in enumerate(facts) if alive.intersection(fact.page_ids)]
                facts = [NewFact(facts[n].text, tuple(i for i in facts[n].page_ids if i in alive),
                                 facts[n].timestamp) for n in keep]
                vectors = vectors[keep]
                split = sum(1 for n in keep if n < split)
            self.long.learn(conn, "user", facts[:split], vectors[:split])
            self.long.learn(conn, "assistant", facts[split:], vectors[split:])
            if len(alive) < len(pages):
                self.long.rebuild_profile(conn)
                return
        with self.lock:
            old_profile = self.long.profile()
            known = [fact.knowledge for fact in self.long.facts("user")]
        profile = self.llm.profile(old_profile, texts, known)
        with self.lock, self.store.transaction() as conn:
            self.long.set_profile(conn, profile, max(t.timestamp for t in texts))

    def _embed_between_calls(self, texts: list[str]) -> np.ndarray:
        steps = []
        for start in range(0, len(texts), FACTS_PER_STEP):
            self.foreground.wait_for_gap()
            steps.append(self.embedder.embed_batch(texts[start : start + FACTS_PER_STEP]))
        return np.vstack(steps) if steps else np.zeros((0, self.embedder.dimension), dtype=np.float32)


def _exists(conn: sqlite3.Connection, ids: list[int]) -> set[int]:
    """The ids among `ids` whose pages still exist (a delete may have come while work ran outside the lock)."""
    marks = ",".join("?" * len(ids))
    return {row[0] for row in conn.execute(f"SELECT id FROM pages WHERE id IN ({marks})", ids)} if ids else set()


def _attribute(vector: np.ndarray, pages: list[Page]) -> tuple[tuple[int, ...], str]:
    """(source page ids, time) of a fact an LLM found in several pages: the page closest in meaning,
    plus any other at least ATTRIBUTION_COSINE close. Deleting those pages deletes the fact."""
    cosines = np.vstack([page.embedding for page in pages]) @ vector.astype(np.float32)
    best = int(np.argmax(cosines))
    chosen = [n for n, cos in enumerate(cosines) if n == best or cos >= ATTRIBUTION_COSINE]
    return tuple(pages[n].id for n in chosen), pages[best].timestamp


def theme_text(theme: Theme) -> str:
    """What a theme's vector is made of: its summary and keywords (a page's own vector is its raw text)."""
    return f"{theme.summary}\n{', '.join(theme.keywords)}".strip()
