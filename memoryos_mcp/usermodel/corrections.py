"""A correction that names only the values ("actually she's eight, not seven", "no, Dublin, not Cork"), said as
one (a word like "actually", "sorry" or "I mean" before it): what it corrects is found by the old value, as
whichever current value of the model it is, whoever "she" was taken to be, or as the name of someone known
("sorry, she's Bonnie not Bella": the dog was misnamed)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import DATED, Value
from . import cues
from .values import USER, Update, same_value

#: "X, not Y" ("X actually, not Y") closing a clause: one word each (a number or a name; dates are moved by
#: cues.REDATED). X starts a word: tried from inside one, a long run of letters (a pasted key) was read in time growing
#: with its square.
_NEW_NOT_OLD = re.compile(r"(?<![\w'’-])(?P<new>[\w'’-]+)(?:\s+actually)?,?\s+not\s+(?:the\s+)?(?P<old>[\w'’-]+)"
                          r"\s*(?=[,.;:!)]|$)", re.IGNORECASE)
_NUMBERS = frozenset(cues.NUMBERS.split("|"))
#: Words before it that make "X, not Y" a correction of something said ("actually she's eight, not seven"), not a
#: contrast ("I'm going with Anna, not Maria", "the match is in Dublin, not Cork", "I ordered eight, not seven").
_CORRECTING = re.compile(rf"\b(?:{cues.CORRECTING_WORDS})\b", re.IGNORECASE)


def correction(text: str, said: list[Update]) -> list[Update]:
    """The correction in a sentence, unless an update read from it already corrects the same old value or says the
    new one of someone named ("sorry, Ruby is 9, not 6": Ruby's, whoever is 6); subject and attribute left blank for
    `resolved` to fill."""
    match = _NEW_NOT_OLD.search(text)
    if match is None or _CORRECTING.search(text, 0, match.start()) is None:
        return []
    new, old = match.group("new"), match.group("old")
    if not _kind(new) or _kind(new) != _kind(old) or any(u.old and same_value(u.old, old) or u.attribute and
                                                         not u.guessed and same_value(u.value, new) for u in said):
        return []
    return [Update("", "", new.lower() if _kind(new) == "number" else new, "correct", old=old)]


def resolved(update: Update, current: list[Value]) -> Update | None:
    """A correction naming only the old value, said of the one subject and attribute that hold it now."""
    holders = {(v.subject, v.attribute) for v in current
               if v.current and v.attribute not in DATED and same_value(v.value, update.old or "")}
    if len(holders) != 1:
        return None
    subject, attribute = holders.pop()
    return replace(update, subject=subject, attribute=attribute)


def misnamed(update: Update, current: list[Value]) -> str | None:
    """The one person or pet a correction's old value names ("Bonnie, not Bella": Bella), when no value holds it
    and the new name is no one known yet (of two dogs Bonnie and Bella, "sorry, Bonnie not Bella" says which one
    did something, not that Bella was misnamed)."""
    if _kind(update.value) != "name" or not update.old:
        return None
    old, new = update.old.lower(), update.value.lower()
    if any(v.current and v.subject.lower() == new for v in current):
        return None
    subjects = {v.subject for v in current if v.current and v.subject != USER and v.subject.lower() == old}
    return subjects.pop() if len(subjects) == 1 else None


def _kind(word: str) -> str:
    if word.isdigit() or word.lower() in _NUMBERS:
        return "number"
    return "name" if word[:1].isupper() and word.lower() not in cues.NOT_NAMES else ""
