"""The memory engine facade: what the MCP server (and library users) call. It knows nothing of MCP."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..config import MemoryConfig, build_config
from ..errors import InvalidInputError
from ..filters import Scope
from ..language import prompts
from ..language.embeddings import Embedder
from ..language.llm import LLM, OfflineLLM, make_llm
from ..language.local_models import make_embedder
from ..models import (
    Fact,
    KnowledgeItem,
    ProfileResult,
    RetrievedPage,
    RetrieveResult,
    ShortTermPage,
    TimeRange,
)
from ..search.expansion import expand
from ..search.retrieval import MODES, PageSearch, Query
from ..search.time_query import explicit_window, parse_reference, query_window
from ..store.access import StoreAccess
from ..store.pages import PageRepository
from ..store.sqlite import INDEX_EPOCH_KEY, Store
from ..validation import check_max_results, clean_text, now_timestamp
from .data_control import DataControl
from .enrichment import Enricher
from .ingest import Ingest
from .long_term import Kind, LongTermMemory
from .mid_term import MidTermMemory
from .promotion import Promotion
from .worker import EnrichmentWorker, Foreground

logger = logging.getLogger(__name__)

#: Longest wait, offline, for a promotion in progress before the profile is read.
OFFLINE_SETTLE_SECONDS = 10.0
#: Facts returned by retrieval from each knowledge base.
KNOWLEDGE_RESULTS = 10


class Memoryos(Ingest, DataControl):
    """Short-term, mid-term and long-term persona memory for one user and one assistant.

    Thread-safe: one lock orders every read and write of the in-memory indexes and the store.
    """

    def __init__(self, user_id: str = "default_user", openai_api_key: str | None = None,
                 data_storage_path: str | Path = "./memoryos_data", openai_base_url: str | None = None,
                 assistant_id: str = "default_assistant_profile", short_term_capacity: int = 10,
                 mid_term_capacity: int = 2000, long_term_knowledge_capacity: int = 1000,
                 retrieval_queue_capacity: int = 7, mid_term_heat_threshold: float = 5.0,
                 mid_term_similarity_threshold: float = 0.9, llm_model: str = "gpt-4o-mini",
                 embedding_model_name: str = "all-MiniLM-L6-v2", **settings: Any) -> None:
        values = {key: value for key, value in locals().items() if key not in ("self", "settings")}
        values = {key: value for key, value in values.items() if value is not None}
        self._open(build_config({**values, **settings}, source="Memoryos()"), None, None)

    @classmethod
    def from_config(cls, config: MemoryConfig, *, embedder: Embedder | None = None,
                    llm: LLM | None = None) -> Memoryos:
        memory = cls.__new__(cls)
        memory._open(config, embedder, llm)
        return memory

    def _open(self, config: MemoryConfig, embedder: Embedder | None, llm: LLM | None) -> None:
        self.config = config
        self.scope = Scope(config.user_id, config.assistant_id)
        self.embedder = embedder or make_embedder(config)
        dimension = self.embedder.dimension  # a remote embedder asks its endpoint: fail before creating files
        self.store = Store(config.database_path)
        try:
            with self.store.reporting_errors():  # a damaged file is a start-up error saying how to recover
                self._load(dimension)
        except BaseException:
            self.store.close()
            raise
        self.llm = llm or make_llm(config)
        self._lock = threading.RLock()
        self._foreground = Foreground()
        access = StoreAccess(self.store, self.scope, self._lock, self._sync)
        promotion = Promotion(access, self.embedder, self.llm, self.mid, self.long, config.mid_term_heat_threshold,
                              self._foreground)
        self.enricher = Enricher(access, self.embedder, self.llm, self.mid, promotion, self._archived,
                                 self._foreground)
        self._offline = isinstance(self.llm, OfflineLLM)
        self.worker = EnrichmentWorker(self.enricher)
        self._enrich()
        logger.info("memory open at %s (user %r, llm %s, embeddings %s)", config.database_path,
                    config.user_id, self.llm.name, self.embedder.name)

    def _load(self, dimension: int) -> None:
        """Read the store into memory: every tier's cache and the vector index."""
        self.store.check_embedding_model(self.embedder.name, dimension)
        self.store.repair_full_text()
        self.pages = PageRepository(self.store, self.scope)
        self.mid = MidTermMemory(self.store, self.scope, self.config)
        self.long = LongTermMemory(self.store, self.scope, self.config.long_term_knowledge_capacity)
        self.search = PageSearch(self.store, self.scope, self.embedder.dimension)
        self.search.load()
        self._data_version = self.store.data_version()
        self._epoch = self.store.get_meta(INDEX_EPOCH_KEY)

    # -- bookkeeping ---------------------------------------------------------------------------

    def _archived(self, ids: list[int]) -> None:
        """Evicted pages leave the vector index here and, via the epoch, in other processes."""
        self.search.remove(ids)
        self.store.bump_meta_counter(INDEX_EPOCH_KEY)
        self._epoch = self.store.get_meta(INDEX_EPOCH_KEY)

    def _sync(self) -> None:
        """Catch up with writes made by another process sharing the database file."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        epoch = self.store.get_meta(INDEX_EPOCH_KEY)
        if epoch != self._epoch:  # e.g. `memoryos-mcp reembed` ran meanwhile: never mix two models' vectors
            self.store.check_embedding_model(self.embedder.name, self.embedder.dimension)
        self.search.load(full=epoch != self._epoch)
        self._epoch = epoch
        self.mid.reload()
        self.long.invalidate()

    # -- reading -------------------------------------------------------------------------------

    def retrieve(self, query: str, relationship_with_user: str = "friend", style_hint: str = "",
                 max_results: int = 10, after: str | None = None, before: str | None = None,
                 reference_time: str | None = None) -> RetrieveResult:
        """Short-term pages, the best mid-term pages, the profile and the most relevant facts.

        `after` / `before` (ISO dates) keep only pages and facts inside; a time phrase in the query
        ("last week", "in May 2023"), read relative to `reference_time` (default now), ranks the pages
        of that period higher.
        """
        query = clean_text("query", query, self.config.max_text_chars)
        clean_text("relationship_with_user", relationship_with_user, 1000, required=False, limit_key=None)
        clean_text("style_hint", style_hint, 1000, required=False, limit_key=None)
        k = check_max_results(max_results)
        window = explicit_window(after, before)
        reference = parse_reference(reference_time)
        hint = None if window else query_window(query, reference)
        with self._foreground.call():
            vector = self.embedder.embed_batch([query])[0]
            with self._lock:
                self._sync()
                short_ids = self.pages.ids("short")
                user_facts = self.long.search("user", query, vector, KNOWLEDGE_RESULTS, window)
                expansion = expand(query, user_facts, self.long.sources("user", [f.id for f in user_facts]))
                ranked = dict(self.search.rank(Query(query, vector, window, hint, expansion), k, "hybrid",
                                               self.config.top_segments, frozenset(short_ids)))
                found = self.pages.get([i for i in ranked if i not in short_ids])
                self.mid.record_visits({p.segment_id for p in found if p.segment_id is not None})
                assistant_facts = self.long.search("assistant", query, vector, KNOWLEDGE_RESULTS, window)
                short = [ShortTermPage(user_input=p.user_input, agent_response=p.agent_response,
                                       timestamp=p.timestamp, meta_data=p.meta_data, page_id=p.id,
                                       relevant=p.id in ranked, score=ranked.get(p.id, 0.0))
                         for p in self.pages.get(short_ids)
                         if window is None or window.contains(p.timestamp)]
                profile = self.long.profile()
        limit = window or hint
        return RetrieveResult(
            query=query,
            timestamp=now_timestamp(),
            time_range=TimeRange(start=limit.start, end=limit.end, source="arguments" if window else "query")
            if limit else None,
            user_profile=profile,
            short_term_memory=short,
            short_term_count=len(short),
            retrieved_pages=[RetrievedPage(user_input=p.user_input, agent_response=p.agent_response,
                                           timestamp=p.timestamp, meta_info=p.meta_info, meta_data=p.meta_data,
                                           page_id=p.id, score=ranked[p.id]) for p in found],
            retrieved_user_knowledge=user_facts,
            retrieved_assistant_knowledge=assistant_facts,
            total_pages_found=len(found),
            total_user_knowledge_found=len(user_facts),
            total_assistant_knowledge_found=len(assistant_facts),
        )

    def rank_pages(self, query: str, k: int, mode: str = "hybrid") -> list[int]:
        """Mid-term page ids, best first, by one ranking mode; retrieval without side effects."""
        if mode not in MODES:
            raise InvalidInputError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        query = clean_text("query", query, self.config.max_text_chars)
        vector = self.embedder.embed_batch([query])[0]
        with self._lock:
            self._sync()
            short = frozenset(self.pages.ids("short"))
            ranked = self.search.rank(Query(query, vector), check_max_results(k), mode,  # type: ignore[arg-type]
                                      self.config.top_segments, short)
            return [i for i, _ in ranked if i not in short]

    def get_user_profile(self, include_knowledge: bool = True,
                         include_assistant_knowledge: bool = False) -> ProfileResult:
        for name, value in (("include_knowledge", include_knowledge),
                            ("include_assistant_knowledge", include_assistant_knowledge)):
            if not isinstance(value, bool):
                raise InvalidInputError(f"{name} must be true or false, got {type(value).__name__}")
        if self._offline:
            self.worker.wait_idle(OFFLINE_SETTLE_SECONDS)  # a promotion in progress takes milliseconds
        with self._lock:
            self._sync()
            user = _items(self.long.facts("user")) if include_knowledge else []
            assistant = _items(self.long.facts("assistant")) if include_assistant_knowledge else []
            profile = self.long.profile()
        return ProfileResult(
            timestamp=now_timestamp(), user_id=self.scope.user_id, assistant_id=self.scope.assistant_id,
            user_profile=profile, user_knowledge=user, user_knowledge_count=len(user),
            assistant_knowledge=assistant, assistant_knowledge_count=len(assistant),
        )

    def knowledge(self, kind: Kind, include_history: bool = False) -> list[Fact]:
        """Stored facts of one kind ('user' or 'assistant') with provenance, oldest first; superseded
        facts too when `include_history`."""
        if kind not in ("user", "assistant"):
            raise InvalidInputError(f"kind must be 'user' or 'assistant', got {kind!r}")
        if self._offline:
            self.worker.wait_idle(OFFLINE_SETTLE_SECONDS)
        with self._lock:
            self._sync()
            return self.long.facts(kind, include_history)

    def set_assistant_persona(self, facts: list[str]) -> None:
        """Replace the assistant's own persona: the only knowledge shared by every user of this assistant.

        Everything learnt from a conversation stays with that conversation's user.
        """
        if not isinstance(facts, list):
            raise InvalidInputError(f"facts must be a list of strings, got {type(facts).__name__}")
        texts = [clean_text(f"facts[{n}]", fact, 1000, limit_key=None) for n, fact in enumerate(facts)]
        vectors = self.embedder.embed_batch(texts) if texts else np.zeros((0, self.embedder.dimension))
        with self._lock, self.store.transaction():
            self._sync()
            self.long.set_persona(texts, vectors, now_timestamp())

    def get_response(self, query: str, relationship_with_user: str = "friend", style_hint: str = "") -> str:
        """Answer with the configured LLM from retrieved memory, then remember the exchange."""
        memory = self.retrieve(query, relationship_with_user, style_hint,
                               max_results=self.config.retrieval_queue_capacity)
        system, user = prompts.response(
            query,
            relationship_with_user=relationship_with_user,
            style_hint=style_hint,
            recent_history=_exchanges(memory.short_term_memory),
            retrieved_pages=_exchanges(memory.retrieved_pages),
            user_profile=memory.user_profile,
            user_knowledge=_facts(memory.retrieved_user_knowledge),
            assistant_knowledge=_facts(memory.retrieved_assistant_knowledge),
        )
        answer = self.llm.chat(system, user)
        self.add_memory(query, answer)
        return answer

    def status(self) -> dict[str, Any]:
        """Counts per tier, backlog and providers: what `memoryos://status` shows."""
        with self._lock:
            self._sync()
            pages = self.pages.count_by_tier()
            return {
                "version": __version__,
                "user_id": self.scope.user_id,
                "assistant_id": self.scope.assistant_id,
                "short_term_pages": pages["short"],
                "mid_term_pages": pages["mid"],
                "archived_pages": pages["archived"],
                "mid_term_segments": len(self.mid.segments),
                "user_knowledge": len(self.long.facts("user")),
                "assistant_knowledge": len(self.long.facts("assistant")),
                **self.long.counters(),
                "has_profile": bool(self.long.profile()),
                "enrichment_backlog": self.enricher.backlog(),
                "quarantined_pages": self.enricher.quarantined(),
                "indexed_pages": len(self.search.index),
                "llm_provider": self.llm.name,
                "embedding_provider": self.embedder.name,
                "database_path": str(self.config.database_path),
                "store_size_bytes": self.store.size_bytes(),
            }

    # -- lifecycle -----------------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> None:
        """Wait until background enrichment and promotion have processed what is ready."""
        self.worker.wait_idle(timeout)

    def close(self) -> None:
        """Drain background enrichment, then close the store. Safe to call twice."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        self.worker.stop()
        for provider in (self.llm, self.embedder):
            close = getattr(provider, "close", None)
            if callable(close):
                close()
        self.store.close()

    def __enter__(self) -> Memoryos:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exchanges(pages: list[ShortTermPage] | list[RetrievedPage]) -> str:
    return "\n".join(f"[{p.timestamp}] User: {p.user_input}\nAssistant: {p.agent_response}" for p in pages)


def _items(facts: list[Fact]) -> list[KnowledgeItem]:
    return [KnowledgeItem(knowledge=f.knowledge, timestamp=f.timestamp, id=f.id) for f in facts]


def _facts(items: list[KnowledgeItem]) -> str:
    return "\n".join(f"- [{item.timestamp}] {item.knowledge}" for item in items)
