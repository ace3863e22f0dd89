"""The user model as a source of facts for a question: its current values said as facts ("User works at
Safaricom"), each matched by the questions it answers ("Where do I work now?"). One that answers the question
leads the facts, since it is what is true now; a closed value is never among them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..models import KnowledgeItem
from ..usermodel.statements import Statement

#: Cosine the question must reach with one of the questions a value answers (MiniLM: "Where am I working
#: these days?" / "Where do I work now?" 0.82; "What's Theo's teacher called?" / "Who is my child?" 0.22;
#: "What's my dad's phone number?" / "Who is my dad?" 0.65).
MODEL_FLOOR = 0.7
#: Added to the cosine so a value that answers the question leads the statement facts (their scores are
#: cosine + at most 0.35 of bonuses).
MODEL_BONUS = 0.4
#: Questions whose vectors are kept (a model holds a few hundred current values).
MAX_CACHED = 8192


class ModelFacts:
    """Ranks the model's statements for a question; the vectors of their questions are computed once."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray]) -> None:
        self.embed = embed
        self._vectors: dict[str, np.ndarray] = {}

    def rank(self, said: list[Statement], vector: np.ndarray, k: int) -> tuple[list[KnowledgeItem], tuple[int, ...]]:
        """The k statements answering the question whose vector is `vector`, best first, and the pages the best
        one was read from (the page search ranks them up: they hold what is true now)."""
        asked = list(dict.fromkeys(q for statement in said for q in statement.questions))
        if len(self._vectors) + len(asked) > MAX_CACHED:
            self._vectors.clear()
        new = [q for q in asked if q not in self._vectors]
        if new:
            self._vectors.update(zip(new, np.asarray(self.embed(new), dtype=np.float32), strict=True))
        query = vector.astype(np.float32)
        scored = []
        for statement in said:
            cosine = max((float(self._vectors[q] @ query) for q in statement.questions), default=0.0)
            if cosine >= MODEL_FLOOR:
                scored.append((cosine, statement))
        scored.sort(key=lambda item: -item[0])
        return ([KnowledgeItem(knowledge=s.text, timestamp=s.since, score=round(c + MODEL_BONUS, 4))
                 for c, s in scored[:k]], scored[0][1].sources if scored else ())


def lead_with(model: list[KnowledgeItem], facts: list[KnowledgeItem], k: int) -> list[KnowledgeItem]:
    """The model's statements and the statement facts in one list, best first, at most k."""
    merged, seen = [], set()
    for item in sorted(model + facts, key=lambda item: -(item.score or 0.0)):
        if item.knowledge not in seen:
            seen.add(item.knowledge)
            merged.append(item)
    return merged[:k]
