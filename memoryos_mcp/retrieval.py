"""Page search: dense (FAISS) and lexical (FTS5 BM25) candidates, fused, with a topic-segment prior."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .mid_term import MidTermMemory
from .pages import lexical_search, load_vectors
from .storage import Scope, Store, from_blob
from .text import content_words
from .vector_index import VectorIndex

Mode = Literal["hybrid", "lexical", "dense"]
MODES: tuple[str, ...] = ("hybrid", "lexical", "dense")


@dataclass(frozen=True)
class FusionWeights:
    """How much each signal counts in the hybrid score (each signal is scaled to [0, 1] first)."""

    lexical: float = 0.5
    dense: float = 0.4
    segment: float = 0.1
    #: Share of the better dialogue-chain neighbour's score a page inherits: a question often
    #: matches the turn that sets a topic up while the answer sits in the next exchange.
    neighbour: float = 0.4
    #: Candidates fetched from each side, as a multiple of k (at least `min_candidates`).
    candidate_factor: int = 5
    min_candidates: int = 200


class PageSearch:
    """Keeps the vector index in step with SQLite incrementally and ranks mid-term pages."""

    def __init__(self, store: Store, scope: Scope, dimension: int, weights: FusionWeights | None = None) -> None:
        self.store = store
        self.scope = scope
        self.index = VectorIndex(dimension)
        self.weights = weights or FusionWeights()
        self.max_id = 0

    def load(self, full: bool = False) -> None:
        """Index the pages not indexed yet (all of them when `full`), straight from SQLite."""
        if full:
            self.index.clear()
            self.max_id = 0
        for ids, vectors in load_vectors(self.store, self.scope, after_id=self.max_id):
            self.add(ids, vectors)

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        self.index.add(ids, vectors)
        if ids:
            self.max_id = max(self.max_id, max(ids))

    def remove(self, ids: list[int]) -> None:
        self.index.remove(ids)

    def rank(self, query: str, vector: np.ndarray, k: int, mode: Mode, exclude: set[int],
             mid: MidTermMemory, top_segments: int) -> list[int]:
        """Ids of the k best mid-term pages for the query, best first."""
        depth = max(self.weights.min_candidates, self.weights.candidate_factor * k)
        dense = [(i, s) for i, s in self.index.search(vector, depth + len(exclude)) if i not in exclude]
        if mode == "dense":
            return [i for i, _ in dense[:k]]
        lexical = lexical_search(self.store, self.scope, query, depth)
        if mode == "lexical":
            return [i for i, _ in lexical[:k]]
        return self._fuse(vector, dense[:depth], lexical, k, mid, top_segments, query)

    def _fuse(self, vector: np.ndarray, dense: list[tuple[int, float]], lexical: list[tuple[int, float]], k: int,
              mid: MidTermMemory, top_segments: int, query: str) -> list[int]:
        bm25 = dict(lexical)
        candidates = list(dict.fromkeys([i for i, _ in dense] + [i for i, _ in lexical]))
        if not candidates:
            return []
        marks = ",".join("?" * len(candidates))
        rows = self.store.query(
            f"SELECT id, segment_id, pre_page, next_page, embedding FROM pages WHERE id IN ({marks}) "
            "AND tier = 'mid'",
            candidates,
        )
        ids = [row["id"] for row in rows]
        if not ids:
            return []
        cosine = np.vstack([from_blob(row["embedding"]) for row in rows]) @ vector.astype(np.float32)
        lex = np.array([bm25.get(i, 0.0) for i in ids])
        segment_f = dict(mid.score(vector, set(content_words(query)))[:top_segments])
        seg = np.array([segment_f.get(row["segment_id"], 0.0) for row in rows])
        w = self.weights
        score = w.lexical * _unit(lex) + w.dense * _unit(cosine) + w.segment * _unit(seg)
        position = {page_id: n for n, page_id in enumerate(ids)}
        neighbours = [
            max((score[position[j]] for j in (row["pre_page"], row["next_page"]) if j in position), default=0.0)
            for row in rows
        ]
        score = score + w.neighbour * np.array(neighbours)
        order = np.argsort(-score, kind="stable")[:k]
        return [ids[i] for i in order]


def _unit(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1]; a constant signal carries no ranking information, so it becomes 0."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values, dtype=float)
