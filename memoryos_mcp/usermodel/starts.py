"""When a change said ahead of time takes effect: a new job is told when it is offered or accepted ("I start at
Porsche on 3 May"), a move when the lease is signed ("we move in on 28 May"). The value is learnt at once; the
day it starts is kept with it (its `when`), so that the card says "since Mon 3 May", not the day of the offer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import moment, resolve_date
from ..language.text import MONTH_NAMES
from .values import USER, Update

#: The attributes a start day is said of, and the words that say it: "start(ing) ... on 3 May", "first day is
#: Monday 19 April", "move in on 28 May", "moving day is the 1st".
_STARTS: dict[str, re.Pattern[str]] = {
    attribute: re.compile(rf"\b(?:{words})\b(?:(?![.!?])[^.!?]){{0,60}}?\b(?:on\s+|from\s+)?(?P<day>"
                          rf"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
                          rf"(?:\s+of)?\s+(?:{MONTH_NAMES})|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
                          rf"(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b", re.IGNORECASE)
    for attribute, words in (("work", r"start|starts|starting|first day(?:\s+is)?"),
                             ("home", r"move in|moving in|move|moving|keys"))}
_OF = {"employer": "work", "job": "work", "home": "home"}


def started_on(updates: list[Update], text: str, said_at: str) -> list[Update]:
    """The user's new employer, job or home with the day ahead it starts, when the message says one."""
    base = moment(said_at)
    if base is None:
        return updates
    days: dict[str, str] = {}
    for kind, pattern in _STARTS.items():
        found = pattern.search(text)
        day = resolve_date(found.group("day"), base, ahead=True) if found else None
        if day is not None and day > base.date():
            days[kind] = day.isoformat()
    return [replace(u, when=days[_OF[u.attribute]]) if u.subject == USER and u.attribute in _OF and
            u.change in ("set", "correct") and not u.when and _OF[u.attribute] in days else u for u in updates]
