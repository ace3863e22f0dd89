"""The part of the `Memoryos` facade that manages what is stored: list, forget, export, import.

A mixin so engine.py stays a short facade; the work itself lives in browse.py, forget.py and the
export/import modules. Every method runs under the engine lock and syncs with other processes first.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import InvalidInputError
from ..filters import Scope
from ..models import (
    DeleteKnowledgeResult,
    DeleteResult,
    Fact,
    FactList,
    ForgetResult,
    PageList,
    UpdateKnowledgeResult,
)
from ..store.pages import PageRepository
from ..store.sqlite import INDEX_EPOCH_KEY, Store
from ..transfer import jsonl_export, memoryos_import
from ..transfer.jsonl_import import Importer, ImportReport
from ..validation import clean_text
from .browse import DEFAULT_LIMIT, list_pages, page_facts, read_page, read_segment
from .forget import check_ids, delete_pages, forget_scope

if TYPE_CHECKING:
    from ..config import MemoryConfig
    from ..language.embeddings import Embedder
    from ..search.retrieval import PageSearch
    from .long_term import LongTermMemory
    from .mid_term import MidTermMemory

#: What `forget_all` needs as `confirm`, so no model wipes a memory by guessing an argument.
FORGET_ALL_CONFIRMATION = "DELETE ALL"
#: Longest corrected fact: a fact is one short statement.
MAX_FACT_CHARS = 1000


class DataControl:
    config: MemoryConfig
    embedder: Embedder
    store: Store
    scope: Scope
    pages: PageRepository
    search: PageSearch
    mid: MidTermMemory
    long: LongTermMemory
    _lock: threading.RLock
    _epoch: str | None
    _offline: bool
    if TYPE_CHECKING:
        def _sync(self) -> None: ...
        def _store_overflow(self) -> None: ...
        def knowledge(self, kind: str, include_history: bool = False) -> list[Fact]: ...

    def list_memories(self, tier: str = "all", after: str | None = None, before: str | None = None,
                      cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> PageList:
        """Stored pages newest first, `limit` at a time; pass `next_cursor` back for older ones."""
        with self._lock:
            self._sync()
            return list_pages(self.pages, tier, after, before, cursor, limit)

    def page(self, page_id: int) -> dict[str, Any] | None:
        """One page of this memory with its chain context, or None (also for another user's page)."""
        with self._lock:
            self._sync()
            return read_page(self.pages, page_id)

    def segment(self, segment_id: int) -> dict[str, Any] | None:
        """One topic segment of this memory, or None (also for another user's segment)."""
        with self._lock:
            self._sync()
            live = self.mid.segments.get(segment_id)
            return read_segment(self.mid.rows, self.pages, segment_id,
                                round(live.heat(time.time()), 3) if live else None)

    def delete_memory(self, page_ids: Any) -> DeleteResult:
        """Delete pages and what was derived only from them; all or nothing, other users' ids are not found."""
        ids = check_ids("page_ids", page_ids)
        with self._lock:
            with self.store.transaction():
                self._sync()
                forgotten = delete_pages(self.pages, self.mid.rows, ids)
                facts = self.long.forget_pages(ids)
                if facts or not self._offline:  # offline the profile is a function of the facts; an LLM's may
                    self.long.rebuild_profile()  # quote anything: rewritten from the facts left
                self.store.purge_full_text()
                self.store.bump_meta_counter(INDEX_EPOCH_KEY)  # other processes rebuild their vector index
            self.search.remove(ids)
            self._forgot()
        self.store.checkpoint()
        return DeleteResult(deleted_page_ids=forgotten.page_ids, removed_segment_ids=forgotten.removed_segments,
                            refreshed_segment_ids=forgotten.refreshed_segments, deleted_knowledge_ids=facts)

    def list_knowledge(self, kind: str = "user", include_history: bool = False, cursor: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> FactList:
        """Facts of one kind, most recently seen first, with provenance; `limit` at a time."""
        if not isinstance(include_history, bool):
            raise InvalidInputError(f"include_history must be true or false, got {type(include_history).__name__}")
        facts = self.knowledge(kind, include_history)  # refuses any other kind
        return page_facts(facts, "assistant" if kind == "assistant" else "user", cursor, limit)

    def delete_knowledge(self, ids: Any) -> DeleteKnowledgeResult:
        """Delete facts of this memory (all or nothing; another user's ids are not found) and rebuild the profile."""
        wanted = check_ids("ids", ids)
        with self._lock:
            with self.store.transaction():
                self._sync()
                missing = sorted(set(wanted) - set(self.long.owned(wanted)))
                if missing:
                    raise InvalidInputError(f"ids: no fact {', '.join(map(str, missing[:10]))} in this memory; "
                                            "nothing was deleted")
                deleted = self.long.delete(wanted)
                self.long.rebuild_profile()
                self.store.purge_full_text()
            self.long.invalidate()
        self.store.checkpoint()
        return DeleteKnowledgeResult(deleted_ids=deleted)

    def update_knowledge(self, fact_id: Any, knowledge: Any) -> UpdateKnowledgeResult:
        """Replace a fact's text with the user's correction: re-embedded, provenance kept, marked corrected."""
        if isinstance(fact_id, bool) or not isinstance(fact_id, int):
            raise InvalidInputError(f"id must be an integer fact id, got {fact_id!r}")
        text = clean_text("knowledge", knowledge, MAX_FACT_CHARS, limit_key=None)
        vector = self.embedder.embed_batch([text])[0]
        with self._lock:
            with self.store.transaction():
                self._sync()
                if not self.long.correct(fact_id, text, vector):
                    raise InvalidInputError(f"id: no fact {fact_id} in this memory")
                self.long.rebuild_profile()
                self.store.purge_full_text()
            self.long.invalidate()
            fact = next(f for f in self.long.facts("user", True) + self.long.facts("assistant", True)
                        if f.id == fact_id)
        self.store.checkpoint()
        return UpdateKnowledgeResult(fact=fact)

    def forget_all(self, confirm: Any) -> ForgetResult:
        """Wipe this user's pages, segments, facts and profile (the assistant's shared persona stays)."""
        if confirm != FORGET_ALL_CONFIRMATION:
            raise InvalidInputError(f'confirm must be exactly "{FORGET_ALL_CONFIRMATION}" to erase this memory; '
                                    "nothing was deleted")
        with self._lock:
            with self.store.transaction():
                self._sync()
                counts = forget_scope(self.pages, self.mid.rows, self.long.knowledge, self.long.profiles)
                self.store.purge_full_text()
                self.store.bump_meta_counter(INDEX_EPOCH_KEY)
            self.search.load(full=True)
            self._forgot()
        self.store.checkpoint()
        return ForgetResult(deleted_pages=counts["pages"], deleted_segments=counts["segments"],
                            deleted_knowledge=counts["knowledge"], profile_cleared=bool(counts["profile"]))

    def _forgot(self) -> None:
        """In-memory state after a delete this process made (the epoch is already bumped)."""
        self._epoch = self.store.get_meta(INDEX_EPOCH_KEY)
        self.mid.reload()
        self.long.invalidate()

    def export(self, path: str | Path | IO[str], progress: jsonl_export.Progress | None = None) -> dict[str, int]:
        """Write this memory as versioned JSON Lines (see README, "Your data"); returns records per type.

        `path` "-" is standard output. `progress(record_type, count)` is called as records are written.
        """
        with _text_file(path, "w", sys.stdout) as out, self._lock:
            self._sync()
            return jsonl_export.write(self.store, self.scope, out, progress)

    def import_(self, path: str | Path | IO[str], progress: jsonl_export.Progress | None = None) -> dict[str, Any]:
        """Read an export into this memory (this user and assistant); pages already stored are skipped."""
        source = getattr(path, "name", str(path))
        with _text_file(path, "r", sys.stdin) as lines:
            return self._import(source, lambda importer: importer.run(lines), progress)

    def import_memoryos(self, path: str | Path, user_id: str | None = None, assistant_id: str | None = None,
                        progress: jsonl_export.Progress | None = None) -> dict[str, Any]:
        """Bring one user's history in from a reference MemoryOS data folder (default: this memory's user and
        assistant ids): pages with their timestamps, topic segments, chains, facts and the profile."""
        root = Path(path)
        if not root.is_dir():
            raise InvalidInputError(f"{root}: not a folder: give the MemoryOS data_storage_path")
        found = memoryos_import.records(root, user_id or self.scope.user_id, assistant_id or self.scope.assistant_id)

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
        with self._lock:
            self._sync()
            importer = Importer(self.store, self.scope, self.embedder, self.config.max_text_chars, source,
                                self._sync, progress)
            try:
                report = run(importer)
            finally:
                self.search.load()
                self.mid.reload()
                self.long.invalidate()
        self._store_overflow()  # outside the lock: enrichment takes its own pass lock, then the engine lock
        return dataclasses.asdict(report)


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
