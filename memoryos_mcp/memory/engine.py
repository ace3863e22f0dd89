"""The memory engine facade: what the MCP server (and library users) call. It knows nothing of MCP.

A thin facade over the services that composition.py builds: ingest (writing pages), recall (reading
them and the facts), data control (managing what is stored) and lifecycle (status, closing).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..config import MemoryConfig, build_config
from ..language import prompts
from ..language.embeddings import Embedder
from ..language.llm import LLM
from ..language.sampling import Sampler
from ..models import (
    AddResult,
    DeleteKnowledgeResult,
    DeleteResult,
    Fact,
    FactList,
    ForgetResult,
    KnowledgeItem,
    PageList,
    ProfileResult,
    RetrievedPage,
    RetrieveResult,
    ShortTermPage,
    UpdateKnowledgeResult,
)
from ..transfer.jsonl_export import Progress
from .browse import DEFAULT_LIMIT
from .composition import Engine, build_engine
from .long_term import Kind


class Memoryos:
    """Short-term, mid-term and long-term persona memory for one user and one assistant.

    Thread-safe: one lock (the unit of work's) orders every read and write of the caches and the store.
    """

    def __init__(self, user_id: str = "default_user", openai_api_key: str | None = None,
                 data_storage_path: str | Path = "./memoryos_data", openai_base_url: str | None = None,
                 assistant_id: str = "default_assistant_profile", short_term_capacity: int = 10,
                 mid_term_capacity: int = 2000, long_term_knowledge_capacity: int = 1000,
                 retrieval_queue_capacity: int = 7, mid_term_heat_threshold: float = 5.0,
                 mid_term_similarity_threshold: float = 0.6, llm_model: str = "gpt-4o-mini",
                 embedding_model_name: str = "all-MiniLM-L6-v2", **settings: Any) -> None:
        values = {key: value for key, value in locals().items() if key not in ("self", "settings")}
        values = {key: value for key, value in values.items() if value is not None}
        self._use(build_engine(build_config({**values, **settings}, source="Memoryos()")))

    @classmethod
    @classmethod
    def from_config(cls, config: MemoryConfig, *, embedder: Embedder | None = None,
                    llm: LLM | None = None, sampler: Sampler | None = None) -> Memoryos:
        """A memory built from a config; a shared `embedder` lets many memories load one model, and a
        server's `sampler` lets its clients' models do the language work (MCP sampling)."""
        memory = cls.__new__(cls)
        memory._use(build_engine(config, embedder, llm, sampler))
        return memory

    def _use(self, engine: Engine) -> None:
        self._engine = engine
        # The parts, for callers that look inside (tests, benchmarks).
        self.config = engine.config
        self.embedder = engine.embedder
        self.llm = engine.llm
        self.store = engine.uow.store
        self.scope = engine.uow.scope
        self.pages = engine.pages
        self.mid = engine.mid
        self.long = engine.long
        self.model = engine.model
        self.search = engine.search
        self.enricher = engine.enricher
        self.worker = engine.worker
        self._foreground = engine.foreground

    # -- writing -------------------------------------------------------------------------------

    def add_memory(self, user_input: str, agent_response: str, timestamp: str | None = None,
                   meta_data: dict[str, Any] | None = None) -> AddResult:
        """Store one exchange in short-term memory; the oldest page moves on when it is full."""
        return self._engine.ingest.add_memory(user_input, agent_response, timestamp, meta_data)

    def add_memories(self, pages: list[dict[str, Any]],
                     progress: Callable[[int, int], None] | None = None) -> list[int]:
        """Bulk import, all or nothing (see Ingest.add_memories)."""
        return self._engine.ingest.add_memories(pages, progress)

    # -- reading -------------------------------------------------------------------------------

    def retrieve(self, query: str, relationship_with_user: str = "friend", style_hint: str = "",
                 max_results: int = 10, after: str | None = None, before: str | None = None,
                 reference_time: str | None = None) -> RetrieveResult:
        """Short-term pages, the best mid-term pages, the profile and the most relevant facts (Recall.retrieve)."""
        return self._engine.recall.retrieve(query, relationship_with_user, style_hint, max_results, after, before,
                                            reference_time)

    def rank_pages(self, query: str, k: int, mode: str = "hybrid") -> list[int]:
        """Mid-term page ids, best first, by one ranking mode; retrieval without side effects."""
        return self._engine.recall.rank_pages(query, k, mode)

    def get_user_profile(self, include_knowledge: bool = True, include_assistant_knowledge: bool = False,
                         reference_time: str | None = None) -> ProfileResult:
        return self._engine.recall.get_user_profile(include_knowledge, include_assistant_knowledge, reference_time)

    def knowledge(self, kind: Kind, include_history: bool = False) -> list[Fact]:
        """Stored facts of one kind with provenance, oldest first; superseded ones too when `include_history`."""
        return self._engine.recall.knowledge(kind, include_history)

    def get_response(self, query: str, relationship_with_user: str = "friend", style_hint: str = "") -> str:
        """Answer with the configured LLM from retrieved memory, then remember the exchange."""
        memory = self.retrieve(query, relationship_with_user, style_hint,
                               max_results=self.config.retrieval_queue_capacity)
        system, user = prompts.response(
            query,
            relationship_with_user=relationship_with_user,
            style_hint=style_hint,
            recent_history=_exchanges(self._engine.recall.recent()),
            retrieved_pages=_exchanges(memory.retrieved_pages),
            user_profile=memory.user_profile,
            user_knowledge=_facts(memory.retrieved_user_knowledge),
            assistant_knowledge=_facts(memory.retrieved_assistant_knowledge),
        )
        answer = (self.llm.now() or self.llm).chat(system, user)
        self.add_memory(query, answer)
        return answer

    # -- managing what is stored ---------------------------------------------------------------

    def list_memories(self, tier: str = "all", after: str | None = None, before: str | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> PageList:
        """Stored pages newest first, `limit` at a time; pass `next_cursor` back for older ones."""
        return self._engine.data.list_memories(tier, after, before, cursor, limit)

    def page(self, page_id: int) -> dict[str, Any] | None:
        """One page of this memory with its chain context, or None (also for another user's page)."""
        return self._engine.data.page(page_id)

    def segment(self, segment_id: int) -> dict[str, Any] | None:
        """One topic segment of this memory, or None (also for another user's segment)."""
        return self._engine.data.segment(segment_id)

    def hottest_segments(self, limit: int = 30) -> list[dict[str, Any]]:
        """The searchable topic segments, hottest first, each as `segment` shows it (the viewer's heat chart)."""
        return self._engine.data.hottest_segments(limit)

    def delete_memory(self, page_ids: Any) -> DeleteResult:
        """Delete pages and what was derived only from them; all or nothing."""
        return self._engine.data.delete_memory(page_ids)

    def list_knowledge(self, kind: str = "user", include_history: bool = False, cursor: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> FactList:
        """Facts of one kind, most recently seen first, with provenance; `limit` at a time."""
        return self._engine.data.list_knowledge(kind, include_history, cursor, limit)

    def delete_knowledge(self, ids: Any) -> DeleteKnowledgeResult:
        """Delete facts of this memory (all or nothing) and rebuild the profile."""
        return self._engine.data.delete_knowledge(ids)

    def update_knowledge(self, fact_id: Any, knowledge: Any) -> UpdateKnowledgeResult:
        """Replace a fact's text with the user's correction."""
        return self._engine.data.update_knowledge(fact_id, knowledge)

    def forget_all(self, confirm: Any) -> ForgetResult:
        """Wipe this user's pages, segments, facts and profile (the assistant's shared persona stays)."""
        return self._engine.data.forget_all(confirm)

    def set_assistant_persona(self, facts: list[str]) -> None:
        """Replace the assistant's own persona: the only knowledge shared by every user of this assistant."""
        self._engine.data.set_assistant_persona(facts)

    def export(self, path: str | Path | IO[str], progress: Progress | None = None) -> dict[str, int]:
        """Write this memory as versioned JSON Lines (see README, "Your data"); returns records per type."""
        return self._engine.data.export(path, progress)

    def import_(self, path: str | Path | IO[str], progress: Progress | None = None) -> dict[str, Any]:
        """Read an export into this memory (this user and assistant); pages already stored are skipped."""
        return self._engine.data.import_(path, progress)

    def import_memoryos(self, path: str | Path, user_id: str | None = None, assistant_id: str | None = None,
                        progress: Progress | None = None) -> dict[str, Any]:
        """Bring one user's history in from a reference MemoryOS data folder."""
        return self._engine.data.import_memoryos(path, user_id, assistant_id, progress)

    # -- lifecycle -----------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """Counts per tier, backlog and providers: what `memoryos://status` shows."""
        return self._engine.lifecycle.status()

    def flush(self, timeout: float | None = None) -> None:
        """Wait until background enrichment and promotion have processed what is ready."""
        self._engine.lifecycle.flush(timeout)

    def close(self) -> None:
        """Stop background work after its step in progress (the rest waits in the store), then close. Safe to
        call twice."""
        self._engine.lifecycle.close()

    def __enter__(self) -> Memoryos:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exchanges(pages: list[ShortTermPage] | list[RetrievedPage]) -> str:
    return "\n".join(f"[{p.timestamp}] User: {p.user_input}\nAssistant: {p.agent_response}" for p in pages)


def _facts(items: list[KnowledgeItem]) -> str:
    return "\n".join(f"- [{item.timestamp}] {item.knowledge}" for item in items)
