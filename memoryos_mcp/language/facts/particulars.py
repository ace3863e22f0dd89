"""What a fact says in particular: its numbers, times, names and the days ahead it names.

A fact close in meaning to a stored one is the same fact said again only when it says nothing particular that the
stored one does not: "Parkrun three: 31:48" after "Parkrun two: 33:05" is news, and so is a dentist's appointment
moved to another day; "missed the tram again" this morning and last week is one fact seen twice (a day gone by is
when it was said, not what), and "9.30" is "9:30", "ten" is "10", "Mel's" is "mel".
"""

from __future__ import annotations

import re

from ..text import UPPER

_NUMBER_WORDS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())} | {"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
                                     "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
                                     "thousand": "1000", "million": "1000000", "dozen": "12", "first": "1st",
                                     "second": "2nd", "third": "3rd"}
#: A particular: a clock time ("6 pm"), a token with a digit ("31:48", "128/82", "ps5", "£25"), a number in words, or
#: a word written with a capital (a name, a month).
_PARTICULAR = re.compile(r"\b\d{1,2}\s?[ap]\.?m\b|\b\w*\d(?:[\w:/.,-]*\w)?|\b(?i:"
                         + "|".join(_NUMBER_WORDS) + rf")\b|\b[{UPPER}][\w'’-]*")
_WORD = re.compile(r"[\w'’:/.,-]*\w")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Words of every fact's template: nothing particular.
_TEMPLATE = frozenset({"user", "assistant", "i", "the"})


def says_more(new: str, old: str, day: str) -> bool:
    """Whether the fact `new`, said on `day` (ISO), says something particular that `old` does not: a number, a
    time, a name, or a day still to come."""
    said = {_normal(word) for word in _WORD.findall(old)} | {_normal(m.group()) for m in _PARTICULAR.finditer(old)}
    return any(word not in said for word in _particulars(new, day[:10]))


def _particulars(text: str, day: str) -> set[str]:
    """The particulars of a fact said on `day`; of the days it names, those after it (a plan, an appointment)."""
    words = {_normal(match.group()) for match in _PARTICULAR.finditer(text)} - _TEMPLATE
    return {word for word in words if not _DAY.fullmatch(word) or word > day}


def _normal(word: str) -> str:
    """A particular as compared: lower-case, without a possessive "'s", a number in words as digits, "9.30" as
    "9:30", "6 pm" as "6pm", "10,000" as "10000"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    word = _NUMBER_WORDS.get(word, word)
    if re.fullmatch(r"\d{1,2}\.\d{2}", word):
        word = word.replace(".", ":")
    return re.sub(r"(?<=\d)[\s,.](?=\d{3}\b|[ap]m\b)|(?<=[ap])\.(?=m\b)|(?<=m)\.$", "", word)
