"""What the statement facts know of the user and the model does not: the card's "More about them" lines.

The model's extraction misses values said in words its rules do not know, while the statement facts hold
them ("User drives a Baleno", "User's favourite band is Ben&Ben"). Each statement of a current user fact,
and its leading clauses (a compound statement's one vector blurs its facts), is matched by meaning (the
engine's embedder) to the examples of the attribute it is nearest to, and must be nearer to it than to any
diary line ("User cried", "User's mum phoned"); per attribute the newest statement is shown, unless the
model holds that attribute already, the statement names a value the model closed (it would read as
current), or it is a one-off event, a plan, a request or a line about someone outside the user's life
(the user's own people are in: "User's sister lives in Cork, she teaches piano").
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

import numpy as np

from ..language.facts.changes import changed, says_changed
from ..language.profile import PART_SEPARATOR, dangling, specificity
from ..language.text import content_words
from ..records import DATED, Value
from . import cues, exercise
from .values import USER

#: Texts to unit vectors (the engine's embedder).
Embed = Callable[[list[str]], np.ndarray]
#: A stored fact: its text, when it was last seen, its vector (the embedder's of the whole text).
Stored = tuple[str, str, np.ndarray]
#: Cosine to an attribute's nearest example a statement needs, and its lead over the nearest diary line.
MIN_COSINE = 0.45
MIN_LEAD = 0.12
#: Names and content words a statement needs to say something (profile.specificity): "User" and one more word
#: ("User has had psoriasis"); a diary line of so few words is left out by meaning.
MIN_SPECIFICITY = 2
#: Statement vectors kept between cards (a card is written after every learnt batch).
CACHE = 4096
#: The newest facts a card reads, and the most statements (with their leading clauses) it matches: the newest
#: per attribute is shown, and a store of months holds thousands, whose embedding would grow with the store.
NEWEST = 1000
LINE_CHARS = 150
TITLE = "More about them:"

#: Attribute -> (the model's attributes that hold it already, examples of statements about it).
ASPECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "car": (("car",), ("User drives a Toyota", "User bought a new car", "User's car is a Honda Civic",
                       "User's Golf is in the garage for repairs", "User drives a Volkswagen Polo")),
    "commute": ((), ("User commutes to work by train", "User takes the bus to work every day")),
    "workdays": (("hours",), ("User works in the office on Tuesdays and Thursdays",
                              "User's days off are Mondays and Wednesdays")),
    "side business": ((), ("User runs a small side business selling cakes", "User has a side hustle")),
    "tools": (("uses",), ("User uses Excel and SAP at work", "User uses an app to track spending")),
    "manager": (("manager",), ("User's manager is Gill", "User's boss is called Mr Patel")),
    "school": ((), ("User's son goes to St Mary's primary school", "User's kids' school is Oakwood")),
    "home": (("home",), ("User lives in a flat in Camden", "User moved to a boarding house in Teachers Village")),
    "job": (("job",), ("User works as a nurse", "User is an accountant")),
    "employer": (("employer",), ("User works at Siemens", "User's company is Acme")),
    "former career": ((), ("User used to work as a teacher for thirty years", "User is a retired teacher")),
    "training": (("course",), ("User is taking a UX design course", "User is studying for a nursing degree")),
    "exercise": (("exercise",), ("User goes running three times a week", "User swims at the pool every morning",
                                 "User does yoga", "User does a spin class on Tuesdays", "User joined a cycling club")),
    "sport": (("exercise", "club"), ("User plays football on Sundays", "User plays padel every week")),
    "hobby": (("hobby",), ("User enjoys painting in their free time", "User's hobby is knitting")),
    "health": (("condition",), ("User has migraines", "User has a bad knee", "User has high blood pressure",
                                "User was diagnosed with an underactive thyroid", "User's eczema is playing up",
                                "User has Crohn's disease")),
    "diet": (("diet", "avoids", "limits"), ("User is vegetarian", "User is on a low-carb diet",
                                            "User has given up alcohol", "User has cut out gluten",
                                            "User is fasting twice a week")),
    "weight": ((), ("User weighs 80 kg", "User wants to lose weight")),
    "drink": ((), ("User drinks matcha every day", "User drinks two coffees every morning")),
    "band": (("favourite:band", "favourite:music"), ("User's favourite band is Coldplay",
                                                     "User loves listening to Taylor Swift",
                                                     "User's favourite singer is Elvis Presley")),
    "film": (("favourite:film", "favourite:movie"), ("User's favourite film is The Godfather",
                                                     "User loves watching Studio Ghibli films")),
    "show": (("favourite:show",), ("User's favourite TV show is Friends", "User is rewatching Gilmore Girls",
                                   "User watches Bake Off every week")),
    "book": (("favourite:author", "favourite:book"), ("User's favourite author is Jane Austen",
                                                      "User loves reading Terry Pratchett books")),
    "food": (("favourite:food", "favourite:restaurant"), ("User's favourite food is ramen",
                                                          "User's favourite restaurant is Dishoom")),
    "name": (("name",), ("User's name is Anna Kowalski", "User is called Tom", "User's full name is Maria Lopez")),
    "origin": (("origin",), ("User is originally from Cork", "User grew up in Manchester", "User's hometown is Lyon")),
    "partner": ((), ("User's husband Mark is a plumber", "User's girlfriend Sophie works as a teacher",
                     "User's partner Alex lives in Bristol")),
    "children": ((), ("User's son Jack is eight", "User's daughter Emma is a doctor in London",
                      "User has two kids, Lily and Sam")),
    "parents": ((), ("User's mum lives in Dublin", "User's father is a retired engineer",
                     "User's parents live in Spain")),
    "siblings": ((), ("User's sister Kate lives in Leeds", "User's brother Tom is a chef",
                      "User has a younger brother called Dan")),
    "grandchildren": ((), ("User's grandson Oliver is five", "User's granddaughter Mia studies law in Glasgow")),
    "friends": ((), ("User's best friend is Sarah", "User's friend Paul is a lawyer in Berlin")),
    "housemate": ((), ("User shares a flat with their friend Jo", "User's roommate is called Priya")),
    "pet": (("pet",), ("User has a dog called Max", "User's cat Luna is three years old", "User has a spaniel",
                       "User has a golden retriever", "User's rabbit is called Thumper",
                       "User got a kitten from the rescue centre")),
    "business": ((), ("User runs a bakery", "User owns a small cafe", "User has their own cleaning company")),
    "medication": (("medication",), ("User takes metformin every day", "User is on blood pressure tablets")),
    "allergy": (("allergy",), ("User is allergic to peanuts", "User has a cat allergy")),
    "team": ((), ("User supports Liverpool", "User is a big Celtics fan", "User's team is the Yankees")),
}
#: Diary lines: a statement nearer to these than to an attribute is no profile line.
DIARY = ("User said yes", "User said no", "User cried", "User is tired", "User survived", "User passed the exam",
         "User booked an appointment", "User asked for help", "User is nervous", "User went to the shop on Sunday",
         "User did something", "User said thanks", "User moved", "User submitted it", "User is asking for a friend",
         "User has forgotten", "User got the keys", "User said something funny", "User is happy", "User was honest",
         "User's mum phoned", "User's brother called them yesterday", "User's friend came round", "User's dog was sick",
         "User's sister texted", "User is having a cup of coffee", "User had a few drinks last night",
         "User bought bread and cheese at the shop", "User is cooking dinner", "User is sitting on the sofa",
         "User's nephew had a birthday party", "User's back is aching after the class", "User met someone at a party",
         "User's friend says they are nice", "User's colleague is working from home today",
         "User is on their second coffee", "User can leave early today", "User ate too much cake",
         "User has some vegetables in the fridge", "User went to a meeting", "User is staying at a hotel",
         "User missed the bus home", "User has nothing to wear")
#: Not a standing fact about the user: an answer read out of context, a dated event, a plan, a request, a
#: question, someone else ("he", "she"), or a contrast ("matcha now, not milk tea") that names the old value.
_NOT_STANDING = re.compile(
    r"^User, asked|\?|\b\d{4}-\d\d-\d\d\b|\b(?:will|going to|plans?|planning|wants? to|needs? to|asking|"
    r"asked|remind|please|pls)\b|\b(?:he|she|him|his|her|hers|they're)\b|\b(?:not|instead|anymore)\b|n't\b",
    re.IGNORECASE)
#: A change said as a contrast: no line itself ("swimming instead now"), but news of the attribute it is about; a
#: bare negation ("User is not a fan of horror") is no news of a change.
_CONTRAST = re.compile(r"\b(?:instead|any ?more|no longer|no more)\b", re.IGNORECASE)
#: A person of the user's named by their role: the pronouns of the statement are theirs.
_KIN = re.compile(rf"\b(?:User's|the user's) (?:{cues.ROLES}|{cues.PETS})\b|\bis the user's\b", re.IGNORECASE)
_PET = re.compile(rf"\b(?:{cues.PETS})\b", re.IGNORECASE)
_PRONOUN = re.compile(r"he|she|him|his|her|hers", re.IGNORECASE)
#: Where a statement's clause ends; the first MAX_CLAUSES leading clauses are matched on their own.
_CLAUSE = re.compile(r",\s|\s(?:and|but|so|because|which|while)\s")
MAX_CLAUSES = 3
_FAVOURITE = re.compile(r"^User's (?P<k>favou?rite [\w ]{1,30}?) is (?P<v>.+)$")


class FactNotes:
    """Picks the card's lines from the user's statement facts; keeps statement vectors between cards."""

    def __init__(self, embed: Embed) -> None:
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()  #: `warm` runs in the worker while a card may be written under the engine lock
        self._names = [name for name, (_, examples) in ASPECTS.items() for _ in examples]

    def lines(self, facts: list[tuple[str, str]], values: list[Value]) -> list[str]:
        """Lines for the (text, last seen) current user facts, newest first, one per attribute the model
        lacks; a line is left out when a newer change said as a contrast is about the same attribute ("User
        runs 5k" before "User is swimming instead now"), though the contrast is no line itself."""
        newest_first = sorted(facts, key=lambda fact: fact[1], reverse=True)
        parts = list(islice(((part.strip(), seen) for text, seen in newest_first
                             for part in text.split(PART_SEPARATOR)), NEWEST))
        statements = list(islice(((span, seen) for part, seen in parts for span in _spans(part)
                                  if _about_user(span) and (_standing(span) or _CONTRAST.search(span))), NEWEST))
        if not statements:
            return []
        held = _held(values)
        overtaken = self._overtaken(statements, [(part, seen) for part, seen in parts if says_changed(part)])
        closed = gone(values) + _other_activities(values)
        favourites = [v.value.lower() for v in values if v.current and v.subject == USER
                      and v.attribute.startswith("favourite:") and len(v.value) > 2]
        chosen: dict[str, tuple[str, str]] = {}
        newer: dict[str, str] = {}  #: aspect -> when a statement about it was last seen
        for (part, seen), (aspect, nearest) in zip(statements, self._aspects_of([p for p, _ in statements]),
                                                   strict=True):
            if nearest is not None and _CONTRAST.search(part):
                newer[nearest] = max(newer.get(nearest, ""), seen)
            if aspect is None or not _standing(part) or held & set(ASPECTS[aspect][0]) or part in overtaken or \
                    _names_any(part, closed) or _names_any(part, favourites) or \
                    _changed_since(part, seen, ASPECTS[aspect][0], values):  # a favourite no aspect names, shown
                continue
            if aspect not in chosen or seen >= chosen[aspect][1]:
                chosen[aspect] = (part, seen)
        newest = sorted((line for aspect, line in chosen.items() if newer.get(aspect, "") <= line[1]),
                        key=lambda item: item[1], reverse=True)
        return list(dict.fromkeys(phrase(part) for part, _ in newest))

    def _overtaken(self, statements: list[tuple[str, str]], news: list[tuple[str, str]]) -> set[str]:
        """The statements one of the newer `news` says changed (facts/changes.py: "signed up for the Dublin
        Marathon" before "pulled out of the Dublin Marathon"), a part of a fact of many statements too: shown they
        read as current."""
        if not news:
            return set()
        vectors = self._vectors_of([part for part, _ in news + statements])
        return {part for i, (new, said) in enumerate(news) for j, (part, seen) in enumerate(statements, len(news))
                if seen < said and changed(new, part, float(vectors[i] @ vectors[j]))}

    def known(self, facts: list[Stored]) -> list[tuple[str, str]]:
        """The (text, last seen) of stored facts for `lines`, keeping the stored vector of each fact of one
        statement: it is that statement's, so no card embeds it again."""
        with self._lock:
            self._vectors.update((text, vector) for text, _, vector in facts if PART_SEPARATOR not in text)
        return [(text, seen) for text, seen, _ in facts]

    def warm(self, facts: list[Stored]) -> None:
        """Embed now the statements the next card of these facts will read and no vector is kept of: the
        learner calls it before its write, so the card written inside (under the engine lock) embeds none."""
        self.lines(self.known(facts), [])

    def _aspects_of(self, parts: list[str]) -> list[tuple[str | None, str | None]]:
        """The attribute each statement is about by meaning (None when it is nearer to a diary line), and the
        attribute it is nearest to, when no diary line is nearer ("User said the band broke up" is news of the
        band, if no line of its own)."""
        cosines = self._vectors_of(parts) @ _examples(self._embed).T
        found: list[tuple[str | None, str | None]] = []
        for row in cosines:
            aspects, diary = row[: len(self._names)], row[len(self._names):]
            best = int(aspects.argmax())
            near = aspects[best] >= MIN_COSINE and aspects[best] >= diary.max()
            good = near and aspects[best] - diary.max() >= MIN_LEAD
            found.append((self._names[best] if good else None, self._names[best] if near else None))
        return found

    def _vectors_of(self, parts: list[str]) -> np.ndarray:
        """The statements' vectors, kept or embedded (outside the cache's lock); past CACHE only this card's stay."""
        with self._lock:
            missing = [p for p in dict.fromkeys(parts) if p not in self._vectors]
        made = self._embed(missing) if missing else np.zeros((0, 0), np.float32)
        with self._lock:
            self._vectors.update(zip(missing, made, strict=True))
            rows = np.stack([self._vectors[p] for p in parts])
            if len(self._vectors) > CACHE:
                self._vectors = dict(zip(parts, rows, strict=True))
        return rows


@lru_cache(maxsize=4)
def _examples(embed: Embed) -> np.ndarray:
    """The aspects' examples and the diary lines, embedded once per process and embedder: every memory opened
    (one per user) embedded these 146 lines again for its first card, 1.1 s of CPU (dev_sam, loaded)."""
    examples = [example for _, examples in ASPECTS.values() for example in examples]
    return embed(examples + list(DIARY))


def fitting(notes: list[str], card: str, room: int) -> str:
    """The "More about them" section of the notes that fit in `room` characters, leaving out what the card
    already says; '' when none."""
    said = card.lower()
    lines: list[str] = []
    room -= len(TITLE) + 1
    for note in notes:
        words = content_words(note)
        if not words or all(w.lower() in said for w in words):
            continue
        line = f"- {note}"
        if len(line) + 1 <= room:
            lines.append(line)
            room -= len(line) + 1
    return "\n".join([TITLE, *lines]) if lines else ""


def phrase(part: str) -> str:
    """A statement as a card line: "Favourite band: Ben&Ben", "Drives a Baleno"."""
    favourite = _FAVOURITE.match(part.rstrip("."))
    if favourite:
        kind = favourite.group("k")
        return f"{kind[:1].upper()}{kind[1:]}: {favourite.group('v')}"
    text = re.sub(r"^User (?:said )?|^User's ", "", part).replace("the user's ", "their ")
    text = " ".join(text.split())
    text = text if len(text) <= LINE_CHARS else text[:LINE_CHARS].rsplit(" ", 1)[0] + "..."
    return text[:1].upper() + text[1:]


def _spans(part: str) -> list[str]:
    """The statement and its leading clauses, shortest first: "User works as a nurse, and the ward is busy"
    is about a job in its first clause only, and one vector of the whole blurs it."""
    cuts = [m.start() for m in _CLAUSE.finditer(part)]
    return list(dict.fromkeys([part[:cut] for cut in cuts[:MAX_CLAUSES]] + [part]))


def _about_user(part: str) -> bool:
    """A statement of the user or of someone in their life ("Tom is the user's brother")."""
    return part.startswith("User") or "the user's " in part


def _standing(part: str) -> bool:
    """A statement that says something lasting of the user, or of one of their people ("User's sister lives in
    Leeds, she is a nurse": "she" is the sister)."""
    kin = _KIN.search(part)
    found = (m for m in _NOT_STANDING.finditer(part) if not (kin and _PRONOUN.fullmatch(m.group(0))))
    return next(found, None) is None and not dangling(part) and specificity(part) >= MIN_SPECIFICITY


def _held(values: list[Value]) -> set[str]:
    """The attributes the model holds a current value of for the user, and the people and pets it knows by
    role."""
    held = {v.attribute for v in values if v.current and v.subject == USER}
    if any(v.current and v.attribute == "role" and v.value in ("manager", "boss") for v in values):
        held.add("manager")
    if any(v.current and v.attribute == "role" and _PET.search(v.value) for v in values):
        held.add("pet")  # a pet's line beside the pet the model knows is mostly of one no longer theirs
    return held


def _changed_since(part: str, seen: str, attributes: tuple[str, ...], values: list[Value]) -> bool:
    """The model closed a value of what the statement is about after it was said: of the user's attribute it is
    nearest to ("electrician at a firm in Cork" before "got laid off"), or of a person it names ("Son Owen works at
    a garage" before "he's an apprentice plumber now"); the statement is from before the change."""
    day = seen[:10]
    for value in values:
        if value.current or not value.valid_to or value.valid_to[:10] <= day or value.attribute in DATED:
            continue
        if value.subject == USER and value.attribute in attributes or \
                value.subject != USER and value.subject[:1].isupper() and _word(value.subject.lower()).search(
                    part.lower()):
            return True
    return False


def gone(values: list[Value]) -> list[str]:
    """What the model holds as no longer so, in lower case: the user's closed values, and the names of those with
    nothing current said of them (a pet that died, an ex): a statement naming one reads as current."""
    closed = [v.value.lower() for v in values if v.subject == USER and not v.current and len(v.value) > 2]
    current = {v.subject for v in values if v.current}
    return closed + sorted({v.subject.lower() for v in values if v.subject != USER and v.subject[:1].isupper()
                            and v.subject not in current})


def _other_activities(values: list[Value]) -> list[str]:
    """The activities the model does not hold as the user's now, once it holds one: a line naming another
    ("knee hurts from running" when they box now) may be from before the change."""
    doing = " ".join(v.value.lower() for v in values if v.current and v.subject == USER
                     and v.attribute in ("exercise", "hobby", "club"))
    if not doing:
        return []
    return [a for a in exercise.ACTIVITIES.split("|") if a and a not in doing]


def _names_any(part: str, closed: list[str]) -> bool:
    """The statement names a value the model holds as past: shown here it would read as current."""
    lower = part.lower()
    return any(_word(value).search(lower) for value in closed)


@lru_cache(maxsize=8192)
def _word(value: str) -> re.Pattern[str]:
    """A value as a whole word, compiled once: a store's closed values outnumber `re`'s cache of 512, so
    `re.search` compiled each again for every statement of every card (10k store: 4 cards 4.6 -> 1.3 s)."""
    return re.compile(rf"\b{re.escape(value)}\b")
