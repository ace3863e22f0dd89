"""The user model as a source of facts for a question: its current values said as facts ("User works at
Safaricom"), each matched by the questions it answers ("Where do I work now?"). One that answers the question
leads the facts, since it is what is true now; a closed value is never among them.

A question in other words than the value's questions ("Which beans do I insist on?" / "What do I insist on?"
0.37; "What was my lady friend's profession?" / "What is Maureen's job?" 0.51) is matched at a lower cosine
when it speaks of what the value is about: one of its focus words, or of their family ("profession" -> "job"),
is among the value's words and its questions' (search/asked.py). Either way the value must hold the kind of
answer asked ("When is Cian's birthday?" is not answered by "Cian is five")."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ..models import KnowledgeItem
from ..usermodel.statements import GROUP_WORDS, Statement, alike
from ..usermodel.values import USER
from .asked import (
    Asked,
    Near,
    about,
    asks_more_than,
    holds,
    means,
    named_in,
    of_someone,
    of_the_relative,
    other_side,
    words_of,
)
from .vector_cache import VectorCache

#: Cosine the question must reach with one of the questions a value answers (MiniLM: "Where am I working
#: these days?" / "Where do I work now?" 0.82; "What's Theo's teacher called?" / "Who is my child?" 0.22;
#: "What's my dad's phone number?" / "Who is my dad?" 0.65).
MODEL_FLOOR = 0.7
#: Cosine a question in other words must reach, with a focus word in common (see above).
WEAK_FLOOR = 0.25
#: Cosine from which the question says what one of the value's questions says, in other words, so no focus word
#: need be shared ("Which city is Nikhil in?" / "Where does Nikhil live?" 0.83; "Which writer do I admire most?" /
#: "What is my favourite author?" 0.80); the nearest question that asks something else: "When is Jack's
#: birthday?" / "How old is Jack?" 0.85, a "when" question, and "What's my dad's phone number?" / "Who is my
#: dad?" 0.71.
SAME_QUESTION = 0.8
#: Added to the cosine so a value that answers the question leads the statement facts (their scores are
#: cosine + at most 0.35 of bonuses).
MODEL_BONUS = 0.4
#: Values whose source pages the page search ranks up, by their cosine's share of the best value's.
TOP_VALUES = 3
#: Questions whose vectors are kept (a model holds a few hundred current values).
MAX_CACHED = 8192


class ModelFacts:
    """Ranks the model's statements for a question; the vectors of their questions are computed once."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], near: Near | None = None) -> None:
        self._vectors = VectorCache(embed, MAX_CACHED)
        #: Compares the question's words with a value's by meaning (search/word_meaning.py).
        self.near = near

    def rank(self, said: list[Statement], vector: np.ndarray, k: int,
             question: Asked) -> tuple[list[KnowledgeItem], tuple[int, ...], dict[int, float]]:
        """The k statements answering the question whose vector is `vector`, best first; the pages the best one
        was read from when it reaches MODEL_FLOOR (the page search ranks them first: they hold what is true now);
        and the pages the best TOP_VALUES were read from, each with its value's share of the best cosine (the
        page search ranks them up: a question in other words reaches its page through the value)."""
        asked = [q for statement in said for q in statement.questions]
        cosines = (self._vectors.of(asked) @ vector.astype(np.float32)).tolist() if asked else []
        cosine_of = dict(zip(asked, cosines, strict=True))
        owners = _owners(question, said)
        scored = []
        for statement in said:
            cosine = max((cosine_of[q] for q in statement.questions), default=0.0)
            if _answers(question, owners, statement, cosine, self.near):
                scored.append((cosine, statement))
        scored.sort(key=lambda item: -item[0])
        sure = bool(scored) and scored[0][0] >= MODEL_FLOOR
        pages: dict[int, float] = {}
        for cosine, statement in scored[:TOP_VALUES]:
            for page_id in statement.sources:
                pages[page_id] = max(pages.get(page_id, 0.0), cosine / scored[0][0])
        return ([KnowledgeItem(knowledge=s.text, timestamp=s.since, score=round(c + MODEL_BONUS, 4))
                 for c, s in scored[:k]], scored[0][1].sources if sure else (), pages)


def _owners(question: Asked, said: list[Statement]) -> frozenset[str]:
    """Whom the question is about when not the user: whose something it asks ("my other half's"), someone it
    names that the model knows, or a relation the model knows ("Where do my parents live?")."""
    subjects = {statement.subject.lower() for statement in said}
    relations = {(tuple(words_of(way)), statement.subject.lower()) for statement in said
                 if statement.attribute == "role" for way in alike(statement.value)}
    said_as = {word for words, who in relations if words and question.said.issuperset(words)
               for word in (words[-1], who)}
    return question.owners | (question.names & subjects) | frozenset(said_as)


def _answers(question: Asked, owners: frozenset[str], statement: Statement, cosine: float,
             near: Near | None = None) -> bool:
    """Whether the value answers the question: of the one it is about (`owners`, see `_owners`), holding the kind
    of answer asked, of what it is about unless the question is one of its own in other words (SAME_QUESTION),
    and near in meaning: MODEL_FLOOR, or WEAK_FLOOR for a question in
    other words that is not a "when" question (a value's day is when it was said, not when it began) and, when
    it names no one, asks about the user or who someone is ("Who am I dating?", "Do I have any siblings?")."""
    if cosine < WEAK_FLOOR or statement.attribute == "group" and not question.said & GROUP_WORDS[statement.value]:
        return False  # a whole relation is asked for by its own words: not "How many pets?", "Is my brother married?"
    words = words_of(" ".join((statement.text, *statement.questions)))
    if owners and not named_in(owners, words) or not holds(question, _answer_part(question, statement)) or \
            not of_the_relative(question, words_of(statement.text)):
        return False
    if other_side(question, words) or statement.subject == USER and of_someone(question):
        return False  # "Lorraine lives in Paisley", "User lives in Leamington": asked as "Where does my mum live?"
    if statement.attribute == "role" and question.kind != "name" and asks_more_than(question, statement.value, words):
        return False  # "Fergal is the user's brother": asked as "Which team does my brother support?"
    if cosine >= SAME_QUESTION and question.kind != "time":
        return True
    if not about(question, words) and not means(question, statement.text, near):  # its own words, not its questions'
        return False
    if cosine >= MODEL_FLOOR:
        return True
    if question.kind == "time":
        return False
    who_they_are = statement.attribute == "role" and question.kind in ("name", None)
    return bool(owners) or statement.subject == USER or who_they_are


def _answer_part(question: Asked, statement: Statement) -> str:
    """The statement's text as it may answer the question: for "where", without the name of whom it is about
    ("Piotr works as chef" names no place for "Where does my brother live?")."""
    if question.kind != "place" or statement.subject == USER:
        return statement.text
    return re.sub(rf"(?<!\w){re.escape(statement.subject)}(?:['’]s)?(?!\w)", "", statement.text)


def lead_with(model: list[KnowledgeItem], facts: list[KnowledgeItem], k: int) -> list[KnowledgeItem]:
    """The model's statements and the statement facts in one list, best first, at most k."""
    merged, seen = [], set()
    for item in sorted(model + facts, key=lambda item: -(item.score or 0.0)):
        if item.knowledge not in seen:
            seen.add(item.knowledge)
            merged.append(item)
    return merged[:k]
