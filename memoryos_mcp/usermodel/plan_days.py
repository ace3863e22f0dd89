"""Which days a sentence gives a plan: the dates the tagger finds, with what it misses in chat ("fri 10 sep to sun 26
sep", "22-24 May", "on the 9th", "in October, the 16th to the 18th"), and the first day of days said as a span."""

from __future__ import annotations

import re

from ..language.nlp import Sentence
from ..language.text import DAY_OF_MONTH, MAY_VERB, MONTH_NAME, MONTH_NAMES, WEEKDAY_NAME, WEEKDAY_SHORT
from . import cues

#: A day of the month said alone, as a rank ("9th", "on the 18th": the coming one, unless told as past).
DAY_ALONE = re.compile(r"(?:(?:on\s+)?the\s+)?\d{1,2}(?:st|nd|rd|th)", re.IGNORECASE)
#: Days said as a span ("10 to 12 december", "22-24 May", "the 16th to the 18th", "fri 10 sep to sun 26 sep").
SPAN_OF_DAYS = re.compile(rf"\d(?:st|nd|rd|th)?(?:\s+(?:{MONTH_NAMES}))?\s*(?:-|–|to|until|till)\s*(?:the\s+)?"
                          rf"(?:(?:{WEEKDAY_NAME}|{WEEKDAY_SHORT})\s+)?\d", re.IGNORECASE)
#: A month, then its day or days after a comma ("in October, the 16th to the 18th", "in May, on the 9th").
MONTH_THEN_DAYS = re.compile(rf"(?P<m>{MONTH_NAMES})\s*,\s+(?:on\s+)?the\s+(?P<a>\d{{1,2}})(?:st|nd|rd|th)"
                             rf"(?:\s+(?:to|until|till|-|–)\s+(?:the\s+)?(?P<b>\d{{1,2}})(?:st|nd|rd|th)?)?",
                             re.IGNORECASE)
#: How long a plan lasts, said after its day ("the 14th for a week"): the tagger takes it into the date.
_FOR_A_WHILE = re.compile(r"\s+for\s+(?:a|an|one|two|three|four|five|six|\d+)\s+(?:days?|nights?|weeks?|months?)$",
                          re.IGNORECASE)
#: A day with its month by name ("fri 10 sep", "22-24 May", "June 3rd"), which the tagger misses in chat.
_SHORT_DAY = rf"(?:{WEEKDAY_SHORT}\s+)?(?:{DAY_OF_MONTH})"
#: A word after a month cut short that makes it no day ("2 dec places"; not "3 apr evening").
_NOT_AFTER_A_DAY = r"(?:places|points?|pts|percent|pieces|units|kg|cm|mm|ml)\b"
_DAY_AND_MONTH = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|–|to)\s*)?{_SHORT_DAY}"
                            rf"(?:\s+(?:to|until|till)\s+{_SHORT_DAY})?\b(?!:)(?!(?<=\b[a-z]{{3}})\s+{_NOT_AFTER_A_DAY})",
                            re.IGNORECASE)
#: A day said as a correction ("Correction, it's Friday 13th", "no, excuse me, it is 24 October", "I had it wrong
#: earlier, his birthday is the 24th"): it replaces the plan about the same thing, or the one last spoken of.
CORRECTING = re.compile(r"^\W*(?:correction|sorry|actually|wait|oops|whoops|no|nope|my bad|my mistake)\b|"
                        r"\b(?:had it wrong|got it wrong|wrong date|excuse me|i meant|my mistake|correction)\b",
                        re.IGNORECASE)
#: The day a plan was moved to, said with its month ("to 28 May", "until June 3rd").
_TO_DAY = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{cues.MONTH_WORD}|{cues.MONTH_WORD}\s+"
                     r"\d{1,2}(?:st|nd|rd|th)?)\b", re.IGNORECASE)


def first_day(phrase: str) -> str:
    """The first day of days said as a span ("2 to 5 April, Friday to Monday": "2 to 5 April"; "fri 10 sep to sun 26
    sep": "fri 10 sep"; "3 March to 20 April": "3 March"; "10 to 12 december" as it is, the month said once), the
    phrase for one day ("Tuesday, January 5th")."""
    joined = MONTH_THEN_DAYS.match(phrase)  # "October, the 16th to the 18th": 16 October
    if joined is not None:
        return f"{joined.group('a')} {joined.group('m')}"
    head = phrase.split(",")[0]
    head = head if re.search(r"\d", head) else phrase
    start = re.split(r"\s+(?:to|until|till)\s+", head)[0]
    return start if MONTH_NAME.search(start) or not re.search(r"\s(?:to|until|till)\s+\d", head) else head


def dates_said(sentence: Sentence, moved: re.Match[str] | None) -> list[str]:
    """The dates the tagger found in the sentence, with a day of the month it tags a rank ("my test is on the 9th")
    and a day said with its month that it missed ("fri 10 sep to sun 26 sep", "over the May long weekend, 22-24
    May"); of a plan moved, the day it was moved to when the tagger found none ("got pushed back to 28 May", "moved
    from 3 May to 17 May")."""
    tagged = [_FOR_A_WHILE.sub("", e.text) for e in sentence.entities if e.label == "DATE"]
    named = [m.group(0) for m in _DAY_AND_MONTH.finditer(MAY_VERB.sub(" ", sentence.text))]  # not "3 may go"
    dates = [t for t in tagged if not any(t in n and t != n for n in named)] + [
        n for n in named if not any(n in t for t in tagged)]  # a span holding two days the tagger took apart
    dates = _with_days_after(sentence.text, sorted(dates, key=sentence.text.find)) or _days_of_month(sentence)
    day = _TO_DAY.search(sentence.text, moved.end()) if moved and not dates else None
    return [day.group(0)] if day else dates


def _with_days_after(text: str, dates: list[str]) -> list[str]:
    """The dates with a month said alone joined to the days said after it ("in October, the 16th to the 18th"): one
    date, not a month and days of no month."""
    for month in [d for d in dates if MONTH_NAME.fullmatch(d.strip())]:
        joined = MONTH_THEN_DAYS.match(text, max(text.find(month), 0))
        if joined is not None:
            dates = [joined.group(0) if d == month else d for d in dates if d == month or d not in joined.group(0)]
    return dates


def _days_of_month(sentence: Sentence) -> list[str]:
    """"on the 9th", "off to Crete on the 14th": a rank after "the" that names no thing after it (not "the 2nd
    floor", "my 40th")."""
    tokens = sentence.tokens
    if cues.REDATED.search(sentence.text) or CORRECTING.search(sentence.text):  # "wait its the 14th not 12th"
        return []  # a day put right, read as such (redated)
    return [f"the {t.text}" for n, t in enumerate(tokens) if t.entity == "ORDINAL" and DAY_ALONE.fullmatch(t.text)
            and n > 0 and tokens[n - 1].lower == "the"
            and (n + 1 == len(tokens) or tokens[n + 1].pos not in ("NOUN", "PROPN", "NUM"))]
