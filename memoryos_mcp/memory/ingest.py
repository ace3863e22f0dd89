"""The part of the `Memoryos` facade that writes: one exchange or a bulk import into short-term memory,
the oldest pages moved on to mid-term, and enrichment started.

A mixin so engine.py stays a short facade (like data_control.py). Embedding happens outside the
engine lock; storing and demoting happen in one transaction under it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InvalidInputError
from ..filters import Scope
from ..models import AddResult
from ..records import NewPage, embedding_text
from ..store.pages import PageRepository
from ..store.sqlite import Store
from ..validation import check_meta_data, clean_text, parse_timestamp
from .enrichment import Enricher

if TYPE_CHECKING:
    from ..config import MemoryConfig
    from ..language.embeddings import Embedder
    from ..search.retrieval import PageSearch
    from .worker import EnrichmentWorker, Foreground

logger = logging.getLogger(__name__)

#: Pages per embedding batch in a bulk import (the import itself is one transaction).
IMPORT_CHUNK = 256
_PAGE_KEYS = {"user_input", "agent_response", "timestamp", "meta_data"}


class Ingest:
    config: MemoryConfig
    embedder: Embedder
    store: Store
    scope: Scope
    pages: PageRepository
    search: PageSearch
    enricher: Enricher
    worker: EnrichmentWorker
    _foreground: Foreground
    _lock: threading.RLock
    _offline: bool
    if TYPE_CHECKING:
        def _sync(self) -> None: ...

    def add_memory(self, user_input: str, agent_response: str, timestamp: str | None = None,
                   meta_data: dict[str, Any] | None = None) -> AddResult:
        """Store one exchange in short-term memory; the oldest page moves on when it is full."""
        page = self._validate_page(user_input, agent_response, timestamp, meta_data)
        ids, moved = self._store([page])
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
                "short_term_count": len(self.pages.ids("short")),
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
               progress: Callable[[int, int], None] | None = None) -> tuple[list[int], int]:
        """Embed (outside the lock, in chunks), then store and demote overflow in one transaction."""
        with self._foreground.call():
            texts = [embedding_text(p.user_input, p.agent_response) for p in pages]
            batches = []
            for start in range(0, len(texts), IMPORT_CHUNK):
                batches.append(self.embedder.embed_batch(texts[start : start + IMPORT_CHUNK]))
                if progress is not None:
                    progress(min(start + IMPORT_CHUNK, len(pages)), len(pages))
            vectors = np.concatenate(batches)
            with self._lock, self.store.reporting_errors():
                with self.store.transaction():
                    self._sync()  # inside the write transaction, so no other process commits in between
                    ids = self.pages.insert(pages, vectors)
                    overflow = self._demote_overflow()
                self.search.add(ids, vectors)
            if overflow:
                self._enrich()
        return ids, len(overflow)

    def _demote_overflow(self) -> list[int]:
        """Move the oldest short-term pages beyond capacity to mid-term; returns their ids."""
        short = self.pages.ids("short")
        overflow = short[: max(0, len(short) - self.config.short_term_capacity)]
        self.pages.set_tier(overflow, "mid")
        return overflow

    def _store_overflow(self) -> None:
        """After an import: short-term memory back within capacity, and pages still to enrich or learn from
        (moved now or imported as such) handed to enrichment."""
        with self._lock, self.store.transaction():
            self._demote_overflow()
        self._enrich()

    def _enrich(self) -> None:
        """Offline, pages are placed in their chain and segment at once (it is cheap: no model call);
        promotion, which embeds the facts it finds, and all LLM work run in the background so
        add_memory stays fast."""
        if self._offline:
            try:
                self.enricher.enrich_pending()
            except Exception:
                logger.exception("offline enrichment failed; the pages are stored and will be retried")
        self.worker.notify()
