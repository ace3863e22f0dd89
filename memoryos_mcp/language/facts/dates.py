"""Relative time phrases in a fact ("yesterday", "last month", "next week") turned into dates.

A fact is read long after it was said, so "yesterday" must become the day before the page's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from .words import IRREGULAR_PAST


def _month_before(day: datetime) -> str:
    return f"in {(day.replace(day=1) - timedelta(days=1)):%B %Y}"


def _month_after(day: datetime) -> str:
    return f"in {(day.replace(day=28) + timedelta(days=4)):%B %Y}"


_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


def _last_weekday(name: str) -> Callable[[datetime], str]:
    def render(day: datetime) -> str:
        back = (day.weekday() - _WEEKDAYS.index(name)) % 7 or 7
        return f"on {day - timedelta(days=back):%Y-%m-%d}"
    return render


_RELATIVE: tuple[tuple[str, Callable[[datetime], str]], ...] = (
    (r"the day before yesterday", lambda d: f"on {d - timedelta(days=2):%Y-%m-%d}"),
    (r"yesterday|last night", lambda d: f"on {d - timedelta(days=1):%Y-%m-%d}"),
    (r"tomorrow", lambda d: f"on {d + timedelta(days=1):%Y-%m-%d}"),
    (r"today|tonight|this (?:morning|afternoon|evening)", lambda d: f"on {d:%Y-%m-%d}"),
    (r"last weekend", lambda d: f"on the weekend before {d:%Y-%m-%d}"),
    (r"this weekend", lambda d: f"on the weekend of {d:%Y-%m-%d}"),
    (r"next weekend", lambda d: f"on the weekend after {d:%Y-%m-%d}"),
    (r"last week", lambda d: f"in the week before {d:%Y-%m-%d}"),
    (r"this week", lambda d: f"in the week of {d:%Y-%m-%d}"),
    (r"next week", lambda d: f"in the week after {d:%Y-%m-%d}"),
    (r"last month", _month_before),
    (r"this month", lambda d: f"in {d:%B %Y}"),
    (r"next month", _month_after),
    (r"last year", lambda d: f"in {d.year - 1}"),
    (r"this year", lambda d: f"in {d.year}"),
    (r"next year", lambda d: f"in {d.year + 1}"),
    *((rf"last (?:{name}|{name[:3]})", _last_weekday(name)) for name in _WEEKDAYS),
)
_RELATIVE_RE = re.compile(r"\b(" + "|".join(p for p, _ in _RELATIVE) + r")\b", re.IGNORECASE)
#: A day of the month said alone after "on", "by", "for" or "before" ("the audit on the 16th", "due by the 1st."),
#: not an ordinal of something ("the 3rd floor", "Henry the 8th", "the 1st to arrive"), nor with its month ("on the
#: 2nd of May", "on the 2nd May").
_DAY_ALONE = re.compile(r"\b(?:on|by|for|before)\s+(?:(?P<weekday>mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
                        r"(?P<said>the\s+(?P<number>[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b(?!['’])"
                        r"(?!\s*(?:of\s+)?(?!(?:and|but|not|then|too|when|which|because)\b)[a-z]{3,}\b)", re.IGNORECASE)
#: Any day of the month by its ordinal: a statement with two ("from the 2nd to the 9th", "moved it from the 10th") keeps
#: them as said.
_ORDINAL_DAY = re.compile(r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b", re.IGNORECASE)
#: Words of a statement about a habit: its day is no one day ("gets paid on the 25th every month").
_HABIT = re.compile(r"\b(?:every|each|usually|always)\b", re.IGNORECASE)
#: Where the clause that says a day begins ("..., ahead of the audit on the 16th", "got the job and starts on the 3rd").
_CLAUSE = re.compile(r"[,;.!?]\s+|\s+(?:and|but|so|then)\s+", re.IGNORECASE)
#: Words of a clause about the past, or about a plan no longer held ("was hoping to go on the 14th", "moved in on the
#: 2nd", "has got the audit", "hurt her back on the 2nd"; with any word ending in "ed"): its day is left as said, never
#: guessed into a wrong month.
_PAST = frozenset("was were had did been born hurt cut hit put quit shut set let".split()) | IRREGULAR_PAST
#: Verbs that report what is said, not when it happens ("User said the party is on the 22nd", "asked the user to give
#: a toast at her party on the 22nd").
_REPORTING = frozenset("said told asked promised mentioned texted emailed wrote reminded".split())
#: Most days ahead a day said alone is taken to be (next month's; not the month after, which that day may skip).
AHEAD_DAYS = 31
_AGO_RE = re.compile(r"\b((?:a few|a couple of|a|an|\w+) (?:days?|weeks?|months?|years?)) ago\b", re.IGNORECASE)


def relative_date(statement: str, day: datetime | None) -> str:
    """Replace the first relative time phrase ("yesterday", "last month"), and a day of the month said alone of
    what is coming ("on the 16th"), with a date from `day`."""
    if day is None:
        return statement
    try:
        return _with_date(statement, day)
    except OverflowError:  # "yesterday" on 0001-01-01: no date to give, the statement stays as said
        return statement


def _with_date(statement: str, day: datetime) -> str:
    statement = _day_alone(statement, day)
    match = _RELATIVE_RE.search(statement)
    if match:
        phrase = match.group(1).lower()
        for pattern, render in _RELATIVE:
            if re.fullmatch(pattern, phrase):
                return statement[: match.start()] + render(day) + statement[match.end() :]
    ago = _AGO_RE.search(statement)
    if ago:
        return f"{statement[: ago.start()]}{ago.group(1)} before {day:%Y-%m-%d}{statement[ago.end() :]}"
    return statement


def _day_alone(statement: str, day: datetime) -> str:
    """"the audit on the 16th" said on 5 March: on 2027-03-16, the coming one, within AHEAD_DAYS. Left as said in a
    clause of the past or of a plan given up (`_PAST`), of a habit, with another day beside it, or when the coming
    one is further (said on 31 January, "the 30th" is in March, or February's was meant)."""
    found = _DAY_ALONE.search(statement)
    if found is None or len(_ORDINAL_DAY.findall(statement)) > 1 or _HABIT.search(statement):
        return statement
    clause = re.findall(r"[a-z']+", _CLAUSE.split(statement[: found.start()])[-1].lower())
    if any((word in _PAST or word.endswith("ed")) and word not in _REPORTING for word in clause):
        return statement
    weekday, number, month = found.group("weekday"), int(found.group("number")), day.replace(day=1)
    ahead = AHEAD_DAYS if weekday is None else 2 * AHEAD_DAYS  # "Wednesday the 14th": the month whose 14th it is
    for _ in range(3):  # this month's, then the next ones
        try:
            coming = date(month.year, month.month, number)
        except ValueError:
            return statement
        named = weekday is None or _WEEKDAYS[coming.weekday()].startswith(weekday.lower())
        if day.date() <= coming <= day.date() + timedelta(days=ahead) and named:
            return f"{statement[: found.start('said')]}{coming:%Y-%m-%d}{statement[found.end('said') :]}"
        month = (month + timedelta(days=32)).replace(day=1)
    return statement
