"""What an extractor reports about the user model (Update), and the rules on attributes and values.

What the store keeps (Value, Changes) is in records.py: the store imports nothing above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..language.text import MONTHS, UPPER, WEEKDAYS, content_words

Change = Literal["set", "add", "end", "correct"]

USER = "user"
#: Attributes that hold one value at a time: a newer one closes the older (kept as history).
SINGLE = frozenset({"name", "surname", "home", "employer", "job", "diet", "age", "partner", "exercise", "kind",
                    "role", "level", "hours", "volunteer", "origin", "studies", "fullname"})


@dataclass(frozen=True)
class Update:
    """One thing a page says about the user model.

    `subject` is "user" or a person, pet or place in their life (a role such as "brother" or a name);
    `attribute` is what about it ("home", "job", "favourite:podcast", "plan"); `change` says whether the
    value replaces the current one ("set"), joins it ("add"), ends it ("end": "I quit Duolingo") or
    corrects it ("correct": "actually Dublin, not Cork", where `old` is the corrected value). `when`
    dates plans, commitments and starts (ISO date).
    """

    subject: str
    attribute: str
    value: str
    change: Change = "set"
    when: str | None = None
    old: str | None = None
    detail: str = ""
    weak: bool = False  #: said in passing ("I'm Kip"): sets a value none is known for, never replaces one
    guessed: bool = False  #: the subject is whom "he", "she" or "they" was taken for, not a name said


def single(attribute: str) -> bool:
    """True for attributes holding one value at a time (a favourite per category too; two favourites said without
    their kind are most likely of two kinds, so neither replaces the other)."""
    return attribute in SINGLE or attribute.startswith("favourite:") and attribute != "favourite:"


def same_value(a: str, b: str) -> bool:
    """Two spellings of one value ("St James's" / "st james")."""
    return bool(_fold(a)) and _fold(a) == _fold(b)


def shortened(a: str, b: str) -> bool:
    """One name is the other cut short ("Ouse Bank" / "Ouse Bank Clinic"): the same place."""
    x, y = sorted((_fold(a), _fold(b)), key=len)
    return len(x) >= 4 and y.startswith(x) and a[:1].isupper() and b[:1].isupper()


#: Words that say when a plan is, not what it is.
_WHEN = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(
    "today tonight tomorrow next week weekend month morning evening afternoon".split())
_NAME = re.compile(rf"\b[{UPPER}][\w'’-]+")


@lru_cache(maxsize=4096)
def plan_words(text: str) -> frozenset[str]:
    """What a plan is about: its content words, without the words that say when ("the Vienna trip, 10 December"
    -> vienna, trip); "but", "not" and the like are no subject. Kept per text: the card and each update compare
    every plan with every other."""
    return frozenset({w.removesuffix("'s") for w in content_words(text) if not any(ch.isdigit() for ch in w)} - _WHEN)


def same_plan(a: str, b: str) -> bool:
    """Two plans about one thing: two words of what they are about in common, or a name ("the Porto trip")."""
    shared = plan_words(a) & plan_words(b)
    names = {n.lower().removesuffix("'s") for n in _NAME.findall(a[1:]) if len(n) > 2}  # not the first word, "Dr"
    return len(shared) >= 2 or bool(shared & names)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """A value's letters and digits in one case, kept per text: each update compares its value with every current
    one of its attribute, twice (447k characters folded for 200 pages)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum()).removesuffix("s")
