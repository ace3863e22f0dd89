"""What makes a word a job, whoever holds it: a noun of the job words (cues.JOB) with what qualifies it ("diabetes
specialist nurse", "head of operations"), not one said as former or future ("retired teacher") nor judged ("a lousy
driver"). Read by the user's own identity (identity.py) and by what is said of people and of work in passing
(doings.py, work.py, work_said.py).
"""

from __future__ import annotations

import re

from ..language.nlp import Token
from . import cues

#: Words that say a job is not the current one or not a job at all ("retired teacher", "trainee").
NOT_CURRENT = frozenset("retired former ex old future aspiring wannabe".split())
#: Most letters of an acronym kept in capitals ("SDET"); a longer word in capitals is shouted ("SENIOR").
ACRONYM = 4
JOB_WORD = re.compile(rf"^(?:{cues.JOB})$", re.IGNORECASE)


def is_job(tokens: tuple[Token, ...], n: int) -> bool:
    """A job noun ("nurse", "logistics manager", "Assistant Manager - Finance": a title with its department after
    a dash, which the parse heads by the department), not said as a former or future one, nor judged ("a lousy
    driver")."""
    modifiers = [t.lower for t in tokens if t.head == n and t.dep in ("amod", "compound")]
    titled = n >= 2 and _dash(tokens[n - 1]) and tokens[n - 1].head == n and tokens[n - 2].head == n
    word = tokens[n - 2].lower if titled else tokens[n].lower
    said = bool(JOB_WORD.match(word) or JOB_WORD.match(job_phrase(tokens, n)))  # "ward sister", "head of sales"
    return said and not (NOT_CURRENT | cues.JUDGING).intersection(modifiers)


def _dash(token: Token) -> bool:
    return token.text in ("-", "–")


def job_phrase(tokens: tuple[Token, ...], n: int) -> str:
    """The job with the words that qualify it ("diabetes specialist nurse", "junior UX designer"), what a head is
    head of ("head of operations") and "in charge" after it, in lower case but for an acronym ("VP", "UX", "SDET")."""
    lo = n
    for m in range(n - 1, -1, -1):
        qualifies = tokens[m].dep in ("amod", "compound", "nmod") or _dash(tokens[m])  # "Manager - Finance"
        if qualifies and tokens[m].head in range(m + 1, n + 1):
            lo = m
        else:
            break
    hi = n
    if tokens[n].lower == "head" and n + 2 < len(tokens) and tokens[n + 1].lower == "of" and \
            tokens[n + 2].head == n + 1 and tokens[n + 2].pos in ("NOUN", "PROPN"):
        hi = n + 2
    after = [t.lower for t in tokens[n + 1 : n + 4]]
    if after[:2] == ["in", "charge"] and after[2:] != ["of"]:
        hi = n + 2  # "pharmacist in charge", a post of its own; not "in charge of the dispensary"
    return " ".join(t.text if 1 < len(t.text) <= ACRONYM and t.text.isupper() else t.text.lower()
                    for t in tokens[lo : hi + 1])
