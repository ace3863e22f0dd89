"""The kept vectors of short texts: each embedded once, and every text asked for answered even when the cache
starts again at its bound (the word cache once dropped words it had just been asked for: a KeyError)."""

from __future__ import annotations

import numpy as np

from memoryos_mcp.search.vector_cache import VectorCache


def test_each_text_is_embedded_once_and_all_are_answered_past_the_bound():
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float64)

    cache = VectorCache(embed, limit=3)
    first = cache.of(["cat", "kitty", "cat"])
    assert first.dtype == np.float32 and first[:, 0].tolist() == [3, 5, 3]
    assert embedded == ["cat", "kitty"]
    cache.of(["kitty"])
    assert embedded == ["cat", "kitty"]  # kept
    rows = cache.of(["cat", "author", "writer"])  # two new would pass 3: starts again, all three answered
    assert rows[:, 0].tolist() == [3, 6, 6]
    assert embedded[2:] == ["cat", "author", "writer"]
