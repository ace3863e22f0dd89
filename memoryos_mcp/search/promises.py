"""The assistant's promises that are still to come, for a question about what it will still do.

"Which reminders from you are still coming up?" found every "Assistant promised to remind the user on ..."
fact, January's among them, so the three shown were often the oldest. What the assistant promised or said
for a date before the moment the question is asked (`reference_time`) is kept or broken, not coming up: it
is left out of such answers.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..language.text import MONTHS
from ..models import KnowledgeItem

_MONTH = "|".join(sorted([*MONTHS, *(m[:3] for m in MONTHS), "sept"], key=len, reverse=True))
#: A question about what the assistant will still do: a promise word and a word looking ahead.
_PROMISE_WORD = re.compile(r"\b(?:remind\w*|promis\w*|you['’]ll|you will|you said you['’]d|supposed to)\b",
                           re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:still|coming up|to come|upcoming|going to|open|next|will|outstanding)\b", re.IGNORECASE)
_DATE = re.compile(rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                   rf"(?P<month>{_MONTH})\b|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)",
                   re.IGNORECASE)
#: A day and month without a year more than this long before the fact was learnt is next year's.
_BEHIND = timedelta(days=60)


def asks_what_is_coming(query: str) -> bool:
    return _PROMISE_WORD.search(query) is not None and _AHEAD.search(query) is not None


def still_to_come(facts: list[KnowledgeItem], reference: datetime) -> list[KnowledgeItem]:
    """The assistant's facts less those dated before `reference`."""
    return [fact for fact in facts if (due := due_date(fact)) is None or due >= reference.date()]


def due_date(fact: KnowledgeItem) -> date | None:
    """The first date the fact names, its year taken from when it was learnt ("on Saturday 2 May")."""
    match = _DATE.search(fact.knowledge)
    if match is None:
        return None
    try:  # "2026-02-30" or a reference number shaped like a date is no date
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        learnt = datetime.strptime(fact.timestamp[:10], "%Y-%m-%d").date() if fact.timestamp else date.today()
    except ValueError:
        return None
    day = int(match.group("day") or match.group("day2"))
    month = _month(match.group("month") or match.group("month2"))
    for year in (learnt.year, learnt.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:  # 29 Feb: not this year, perhaps the next
            continue
        if found >= learnt - _BEHIND:
            return found
    return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or next(n for full, n in MONTHS.items() if full.startswith(name[:3]))
