"""Test helpers: a deterministic embedder for fast unit tests of the tiers' arithmetic.

End-to-end tests use the real local model; this one only makes texts that share words similar.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.text import content_words

REPO = Path(__file__).resolve().parents[1]
LOCOMO_DEV = REPO.parent / "shared" / "data" / "locomo" / "locomo_dev.json"


class HashEmbedder:
    """Bag of hashed content words, L2-normalised."""

    name = "test:hash-bow"
    dimension = 64

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                matrix[row, bucket % self.dimension] += 1.0
            norm = np.linalg.norm(matrix[row])
            if norm:
                matrix[row] /= norm
        return matrix


def open_memory(path: Path, embedder=None, llm=None, **settings) -> Memoryos:
    """A Memoryos on `path` with the hash embedder unless another is given."""
    config = MemoryConfig(data_storage_path=path, **settings)
    return Memoryos.from_config(config, embedder=embedder or HashEmbedder(), llm=llm)
