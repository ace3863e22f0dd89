"""Whether the facts found for a question answer it at all, judged from the answer as a whole.

A question never answered in the chat still finds facts that pass every check of a single fact (search/asked.py):
"What is my manager's name?" finds "User works at the library in Brandon": about work, with a name the question
does not say. One fact cannot tell, but the answer as a whole can: how well its best two facts score, whether the
best is a value of the user model, the kind of answer asked, whether it names someone or asks about another's
something, how many focus words it has, and how many short-term pages matched. A logistic model over these marks,
fitted on the questions of the dev and tune cases (`python -m benchmarks.fit_fact_gate`: a question whose first
three facts hold its answer is a positive, a never-answered question that got a fact a negative), says how likely
the facts answer. Below the `fact_confidence` setting, the answer carries no facts; its pages stay.
"""

from __future__ import annotations

import math

from ..models import KnowledgeItem, RetrieveResult
from .asked import asked, asking
from .parts import parts

#: The kinds of answer a question may ask for (search/asked.py), each a mark.
KINDS = ("time", "name", "number", "place")
#: The marks of an answer, in the order of WEIGHTS.
MARKS = ("bias", "best", "second", "best_is_model", *KINDS, "names", "owners", "focus", "short")
#: Fitted by `python -m benchmarks.fit_fact_gate` on the 46 cases of session 30 (3 dev, 43 tune; not NOT_FITTED).
WEIGHTS = (-0.474, 3.348, 0.475, -0.531, 1.806, -0.521, -0.649, 0.414, -0.761, -1.502, 0.382, 0.782)
#: Focus words counted (a family counts all its words: "my job" is about 12); the counts are read in fives, as the
#: short-term pages that matched, so that no weight is large.
MOST_FOCUS = 15
#: The embedder (its name) the weights were fitted with: another one spreads cosines otherwise (BENCHMARKS.md, "The
#: MiniLM-tuned thresholds under another model"), and the answers of one are not judged.
FITTED_FOR = "local:all-MiniLM-L6-v2"


def marks(query: str, facts: list[KnowledgeItem], short_matched: int) -> tuple[float, ...]:
    """The answer's marks (MARKS): `facts` best first, user and assistant together."""
    question = asked(query)
    scores = [fact.score or 0.0 for fact in facts]
    return (1.0, scores[0] if scores else 0.0, scores[1] if len(scores) > 1 else 0.0,
            float(bool(facts) and facts[0].id is None),  # a value of the model or an open promise, not a stored fact
            *(float(question.kind == kind) for kind in KINDS),
            float(bool(question.names)), float(bool(question.owners)),
            min(len(question.focus), MOST_FOCUS) / 5, short_matched / 5)


def confidence(values: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """How likely the facts answer the question (0-1)."""
    return 1.0 / (1.0 + math.exp(-sum(w * x for w, x in zip(weights, values, strict=True))))


def best_first(result: RetrieveResult) -> list[KnowledgeItem]:
    """The answer's user and assistant facts in one list, best first."""
    return sorted(result.retrieved_user_knowledge + result.retrieved_assistant_knowledge,
                  key=lambda fact: -(fact.score or 0.0))


def answer_marks(result: RetrieveResult) -> tuple[float, ...]:
    """The marks of an answer as retrieve builds it (its short-term pages are those that matched)."""
    return marks(result.query, best_first(result), len(result.short_term_memory))


def one_question(query: str) -> bool:
    """Whether `query` asks one thing, so that its answer is judged: a question of two parts is not (each part's
    facts answer their own part, and one part's weak facts would clear the other's)."""
    return len(parts(asking(query))) == 1


def answers_enough(result: RetrieveResult, floor: float) -> bool:
    """Whether the answer's facts are likely enough (`floor`) to answer its question; an answer without facts is."""
    facts = result.retrieved_user_knowledge or result.retrieved_assistant_knowledge
    return not facts or confidence(answer_marks(result)) >= floor


def without_facts(result: RetrieveResult) -> RetrieveResult:
    """The answer with its pages only."""
    return result.model_copy(update={"retrieved_user_knowledge": [], "retrieved_assistant_knowledge": [],
                                     "total_user_knowledge_found": 0, "total_assistant_knowledge_found": 0})
