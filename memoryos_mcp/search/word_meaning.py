"""Words of a question and of a fact that mean the same by their vectors, not their spelling: "kitty" / "cat",
"writer" / "author", "pup" / "dog". A question asked in other words than the chat's passes the focus check
(search/asked.py) without a list of synonyms written for it. Only the question's words that no family there
knows are compared so: a family says better what its words mean ("for a living" is "job", not "lives")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np

from ..language.text import STOPWORDS
from .vector_cache import VectorCache

_WORD = re.compile(r"[\w'’-]+")

#: Cosine of two single words' vectors (MiniLM) from which they mean the same: "kitty" / "cat" 0.84, "writer" /
#: "author" 0.70, "vocalist" / "singer" 0.84; below it words that are only related: "dog" / "cat" 0.66,
#: "car" / "driver" 0.58, "surname" / "name" 0.59.
WORD_FLOOR = 0.7
#: Word vectors kept (a store's facts use a few thousand words).
MAX_CACHED = 50_000


class WordMeaning:
    """Compares words by meaning; each word's vector is computed once."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        self._vectors = VectorCache(embed, MAX_CACHED)

    def near(self, focus: Iterable[str], text: str) -> bool:
        """Whether a word of `text` means what one of the (lower-case) `focus` words means; its names and short
        words are left out (a name means no one thing)."""
        wanted = [w for w in dict.fromkeys(focus) if w.isalpha()]
        said = [w.lower() for w in dict.fromkeys(_WORD.findall(text))
                if len(w) >= 3 and w.isalpha() and w.islower() and w not in STOPWORDS]
        if not wanted or not said:
            return False
        vectors = self._vectors.of(wanted + said)
        question, fact = vectors[: len(wanted)], vectors[len(wanted):]
        return float((question @ fact.T).max()) >= WORD_FLOOR
