"""A question that asks two things ("Where do my parents live, and what operation did Dad have?"): its parts,
each answered by its own facts, and one list of theirs in which every part's best facts come first.

Asked whole, such a question gets the facts of whichever part matches best: the parents' home three times
over and no operation. English joins two questions with "and" before the second one's question word, or asks one
thing of two people ("Where do my parents and my brother live?": a part for each)."""

from __future__ import annotations

import re

from ..models import KnowledgeItem
from ..usermodel.cues import ROLE_PATTERN

_JOIN = re.compile(r"\s*,?\s+and\s+(?=(?:who|whom|whose|what|where|when|which|why|how|is|are|was|were|did|do|does)\b)",
                   re.IGNORECASE)
#: Fewer words than this are no question of their own ("... now and how much?").
MIN_WORDS = 3
#: Two people of the user's asked one thing of ("my mum and my brother").
_BOTH = re.compile(rf"\bmy\s+(?P<a>{ROLE_PATTERN})\s+and\s+(?:my\s+)?(?P<b>{ROLE_PATTERN})\b", re.IGNORECASE)


def parts(query: str) -> list[str]:
    """The questions a query joins with "and" ("Who was my boss at the old firm and who is my boss now?"), or the
    query alone."""
    found = [part.strip() for part in _JOIN.split(query) if part.strip()]
    if len(found) > 1 and all(len(part.split()) >= MIN_WORDS for part in found):
        return found
    return _of_each(query) or [query]


def _of_each(query: str) -> list[str]:
    """The question asked of each of two people ("Where do my parents and my brother live?" -> "Where do my parents
    live?", "Where do my brother live?"), if it asks one thing of two of the user's people; else []."""
    both = _BOTH.search(query)
    if both is None:
        return []
    return [f"{query[:both.start()]}my {both.group(side)}{query[both.end():]}" for side in ("a", "b")]


Answer = tuple[list[KnowledgeItem], list[KnowledgeItem]]


def merge(answers: list[Answer], k: int) -> Answer:
    """The parts' (user facts, assistant facts) as one pair, at most k of each, best first. Each part's scores are
    scaled so that its best fact scores as the best of all: the first facts are every part's best, not all of the
    part whose words match best."""
    if len(answers) == 1:
        return answers[0]
    best = [max((f.score or 0.0 for f in user + assistant), default=0.0) for user, assistant in answers]
    top = max(best)
    merged: tuple[dict[str, KnowledgeItem], dict[str, KnowledgeItem]] = ({}, {})
    for (user, assistant), own in zip(answers, best, strict=True):
        scale = top / own if own > 0 else 1.0
        for facts, kept in ((user, merged[0]), (assistant, merged[1])):
            for fact in facts:
                score = round((fact.score or 0.0) * scale, 4)
                if fact.knowledge not in kept or score > (kept[fact.knowledge].score or 0.0):
                    kept[fact.knowledge] = fact.model_copy(update={"score": score})
    user_facts, assistant_facts = (sorted(kept.values(), key=lambda f: -(f.score or 0.0))[:k] for kept in merged)
    return user_facts, assistant_facts
