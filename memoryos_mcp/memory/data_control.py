"""Data control: what is stored, listed, corrected, forgotten, exported and imported.

The work itself lives in browse.py, forget.py and transfer/; every method is one unit of work.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np

from ..config import MemoryConfig
from ..errors import InvalidInputError
from ..language.embeddings import Embedder
from ..language.policy import Language
from ..models import (
    DeleteKnowledgeResult,
    DeleteResult,
    Fact,
    FactList,
    ForgetResult,
    PageList,
    UpdateKnowledgeResult,
)
from ..search.retrieval import PageSearch
from ..store.protocol import INDEX_EPOCH_KEY, Pages, UserModel
from ..transfer import jsonl_export, memoryos_import
from ..transfer.jsonl_import import Importer, ImportReport
from ..usermodel.learner import ModelLearner
from ..validation import check_id, clean_text, now_timestamp
from .browse import DEFAULT_LIMIT, list_pages, page_facts, read_page, read_segment
from .forget import check_ids, delete_pages, forget_scope
from .ingest import Ingest
from .lifecycle import Caches
from .long_term import LongTermMemory
from .mid_term import MidTermMemory
from .recall import Recall
from .unit_of_work import UnitOfWork

#: What `forget_all` needs as `confirm`, so no model wipes a memory by guessing an argument.
FORGET_ALL_CONFIRMATION = "DELETE ALL"
#: Longest corrected fact: a fact is one short statement.
MAX_FACT_CHARS = 1000


class DataControl:
    """Browsing and managing one memory's stored pages and facts."""

    def __init__(self, config: MemoryConfig, uow: UnitOfWork, embedder: Embedder, pages: Pages,
                 mid: MidTermMemory, long: LongTermMemory, search: PageSearch, caches: Caches, ingest: Ingest,
                 recall: Recall, language: Language, model: UserModel, learner: ModelLearner) -> None:
        self.config = config
        self.uow = uow
        self.embedder = embedder
        self.pages = pages
        self.mid = mid
        self.long = long
        self.search = search
        self.caches = caches
        self.ingest = ingest
        self.recall = recall
        self.language = language
        self.model = model
        self.learner = learner

    def list_memories(self, tier: str = "all", after: str | None = None, before: str | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> PageList:
        """Stored pages newest first, `limit` at a time; pass `next_cursor` back for older ones."""
        with self.uow.read():
            return list_pages(self.pages, tier, after, before, cursor, limit)

    def page(self, page_id: int) -> dict[str, Any] | None:
        """One page of this memory with its chain context, or None (also for another user's page)."""
        with self.uow.read():
            return read_page(self.pages, check_id("page_id", page_id))

    def segment(self, segment_id: int) -> dict[str, Any] | None:
        """One topic segment of this memory, or None (also for another user's segment)."""
        segment_id = check_id("segment_id", segment_id)
        with self.uow.read():
            live = self.mid.segments.get(segment_id)
            return read_segment(self.mid.rows, self.pages, segment_id,
                                round(live.heat(time.time()), 3) if live else None)

    def hottest_segments(self, limit: int = 30) -> list[dict[str, Any]]:
        """The searchable topic segments, hottest first (what the viewer charts), each as `segment` shows it."""
        with self.uow.read():
            now = time.time()
            hot = sorted(self.mid.segments.values(), key=lambda s: -s.heat(now))[:max(limit, 0)]
            return [found for s in hot
                    if (found := read_segment(self.mid.rows, self.pages, s.id, round(s.heat(now), 3))) is not None]

    def delete_memory(self, page_ids: Any) -> DeleteResult:
        """Delete pages and what was derived only from them; all or nothing, other users' ids are not found."""
        ids = check_ids("page_ids", page_ids)
        with self.uow.forgetting(self.caches.forgot) as then:
            forgotten = delete_pages(self.pages, self.mid.rows, self.language.rules, ids)
            facts, reworded, relearn = self.long.forget_pages(ids, self.embedder.embed_batch)
            self.pages.learn_again(relearn)
            self.model.forget_pages(ids)
            self.learner.forget()
            self.long.rebuild_profile()  # the card, rewritten from what is left
            self.uow.store.purge_full_text()
            self.uow.store.bump_meta_counter(INDEX_EPOCH_KEY)  # other processes rebuild their vector index
            then.append(lambda: self.search.dense.remove(ids))
        return DeleteResult(deleted_page_ids=forgotten.page_ids, removed_segment_ids=forgotten.removed_segments,
                            refreshed_segment_ids=forgotten.refreshed_segments, deleted_knowledge_ids=facts,
                            erased_from_disk=self.uow.store.wiped())

    def list_knowledge(self, kind: str = "user", include_history: bool = False, cursor: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> FactList:
        """Facts of one kind, most recently seen first, with provenance; `limit` at a time."""
        if not isinstance(include_history, bool):
            raise InvalidInputError(f"include_history must be true or false, got {type(include_history).__name__}")
        facts = self.recall.knowledge(kind, include_history)  # type: ignore[arg-type]  # refuses any other kind
        return page_facts(facts, "assistant" if kind == "assistant" else "user", cursor, limit)

    def delete_knowledge(self, ids: Any) -> DeleteKnowledgeResult:
        """Delete facts of this memory (all or nothing; another user's ids are not found) and rebuild the profile."""
        wanted = check_ids("ids", ids)
        with self.uow.forgetting(self.long.invalidate):
            missing = sorted(set(wanted) - set(self.long.owned(wanted)))
            if missing:
                raise InvalidInputError(f"ids: no fact {', '.join(map(str, missing[:10]))} in this memory; "
                                        "nothing was deleted")
            for fact in self._facts(wanted):
                self.model.forget_said(fact.knowledge, fact.sources)
            deleted = self.long.delete(wanted)
            self.long.rebuild_profile()
            self.uow.store.purge_full_text()
        return DeleteKnowledgeResult(deleted_ids=deleted, erased_from_disk=self.uow.store.wiped())

    def update_knowledge(self, fact_id: Any, knowledge: Any) -> UpdateKnowledgeResult:
        """Replace a fact's text with the user's correction: re-embedded, provenance kept, marked corrected."""
        fact_id = check_id("id", fact_id)
        text = clean_text("knowledge", knowledge, MAX_FACT_CHARS, limit_key=None)
        vector = self.embedder.embed_batch([text])[0]
        with self.uow.forgetting(self.long.invalidate) as then:
            old = self._facts([fact_id])
            if not old or not self.long.correct(fact_id, text, vector):
                raise InvalidInputError(f"id: no fact {fact_id} in this memory")
            self.model.forget_said(old[0].knowledge, old[0].sources)
            pages = self.pages.get(old[0].sources[-1:])
            if old[0].kind == "user" and old[0].status == "current" and pages:  # the user's wording, read again
                # into the model; a superseded fact corrected is history rewritten, not a current value
                self.learner.restate(text, pages[0])
            self.long.rebuild_profile()
            self.uow.store.purge_full_text()
            corrected: list[Fact] = []
            then.append(lambda: corrected.extend(f for f in self.long.facts("user", True) +
                                                 self.long.facts("assistant", True) if f.id == fact_id))
        fact = corrected[0]
        return UpdateKnowledgeResult(fact=fact)

    def _facts(self, ids: list[int]) -> list[Fact]:
        """This memory's facts among `ids`, current or history."""
        wanted = set(ids)
        return [f for f in self.long.facts("user", True) + self.long.facts("assistant", True) if f.id in wanted]

    def forget_all(self, confirm: Any) -> ForgetResult:
        """Wipe this user's pages, segments, facts and profile (the assistant's shared persona stays)."""
        if confirm != FORGET_ALL_CONFIRMATION:
            raise InvalidInputError(f'confirm must be exactly "{FORGET_ALL_CONFIRMATION}" to erase this memory; '
                                    "nothing was deleted")
        with self.uow.forgetting(self.caches.forgot) as then:
            counts = forget_scope(self.pages, self.mid.rows, self.long.knowledge, self.long.profiles)
            self.model.delete_all()
            self.learner.forget()
            self.uow.store.purge_full_text()
            self.uow.store.bump_meta_counter(INDEX_EPOCH_KEY)
            then.append(lambda: self.search.dense.load(full=True))
        return ForgetResult(deleted_pages=counts["pages"], deleted_segments=counts["segments"],
                            deleted_knowledge=counts["knowledge"], profile_cleared=bool(counts["profile"]),
                            erased_from_disk=self.uow.store.wiped())

    def set_assistant_persona(self, facts: list[str]) -> None:
        """Replace the assistant's own persona: the only knowledge shared by every user of this assistant.

        Everything learnt from a conversation stays with that conversation's user.
        """
        if not isinstance(facts, list):
            raise InvalidInputError(f"facts must be a list of strings, got {type(facts).__name__}")
        texts = [clean_text(f"facts[{n}]", fact, 1000, limit_key=None) for n, fact in enumerate(facts)]
        vectors = self.embedder.embed_batch(texts) if texts else np.zeros((0, self.embedder.dimension))
        with self.uow.write():
            self.long.set_persona(texts, vectors, now_timestamp())

    def export(self, path: str | Path | IO[str], progress: jsonl_export.Progress | None = None) -> dict[str, int]:
        """Write this memory as versioned JSON Lines (see README, "Your data"); returns records per type.

        `path` "-" is standard output. `progress(record_type, count)` is called as records are written.
        """
        if self.language.works_locally():  # offline learning is cheap: export the memory as fully learnt
            self.recall.worker.wait_idle()
        with _text_file(path, "w", sys.stdout) as out, self.uow.read():
            return jsonl_export.write(self.uow.store, self.uow.scope, self.uow.repositories, out, progress)

    def import_(self, path: str | Path | IO[str], progress: jsonl_export.Progress | None = None) -> dict[str, Any]:
        """Read an export into this memory (this user and assistant); pages already stored are skipped."""
        source = str(path) if isinstance(path, (str, Path)) else str(getattr(path, "name", "input"))
        with _text_file(path, "r", sys.stdin) as lines:
            return self._import(source, lambda importer: importer.run(lines), progress)

    def import_memoryos(self, path: str | Path, user_id: str | None = None, assistant_id: str | None = None,
                        progress: jsonl_export.Progress | None = None) -> dict[str, Any]:
        """Bring one user's history in from a reference MemoryOS data folder (default: this memory's user and
        assistant ids): pages with their timestamps, topic segments, chains, facts and the profile."""
        root = Path(path)
        if not root.is_dir():
            raise InvalidInputError(f"{root}: not a folder: give the MemoryOS data_storage_path")
        scope = self.uow.scope
        found = memoryos_import.records(root, user_id or scope.user_id, assistant_id or scope.assistant_id)

        def run(importer: Importer) -> ImportReport:
            try:
                return importer.run_records(found)
            except (AttributeError, TypeError, ValueError, KeyError) as exc:
                if isinstance(exc, InvalidInputError):
                    raise
                raise InvalidInputError(f"{root}: unexpected MemoryOS data: {exc}") from None

        return self._import(str(root), run, progress)

    def _import(self, source: str, run: Callable[[Importer], ImportReport],
                progress: jsonl_export.Progress | None) -> dict[str, Any]:
        """One import under the engine lock; the in-memory indexes catch up even when it fails half-way."""
        with self.uow.read():
            importer = Importer(self.uow.repositories, self.embedder, self.config.max_text_chars, source,
                                self.uow.write, self.long.enforce_capacity, progress)
            try:
                report = run(importer)
            finally:
                self.caches.reloaded()
        self._learn_model()
        self.ingest.store_overflow()  # outside the lock: enrichment takes its own pass lock, then the engine lock
        return dataclasses.asdict(report)

    def _learn_model(self) -> None:
        """An export does not carry the user model: imported pages already learnt from (their facts came with
        the export) are read into it, oldest first, so a copy answers from the same model as the original.
        Pages not learnt from yet are left to the background learner, which reads them into the model too."""
        with self.uow.read():
            ids = [i for tier in ("short", "mid", "archived") for i in self.pages.ids(tier)]
            waiting = set(self.pages.unlearned(len(ids) + 1))
            pages = sorted(self.pages.get([i for i in ids if i not in waiting]), key=lambda p: (p.timestamp, p.id))
            read = self.learner.model.pages_read(ids)
        previous = None
        for start in range(0, len(pages), MODEL_BATCH):
            batch = pages[start : start + MODEL_BATCH]
            readings = self.learner.read(batch, previous)
            previous = batch[-1]
            with self.uow.write():
                self.learner.write([(r.page, r.updates) for r in readings], {p.id for p in batch} - read)


#: Pages read into the user model per transaction after an import.
MODEL_BATCH = 32


@contextmanager
def _text_file(path: str | Path | IO[str], mode: str, standard: IO[str]) -> Iterator[IO[str]]:
    """An open text file for a path ("-" for stdin/stdout), or the stream itself."""
    if not isinstance(path, (str, Path)):
        yield path
        return
    if str(path) == "-":
        yield standard
        return
    try:
        handle = open(path, mode, encoding="utf-8", newline="\n" if "w" in mode else None)
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot open: {exc.strerror or exc}") from None
    with handle:
        yield handle
