"""The composition root: every part of one memory built and wired in one place, from one config."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..config import MemoryConfig
from ..filters import Scope
from ..language.embeddings import Embedder, for_background
from ..language.llm import LLM
from ..language.local_models import make_embedder
from ..language.policy import Language, make_llm
from ..language.sampling import Sampler
from ..search.retrieval import PageSearch
from ..store.backend import open_backend
from ..store.protocol import Pages, UserModel
from ..usermodel.card_facts import NEWEST, FactNotes
from ..usermodel.learner import ModelLearner
from .data_control import DataControl
from .enrichment import Enricher
from .ingest import Ingest
from .lifecycle import Caches, Lifecycle
from .long_term import LongTermMemory
from .mid_term import MidTermMemory
from .promotion import Promotion
from .recall import Recall
from .unit_of_work import UnitOfWork
from .worker import EnrichmentWorker, Foreground

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    """One memory: the services the facade calls, and the parts they share."""

    config: MemoryConfig
    embedder: Embedder
    llm: LLM
    uow: UnitOfWork
    pages: Pages
    mid: MidTermMemory
    long: LongTermMemory
    model: UserModel
    search: PageSearch
    enricher: Enricher
    worker: EnrichmentWorker
    foreground: Foreground
    ingest: Ingest
    recall: Recall
    data: DataControl
    lifecycle: Lifecycle


def build_engine(config: MemoryConfig, embedder: Embedder | None = None, llm: LLM | None = None,
                 sampler: Sampler | None = None) -> Engine:
    """Open the store of `config` and build the memory over it. A shared `embedder` (one model for many
    memories) and an `llm` may be handed in; otherwise the config chooses them. A server hands in the
    `sampler` through which its clients' models answer (MCP sampling)."""
    scope = Scope(config.user_id, config.assistant_id)
    embedder = embedder or make_embedder(config)
    dimension = embedder.dimension  # a remote embedder asks its endpoint: fail before creating files
    store = open_backend(config)
    try:
        with store.reporting_errors():  # a damaged file is a start-up error saying how to recover
            store.check_embedding_model(embedder.name, dimension)
            store.repair_full_text()
            repositories = store.repositories(scope, dimension)
            mid = MidTermMemory(store, repositories, config)
            long = LongTermMemory(repositories, config.long_term_knowledge_capacity)
            search = PageSearch(repositories.pages, repositories.dense)
            search.dense.load()
            caches = Caches(store, embedder, search, mid, long)
    except BaseException:
        store.close()
        raise
    language = Language.of(llm or make_llm(config, sampler))
    uow = UnitOfWork(store, scope, repositories, caches.sync)
    pages, model = repositories.pages, repositories.model
    foreground = Foreground()
    learner = ModelLearner(model)
    long.card, long.gone = learner.card, learner.gone
    background = for_background(embedder)  # what the worker embeds: the facts and the card's statements
    notes = FactNotes(background.embed_batch)
    learner.notes = lambda values: notes.lines(notes.known(long.newest("user", NEWEST)), values)
    learner.warm = notes.warm
    promotion = Promotion(uow, background, language, mid, long, config.mid_term_heat_threshold, foreground, learner)
    enricher = Enricher(uow, background, language, mid, promotion, caches.archived, foreground)
    worker = EnrichmentWorker(enricher, foreground)  # spaCy loads at the first page to learn, not at the open
    ingest = Ingest(config, uow, embedder, pages, search, enricher, worker, foreground, language.works_locally)
    recall = Recall(config, uow, embedder, pages, mid, long, search, worker, foreground, settles=language.works_locally,
                    statements=learner.statements, values=model.values)
    data = DataControl(config, uow, embedder, pages, mid, long, search, caches, ingest, recall, language, model,
                       learner)
    lifecycle = Lifecycle(config, uow, pages, embedder, language.llm, mid, long, search, enricher, worker)
    ingest.enrich()
    logger.info("memory open at %s (user %r, llm %s, embeddings %s)", store.location,
                config.user_id, language.llm.name, embedder.name)
    return Engine(config, embedder, language.llm, uow, pages, mid, long, model, search, enricher, worker, foreground,
                  ingest, recall, data, lifecycle)
