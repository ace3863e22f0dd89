"""Time in retrieval: `after` / `before` arguments and time phrases in a query, as a timestamp window.

Stored timestamps are 'YYYY-MM-DD HH:MM:SS' strings, so a window is a pair of such strings and a
page or fact is inside when start <= timestamp < end (string order is time order).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from ..errors import InvalidInputError
from ..filters import TimeWindow
from ..language.text import MONTH_NAMES, WEEKDAYS, month_number

_FORMAT = "%Y-%m-%d %H:%M:%S"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3}
_UNITS = ("day", "week", "month", "year")

_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso_date", re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b")),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?(?P<year>\d{{4}})\b")),
    ("ago", re.compile(rf"\b{_NUMBER}\s+{_UNIT}\s+ago\b")),
    ("last_n", re.compile(rf"\b(?:last|past|previous)\s+{_NUMBER}\s+{_UNIT}\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|last night)\b")),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b")),
    ("last_weekend", re.compile(r"\blast weekend\b")),
    # "on Saturday mornings" is a habit, not a day
    ("last_weekday", re.compile(r"\b(?:last|on)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
                                r"(?!\s+(?:mornings|afternoons|evenings|nights)\b)")),
    ("past_unit", re.compile(r"\b(?:past|recent)\s+(?P<unit>day|week|month|year)\b")),
    ("last_unit", re.compile(r"\b(?:last|previous)\s+(?P<unit>week|month|year)\b")),
    ("this_unit", re.compile(r"\b(?:this|earlier this)\s+(?P<unit>week|month|year)\b")),
    ("in_month", re.compile(rf"\b(?:in|during|of)\s+{_MONTH}(?!\s*\d)\b")),
    ("in_year", re.compile(r"\b(?:in|during|of)\s+(?P<year>(?:19|20)\d{2})\b")),
]


def _stamp(moment: datetime | date) -> str:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    return moment.strftime(_FORMAT)


def _days(first: date, count: int) -> TimeWindow:
    return TimeWindow(_stamp(first), _stamp(first + timedelta(days=count)))


def _month(year: int, month: int, count: int = 1) -> TimeWindow:
    end_year, end_month = divmod(month - 1 + count, 12)
    return TimeWindow(_stamp(date(year, month, 1)), _stamp(date(year + end_year, end_month + 1, 1)))


def _year(year: int) -> TimeWindow:
    return TimeWindow(_stamp(date(year, 1, 1)), _stamp(date(year + 1, 1, 1)))


def _shift_months(day: date, months: int) -> tuple[int, int]:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return year, month + 1


def parse_bound(name: str, value: str | None) -> str | None:
    """An `after` / `before` argument (ISO date or date-time) as a stored-timestamp string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{name} must be an ISO date such as 2024-03-01 or 2024-03-01T15:30:00, got {value!r}")
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(
            f"{name} must be an ISO date such as 2024-03-01 or 2024-03-01T15:30:00, got {value!r}") from None
    return _stamp(moment.replace(tzinfo=None))


def explicit_window(after: str | None, before: str | None) -> TimeWindow | None:
    """The window of the `after` / `before` arguments: after is inclusive, before exclusive."""
    start, end = parse_bound("after", after), parse_bound("before", before)
    if start is None and end is None:
        return None
    if start is not None and end is not None and start >= end:
        raise InvalidInputError(f"after ({after}) must be earlier than before ({before})")
    return TimeWindow(start, end)


def parse_reference(value: str | None) -> datetime:
    """The `reference_time` argument (what "yesterday" is relative to); now when absent."""
    stamp = parse_bound("reference_time", value)
    return datetime.strptime(stamp, _FORMAT) if stamp else datetime.now()


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _ago(g: dict[str, str], today: date) -> TimeWindow:
    n, unit = _number(g["n"]), g["unit"]
    if unit == "day":
        return _days(today - timedelta(days=n), 1)
    if unit == "week":
        return _days(today - timedelta(days=today.weekday() + 7 * n), 7)
    return _month(*_shift_months(today, n)) if unit == "month" else _year(today.year - n)


