"""Whether the facts found for a question answer it at all, judged from the answer as a whole.

A question never answered in the chat still finds facts that pass every check of a single fact (search/asked.py):
"What's Gord's wife's name?" finds "Gord lives in Minnedosa", a name it does not say, of whom it asks. One fact
cannot tell, but the answer as a whole can: how well its best two facts score, whether the best is a value of the
user model, the kind of answer asked, whether it names someone or asks about another's something, how many focus
words it has, and how many short-term pages matched. A logistic model over these marks, fitted on the
questions of the dev and tune cases (`python -m benchmarks.fit_fact_gate`: a question whose first three facts hold
its answer is a positive, a never-answered question that got a fact a negative), says how likely the facts answer.
Below the `fact_confidence` setting, the answer carries no facts; its pages stay.
"""

from __future__ import annotations

import math

from ..models import KnowledgeItem, RetrieveResult
from .asked import asked

#: The marks of an answer, in the order of WEIGHTS.
MARKS = ("bias", "best", "second", "best_is_model", "when", "who", "how_many", "where", "names", "owners",
         "focus", "short")
#: Fitted by benchmarks/fit_fact_gate.py on the 46 cases of session 27 (8 dev, 38 tune; not tune_z21-z24).
WEIGHTS = (-0.089, 3.19, 0.789, -0.919, 1.387, -0.779, -0.405, 0.307, -0.944, -1.241, 0.406, 0.809)


def marks(query: str, facts: list[KnowledgeItem], short_matched: int) -> tuple[float, ...]:
    """The answer's marks (MARKS): `facts` best first, user and assistant together."""
    question = asked(query)
    scores = [fact.score or 0.0 for fact in facts]
    return (1.0, scores[0] if scores else 0.0, scores[1] if len(scores) > 1 else 0.0,
            float(bool(facts) and facts[0].id is None),  # a value of the model or an open promise, not a stored fact
            float(question.kind == "time"), float(question.kind == "name"), float(question.kind == "number"),
            float(question.kind == "place"), float(bool(question.names)), float(bool(question.owners)),
            len(question.focus) / 5, short_matched / 5)


def confidence(values: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS) -> float:
    """How likely the facts answer the question (0-1)."""
    return 1.0 / (1.0 + math.exp(-sum(w * x for w, x in zip(weights, values, strict=True))))


def best_first(result: RetrieveResult) -> list[KnowledgeItem]:
    """The answer's user and assistant facts in one list, best first."""
    return sorted(result.retrieved_user_knowledge + result.retrieved_assistant_knowledge,
                  key=lambda fact: -(fact.score or 0.0))


def answer_marks(result: RetrieveResult) -> tuple[float, ...]:
    return marks(result.query, best_first(result), sum(page.relevant for page in result.short_term_memory))


def only_if_confident(result: RetrieveResult, floor: float) -> RetrieveResult:
    """The answer, without its facts when they are unlikely to answer (confidence below `floor`)."""
    if floor <= 0 or not (result.retrieved_user_knowledge or result.retrieved_assistant_knowledge):
        return result
    if confidence(answer_marks(result)) >= floor:
        return result
    return result.model_copy(update={"retrieved_user_knowledge": [], "retrieved_assistant_knowledge": [],
                                     "total_user_knowledge_found": 0, "total_assistant_knowledge_found": 0})
