"""Reading the export format back into a store: every record checked first, then one transaction.

Nothing is written until every line has passed (jsonl_records.py), and then all of it is written at
once, so a bad line or an interruption leaves the store as it was. A page whose content key
(user_input, agent_response, timestamp) the scope already holds is skipped, and so are facts already
known, so importing twice adds nothing. Records are written into the configured user and assistant,
whatever the header names: that is how a memory changes hands.
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
from ..language.embeddings import Embedder
from ..records import NewPage, Value, embedding_text
from ..search.segment_index import segment_direction
from ..store.protocol import Repositories
from . import jsonl_records as check
from .jsonl_export import FORMAT, FORMAT_VERSION, Progress, content_key

#: Texts per embedding batch when vectors must be recomputed.
EMBED_BATCH = 256
_TYPES = ("segment", "chain", "page", "fact", "value", "profile")


@dataclass
class ImportReport:
    pages_added: int = 0
    pages_skipped: int = 0
    segments_added: int = 0
    facts_added: int = 0
    facts_skipped: int = 0
    values_added: int = 0
    values_skipped: int = 0
    profile_set: bool = False
    re_embedded: int = 0


@dataclass
class _State:
    """The file's records, checked; ids of the file mapped to the store's as they are written."""

    same_model: bool
    segments: dict[int, dict[str, Any]] = field(default_factory=dict)
    chains: dict[int, dict[str, Any]] = field(default_factory=dict)
    pages: dict[int, dict[str, Any]] = field(default_factory=dict)
    facts: list[dict[str, Any]] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)
    profile: dict[str, Any] | None = None
    page_ids: dict[int, int] = field(default_factory=dict)
    segment_ids: dict[int, int] = field(default_factory=dict)
    chain_ids: dict[int, int] = field(default_factory=dict)


class Importer:
    """One import run into one scope; `run` reads the lines, the caller refreshes in-memory indexes after.

    `enforce_capacity()` keeps the facts within their capacity, in the import's transaction.
    """

    def __init__(self, repositories: Repositories, embedder: Embedder, max_text_chars: int, source: str,
                 atomic: Callable[[], AbstractContextManager[None]], enforce_capacity: Callable[[], None],
                 progress: Progress | None = None) -> None:
        self.pages = repositories.pages
        self.segments = repositories.segments
        self.knowledge = repositories.knowledge
        self.profiles = repositories.profiles
        self.model = repositories.model
        self.embedder = embedder
        self.max_text_chars = max_text_chars
        self.source = source
        #: One atomic change, caught up with other processes first (the engine's unit of work).
        self.atomic = atomic
        self.enforce_capacity = enforce_capacity
        self.progress = progress
        self.report = ImportReport()

    def run(self, lines: Iterable[str]) -> ImportReport:
        """Import the lines of an export file."""
        try:
            return self.run_records((number, self._parse(number, line))
                                    for number, line in enumerate(lines, start=1) if line.strip())
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"{self.source}: not UTF-8 text ({exc.reason} at byte {exc.start} of a "
                                    "line); nothing was imported") from None

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
                raise InvalidInputError(f"{self.source}: line {number}: invalid {str(record.get('type'))[:40]} "
                                        f"record: {exc}; nothing was imported") from None
        if state is None:
            raise InvalidInputError(f"{self.source}: empty file: expected a {FORMAT} header line")
        self._write(state)
        return self.report

    def _parse(self, number: int, line: str) -> dict[str, Any]:
        try:
            record = json.loads(line, parse_constant=_no_constant)
        except (json.JSONDecodeError, ValueError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else \
                "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise InvalidInputError(f"{self.source}: line {number} is not JSON: {reason}; nothing was imported") \
                from None
        if not isinstance(record, dict) or not isinstance(record.get("type"), str):
            raise InvalidInputError(f"{self.source}: line {number}: expected an object with a \"type\"; nothing "
                                    "was imported")
        return record

    def _start(self, number: int, record: dict[str, Any]) -> _State:
        if record.get("type") != "header" or record.get("format") != FORMAT:
            raise InvalidInputError(f"{self.source}: line {number}: not a {FORMAT} file (the first line must be "
                                    "its header)")
        version = record.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InvalidInputError(f"{self.source}: header: version must be a positive integer, "
                                    f"got {str(version)[:40]}")
        if version > FORMAT_VERSION:
            raise InvalidInputError(f"{self.source} is format version {version}, written by a newer memoryos-mcp "
                                    f"(this one reads up to version {FORMAT_VERSION}): upgrade memoryos-mcp")
        same_model = (record.get("embedding_model") == self.embedder.name
                      and record.get("embedding_dimension") == self.embedder.dimension)
        return _State(same_model=same_model)

    def _take(self, state: _State, record: dict[str, Any]) -> None:
        """Check one record and keep it; nothing is written yet."""
        kind = record["type"]
        limit = self.max_text_chars
        if kind not in _TYPES:
            raise ValueError(f"unknown record type {kind[:40]!r} (expected one of {', '.join(_TYPES)})")
        if kind == "profile":
            state.profile = check.profile(record)
            return
        if kind == "value":
            state.values.append(check.value(record, limit))
            return
        checked = {"segment": check.segment, "chain": check.chain, "page": check.page, "fact": check.fact}[kind](
            record, limit)
        checked["vector"] = check.vector(record, self.embedder.dimension) if state.same_model else None
        if kind == "fact":
            state.facts.append(checked)
            return
        held = {"segment": state.segments, "chain": state.chains, "page": state.pages}[kind]
        if checked["id"] in held:
            raise ValueError(f"a second {kind} with id {checked['id']}")
        held[checked["id"]] = checked
        if kind == "page" and self.progress is not None:
            self.progress("page", len(state.pages))

    def _write(self, state: _State) -> None:
        """Every new record in one transaction (vectors computed before it opens)."""
        fresh = self._fresh_pages(state)
        page_vectors = self._vectors([embedding_text(r["page"].user_input, r["page"].agent_response) for r in fresh],
                                     [r["vector"] for r in fresh])
        facts = self._new_facts(state)
        fact_vectors = self._vectors([f["knowledge"] for f in facts], [f["vector"] for f in facts])
        with self.atomic():
            ids = self.pages.insert([r["page"] for r in fresh], page_vectors)
            for record, page_id in zip(fresh, ids, strict=True):
                state.page_ids[record["id"]] = page_id
                self.pages.restore_state(page_id, record["tier"], record["enriched"] and record["tier"] != "short",
                                         record["analyzed"], record["learned"],
                                         self._segment_for(state, record["segment"]),
                                         self._chain_for(state, record["chain"]))
            for record, page_id in zip(fresh, ids, strict=True):
                self.pages.set_neighbours(page_id, state.page_ids.get(record["pre_page"]),
                                          state.page_ids.get(record["next_page"]))
            for source, segment_id in state.segment_ids.items():
                if state.segments[source]["vector"] is None:
                    self._recompute_direction(segment_id)
            self._insert_facts(state, facts, fact_vectors)
            self._insert_values(state)
            self.enforce_capacity()
            if state.profile is not None and state.profile["profile"].strip():
                self.report.profile_set = self.profiles.put_if_absent(state.profile["profile"],
                                                                      state.profile["updated_at"])
        self.report.pages_added = len(fresh)

    def _fresh_pages(self, state: _State) -> list[dict[str, Any]]:
        """The file's pages the scope does not hold yet; the others map to the stored page."""
        known = {content_key(*content): page_id for content, page_id in self.pages.contents().items()}
        fresh = []
        for record in state.pages.values():
            page: NewPage = record["page"]
            key = content_key(page.user_input, page.agent_response, page.timestamp)
            if key in known:
                if known[key] > 0:
                    state.page_ids[record["id"]] = known[key]
                self.report.pages_skipped += 1
            else:
                known[key] = -1  # a repeat within the file is skipped too
                fresh.append(record)
        return fresh

    def _vectors(self, texts: list[str], given: list[np.ndarray | None]) -> np.ndarray:
        """The file's vectors where it has them for this store's model, fresh embeddings for the rest."""
        vectors = np.zeros((len(texts), self.embedder.dimension), np.float32)
        missing = [n for n, vector in enumerate(given) if vector is None]
        for n, vector in enumerate(given):
            if vector is not None:
                vectors[n] = vector
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            vectors[batch] = self.embedder.embed_batch([texts[n] for n in batch])
        self.report.re_embedded += len(missing)
        return vectors

    def _segment_for(self, state: _State, source: int | None) -> int | None:
        if source is None or source not in state.segments:
            return None
        if source not in state.segment_ids:
            record = state.segments[source]
            vector = record["vector"] if record["vector"] is not None else np.zeros(self.embedder.dimension,
                                                                                      np.float32)
            now = time.time()
            state.segment_ids[source] = self.segments.restore(
                {**record, "last_access": record["last_access"] or now, "created_at": record["created_at"] or now},
                vector)
            self.report.segments_added += 1
        return state.segment_ids[source]

    def _chain_for(self, state: _State, source: int | None) -> int | None:
        if source is None or source not in state.chains:
            return None
        if source not in state.chain_ids:
            state.chain_ids[source] = self.segments.new_chain(state.chains[source]["meta_info"])
        return state.chain_ids[source]

    def _insert_facts(self, state: _State, facts: list[dict[str, Any]], vectors: np.ndarray) -> None:
        """Facts with their provenance mapped to the imported pages, and their history links."""
        new_ids: dict[int, int] = {}
        for fact, vector in zip(facts, vectors, strict=True):
            sources = sorted({state.page_ids[s] for s in fact["sources"] if s in state.page_ids})
            fact_id = self.knowledge.insert(
                fact["kind"], fact["knowledge"], fact["slot"], fact["first_seen"], fact["last_seen"], vector, sources,
                status=fact["status"], corrected=fact["corrected"], mentions=fact["mentions"],
                created_at=fact["created_at"] or time.time(),
                worded=sources[:1])  # who said it in these words: the first page, as in a migration
            if fact["id"] is not None:
                new_ids[fact["id"]] = fact_id
        for fact in facts:
            if fact["superseded_by"] in new_ids and fact["id"] in new_ids:
                self.knowledge.link_history(new_ids[fact["id"]], new_ids[fact["superseded_by"]])
        self.report.facts_added = len(facts)

    def _insert_values(self, state: _State) -> None:
        """The user model's values this scope does not hold yet, their pages mapped to the imported ones (a value
        whose pages the file lacks keeps the sources it has here)."""
        known = {_value_key(v.subject, v.attribute, v.value, v.valid_from, v.status) for v in self.model.values()}
        for record in state.values:
            key = _value_key(record["subject"], record["attribute"], record["value"], record["valid_from"],
                             record["status"])
            if key in known:
                self.report.values_skipped += 1
                continue
            known.add(key)
            self.model.restore(Value(0, record["subject"], record["attribute"], record["value"], record["detail"],
                                     record["due"], record["valid_from"], record["valid_to"], record["status"],
                                     sorted({state.page_ids[s] for s in record["sources"] if s in state.page_ids}),
                                     state.page_ids.get(record["closed_by"] or 0)))
            self.report.values_added += 1

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
            key = (fact["kind"], fact["knowledge"].casefold(), fact["status"])
            if key in known:
                self.report.facts_skipped += 1
                continue
            known.add(key)
            fresh.append(fact)
        return fresh


def _value_key(subject: str, attribute: str, value: str, valid_from: str, status: str) -> tuple[str, ...]:
    """What makes two user-model values the same: an import skips a value the scope already holds."""
    return subject.casefold(), attribute, value.casefold(), valid_from, status


def _no_constant(name: str) -> Any:
    """JSON has no NaN or Infinity: Python's reader would take them."""
    raise ValueError(f"{name} is not a JSON number")
