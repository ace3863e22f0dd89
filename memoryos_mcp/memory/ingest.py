"""Ingest: one exchange or a bulk import into short-term memory, the oldest pages moved on to mid-term,
and enrichment started.

Embedding happens outside the engine lock; storing and demoting happen in one unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import numpy as np

from ..config import MemoryConfig
from ..errors import InvalidInputError
from ..language.embeddings import Embedder
from ..models import AddResult
from ..records import NewPage, embedding_text
from ..search.retrieval import PageSearch
from ..store.protocol import Pages
from ..validation import check_meta_data, clean_text, parse_timestamp
from .enrichment import Enricher
from .unit_of_work import UnitOfWork
from .worker import EnrichmentWorker, Foreground

logger = logging.getLogger(__name__)

#: Pages per embedding batch in a bulk import (the import itself is one transaction).
IMPORT_CHUNK = 256
_PAGE_KEYS = {"user_input", "agent_response", "timestamp", "meta_data"}


class Ingest:
    """Writes pages into one memory and hands them on to enrichment."""

    def __init__(self, config: MemoryConfig, uow: UnitOfWork, embedder: Embedder, pages: Pages,
                 search: PageSearch, enricher: Enricher, worker: EnrichmentWorker, foreground: Foreground,
                 enriches_inline: Callable[[], bool]) -> None:
        self.config = config
        self.uow = uow
        self.embedder = embedder
        self.pages = pages
        self.search = search
        self.enricher = enricher
        self.worker = worker
        self.foreground = foreground
        #: While the rules do the work, a call places the pages it moved in their chain and segment before
        #: it returns.
        self.enriches_inline = enriches_inline

    def add_memory(self, user_input: str, agent_response: str, timestamp: str | None = None,
                   meta_data: dict[str, Any] | None = None) -> AddResult:
        """Store one exchange in short-term memory; the oldest page moves on when it is full."""
        page = self._validate_page(user_input, agent_response, timestamp, meta_data)
        ids, moved, short = self._store([page])
        backlog = self.enricher.backlog()
        return AddResult(
            message="Memory added successfully",
            timestamp=page.timestamp,
            details={
                "page_id": ids[0],
                "user_input_length": len(page.user_input),
                "agent_response_length": len(page.agent_response),
                "has_meta_data": bool(page.meta_data),
                "moved_to_mid_term": moved,
                "short_term_count": short,
                "enrichment_backlog": backlog,
            },
        )

    def add_memories(self, pages: list[dict[str, Any]],
                     progress: Callable[[int, int], None] | None = None) -> list[int]:
        """Bulk import (history with its own timestamps): same result as add_memory one by one, but all or
        nothing: every page is validated and embedded first, then all are stored in one transaction, so a
        failure or a crash part-way leaves none of them and the caller can simply retry.

        `progress(done, total)` is called as pages are embedded, the slow part of a large batch.
        """
        if not isinstance(pages, list):
            raise InvalidInputError(f"pages must be a list of objects, got {type(pages).__name__}")
        validated = []
        for number, item in enumerate(pages):
            if not isinstance(item, dict) or not _PAGE_KEYS >= set(item) or "user_input" not in item:
                raise InvalidInputError(
                    f"pages[{number}] must be an object with user_input and optionally agent_response, "
                    "timestamp, meta_data"
                )
            try:
                validated.append(self._validate_page(item["user_input"], item.get("agent_response", ""),
                                                     item.get("timestamp"), item.get("meta_data")))
            except InvalidInputError as exc:
                raise InvalidInputError(f"pages[{number}].{exc}") from None
        return self._store(validated, progress)[0] if validated else []

    def _validate_page(self, user_input: Any, agent_response: Any, timestamp: Any, meta_data: Any) -> NewPage:
        limit = self.config.max_text_chars
        return NewPage(
            user_input=clean_text("user_input", user_input, limit),
            agent_response=clean_text("agent_response", agent_response, limit, required=False),
            timestamp=parse_timestamp(timestamp),
            meta_data=check_meta_data(meta_data),
        )

    def _store(self, pages: list[NewPage],
               progress: Callable[[int, int], None] | None = None) -> tuple[list[int], int, int]:
        """Embed (outside the lock, in chunks), then store and demote overflow in one transaction; the ids, how
        many pages moved to mid-term, and how many stay in short-term."""
        with self.foreground.call():
            texts = [embedding_text(p.user_input, p.agent_response) for p in pages]
            batches = []
            for start in range(0, len(texts), IMPORT_CHUNK):
                batches.append(self.embedder.embed_batch(texts[start : start + IMPORT_CHUNK]))
                if progress is not None:
                    progress(min(start + IMPORT_CHUNK, len(pages)), len(pages))
            vectors = np.concatenate(batches)
            with self.uow.lock, self.uow.store.reporting_errors():
                with self.uow.write():  # synced inside the transaction, so no other process commits in between
                    ids = self.pages.insert(pages, vectors)
                    overflow, short = self._demote_overflow()
                self.search.dense.add(ids, vectors)
            if overflow:
                self.enrich()
        return ids, len(overflow), short

    def _demote_overflow(self) -> tuple[list[int], int]:
        """Move the oldest short-term pages beyond capacity to mid-term; their ids, and the pages left there."""
        short = self.pages.ids("short")
        overflow = short[: max(0, len(short) - self.config.short_term_capacity)]
        self.pages.set_tier(overflow, "mid")
        return overflow, len(short) - len(overflow)

    def store_overflow(self) -> None:
        """After an import: short-term memory back within capacity, and pages still to enrich or learn from
        (moved now or imported as such) handed to enrichment."""
        with self.uow.write(catch_up=False):
            self._demote_overflow()
        self.enrich()

    def enrich(self) -> None:
        """Offline, pages are placed in their chain and segment at once (it is cheap: no model call);
        promotion, which embeds the facts it finds, and all LLM work run in the background so
        add_memory stays fast."""
        if self.enriches_inline():
            try:
                self.enricher.enrich_pending()
            except Exception:
                logger.exception("offline enrichment failed; the pages are stored and will be retried")
        self.worker.notify()
