"""A plan's day said as a day of the month alone ("on the 9th"), which the tagger marks as a rank, or with how long
it lasts ("on the 14th for a week"), which it takes into the date: the coming day. A floor, a birthday's number or a
day told in the past tense is no plan."""

from __future__ import annotations

from datetime import date, datetime

from memoryos_mcp.language.nlp import resolve_date
from tests.test_user_slots import said


def _plans(text: str) -> set[str]:
    return {v for subject, attribute, v, _ in said(text) if subject == "user" and attribute == "plan"}


def test_a_day_of_the_month_alone_or_with_how_long_is_a_plan():
    assert any("viva" in p for p in _plans("My viva is on the 9th, wish me luck."))
    assert any("Skye" in p for p in _plans("We're off to Skye on the 14th for a week, can't wait."))


def test_a_rank_that_is_no_day_is_no_plan():
    assert not _plans("Our flat is on the 3rd floor, no lift.")
    assert not _plans("He finished 5th in the relay on the 18th.")


def test_a_day_of_the_month_in_words_and_a_weekday_with_its_day_of_the_month_resolve():
    said = datetime(2027, 6, 1, 10)  # a Tuesday
    assert resolve_date("the twenty-first of June", said, ahead=True) == date(2027, 6, 21)
    assert resolve_date("july third", said, ahead=True) == date(2027, 7, 3)
    assert resolve_date("thursday the eighth", said, ahead=True) == date(2027, 7, 8)  # 8 June is a Tuesday
    assert resolve_date("Tuesday the 29th", said, ahead=True) == date(2027, 6, 29)
    assert resolve_date("on Tuesday the 29th", said, ahead=True) == date(2027, 6, 29)
    assert resolve_date("the first Monday of July", said, ahead=True) is None  # not 1 July, a Thursday
    assert resolve_date("Weds the 9th", said, ahead=True) == date(2027, 6, 9)
