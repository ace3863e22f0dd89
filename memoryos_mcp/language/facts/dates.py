"""Relative time phrases in a fact ("yesterday", "last month", "next week") turned into dates.

A fact is read long after it was said, so "yesterday" must become the day before the page's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta


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
_AGO_RE = re.compile(r"\b((?:a few|a couple of|a|an|\w+) (?:days?|weeks?|months?|years?)) ago\b", re.IGNORECASE)


def relative_date(statement: str, day: datetime | None) -> str:
    """Replace the first relative time phrase ("yesterday", "last month") with a date from `day`."""
    if day is None:
        return statement
    try:
        return _with_date(statement, day)
    except OverflowError:  # "yesterday" on 0001-01-01: no date to give, the statement stays as said
        return statement


def _with_date(statement: str, day: datetime) -> str:
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
