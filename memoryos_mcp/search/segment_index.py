"""The live segments' vectors and top keywords in the form placing a page needs, kept in step with each change.

Placing a page scores it against every live segment. Rebuilding a matrix of segment vectors and
computing a keyword Jaccard per segment on every add took most of add_memory's time at 2,000
segments (100k pages); here a placement is one matrix product plus a Jaccard for the few segments
that share a keyword with the theme (for the others it is 0).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from ..language.text import jaccard


def segment_direction(page_vectors: list[np.ndarray]) -> np.ndarray:
    """A segment's vector recomputed from its pages: the unit mean of their vectors. Every delete, import
    and re-embedding recomputes a segment this one way (placement keeps a running mean, mid_term.py)."""
    mean = np.mean(page_vectors, axis=0)
    return (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)


class SegmentIndex:
    """Rows of segment vectors (grown by doubling, removed by moving the last row into the gap)."""

    def __init__(self) -> None:
        self._ids: list[int] = []
        self._row: dict[int, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._full = np.zeros(0, dtype=bool)
        self._words: dict[int, frozenset[str]] = {}
        self._by_word: defaultdict[str, set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._ids)

    def put(self, segment_id: int, vector: np.ndarray, words: set[str], full: bool) -> None:
        """Add a segment or replace what the index holds for it."""
        row = self._row.get(segment_id)
        if row is None:
            row = self._append(segment_id, vector.shape[0])
        self._vectors[row] = vector
        self._full[row] = full
        self._set_words(segment_id, frozenset(words))

    def remove(self, segment_id: int) -> None:
        row = self._row.pop(segment_id, None)
        if row is None:
            return
        last = len(self._ids) - 1
        if row != last:
            moved = self._ids[last]
            self._ids[row] = moved
            self._row[moved] = row
            self._vectors[row] = self._vectors[last]
            self._full[row] = self._full[last]
        self._ids.pop()
        self._set_words(segment_id, frozenset())
        del self._words[segment_id]

    def best(self, vector: np.ndarray, words: set[str], bonus: dict[int, float],
             skip: int | None = None) -> tuple[float, int] | None:
        """(F, segment id) of the not-full segment (other than `skip`) with the highest F = cos + Jaccard + its
        bonus, if any."""
        count = len(self._ids)
        if count == 0:
            return None
        scores = (self._vectors[:count] @ vector.astype(np.float32)).astype(np.float64)
        for segment_id in {sid for word in words for sid in self._by_word.get(word, ())}:
            scores[self._row[segment_id]] += jaccard(self._words[segment_id], words)
        for segment_id, extra in bonus.items():
            if segment_id in self._row:
                scores[self._row[segment_id]] += extra
        scores[self._full[:count]] = -np.inf
        if skip in self._row:
            scores[self._row[skip]] = -np.inf
        row = int(np.argmax(scores))
        return None if scores[row] == -np.inf else (float(scores[row]), self._ids[row])

    def _append(self, segment_id: int, dimension: int) -> int:
        row = len(self._ids)
        if row == self._vectors.shape[0]:
            grown = np.zeros((max(16, 2 * row), dimension), dtype=np.float32)
            if row:
                grown[:row] = self._vectors[:row]
            self._vectors = grown
            self._full = np.concatenate([self._full, np.zeros(grown.shape[0] - row, dtype=bool)])
        self._ids.append(segment_id)
        self._row[segment_id] = row
        self._words[segment_id] = frozenset()
        return row

    def _set_words(self, segment_id: int, words: frozenset[str]) -> None:
        old = self._words[segment_id]
        for word in old - words:
            holders = self._by_word[word]
            holders.discard(segment_id)
            if not holders:
                del self._by_word[word]
        for word in words - old:
            self._by_word[word].add(segment_id)
        self._words[segment_id] = words
