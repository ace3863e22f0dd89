"""Query expansion from the user's own facts, for questions that say in other words what was said.

Weeks later a user asks "Is there any food I must avoid for health reasons?" about the page "I'm
allergic to peanuts", or "What did the vet say about my cat?" about "Took Miso to the clinic": few
shared words, and MiniLM puts the two far apart. The facts learnt from the pages bridge the gap: the
fact search knows the question is about health and diet and finds "User is allergic to peanuts",
whose provenance is that page; "User adopted a cat ... and named her Miso" says who "my cat" is.

Three expansions, each bounded so it reorders close calls rather than overriding the page evidence:
- fact-to-page: the source pages of the best few facts found for the question get a bonus scaled by
  the fact's relevance (relative to the best fact), at most `FusionWeights.facts`;
- value-to-page: the source pages of the best few user-model values that answer the question (matched
  by meaning to the questions a value answers, and holding the kind of answer asked: model_facts.py)
  get a bonus scaled the same way, at most `FusionWeights.values`. A value passes stricter checks than a
  statement fact, so its pages may gain more ("Which nut must I steer clear of?" -> "User is allergic to
  hazelnuts" -> the page that said so);
- names: "my cat" / "our landlord" + a fact naming it ("cat ... named her Miso", "sister Anika") adds
  the name to the words searched in the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..language.text import STOPWORDS
from ..models import KnowledgeItem

#: Facts whose source pages get a bonus: the best few, and only those scoring this share of the best.
TOP_FACTS = 3
MIN_SHARE = 0.5
#: "my cat", "our new landlord": the words after a first-person possessive name someone in the user's facts.
_POSSESSED = re.compile(r"\b(?:my|our)\s+(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_NOT_NAMES = frozenset({"User", "Assistant", "January", "February", "March", "April", "May", "June", "July",
                        "August", "September", "October", "November", "December", "Monday", "Tuesday",
                        "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I"})


@dataclass(frozen=True)
class Expansion:
    """What the user's facts add to a page search."""

    #: Names the question refers to by relation ("my cat" -> "Miso"), searched in the pages too.
    names: tuple[str, ...] = ()
    #: Page id -> bonus in (0, 1]: the page is the source of a fact that answers the question.
    pages: Mapping[int, float] = field(default_factory=dict)
    #: Pages the user model's current value answering the question was read from ("Where do I live now?").
    known: frozenset[int] = frozenset()
    #: Page id -> bonus in (0, 1]: the page is a source of a user-model value that answers the question.
    values: Mapping[int, float] = field(default_factory=dict)


NO_EXPANSION = Expansion()


def expand(query: str, facts: list[KnowledgeItem], sources: Mapping[int, Iterable[int]],
           known: Iterable[int] = (), values: Mapping[int, float] | None = None) -> Expansion:
    """The expansion of a question from the facts the fact search found for it (best first, scored), the
    sources of the user model's value that answers it, and those of the values answering it by share."""
    return Expansion(names=_names(query, facts), pages=_fact_pages(facts, sources), known=frozenset(known),
                     values=values or {})


def _fact_pages(facts: list[KnowledgeItem], sources: Mapping[int, Iterable[int]]) -> dict[int, float]:
    best = max((fact.score or 0.0 for fact in facts), default=0.0)
    pages: dict[int, float] = {}
    if best <= 0:
        return pages
    for fact in facts[:TOP_FACTS]:
        share = (fact.score or 0.0) / best
        if share < MIN_SHARE or fact.id is None:
            continue
        for page_id in sources.get(fact.id, ()):
            pages[page_id] = max(pages.get(page_id, 0.0), share)
    return pages


def _names(query: str, facts: list[KnowledgeItem]) -> tuple[str, ...]:
    """Names that facts give to what the question calls "my X": "User's sister Anika ...", "User adopted
    a cat ... and named her Miso"."""
    nouns = {word.lower() for match in _POSSESSED.finditer(query) for word in match.groups()
             if word and word.lower() not in STOPWORDS}
    if not nouns:
        return ()
    words = "|".join(sorted(map(re.escape, nouns)))
    naming = re.compile(rf"\b(?:{words})\b(?:[^.,;]{{0,40}}?\b(?:named|called)(?:\s+(?:her|him|it|them))?)?"
                        r"\s+([A-Z][\w'-]+)", re.IGNORECASE)
    asked = {word.lower() for word in re.findall(r"\w+", query)}
    found: list[str] = []
    for fact in facts:
        for match in naming.finditer(fact.knowledge):
            name = match.group(1)
            if name[0].isupper() and name not in _NOT_NAMES and name.lower() not in asked:
                found.append(name)
    return tuple(dict.fromkeys(found))
