"""A question about why the user gave something up or had it changed ("Why did I give up netball?", "Why was my back
medication switched, and what do I take now?"): answered by what the user said when the old value closed, and by
the value that took its place.

The user model keeps the page that closed each value: the message saying netball is dead now the new roster has
evenings, or that the doctor stopped the naproxen for the heartburn. Its facts say why far more often than the facts
that only share the question's words ("won netball 21-9", "signed up for the marathon")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..language.text import STOPWORDS
from ..models import Fact, KnowledgeItem
from ..records import Value
from ..usermodel.cues import ROLE_PATTERN
from ..usermodel.statements import Statement
from ..usermodel.values import USER
from .asked import Asked, about, words_of
from .question_words import ANY_PET, PETS

#: "Why did I give up ...", "Why was my medication switched", "..., and why did the GP swap it?": a question why
#: something the user had ended, the ending said in the same clause ("Why is my knee sore since I changed shoes?" is
#: not one).
_ENDED_VERBS = ("gave give giving stop stopped quit switch switched swap swapped change changed drop dropped cancel "
                "cancelled canceled leave left pack packed")
_WHY_ENDED = re.compile(r"\bwhy\b(?=(?:(?!\b(?:since|because|after|when|so|and|but|while)\b)[^?,;.])*\b(?:"
                        + "|".join(_ENDED_VERBS.split()) + r")\b)", re.IGNORECASE)
#: The question asks what came instead too ("..., and what do I do instead?", "what do I take now?"; not "what is my
#: HbA1c now?").
_REPLACED = re.compile(r"\b(?:instead|replaced|(?:switched|changed|swapped|moved)\s+(?:to|for|onto)|t(?:ake|ook)\s+up|"
                       r"what\s+do\s+(?:i|we)\s+(?:do|take|have|use|drink|eat|play)\s+now)\b", re.IGNORECASE)
#: Words of the question that name no value: the asking, the ending and the doing.
_NOT_VALUES = STOPWORDS | frozenset(f"why {_ENDED_VERBS} get got instead now take took taking make made use used go "
                                    "going start started".split())
#: Attributes whose values stand in for one another: netball given up for bouldering, the exercise for a hobby.
_ALTERNATIVES: tuple[frozenset[str], ...] = (frozenset({"exercise", "hobby"}),)
#: A thing said to have ended, in a fact: "no curling this season", "stop with the knitting", "gave up coffee",
#: "netball is dead", "the marathon's off" (THING stands for the words the question names).
_ENDING = (r"\b(?:no(?:\s+more)?|stop(?:ped|ping)?(?:\s+with)?|quit(?:ting)?|gave\s+up|give\s+up|giving\s+up|"
           r"cancell?ed|packed\s+in)\s+(?:the\s+|my\s+|our\s+)?THING\b|\bTHING(?:['’]s|\s+is|\s+was)\s+"
           r"(?:off|dead|over|cancell?ed|done)\b")
#: Facts saying the ending returned at most: the first news of it, and the next (a reason is often said in one);
#: facts of the page that closed a value at most (a long message may make several).
_SAID_ENDINGS = 2
_PAGE_FACTS = 3
#: Above the scores of the model's statements (cosine + 0.4, + 0.6 for the latest of a question about now) and of the
#: facts: what the user said when the value ended leads. What replaced it is a guess: next, below the best facts of
#: each part of the question (each part's are scaled to the best of all when they are merged, search/parts.py).
REASON_SCORE = 3.0
REPLACEMENT_SCORE = 2.95


@dataclass(frozen=True)
class Why:
    """What the user said when the thing a question asks about ended, then what replaced it if it asks; the pages
    that said so."""

    facts: list[KnowledgeItem]
    pages: tuple[int, ...] = ()


NO_WHY = Why([])
_WHY = re.compile(r"\bwhy\b", re.IGNORECASE)
#: Whose the thing is when not the user's: someone in their life as the subject, or his, her or their thing.
_SOMEONE_ELSE = re.compile(rf"\bwhy\s+\w+\s+(?:my|our)\s+(?:{ROLE_PATTERN}|{'|'.join(sorted(PETS | ANY_PET))})\b|"
                           r"\b(?:his|her|their)\b", re.IGNORECASE)


def asks_why_ended(query: str) -> bool:
    return bool(_WHY_ENDED.search(query))


def one_why(query: str) -> bool:
    """Whether a question asks one why: its parts are then answered by the whole's why answer, not each by their own
    ("..., and why did the GP swap it?" read alone is of the GP, not the tablet)."""
    return len(_WHY.findall(query)) == 1


def why_ended(query: str, question: Asked, values: list[Value], facts: list[Fact], said: list[Statement]) -> Why:
    """The answer to a question `asks_why_ended` accepts, about the user (not "Why did my sister change jobs?"): the
    facts learnt from the page that closed the value it asks about (superseded ones too: a why is about the past),
    and, when it asks what came instead, the value that replaced it as the model says it. Without such a value (the
    model never held it), the facts that say the thing it names ended ("no curling until she's seen the results")."""
    if not _of_the_user(query):
        return NO_WHY
    named = set(words_of(query)) - _NOT_VALUES
    ended = _ended(named, question, values)
    if ended is None or ended.closed_by is None:  # never held: what said it ended, unless it names someone, who may
        return NO_WHY if question.names else _said_ending(named, facts)  # have ended their own ("Why did Jon stop?")
    page = ended.closed_by
    found = [_item(f, REASON_SCORE) for f in facts if page in f.sources][:_PAGE_FACTS]
    new = _replacement(ended, values)
    instead = [] if new is None or not _REPLACED.search(query) else \
        [KnowledgeItem(knowledge=s.text, timestamp=s.since, score=REPLACEMENT_SCORE) for s in said
         if (s.subject, s.attribute, s.value) == (new.subject, new.attribute, new.value)][:1]
    return Why(found + instead, (page,)) if found else NO_WHY


def _of_the_user(query: str) -> bool:
    """Whether the thing the question asks about is the user's: not someone's in their life ("Why did my sister
    change jobs?", "Why did my dog stop eating?", "Why did Tom leave his job?"); a doctor may end it ("Why did Dr
    Lim stop the gliclazide?")."""
    return not _SOMEONE_ELSE.search(query)


def _ended(named: set[str], question: Asked, values: list[Value]) -> Value | None:
    """The user's value, closed by what they said, the question asks about: one whose words it names ("netball",
    "Why did Dr Lim stop the gliclazide?"), else, when it names no one, the latest one of the kind it names ("my blood
    pressure medicine" -> medication). Plans are left out: one whose day went by is closed too, by whatever page came
    next."""
    closed = [v for v in values if v.subject == USER and v.status == "past" and v.closed_by is not None
              and v.attribute != "plan"]
    by_value = [v for v in closed if named & set(words_of(v.value))]
    by_kind = [v for v in closed if question.focus and not question.names
               and about(question, words_of(v.attribute.split(":")[-1]))]
    return max(by_value or by_kind, key=lambda v: v.valid_to or "", default=None)


def _said_ending(named: set[str], facts: list[Fact]) -> Why:
    """The first facts, in the order said, that say the thing the question names ended ("No curling until she's seen
    the results"): the reason is mostly said with the first news of it."""
    if not named:
        return NO_WHY
    thing = "(?:" + "|".join(map(re.escape, sorted(named))) + ")"
    ending = re.compile(_ENDING.replace("THING", thing), re.IGNORECASE)
    first = sorted((f for f in facts if ending.search(f.knowledge)), key=lambda f: f.timestamp or "")[:_SAID_ENDINGS]
    pages = tuple(page for fact in first for page in fact.sources)
    return Why([_item(f, REASON_SCORE) for f in first], pages) if first else NO_WHY


def _item(fact: Fact, score: float) -> KnowledgeItem:
    return KnowledgeItem(knowledge=fact.knowledge, timestamp=fact.timestamp, id=fact.id, score=score,
                         status=fact.status)


def _replacement(ended: Value, values: list[Value]) -> Value | None:
    """The current value of the same kind that replaced the old one: one read from the page that closed it ("Instead
    I am now taking celecoxib"), else the one that began nearest its end, after it began."""
    kinds = next((group for group in _ALTERNATIVES if ended.attribute in group), frozenset({ended.attribute}))
    after = [v for v in values if v.current and v.subject == ended.subject and v.attribute in kinds
             and v.valid_from >= ended.valid_from]
    end = _day(ended.valid_to or ended.valid_from)
    return min(after, key=lambda v: (ended.closed_by not in v.sources, abs((_day(v.valid_from) - end).days)),
               default=None)


def _day(timestamp: str) -> date:
    return date.fromisoformat(timestamp[:10])
