"""Enrichment: what happens to a page after it leaves short-term memory (its chain and topic segment).

Pages are stored first; enrichment only adds to them. Its backlog is the set of mid-term pages not
yet enriched, kept in SQLite, so a crash or an LLM outage delays enrichment but never loses a page.
Pages are enriched strictly in order (a chain links each page to the one before it); a page that keeps
failing is quarantined after MAX_ATTEMPTS tries, so one bad page cannot hold back the rest forever.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from ..errors import EmbeddingError, LLMDeferredError, LLMError
from ..language.embeddings import Embedder, normalize_rows
from ..language.llm import LLM
from ..language.policy import Language
from ..models import PageText, Theme
from ..records import Page
from .mid_term import MidTermMemory
from .promotion import Promotion
from .unit_of_work import UnitOfWork
from .worker import Foreground

logger = logging.getLogger(__name__)

#: Longest wait before an enrichment that failed is tried again.
MAX_RETRY_DELAY = 300.0
#: Failed enrichments of one page before it is quarantined (with the backoff, about 13 minutes of
#: failures): it stays stored and searchable, outside any chain or segment, and later pages proceed.
MAX_ATTEMPTS = 10


class Enricher:
    """Runs chain linking and segment assignment, then promotion; LLM calls happen outside the lock."""

    def __init__(self, uow: UnitOfWork, embedder: Embedder, language: Language, mid: MidTermMemory,
                 promotion: Promotion, on_archive: Callable[[list[int]], None], foreground: Foreground) -> None:
        self.uow = uow
        self.pages = uow.repositories.pages
        self.embedder = embedder
        self.language = language
        self.mid = mid
        self.promotion = promotion
        self.on_archive = on_archive
        self.foreground = foreground
        #: One pass at a time: offline, add_memory enriches inline while the worker may start a pass, and
        #: both worked on the same pages (one lost each page's claim after embedding its themes).
        self._enriching = threading.Lock()

    def backlog(self) -> int:
        return len(self.pages.pending(MAX_ATTEMPTS))

    def quarantined(self) -> int:
        return self.pages.quarantined(MAX_ATTEMPTS)

    def run(self) -> None:
        """Enrich pending pages, learn from every page (the user model; facts by rules), then promote the hottest
        segment if hot enough.

        Who does the work is asked per pass (`Language.now`): a model, the offline rules, or nobody while
        the model cannot be asked (then pages wait, and only the rules learn). Offline, a tool call
        enriches the pages it moved before it returns, so the worker enriches only between calls
        (retries): during a bulk import it took the pages as they were committed, at low priority, while
        the import waited for it.
        """
        llm = self.language.now()
        if llm is not None and (not llm.offline or not self.foreground.busy()):
            self.enrich_pending(llm=llm)
            llm = self.language.now()  # asked again: enriching may have spent the model's budget
        model_in_use = llm is not None and not llm.offline
        # the user model and the statement facts from every page by rules, whatever the provider
        self._attempt(functools.partial(self.promotion.learn_pending, keep_profile=model_in_use))
        self._attempt(self.promotion.card_of_today)
        if llm is not None and not self.foreground.closing:
            self._attempt(functools.partial(self.promotion.promote, llm))

    def enrich_pending(self, now: float | None = None, llm: LLM | None = None) -> int:
        """Enrich waiting pages in page order. A page waiting for its retry holds back the pages after
        it, so chains link in order; a failure stops the pass for the same reason (unless the page
        was just quarantined)."""
        now = time.time() if now is None else now
        llm = llm or self.language.now()
        done = 0
        if llm is None:
            return done
        with self._enriching:
            for page_id, retry_after in self.pages.pending(MAX_ATTEMPTS):
                if self.foreground.closing or self.language.now() is not llm:  # closing, or no model or budget now
                    break
                step = functools.partial(self._enrich, page_id, llm)
                if retry_after > now or not self._attempt(step, page_id):
                    break
                done += 1
        return done

    def _attempt(self, step: Callable[[], object], page_id: int | None = None) -> bool:
        """Run one step; True when the pass may go on. Any failure is logged and, for a page, retried
        later with backoff; a page failing for the last time is quarantined and the pass goes on."""
        try:
            step()
        except LLMDeferredError as exc:  # no fault of the page: it waits, no attempt counted
            logger.debug("enrichment waits for the model: %s", exc)
            return False
        except (LLMError, EmbeddingError) as exc:
            logger.warning("enrichment postponed: %s", exc)
        except Exception:
            logger.exception("enrichment failed; the page is kept and retried later")
        else:
            return True
        return page_id is not None and self._postpone(page_id)

    def _postpone(self, page_id: int) -> bool:
        """Count the failure and set the retry time; True when the page is now quarantined."""
        attempts = self.pages.record_failure(page_id, lambda attempts: min(MAX_RETRY_DELAY, 2.0**attempts))
        if attempts < MAX_ATTEMPTS:
            return False
        logger.error("page %d quarantined after %d failed enrichments: it stays stored and searchable, "
                     "later pages proceed", page_id, attempts)
        return True

    def _with_previous(self, page_id: int) -> tuple[Page | None, Page | None]:
        """The page and the page before it, read together (one query, not two: each is a round trip on a database
        server)."""
        previous_id = self.pages.previous_id(page_id)
        found = {page.id: page for page in self.pages.get([page_id] if previous_id is None else [page_id, previous_id])}
        return found.get(page_id), found.get(previous_id) if previous_id is not None else None

    def _themes(self, llm: LLM, page: Page, previous: Page | None, continues: bool) -> list[Theme]:
        """The page's themes, read together with the page it continues."""
        text = page.as_text()
        context = [previous.as_text(), text] if continues and previous else [text]
        return llm.themes(context) or [Theme(summary=text.text[:200])]

    def _theme_vectors(self, llm: LLM, themes: list[Theme], page: Page, previous: Page | None) -> np.ndarray:
        """Offline, a theme is extracted from the page (and the page it continues), so its vector is
        theirs, averaged: no model call (embedding the theme text doubled add_memory's cost and halved
        bulk import). An LLM's themes are its own words and are embedded."""
        if not llm.offline:
            return self.embedder.embed_batch([theme_text(theme) for theme in themes])
        vector = page.embedding + (previous.embedding if previous is not None else 0.0)
        return np.repeat(normalize_rows(vector[None, :]), len(themes), axis=0)

    def _enrich(self, page_id: int, llm: LLM) -> None:
        page, previous = self._with_previous(page_id)
        if page is None or page.enriched:
            return
        continues = previous is not None and llm.is_continuation(previous.as_text(), page.as_text())
        meta_info = llm.chain_meta(previous.meta_info if continues and previous else "", page.as_text())
        themes = self._themes(llm, page, previous, continues)
        vectors = self._theme_vectors(llm, themes, page, previous if continues else None)
        chain_segment = previous.segment_id if continues and previous else None
        with self.uow.write(on_rollback=self.mid.reload, durable=not llm.offline):  # the rules redo it at once
            if previous is not None and not self.pages.existing([previous.id]):
                return  # deleted meanwhile: its text must not reach the chain summary; the page is retried
            if not self.pages.claim("enriched", page):
                return
            self.mid.link_chain(page, previous if continues else None, meta_info)
            segment_id = self.mid.assign(page, list(zip(themes, vectors, strict=True)), chain_segment)
            archived = self.mid.evict_over_capacity()
        if archived:
            self.on_archive(archived)
        self._refresh_summary(segment_id, llm)

    def _refresh_summary(self, segment_id: int, llm: LLM) -> None:
        """Rewrite a segment's summary from its pages as they join: offline (extractive, cheap) at every
        join; with an LLM instead when the segment reaches 2, 4, 8, 16... pages, so the cost stays logarithmic."""
        with self.uow.lock:
            segment = self.mid.segments.get(segment_id)
            if segment is None or segment.n_themes < 2:
                return
            size = segment.n_themes
            if not llm.offline and size & (size - 1):
                llm = self.language.rules  # the model at 2, 4, 8... pages; the rules at every other join
            texts: list[PageText] = [p.as_text() for p in self.pages.get(self.mid.page_ids(segment_id))]
        try:
            themes = llm.themes(texts)
        except LLMDeferredError:
            return  # the summary is refreshed at the segment's next doubling
        except LLMError as exc:
            logger.warning("segment %d keeps its summary: %s", segment_id, exc)
            return
        if themes:
            with self.uow.write(catch_up=False, on_rollback=self.mid.reload, durable=not llm.offline):
                self.mid.set_summary(segment_id, themes[0].summary)


def theme_text(theme: Theme) -> str:
    """What a theme's vector is made of: its summary and keywords (a page's own vector is its raw text)."""
    return f"{theme.summary}\n{', '.join(theme.keywords)}".strip()
