"""The assistant's promises that are still to come, for a question about what it will still do.

"Which reminders from you are still coming up?" found every "Assistant promised to remind the user on ..."
fact, January's among them, so the three shown were often the oldest. What the assistant promised or said
for a date before the moment the question is asked (`reference_time`) is kept or broken, not coming up: it
is left out of such answers.

Such a question is answered from the user model's commitments, which know their state: the open ones, due on
or after that moment (in the period the question names, "tomorrow", "in March", "in the next few days"),
soonest first, lead the assistant's facts. Statement facts alone missed them: "Which of your promises are
still open?" shares no word with "Assistant promised to remind the user on Monday 12 April to ...".

A question whether it handed something over ("Did you ever send me that moving checklist?") is answered by the thing
itself (language/facts/delivered.py), not by the promise to send it: such facts lead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..language.facts.delivered import HANDED
from ..language.text import MONTH_NAMES, WEEKDAYS, month_number
from ..models import KnowledgeItem
from ..records import Value

#: A question about what the assistant will still do: a promise word, and a word looking ahead or no past tense.
_PROMISE_WORD = re.compile(r"\b(?:remind\w*|promis\w*|commitments?|committed|(?:you|u)(?:['’]ll| will|['’]d| would)|"
                           r"(?:you|u) supposed to|(?:you|u)(?:['’]re| are| r)? (?:going to|gonna)|"
                           r"(?:you|u)(?: still)? owe|to-?dos?)\b",
                           re.IGNORECASE)
#: "Remind me what ...": a request to recall, not a question about reminders.
_RECALL = re.compile(r"^\W*(?:(?:can|could|would|will) (?:you|u) |please |pls )?remind me,? (?:what|where|who|"
                     r"whom|when|why|how|which|whether|if|of|again)\b", re.IGNORECASE)
#: "What exercise am I doing these days, remind me, for the form": a question asked with "remind me" after it (not
#: "Which reminders are pending, remind me?").
_RECALL_AFTER = re.compile(r"^\W*(?:what|where|who|whom|when|why|how|which)\b[^.?!]*?,\s*remind me\b"
                           r"(?!\s+(?:to|about|of|on|at|in|tomorrow|next)\b)", re.IGNORECASE)
#: A question about what was: "What did you promise to send me?" asks about any promise, kept ones too; not "What
#: are you supposed to remind me about?", a duty to come.
_WAS = re.compile(r"\b(?:did|was|were|had|(?!supposed\b)\w{3,}ed)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:still|coming up|to come|upcoming|going to|gonna|open|next|will|outstanding|pending|left|"
                    r"remaining|soon|tomorrow|today|tonight|this week|this weekend|this month|next month|"
                    r"(?:in|for|during) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)\b", re.IGNORECASE)
_DATE = re.compile(rf"\b(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                   rf"(?P<month>{MONTH_NAMES})\b|(?P<month2>{MONTH_NAMES})\.?\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)",
                   re.IGNORECASE)
#: A day and month without a year more than this long before the fact was learnt is next year's.
_BEHIND = timedelta(days=60)
#: A period ahead a question names: "tomorrow", "this week", "in the next few days", "in March".
_NEXT_DAYS = re.compile(r"\b(?:next|coming)\s+(?P<n>\d{1,2}|few|couple of|two|three|four|five|six|seven)\s+days\b",
                        re.IGNORECASE)
_IN_MONTH = re.compile(rf"\b(?:in|during|for)\s+(?P<month>{MONTH_NAMES})\b", re.IGNORECASE)
_COUNTS = {"few": 3, "couple of": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: Score of an open promise answering such a question: above any statement of the user model (a cosine of
#: at most 1, plus MODEL_BONUS 0.4 and RECENCY_WEIGHT 0.6), so the promises lead the facts.
PROMISE_SCORE = 2.5
#: Characters of a promise's wording a statement fact that restates it starts with.
RESTATED = 60


#: A question about something the assistant was to hand over: "Did you ever send me that moving checklist?", "What
#: was on the packing list you sent me?".
_HANDED = re.compile(r"^\W*(?:so\s+|and\s+)?(?:did|have|has|had)\s+(?:you|u)\s+(?:ever\s+|actually\s+|already\s+)?"
                     r"(?:send|sent|give|given|write|written|draft|drafted|make|made|put together|finish|finished)"
                     r"(?:\s+(?:me|us))?\s+(?:that|the|my|our|a|an|those|these)\b|"
                     r"\b(?:you|u)\s+(?:sent|gave|wrote|drafted|made)\s+(?:me|us|for me)\b", re.IGNORECASE)
#: What lifts a fact holding what the assistant handed over above those that only speak of it (a cosine, at most
#: 1, with the bonuses of retrieval): such a question's scores may pass 1.
HANDED_BONUS = 0.5


def handed_first(query: str, facts: list[KnowledgeItem]) -> list[KnowledgeItem]:
    """For a question about something the assistant was to hand over, the facts holding what it handed (already kept
    to those that answer the question) lead, best first: the list itself, not the promise to send it."""
    if not _HANDED.search(query):
        return facts
    lifted = [fact.model_copy(update={"score": round((fact.score or 0.0) + HANDED_BONUS, 4)})
              if fact.knowledge.startswith(HANDED) else fact for fact in facts]
    return sorted(lifted, key=lambda fact: -(fact.score or 0.0))


def asks_what_is_coming(query: str) -> bool:
    """A promise word, and a word looking ahead or no past tense ("What reminders have you set for me?"); not
    a request to recall something ("Remind me what my cat is called", "What's my cat called, remind me?")."""
    after = _RECALL_AFTER.search(query)
    if _RECALL.search(query) or after and not _PROMISE_WORD.search(query, 0, after.end() - len("remind me")):
        return False
    return _PROMISE_WORD.search(query) is not None and (_AHEAD.search(query) is not None or _WAS.search(query) is None)


def open_promises(values: list[Value], query: str, reference: datetime) -> list[KnowledgeItem]:
    """The open commitments among the user model's `values` that are due on or after `reference` (undated ones
    too) and inside the period ahead the query names, soonest first, said as facts."""
    today = reference.date()
    period = period_ahead(query, today)
    found = []
    for value in values:
        if value.attribute != "commitment" or not value.current:
            continue
        due = _iso(value.when)
        if due is not None and due < today:
            continue
        if period is not None and (due is None or not period[0] <= due < period[1]):
            continue
        found.append((due or date.max, value))
    found.sort(key=lambda item: (item[0], item[1].valid_from))
    return [KnowledgeItem(knowledge=promise_said(value), timestamp=value.valid_from,
                          score=round(PROMISE_SCORE - rank / 1000, 4)) for rank, (_, value) in enumerate(found)]


def besides(promised: list[KnowledgeItem], facts: list[KnowledgeItem]) -> list[KnowledgeItem]:
    """The open promises, then the facts that do not restate one of them ("Assistant promised to remind ...")."""
    said = [fact.knowledge.rsplit(" (", 1)[0].lower()[:RESTATED] for fact in promised]
    return promised + [fact for fact in facts if not any(text in fact.knowledge.lower() for text in said)]


def promise_said(value: Value) -> str:
    """An open commitment as a fact: "Assistant promised to remind the user on ... (open, due 2026-05-26)"."""
    text = value.value[:1].lower() + value.value[1:]
    return f"Assistant promised to {text} ({f'open, due {value.when}' if value.when else 'open'})"


def period_ahead(query: str, today: date) -> tuple[date, date] | None:
    """The days [start, end) a question about what is to come names ("tomorrow", "next week", "on 6 December", "in
    March"), or None."""
    low = query.lower()
    if re.search(r"\btomorrow\b", low):
        return today + timedelta(days=1), today + timedelta(days=2)
    if re.search(r"\b(?:today|tonight)\b", low):
        return today, today + timedelta(days=1)
    monday = today + timedelta(days=7 - today.weekday())
    if re.search(r"\bthis week(?:end)?\b", low):
        return today, monday
    if re.search(r"\bnext week\b", low):
        return monday, monday + timedelta(days=7)
    first = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    if re.search(r"\bthis month\b", low):
        return today, first
    if re.search(r"\bnext month\b", low):
        return first, date(first.year + first.month // 12, first.month % 12 + 1, 1)
    if match := re.search(rf"\bon (?P<day>{'|'.join(WEEKDAYS)})\b", low):
        ahead = (WEEKDAYS[match.group("day")] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead), today + timedelta(days=ahead + 1)
    if match := _NEXT_DAYS.search(low):
        count = match.group("n")
        return today, today + timedelta(days=1 + (int(count) if count.isdigit() else _COUNTS[count]))
    if day := day_named(query, today):  # "What are you supposed to remind me about on 6 December?"
        return day, day + timedelta(days=1)
    if match := _IN_MONTH.search(low):
        month = month_number(match.group("month"))
        year = today.year if month >= today.month else today.year + 1
        end = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), end
    return None


def _iso(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return None


def still_to_come(facts: list[KnowledgeItem], reference: datetime, query: str = "") -> list[KnowledgeItem]:
    """The assistant's facts less those dated before `reference` or outside the period ahead the query names
    ("What will you remind me of tomorrow?" is not answered by a reminder due next month)."""
    today = reference.date()
    period = period_ahead(query, today)
    return [fact for fact in facts if (due := due_date(fact)) is None
            or due >= today and (period is None or period[0] <= due < period[1])]


def due_date(fact: KnowledgeItem) -> date | None:
    """The first date the fact names, its year taken from when it was learnt ("on Saturday 2 May")."""
    try:
        learnt = datetime.strptime(fact.timestamp[:10], "%Y-%m-%d").date() if fact.timestamp else date.today()
    except ValueError:
        return None
    return day_named(fact.knowledge, learnt)


def day_named(text: str, learnt: date) -> date | None:
    """The first date `text` names; a day and month without a year in the first year that puts it no more than
    _BEHIND before `learnt` (the day it was learnt, or asked)."""
    match = _DATE.search(text)
    if match is None:
        return None
    if match.group("iso"):
        try:  # "2026-02-30" or a reference number shaped like a date is no date
            return date.fromisoformat(match.group("iso"))
        except ValueError:
            return None
    day = int(match.group("day") or match.group("day2"))
    month = month_number(match.group("month") or match.group("month2"))
    for year in (learnt.year, learnt.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:  # 29 Feb: not this year, perhaps the next
            continue
        if found >= learnt - _BEHIND:
            return found
    return None

