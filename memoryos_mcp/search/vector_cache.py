"""Vectors of short texts kept between questions (a value's example questions, single words): each is embedded
once, and the cache starts again when it would pass its bound."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


class VectorCache:
    """Text -> unit vector, embedded on first use; at most `limit` kept."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], limit: int) -> None:
        self.embed = embed
        self.limit = limit
        self._vectors: dict[str, np.ndarray] = {}

    def of(self, texts: list[str]) -> np.ndarray:
        """The (non-empty) texts' vectors as rows (float32), embedding those not kept; emptied first when the new
        ones would pass the bound, so every text asked for is kept after the call."""
        wanted = list(dict.fromkeys(texts))
        new = [t for t in wanted if t not in self._vectors]
        if len(self._vectors) + len(new) > self.limit:
            self._vectors.clear()
            new = wanted
        if new:
            self._vectors.update(zip(new, np.asarray(self.embed(new), dtype=np.float32), strict=True))
        return np.stack([self._vectors[t] for t in texts])
