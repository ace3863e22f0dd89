"""Relative time phrases in a fact ("yesterday", "last month", "next week") turned into dates.

A fact is read long after it was said, so "yesterday" must become the day before the page's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ..text import DAY_OF_MONTH, DAY_WORD_NAMES, DAY_WORDS, MAY_VERB, MONTH_NAMES, WEEKDAY_NAME, ordinal
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
#: What may follow a day of the month said alone: not a noun it would be the ordinal of ("the 3rd floor").
_NO_NOUN_AFTER = (r"(?!['’])(?!\s*(?:of\s+)?(?!(?:and|but|not|then|too|when|which|because|with)\b)[a-z]{3,}\b)")
#: A day of the month said alone: after "on", "by", "for" or "before" ("the audit on the 16th", "due by the 1st."),
#: after "is" at the end of a clause ("her recital is the 13th, not the 12th"; not "my son is the 3rd in his class"),
#: or after its weekday ("monday 29th is the day", "Thursday the 16th at 6:30"); not an ordinal of something ("the 3rd
#: floor", "Henry the 8th", "the 1st to arrive"), nor with its month ("on the 2nd of May", "on the 2nd May").
_DAY_ALONE = re.compile(rf"\b(?:(?:on|by|for|before)\s+(?:(?P<weekday>{WEEKDAY_NAME})\s+)?(?=the\s)|"
                        r"is\s+(?=the\s+\d{1,2}(?:st|nd|rd|th)(?:\s*(?:[,.;!?]|$)|\s+(?:not|and)\b))|"
                        rf"(?P<named>{WEEKDAY_NAME})\s+)"
                        rf"(?P<said>(?:the\s+)?(?P<number>[1-9]|[12]\d|3[01])(?:st|nd|rd|th))\b{_NO_NOUN_AFTER}",
                        re.IGNORECASE)
#: The day a correction rules out ("on the 21st, not the 14th", "thursday 18th not wednesday the 17th").
_RULED_OUT = re.compile(rf"\bnot\s+(?:on\s+)?(?:{WEEKDAY_NAME}\s+)?(?:the\s+)?$", re.IGNORECASE)
#: Where a day of the month said in words can only be one: beside its month ("july third", "the eighth of May"), or
#: after "on the", "by the" ... with no noun after ("on the twenty second", not "on the third floor"), never before
#: "week" ("july second week").
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH_NAMES})\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s+of\s+(?:{MONTH_NAMES})\b", re.IGNORECASE)
_SPELLED_DAY = re.compile(rf"\b({DAY_WORD_NAMES})\b(?!\s+week)", re.IGNORECASE)
_LEAD_BEFORE = re.compile(rf"\b(?:on|by|before|not)\s+(?:{WEEKDAY_NAME}\s+)?the\s+$", re.IGNORECASE)
#: Or after "is the" in a correction ("her recital is the thirteenth not the twelfth"; not "the best is the second").
_IS_BEFORE = re.compile(r"\bis\s+the\s+$", re.IGNORECASE)
_NOT_AFTER = re.compile(r",?\s+not\b", re.IGNORECASE)
#: How far before a day its lead is looked for ("on the", "not", a month): a few words, so a long text is read once.
_LEAD_CHARS = 40
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
#: A day or a time said outright: "7 May", "july 3rd", "2027-05-07", "10:40", "8am" (with `_DAY_ALONE`: "monday 29th",
#: "on the 16th").
_OUTRIGHT = re.compile(rf"\b(?:{DAY_OF_MONTH})\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
                       r"\b\d{1,2}(?::\d{2}\b|[ap]m\b|\s?[ap]\.m\.|\spm\b)", re.IGNORECASE)
#: Most days ahead a day said alone is taken to be (next month's; not the month after, which that day may skip).
AHEAD_DAYS = 31
_AGO_RE = re.compile(r"\b((?:a few|a couple of|a|an|\w+) (?:days?|weeks?|months?|years?)) ago\b", re.IGNORECASE)


def says_a_day(text: str) -> bool:
    """Whether `text` says a day or a time outright (a relative one, "today", "next week", is not enough)."""
    text = MAY_VERB.sub(" ", _in_digits(text))
    return bool(_OUTRIGHT.search(text) or _DAY_ALONE.search(text))


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
    statement = _day_alone(_in_digits(statement), day)
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


def _in_digits(statement: str) -> str:
    """Each day of the month said in words where it can only be one, as its ordinal ("july third" -> "july 3rd")."""
    def digits(match: re.Match[str]) -> str:
        before, after = statement[max(0, match.start() - _LEAD_CHARS) : match.start()], statement[match.end() :]
        if not (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)
                or (_LEAD_BEFORE.search(before) and re.match(_NO_NOUN_AFTER, after, re.IGNORECASE))
                or (_IS_BEFORE.search(before) and _NOT_AFTER.match(after))):
            return match.group(0)
        number = DAY_WORDS[re.sub(r"[- ]+", " ", match.group(1).lower())]
        return ordinal(number)
    return _SPELLED_DAY.sub(digits, statement)


def _ruled_out(statement: str, start: int) -> bool:
    """Whether the day said at `start` is the one a correction rules out ("not the 14th")."""
    return bool(_RULED_OUT.search(statement[max(0, start - _LEAD_CHARS) : start]))


def _day_alone(statement: str, day: datetime) -> str:
    """"the audit on the 16th" said on 5 March: on 2027-03-16, the coming one, within AHEAD_DAYS. Left as said in a
    clause of the past or of a plan given up (`_PAST`, before the day or after it: "On the 5th, I turned in my
    thesis", "a gig on the 12th, which was cancelled"), of a habit, with another day beside it, or when the coming
    one is further (said on 31 January, "the 30th" is in March, or February's was meant)."""
    alone = list(_DAY_ALONE.finditer(statement))
    found = next((m for m in alone if not _ruled_out(statement, m.start("said"))), alone[0] if alone else None)
    days = [m for m in _ORDINAL_DAY.finditer(statement) if not _ruled_out(statement, m.start())]
    if found is None or len(days) > 1 or _HABIT.search(statement):
        return statement
    after = _CLAUSE.split(statement[found.end() :])
    said_in = _CLAUSE.split(statement[: found.start()])[-1] + " " + (after[0] or " ".join(after[1:2]))
    if any((word in _PAST or word.endswith("ed")) and word not in _REPORTING
           for word in re.findall(r"[a-z']+", said_in.lower())):  # "On the 5th, I turned in my thesis."
        return statement
    weekday, number = found.group("weekday") or found.group("named"), int(found.group("number"))
    month = day.replace(day=1)
    ahead = AHEAD_DAYS if weekday is None else 2 * AHEAD_DAYS  # "Wednesday the 14th": the month whose 14th it is
    for _ in range(3):  # this month's, then the next ones
        try:
            coming = date(month.year, month.month, number)
        except ValueError:
            return statement
        named = weekday is None or _WEEKDAYS[coming.weekday()] == weekday.lower()
        if day.date() <= coming <= day.date() + timedelta(days=ahead) and named:
            return f"{statement[: found.start('said')]}{coming:%Y-%m-%d}{statement[found.end('said') :]}"
        month = (month + timedelta(days=32)).replace(day=1)
    return statement
