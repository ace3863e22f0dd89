"""Reading the export format back into a store, in chunks, idempotently.

A page whose content key (user_input, agent_response, timestamp) the scope already holds is skipped,
and so are facts already known, so an interrupted or repeated import can simply be run again.
Segments and chains are created when the first of their pages is imported. Records are written into
the configured user and assistant, whatever the header names: that is how a memory changes hands.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InvalidInputError
from ..filters import Scope
from ..language.embeddings import Embedder
from ..records import NewPage, embedding_text
from ..search.segment_index import segment_direction
from ..store.knowledge import KnowledgeRepository
from ..store.pages import PageRepository
from ..store.profiles import ProfileRepository
from ..store.segments import SegmentRepository
from ..store.sqlite import Store
from ..validation import check_meta_data, clean_text, parse_timestamp
from .jsonl_export import FORMAT, FORMAT_VERSION, Progress, content_key, vector_from_text

#: Pages per transaction (and per embedding batch when vectors must be recomputed).
IMPORT_CHUNK = 256
_TIERS = ("short", "mid", "archived")
_TYPES = ("segment", "chain", "page", "fact", "profile")


@dataclass
class ImportReport:
    pages_added: int = 0
    pages_skipped: int = 0
    segments_added: int = 0
    facts_added: int = 0
    facts_skipped: int = 0
    profile_set: bool = False
    re_embedded: int = 0


@dataclass
class _State:
    same_model: bool
    known_pages: dict[str, int]
    segments: dict[int, dict[str, Any]] = field(default_factory=dict)
    chains: dict[int, dict[str, Any]] = field(default_factory=dict)
    page_ids: dict[int, int] = field(default_factory=dict)
    segment_ids: dict[int, int] = field(default_factory=dict)
    chain_ids: dict[int, int] = field(default_factory=dict)
    links: list[tuple[int, Any, Any]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    profile: dict[str, Any] | None = None


class Importer:
    """One import run into one scope; `run` reads the lines, the caller refreshes in-memory indexes after."""

    def __init__(self, store: Store, scope: Scope, embedder: Embedder, max_text_chars: int, source: str,
                 atomic: Callable[[], AbstractContextManager[None]], progress: Progress | None = None) -> None:
        self.pages = PageRepository(store, scope)
        self.segments = SegmentRepository(store, scope)
        self.knowledge = KnowledgeRepository(store, scope)
        self.profiles = ProfileRepository(store, scope)
        self.embedder = embedder
        self.max_text_chars = max_text_chars
        self.source = source
        #: One atomic change, caught up with other processes first (the engine's unit of work).
        self.atomic = atomic
        self.progress = progress
        self.report = ImportReport()

    def run(self, lines: Iterable[str]) -> ImportReport:
        """Import the lines of an export file."""
        try:
            return self.run_records((number, self._parse(number, line))
                                    for number, line in enumerate(lines, start=1) if line.strip())
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"{self.source}: not UTF-8 text ({exc.reason} at byte {exc.start} of a "
                                    "line); nothing after that line was imported") from None

    def run_records(self, records: Iterable[tuple[int, dict[str, Any]]]) -> ImportReport:
        """Import (line number, record) pairs, the header first; another format can be converted into these."""
        state: _State | None = None
        for number, record in records:
            if state is None:
                state = self._start(number, record)
                continue
            try:
                self._take(state, record)
            except (KeyError, TypeError, ValueError) as exc:
                raise InvalidInputError(f"{self.source}: line {number}: invalid {record.get('type')} record: "
                                        f"{exc}") from None
            if len(state.pending) >= IMPORT_CHUNK:
                self._flush_pages(state)
        if state is None:
            raise InvalidInputError(f"{self.source}: empty file: expected a {FORMAT} header line")
        self._flush_pages(state)
        self._finish(state)
        return self.report

    def _parse(self, number: int, line: str) -> dict[str, Any]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{self.source}: line {number} is not JSON: {exc.msg}") from None
        if not isinstance(record, dict) or not isinstance(record.get("type"), str):
            raise InvalidInputError(f"{self.source}: line {number}: expected an object with a \"type\"")
        return record

    def _start(self, number: int, record: dict[str, Any]) -> _State:
        if record.get("type") != "header" or record.get("format") != FORMAT:
            raise InvalidInputError(f"{self.source}: line {number}: not a {FORMAT} file (the first line must be "
                                    "its header)")
        version = record.get("version")
        if not isinstance(version, int) or version < 1:
            raise InvalidInputError(f"{self.source}: header: version must be a positive integer, got {version!r}")
        if version > FORMAT_VERSION:
            raise InvalidInputError(f"{self.source} is format version {version}, written by a newer memoryos-mcp "
                                    f"(this one reads up to version {FORMAT_VERSION}): upgrade memoryos-mcp")
        same_model = (record.get("embedding_model") == self.embedder.name
                      and record.get("embedding_dimension") == self.embedder.dimension)
        known = {content_key(*content): page_id for content, page_id in self.pages.contents().items()}
        return _State(same_model=same_model, known_pages=known)

    def _take(self, state: _State, record: dict[str, Any]) -> None:
        kind = record["type"]
        if kind not in _TYPES:
            raise ValueError(f"unknown record type {kind!r} (expected one of {', '.join(_TYPES)})")
        if kind == "segment":
            state.segments[int(record["id"])] = record
        elif kind == "chain":
            state.chains[int(record["id"])] = record
        elif kind == "page":
            state.pending.append(self._page(record))
        elif kind == "fact":
            if record["kind"] not in ("user", "assistant"):
                raise ValueError(f"kind must be user or assistant, got {record['kind']!r}")
            state.facts.append({**record, "knowledge": clean_text("knowledge", record["knowledge"],
                                                                  self.max_text_chars)})
        else:
            state.profile = {**record, "profile": clean_text("profile", record["profile"], 100_000,
                                                             required=False, limit_key=None)}

    def _page(self, record: dict[str, Any]) -> dict[str, Any]:
        """A page record checked like add_memory's arguments."""
        tier = record.get("tier", "short")
        if tier not in _TIERS:
            raise ValueError(f"tier must be one of {', '.join(_TIERS)}, got {tier!r}")
        page = NewPage(
            user_input=clean_text("user_input", record["user_input"], self.max_text_chars),
            agent_response=clean_text("agent_response", record.get("agent_response", ""), self.max_text_chars,
                                      required=False),
            timestamp=parse_timestamp(record["timestamp"]),
            meta_data=check_meta_data(record.get("meta_data")),
        )
        return {**record, "tier": tier, "page": page, "id": int(record["id"])}

    def _vectors(self, state: _State, texts: list[str], encoded: list[Any]) -> np.ndarray:
        """The file's vectors when they come from this store's model, else fresh embeddings."""
        if state.same_model:
            given = [vector_from_text(v, self.embedder.dimension) if isinstance(v, str) else None for v in encoded]
            vectors = [v for v in given if v is not None]
            if len(vectors) == len(given):
                return np.vstack(vectors) if vectors else np.zeros((0, self.embedder.dimension), np.float32)
        self.report.re_embedded += len(texts)
        return self.embedder.embed_batch(texts)

    def _flush_pages(self, state: _State) -> None:
        fresh = []
        for record in state.pending:
            page: NewPage = record["page"]
            key = content_key(page.user_input, page.agent_response, page.timestamp)
            if key in state.known_pages:
                state.page_ids[record["id"]] = state.known_pages[key]
                self.report.pages_skipped += 1
            else:
                state.known_pages[key] = -1  # a repeat within the file is skipped too
                fresh.append(record)
        state.pending = []
        if not fresh:
            return
        vectors = self._vectors(state, [embedding_text(r["page"].user_input, r["page"].agent_response)
                                        for r in fresh], [r.get("embedding") for r in fresh])
        with self.atomic():
            ids = self.pages.insert([r["page"] for r in fresh], vectors)
            for record, page_id in zip(fresh, ids, strict=True):
                stored: NewPage = record["page"]
                state.known_pages[content_key(stored.user_input, stored.agent_response, stored.timestamp)] = page_id
                state.page_ids[record["id"]] = page_id
                segment = self._segment_for(state, record.get("segment"))
                chain = self._chain_for(state, record.get("chain"))
                enriched = bool(record.get("enriched")) and record["tier"] != "short"
                self.pages.restore_state(page_id, record["tier"], enriched, bool(record.get("analyzed")),
                                         bool(record.get("learned")), segment, chain)
                state.links.append((page_id, record.get("pre_page"), record.get("next_page")))
        self.report.pages_added += len(fresh)
        if self.progress is not None:
            self.progress("page", self.report.pages_added + self.report.pages_skipped)

    def _segment_for(self, state: _State, source: Any) -> int | None:
        if source is None or source not in state.segments:
            return None
        if source not in state.segment_ids:
            record = state.segments[source]
            vector = vector_from_text(record.get("embedding", ""), self.embedder.dimension) if state.same_model \
                else None
            state.segment_ids[source] = self.segments.restore(
                record, vector if vector is not None else np.zeros(self.embedder.dimension, np.float32))
            self.report.segments_added += 1
            if vector is None:
                state.segments[source] = {**record, "recompute": True}
        return state.segment_ids[source]

    def _chain_for(self, state: _State, source: Any) -> int | None:
        if source is None or source not in state.chains:
            return None
        if source not in state.chain_ids:
            meta = str(state.chains[source].get("meta_info", ""))
            state.chain_ids[source] = self.segments.new_chain(meta)
        return state.chain_ids[source]

    def _finish(self, state: _State) -> None:
        """Neighbour links, segment directions to recompute, facts and the profile, in one transaction."""
        facts = self._new_facts(state)
        vectors = self._vectors(state, [f["knowledge"] for f in facts], [f.get("embedding") for f in facts])
        with self.atomic():
            for page_id, pre, nxt in state.links:
                self.pages.set_neighbours(page_id, state.page_ids.get(pre), state.page_ids.get(nxt))
            for source, record in state.segments.items():
                if record.get("recompute") and source in state.segment_ids:
                    self._recompute_direction(state.segment_ids[source])
            self._insert_facts(state, facts, vectors)
            if state.profile is not None and state.profile["profile"].strip():
                self.report.profile_set = self.profiles.put_if_absent(state.profile["profile"],
                                                                      str(state.profile.get("updated_at", "")))

    def _insert_facts(self, state: _State, facts: list[dict[str, Any]], vectors: np.ndarray) -> None:
        """Facts with their provenance mapped to the imported pages, and their history links."""
        new_ids: dict[int, int] = {}
        for fact, vector in zip(facts, vectors, strict=True):
            first = str(fact.get("first_seen") or fact.get("timestamp") or "")
            sources = {state.page_ids[s] for s in fact.get("sources") or [] if s in state.page_ids}
            fact_id = self.knowledge.insert(
                fact["kind"], fact["knowledge"], fact.get("slot"), first, str(fact.get("last_seen") or first), vector,
                sorted(sources), status="superseded" if fact.get("status") == "superseded" else "current",
                corrected=bool(fact.get("corrected")), mentions=max(1, int(fact.get("mentions", 1))),
                created_at=float(fact.get("created_at") or time.time()),
                worded=sorted(sources)[:1])  # who said it in these words: the first page, as in a migration
            if isinstance(fact.get("id"), int):
                new_ids[fact["id"]] = fact_id
        for fact in facts:
            if fact.get("superseded_by") in new_ids and fact.get("id") in new_ids:
                self.knowledge.link_history(new_ids[fact["id"]], new_ids[fact["superseded_by"]])
        self.report.facts_added = len(facts)

    def _recompute_direction(self, segment_id: int) -> None:
        """A segment's vector from its pages' vectors, for a file made with another embedding model."""
        vectors = self.pages.segment_vectors(segment_id)
        if vectors:
            self.segments.set_direction(segment_id, segment_direction(vectors))

    def _new_facts(self, state: _State) -> list[dict[str, Any]]:
        """The file's facts this scope does not hold yet (same kind, text and status)."""
        known = self.knowledge.known()
        fresh = []
        for fact in state.facts:
            key = (fact["kind"], fact["knowledge"].casefold(),
                   "superseded" if fact.get("status") == "superseded" else "current")
            if key in known:
                self.report.facts_skipped += 1
                continue
            known.add(key)
            fresh.append(fact)
        return fresh

