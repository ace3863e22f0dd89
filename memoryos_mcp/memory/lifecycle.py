"""A memory's life around its requests: caches kept in step with the store, status, draining and closing."""

from __future__ import annotations

import logging
from typing import Any

from .. import __version__
from ..config import MemoryConfig
from ..language.embeddings import Embedder
from ..language.llm import LLM
from ..search.retrieval import PageSearch
from ..store.protocol import INDEX_EPOCH_KEY, Backend, Pages
from .enrichment import Enricher
from .long_term import LongTermMemory
from .mid_term import MidTermMemory
from .unit_of_work import UnitOfWork
from .worker import EnrichmentWorker

logger = logging.getLogger(__name__)


class Caches:
    """The in-memory copies of the store (vector index, segments, facts) and how they follow it.

    Another process sharing the database file may commit at any time: `sync` catches up (a cheap check
    when nothing changed); pages leaving the vector index bump an epoch that makes the others reload
    theirs in full.
    """

    def __init__(self, store: Backend, embedder: Embedder, search: PageSearch, mid: MidTermMemory,
                 long: LongTermMemory) -> None:
        self.store = store
        self.embedder = embedder
        self.search = search
        self.mid = mid
        self.long = long
        self._data_version = store.data_version()
        self._epoch = store.get_meta(INDEX_EPOCH_KEY)

    def sync(self) -> None:
        """Catch up with writes made by another process sharing the database file."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        epoch = self.store.get_meta(INDEX_EPOCH_KEY)
        if epoch != self._epoch:  # e.g. `memoryos-mcp reembed` ran meanwhile: never mix two models' vectors
            self.store.check_embedding_model(self.embedder.name, self.embedder.dimension)
        self.search.dense.load(full=epoch != self._epoch)
        self._epoch = epoch
        self.mid.reload()
        self.long.invalidate()

    def archived(self, ids: list[int]) -> None:
        """Evicted pages leave the vector index here and, via the epoch, in other processes."""
        self.search.dense.remove(ids)
        self.store.bump_meta_counter(INDEX_EPOCH_KEY)
        self._epoch = self.store.get_meta(INDEX_EPOCH_KEY)

    def forgot(self) -> None:
        """In-memory state after a delete this process made (the epoch is already bumped)."""
        self._epoch = self.store.get_meta(INDEX_EPOCH_KEY)
        self.mid.reload()
        self.long.invalidate()

    def reloaded(self) -> None:
        """After an import: what the store gained is indexed and the tiers read again."""
        self.search.dense.load()
        self.mid.reload()
        self.long.invalidate()


class Lifecycle:
    """Status, draining background work and closing."""

    def __init__(self, config: MemoryConfig, uow: UnitOfWork, pages: Pages, embedder: Embedder, llm: LLM,
                 mid: MidTermMemory, long: LongTermMemory, search: PageSearch, enricher: Enricher,
                 worker: EnrichmentWorker) -> None:
        self.config = config
        self.uow = uow
        self.pages = pages
        self.embedder = embedder
        self.llm = llm
        self.mid = mid
        self.long = long
        self.search = search
        self.enricher = enricher
        self.worker = worker
        self._closed = False

    def status(self) -> dict[str, Any]:
        """Counts per tier, backlog and providers: what `memoryos://status` shows."""
        with self.uow.read():
            pages = self.pages.count_by_tier()
            return {
                "version": __version__,
                "user_id": self.uow.scope.user_id,
                "assistant_id": self.uow.scope.assistant_id,
                "short_term_pages": pages["short"],
                "mid_term_pages": pages["mid"],
                "archived_pages": pages["archived"],
                "mid_term_segments": len(self.mid.segments),
                "user_knowledge": len(self.long.facts("user")),
                "assistant_knowledge": len(self.long.facts("assistant")),
                **self.long.counters(),
                "has_profile": bool(self.long.profile()),
                "enrichment_backlog": self.enricher.backlog(),
                "learning_backlog": self.pages.unlearned_count(),
                "quarantined_pages": self.enricher.quarantined(),
                "indexed_pages": len(self.search.dense),
                "llm_provider": self.llm.name,
                **({"llm_state": state} if (state := self.llm.status()) else {}),
                "embedding_provider": self.embedder.name,
                "database_path": self.uow.store.location,
                "store_size_bytes": self.uow.store.size_bytes(),
            }

    def flush(self, timeout: float | None = None) -> None:
        """Wait until background enrichment and promotion have processed what is ready."""
        self.worker.wait_idle(timeout)

    def close(self) -> None:
        """Stop background work after its step in progress (the rest waits in the store), then close. Safe to
        call twice."""
        if self._closed:
            return
        self._closed = True
        self.worker.stop()
        for provider in (self.llm, self.embedder):
            close = getattr(provider, "close", None)
            if callable(close):
                close()
        self.uow.store.close()
