"""How a fact is found: meaning, shared words and the profile section a question is about, fused,
with a floor so that an unrelated query gets no facts rather than the same ten every time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..filters import TimeWindow
from ..language.profile import sections_asked
from ..models import Fact, KnowledgeItem
from .asked import Asked, about, asked, named_in, words_of

#: A fact must reach this cosine with the query on its own, LEXICAL_FLOOR when it shares a word with the
#: query or speaks of what it asks and of whom (`_focused`), or SECTION_FLOOR when it sits in the profile
#: section the question is about ("Who is my boss?" -> work). MiniLM puts a question and the statement
#: answering it at 0.1-0.6.
RELEVANCE_FLOOR = 0.35
LEXICAL_FLOOR = 0.25
SECTION_FLOOR = 0.1
#: Bonuses added to the cosine: the (max-scaled) BM25 of shared words, and being in the asked section.
LEXICAL_WEIGHT = 0.2
SECTION_WEIGHT = 0.15
#: Most a fact gains for being the latest of those found, for a question about now (cosines of a question
#: and the facts answering it spread over 0.3-0.8, so the latest of two close ones leads).
RECENCY_WEIGHT = 0.6


@dataclass(frozen=True)
class FactSet:
    """A kind's current facts, their vectors as one matrix, and the profile section of each."""

    facts: list[Fact]
    matrix: np.ndarray
    sections: list[str]


def rank_facts(current: FactSet, query: str, vector: np.ndarray, lexical: dict[int, float], k: int,
               window: TimeWindow | None = None) -> list[KnowledgeItem]:
    """The k most relevant facts, best first, each with its score; `lexical` is fact id -> BM25 of the
    facts sharing a word with the query, and `window` keeps the facts that held inside it (from the first
    mention to the last, or to the replacement of a superseded fact, which keeps that interval)."""
    if not current.facts:
        return []
    cosine = current.matrix @ vector.astype(np.float32)
    top = max(lexical.values(), default=0.0) or 1.0
    sections = sections_asked(query)
    question = asked(query)
    scored = []
    for fact, cos, section in zip(current.facts, cosine.tolist(), current.sections, strict=True):
        lex = lexical.get(fact.id or 0, 0.0) / top
        topical = section in sections
        floor = min(RELEVANCE_FLOOR, LEXICAL_FLOOR if lex > 0 else 1.0, SECTION_FLOOR if topical else 1.0)
        if cos < floor and not (cos >= LEXICAL_FLOOR and _focused(question, words_of(fact.knowledge))):
            continue
        if window is not None and not window.overlaps(fact.first_seen, fact.valid_until or fact.last_seen):
            continue
        scored.append((cos + LEXICAL_WEIGHT * lex + SECTION_WEIGHT * topical, fact))
    scored.sort(key=lambda item: item[0], reverse=True)
    return [KnowledgeItem(knowledge=f.knowledge, timestamp=f.timestamp, id=f.id, score=round(s, 4), status=f.status,
                          valid_from=f.valid_from, valid_until=f.valid_until) for s, f in scored[:k]]


def _focused(question: Asked, words: list[str]) -> bool:
    """Whether a fact speaks of what the question asks (its focus, or a word of the same family) and of whom it
    names: then it need not be close in meaning as a whole ("Which nut must I steer clear of?" / "User is
    allergic to hazelnuts")."""
    return bool(question.focus) and about(question, words) and (not question.names or named_in(question.names, words))


def newest_first(facts: list[KnowledgeItem], weight: float = RECENCY_WEIGHT) -> list[KnowledgeItem]:
    """The facts re-scored for a question about now: each gains up to `weight` by how recent it is among them
    (the latest the most), so "doing an A1 course" (March) no longer leads "signed up for an A2 course"
    (June) when both match."""
    if len(facts) < 2:
        return facts
    order = sorted(range(len(facts)), key=lambda i: facts[i].timestamp or "")
    recency = {i: rank / (len(facts) - 1) for rank, i in enumerate(order)}
    scored = [(round((fact.score or 0.0) + weight * recency[i], 4), fact) for i, fact in enumerate(facts)]
    scored.sort(key=lambda item: -item[0])
    return [fact.model_copy(update={"score": score}) for score, fact in scored]
