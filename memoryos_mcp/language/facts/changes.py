"""A later statement that says something changed retires the older facts about the same thing.

Slots (slots.py) catch a change said in a known form ("User lives in Porto"); people say most changes
otherwise: "league ended, doing trivia night instead", "sad update, Bear passed", "Cancun is off, flights too
dear", "I transferred, at Columbus State now", "sorry, it's the 14th not the 12th". Such a statement names
the thing again: it shares a word (or its stem: "crochet", "crocheted") with the older fact and is near it in
meaning, and an older fact it retires would otherwise stay on the card and lead answers as if still true.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..profile import PART_SEPARATOR
from ..text import content_words
from .words import IRREGULAR_PAST

#: Words that say a thing changed, ended or was corrected ("off" only closing its clause: "a day off work" ends
#: nothing; "left" not before a body part).
_CHANGED = re.compile(
    r"\b(?:no longer|no more|not any ?more|anymore|any more|used to|quit(?:ting)?|stopped|gave up|given up|ended|"
    r"done with|finished with|behind me|called it a day|moved out|stepped down|handed in (?:my |her |his )?notice|"
    r"let (?:\w+ )?go|made redundant|graduated|put to sleep|pulled out|dropped out|withdr[ae]wn?|bowed out|"
    r"(?:is|are|it's) (?:over|off)(?!\s+\w)|off now|cancel(?:l?ed|ling)|scrap(?:ped)?|scratch that|instead|"
    r"switch(?:ed|ing)|swapp?(?:ed|ing)|changed|moved|transferred|retired|laid off|broke up|split up|"
    r"called it quits|passed away|passed|died|put down|sold|replaced|pushed (?:back|to)|rescheduled|postponed|"
    r"actually|sorry|i meant|my bad|typo|autocorrect|mistake|wrong)\b|"
    r"\bhaven't\b.{1,40}\bin (?:months|ages|years|weeks)\b|"
    r"\bleft\b(?!\s+(?:arm|leg|knee|hand|foot|eye|ear|hip|shoulder|side|wrist|ankle|elbow))",
    re.IGNORECASE)
#: Cosine (the engine's embedder) an older fact needs to the statement to be about the same thing.
MIN_COSINE = 0.35
#: Letters two words must share to be one stem ("crochet" and "crocheted"; "Sara" is no "Sarah").
STEM = 5
#: Letters a shared word needs to name a thing ("lad", "day" name nothing in particular).
MIN_LETTERS = 4
#: A fact telling what happened ("User bought new props for their yoga class"): it still happened after a change.
_HAPPENED = re.compile(r"^User(?:'s [\w-]+)? (?:\w+ed|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b", re.IGNORECASE)
#: Words every fact has, which name nothing.
_TEMPLATE = frozenset("user user's asked answered said assistant".split())


def retired(new: str, older: list[tuple[str, float]]) -> list[int]:
    """Which of the `older` facts (text, cosine to `new`) the newer fact `new` says changed: for each of its
    statements that says a change, the one older fact near in meaning that shares the most words with it. Only a
    fact of one statement (a message's many statements are one fact, and a change to one leaves the others true)
    that tells how things are, not what happened (the day the user bought props for a yoga class still happened
    after they switched to swimming)."""
    chosen: list[int] = []
    for part in new.split(PART_SEPARATOR):
        scored = [(shared, cosine, i) for i, (text, cosine) in enumerate(older)
                  if i not in chosen and _a_state(text) for shared in [changed(part, text, cosine)] if shared]
        if scored:
            chosen.append(max(scored)[2])
    return chosen


def says_changed(text: str) -> bool:
    """The text says something changed, ended or was corrected."""
    return _CHANGED.search(text) is not None


def changed(new: str, old: str, cosine: float) -> int:
    """How many words the statement `new` shares with the older `old` when it says a change near `old` in meaning;
    0 when it says none or is about something else."""
    if cosine < MIN_COSINE or not says_changed(new):
        return 0
    return len(_stems(new) & _stems(old))


def _a_state(text: str) -> bool:
    """One statement of how things are."""
    return PART_SEPARATOR not in text and not _HAPPENED.match(text)


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    """The words of a statement that name things, cut to a stem; kept per text, as every card compares each change
    with every statement."""
    return frozenset(word[:STEM] for word in content_words(text)
                     if len(word) >= MIN_LETTERS and word not in _TEMPLATE and not word.isdigit())
