"""When a change said ahead of time takes effect: a new job is told when it is offered or accepted ("I start at
Porsche on 3 May"), a move when the lease is signed ("we move in on 28 May"). The value is learnt at once; the
day it starts is kept with it (its `when`), so that the card says "since Mon 3 May", not the day of the offer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import moment, resolve_date
from ..language.text import DAY_OF_MONTH
from .values import USER, Update

#: The attributes a start day is said of, and the words that say it: "start(ing) ... on 3 May", "first day is
#: Monday 19 April", "move in on 28 May".
_STARTS: dict[str, re.Pattern[str]] = {
    attribute: re.compile(rf"\b(?:{words})\b[^.!?]{{0,60}}?\b(?P<day>{DAY_OF_MONTH})\b", re.IGNORECASE)
    for attribute, words in (("work", r"start|starts|starting|first day"), ("home", r"move in|moving in|move|moving"))}
_OF = {"employer": "work", "job": "work", "home": "home"}
#: The user's attributes whose `when` is the day they start.
STARTED = frozenset(_OF)
#: A job said with the day it begins ("Process engineer at Ventus Carbon from 1 September").
_FROM = re.compile(rf"(?P<what>[^.!?;]{{1,80}}?)\bfrom\s+(?:\w+\s+)?(?P<day>{DAY_OF_MONTH})\b", re.IGNORECASE)
#: Who starts: the user ("I start on", "we move in on"), or no one said in the clause before the start word
#: ("..., starting Monday 6 July", "start monday 7 june"); not "my holiday starts", "my husband starts".
_BY_USER = re.compile(r"\b(?:i|we|i'm|we're|i'll|we'll|im)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:.!?\n]|\b(?:and|but|so|then)\b", re.IGNORECASE)
_FILLER = frozenset("also oh ok okay just finally officially".split())


def started_on(updates: list[Update], text: str, said_at: str) -> list[Update]:
    """The user's new employer, job or home with the day ahead the message says it starts (by the user: "I start on
    3 May", "..., starting Monday 6 July"; not "my holiday starts on 12 October")."""
    base = moment(said_at)
    if base is None:
        return updates
    days: dict[str, str] = {}
    for kind, pattern in _STARTS.items():
        for found in pattern.finditer(text):
            clause = _CLAUSE_START.split(text[:found.start()])[-1]
            words = [w for w in clause.lower().split() if w not in _FILLER]
            if not (_BY_USER.search(clause) or not words) or kind in days:
                continue
            day = resolve_date(found.group("day"), base, ahead=True)
            if day is not None and day > base.date():
                days[kind] = day.isoformat()
    work = [u.value.lower() for u in updates if u.subject == USER and u.attribute in ("employer", "job")]
    for found in _FROM.finditer(text) if work and "work" not in days else ():
        day = resolve_date(found.group("day"), base, ahead=True)
        if day is not None and day > base.date() and any(v in found.group("what").lower() for v in work):
            days["work"] = day.isoformat()
            break
    return [replace(u, when=days[_OF[u.attribute]]) if u.subject == USER and u.attribute in _OF and
            u.change in ("set", "correct") and not u.when and _OF[u.attribute] in days else u for u in updates]