def _last_n(g: dict[str, str], today: date) -> TimeWindow:
    n, unit = _number(g.get("n") or "1"), g["unit"]
    if unit in ("day", "week"):
        start = today - timedelta(days=n if unit == "day" else 7 * n)
    else:
        year, month = _shift_months(today, n if unit == "month" else 12 * n)
        start = date(year, month, min(today.day, 28))
    return TimeWindow(_stamp(start), _stamp(today + timedelta(days=1)))


def _this(g: dict[str, str], today: date) -> TimeWindow:
    if g["unit"] == "week":
        return _days(today - timedelta(days=today.weekday()), 7)
    return _month(today.year, today.month) if g["unit"] == "month" else _year(today.year)


def _last(g: dict[str, str], today: date) -> TimeWindow:
    if g["unit"] == "week":
        return _days(today - timedelta(days=today.weekday() + 7), 7)
    return _month(*_shift_months(today, 1)) if g["unit"] == "month" else _year(today.year - 1)


def _in_month(g: dict[str, str], today: date) -> TimeWindow:
    month = month_number(g["month"])
    return _month(today.year if month <= today.month else today.year - 1, month)


_WINDOWS: dict[str, Callable[[dict[str, str], date], TimeWindow]] = {
    "iso_date": lambda g, _: _days(date(int(g["year"]), int(g["mon"]), int(g["day"])), 1),
    "day_month_year": lambda g, _: _days(date(int(g["year"]), month_number(g["month"]), int(g["day"])), 1),
    "month_day_year": lambda g, _: _days(date(int(g["year"]), month_number(g["month"]), int(g["day"])), 1),
    "month_year": lambda g, _: _month(int(g["year"]), month_number(g["month"])),
    "ago": _ago,
    "last_n": _last_n,
    "past_unit": _last_n,
    "yesterday": lambda _, today: _days(today - timedelta(days=1), 1),
    "today": lambda _, today: _days(today, 1),
    "last_weekend": lambda _, today: _days(today - timedelta(days=(today.weekday() - 5) % 7 or 7), 2),
    "last_weekday": lambda g, today: _days(today - timedelta(days=(today.weekday() - WEEKDAYS[g["weekday"]]) % 7
                                                                   or 7), 1),
    "last_unit": _last,
    "this_unit": _this,
    "in_month": _in_month,
    "in_year": lambda g, _: _year(int(g["year"])),
}


def query_window(query: str, reference: datetime) -> TimeWindow | None:
    """The period a time phrase in the query names ("yesterday", "last week", "in March 2024", "2 years
    ago"), relative to `reference`; the earliest-listed (most specific) kind wins; None when there is none."""
    text = query.lower()
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                return _WINDOWS[kind](match.groupdict(), reference.date())
            except (ValueError, KeyError, OverflowError):  # "31 February 2024", a year out of range
                continue
    return None


#: Wording that asks about an earlier state ("Where did I use to work?", "my previous job", "before I moved"; not "my
#: first day at Maplepay", the start of what holds).
_PAST = re.compile(r"\b(?:used? to|previous(?:ly)?|formerly|former|originally|at first|in the past|no longer|"
                   r"any more|anymore|(?:my|our) (?:old|last|first(?! (?:day|week|shift)\b))|back (?:then|when)|"
                   r"before (?:I|we|my|our|the) (?:\w+ )?"
                   r"(?:mov(?:e|ed|ing)|switch(?:ed)?|chang(?:e|ed)|start(?:ed)?|left|quit|new))\b",
                   re.IGNORECASE)


_NOW = re.compile(r"\b(?:now|nowadays|these days|currently|at the moment|still)\b", re.IGNORECASE)


def asks_about_now(query: str) -> bool:
    """Whether the question asks what holds now ("Which German course am I doing now?"): then of two facts
    about it, the later one is more likely what still holds."""
    return _NOW.search(query) is not None


def asks_about_past(query: str) -> bool:
    """Whether the question asks what held before ("used to", "my old job", "before I moved"): only then are
    facts that a newer one replaced worth returning."""
    return _PAST.search(query) is not None
