"""Embedding providers behind one small interface: `embed_batch` is the one required method."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    #: Identifies the vector space; the store refuses to mix vectors of two names.
    name: str
    dimension: int

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Shape (len(texts), dimension), float32, each row of unit length (zero rows for empty text)."""
        ...
