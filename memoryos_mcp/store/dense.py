"""Dense search on SQLite: the scope's page vectors held in a per-process FAISS index, kept in step with the file."""

from __future__ import annotations

import numpy as np

from .pages import PageRepository
from .vector_index import VectorIndex


class FaissDense:
    """The searchable pages' vectors of one scope, loaded incrementally from the pages table.

    SQLite has no vector search, so each process holds the vectors; the engine's caches call `load` when
    another process committed, and `add` / `remove` as this one stores and evicts pages.
    """

    def __init__(self, pages: PageRepository, dimension: int) -> None:
        self.pages = pages
        self.index = VectorIndex(dimension)
        self.max_id = 0

    def __len__(self) -> int:
        return len(self.index)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return self.index.search(vector, k)

    def load(self, full: bool = False) -> None:
        """Index the pages not indexed yet (all of them when `full`), straight from SQLite."""
        if full:
            self.index.clear()
            self.max_id = 0
        for ids, vectors in self.pages.vectors(after_id=self.max_id):
            self.add(ids, vectors)

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        self.index.add(ids, vectors)
        if ids:
            self.max_id = max(self.max_id, max(ids))

    def remove(self, ids: list[int]) -> None:
        self.index.remove(ids)
