"""The user's name as the assistant uses it over the conversation: the name it calls the user by ("Congrats,
Tom!", "Hi Ana,", "Good luck tomorrow, Ana.") and the name it signs the letters it drafts for them with ("Kind
regards, Ana Costa").

However the user first said their name ("ana here", "it's Ana again", a signature, a form they paste), the
assistant learnt it, and it then speaks to them by it on many pages: the most used name wins once it is used on
two pages and twice as often as any other. A name the assistant calls someone else by is left out: a person with
a role in the user's life ("Hello to Halina, then": the mum), a word the user never wrote (a draft's "Dear
Guest"), a month or a weekday ("Yes, Monday.").
"""

from __future__ import annotations

import re
from collections import Counter

from ..language.text import LOWER, UPPER
from . import cues
from .values import USER, Update

_NAME = rf"(?-i:[{UPPER}][{LOWER}'’-]+)"
_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
#: A name closing a sentence after a comma ("Congrats, Tom!", "That's a big day, Ana.").
_CLOSING = re.compile(rf",\s+{_TITLE}(?P<v>{_NAME}(?:\s+{_NAME})?)\s*[!.?]+(?=\s|$)")
#: A name after the reply's first word ("Hi Ana,", "Congratulations, Hilary Fourie!"), not inside a quoted draft.
_OPENING = re.compile(rf"^\s*(?![\"“‘'])\W*(?-i:[A-Z])[a-z]+,?\s+{_TITLE}(?P<v>{_NAME}(?:\s+{_NAME})?)\s*[,!.?]")
#: A draft's sign-off: a closing word and the name under it ("Kind regards, Ana Costa", "Best,\nAna").
_SIGNED = re.compile(rf"\b(?:regards|wishes|best|sincerely|thanks|cheers|love|warmly)\s*,\s*\n?\s*"
                     rf"(?P<v>{_NAME}(?:\s+{_NAME})?)(?=\s*(?:[,\n\"”]|$))", re.IGNORECASE)
_WORDS = re.compile(r"[\wà-ÿ'’-]+")
#: Times a name must be used, and how many times any other name's count it must reach.
USES = 2
LEAD = 2


class Address:
    """How the assistant names the user, counted over the conversation (one per learner, kept in memory)."""

    def __init__(self) -> None:
        self._typed: set[str] = set()  #: words the user wrote (lower case)
        self._uses: Counter[str] = Counter()  #: pages a name was used on
        self._surnames: dict[str, Counter[str]] = {}
        self._said = ""  #: the name last reported

    def read(self, text: str, reply: str, others: set[str]) -> list[Update]:
        """The user's name once the assistant's use of it is clear (a weak value: a name the user states wins);
        `others` are the people (lower case) known to be someone else."""
        self._typed.update(w.lower() for w in _WORDS.findall(text))
        found: set[tuple[str, str]] = set()
        for pattern in (_CLOSING, _SIGNED):
            found.update(self._named(m.group("v")) for m in pattern.finditer(reply))
        opening = _OPENING.match(reply)
        if opening:
            found.add(self._named(opening.group("v")))
        for name, surname in found:
            if name.lower() in self._typed and name.lower() not in cues.NOT_NAMES | cues.ROLE_SET:
                self._uses[name] += 1
                if surname:
                    self._surnames.setdefault(name, Counter())[surname] += 1
        ranked = [(n, c) for n, c in self._uses.most_common() if n.lower() not in others]
        if not ranked or ranked[0][1] < USES or len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
            return []
        name = ranked[0][0]
        if name == self._said:
            return []
        self._said = name
        surnames = self._surnames.get(name, Counter()).most_common(1)
        return [Update(USER, "name", name, weak=True)] + (
            [Update(USER, "surname", surnames[0][0], weak=True)] if surnames else [])

    @staticmethod
    def _named(words: str) -> tuple[str, str]:
        first, *rest = words.split()
        return first, rest[0] if rest and rest[0].lower() not in cues.NOT_NAMES else ""
