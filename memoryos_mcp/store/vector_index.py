"""An incremental FAISS inner-product index keyed by row id: added to, never rebuilt per query."""

from __future__ import annotations

import threading

import faiss
import numpy as np

#: One query at a time scans with one thread. FAISS's OpenMP team spun on the other core after every
#: search: on 2 cores, 2 threads took 21 ms of CPU per search of 100k vectors against 4.4 ms for one,
#: and under load a search of 10k vectors took 100 ms instead of 5 (measured 2026-11-25, load ~14).
SEARCH_THREADS = 1
faiss.omp_set_num_threads(SEARCH_THREADS)


class VectorIndex:
    """Exhaustive cosine search over unit vectors held in half precision.

    Exhaustive keeps recall honest at the sizes we target; half precision halves the memory and cuts
    the scan time, at a rounding error of about 1e-3 in a cosine that hybrid ranking never sees: it
    re-scores its candidates with the exact float32 vectors stored in SQLite.
    """

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        quantizer = faiss.IndexScalarQuantizer(dimension, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)
        self._index = faiss.IndexIDMap2(quantizer)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._index.ntotal

    def add(self, ids: list[int], vectors: np.ndarray) -> None:
        if not ids:
            return
        matrix = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), self.dimension)
        with self._lock:
            self._index.add_with_ids(matrix, np.asarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        if ids:
            with self._lock:
                self._index.remove_ids(np.asarray(ids, dtype=np.int64))  # type: ignore[arg-type]  # faiss takes an id array too

    def clear(self) -> None:
        with self._lock:
            self._index.reset()

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(id, cosine) pairs, best first."""
        k = min(k, self._index.ntotal)
        if k <= 0:
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, self.dimension)
        with self._lock:
            scores, ids = self._index.search(query, k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]
