"""What the assistant recommended or promised the user, restated as assistant facts.

"I'd recommend Dune" -> "Assistant recommended Dune"; "I'll send you the list" -> "Assistant promised
to send the user the list". Content-free advice ("you should be proud") is refused.
"""

from __future__ import annotations

import re

from .rules import ADVICE_PRONOUNS, MAX_CLAUSE_WORDS, clean_clause, convert, usable_object

#: Advice and promises that carry no content ("you should be proud", "I'll try my best").
_EMPTY_ADVICE = ("be ", "feel ", "know ", "do my best", "try my best", "have to", "need to", "keep it up",
                 "keep going", "keep up", "go for it", "check it out", "give it a")
_MENTIONS_USER = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)

_RECOMMEND = re.compile(
    r"^i(?:\s+would|['’]d)?\s+(?:(?:strongly|highly|really|definitely|also|totally)\s+)?"
    r"(?P<verb>recommend|suggest|advise)(?:ed|s)?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"^my\s+(?:(?:main|top|best|only)\s+)?(?:recommendation|suggestion|advice|tip)\s+(?:is|would be)\s+"
    r"(?P<to>to\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_SHOULD = re.compile(
    r"^you\s+(?P<modal>should|might want to|may want to|could try|ought to)\s+"
    r"(?:(?:definitely|really|also|totally|probably)\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_PROMISE = re.compile(
    r"^(?:i\s+promise\s+(?:to\s+|i['’]ll\s+|i will\s+)|i['’]ll\s+|i will\s+)(?:(?:definitely|also)\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_PAST_OF = {"recommend": "recommended", "suggest": "suggested", "advise": "advised"}


def _recommended(m: re.Match[str], rest: str) -> str:
    return f"Assistant {_PAST_OF[m.group('verb').lower()]} {rest}"


def _advised(m: re.Match[str], rest: str) -> str:
    return f"Assistant advised the user to {rest}" if m.group("to") else f"Assistant recommended {rest}"


def _suggested(m: re.Match[str], rest: str) -> str:
    return f"Assistant suggested the user {m.group('modal').lower()} {rest}"


def _promised(m: re.Match[str], rest: str) -> str:
    return f"Assistant promised to {rest}"


_RULES = ((_RECOMMEND, _recommended), (_ADVICE, _advised), (_SHOULD, _suggested), (_PROMISE, _promised))


def assistant_statement(clause: str) -> str | None:
    """"Assistant recommended/suggested/promised ..." for advice or a promise, else None."""
    clause, _ = clean_clause(clause)
    if not clause or len(clause.split()) > MAX_CLAUSE_WORDS:
        return None
    for pattern, render in _RULES:
        match = pattern.match(clause)
        if not match:
            continue
        rest = match.group("rest")
        if rest.lower().startswith(_EMPTY_ADVICE) or not usable_object(rest, "assistant", listener_ok=True,
                                                                       min_heavy=1):
            return None
        if pattern is _PROMISE and not _MENTIONS_USER.search(rest):
            return None  # "I'll never forget that trip" is no promise; "I'll send you the list" is
        return render(match, convert(rest, "assistant", ADVICE_PRONOUNS))
    return None
