"""What the card says beside a value of the user's: the place said with their employer ("backend engineer at
Tessela, a fintech startup in Lisbon", "postdoc at LMU, based at the Biocenter in Martinsried") or with an
activity ("aqua aerobics at Leisureland"), and the language a course is in ("German class tonight ... I'm doing
an online A1 course"), read from the parse and kept as the value's detail."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Sentence, Token
from ..language.text import LOWER, UPPER
from .tree import located, object_of, phrase_of, proper
from .values import USER, Update

#: Nouns that say a language is being learnt ("German class", "Portuguese tutor").
_LEARNING = frozenset("class classes course lesson lessons tutor teacher exam homework grammar".split())

#: Nouns for a workplace named by its place ("reached Chakan plant", "the Leeds office is huge").
_WORKPLACES = frozenset("plant office factory site campus branch depot warehouse headquarters hq".split())
#: A doctor named by title ("Dr Rao said borderline high", "Doctor Mills").
_DOCTOR = re.compile(rf"\b(?:Dr\.?|Doctor)\s+(?P<n>[{UPPER}][{LOWER}]+(?:[-'][{UPPER}][{LOWER}]+)?)\b")
#: Attributes of the user's health, said with the doctor who looks after it.
TREATED = frozenset({"condition", "medication"})
#: Attributes whose values are said with a place.
PLACED = frozenset({"employer", "exercise"})


def placed(updates: list[Update], tokens: tuple[Token, ...]) -> list[Update]:
    """The updates, each employer or activity of the user's with the place the sentence says it is at."""
    return [_with_place(u, tokens) if u.subject == USER and u.attribute in PLACED and u.value and not u.detail
            else u for u in updates]


def sited(updates: list[Update], sentences: list[Sentence]) -> list[Update]:
    """The updates, a new employer of the user's with the place its workplace is named by in the message
    ("Today I am joining X. Reached Chakan plant by 8 itself." -> "Chakan")."""
    site = next((phrase_of(s.tokens, n) for s in sentences for n, t in enumerate(s.tokens)
                 if t.dep == "compound" and t.pos == "PROPN" and s.tokens[t.head].lower in _WORKPLACES), "")
    if not site:
        return updates
    return [replace(u, detail=site) if u.subject == USER and u.attribute == "employer" and u.value
            and not u.detail and site not in u.value else u for u in updates]


def treated(updates: list[Update], text: str) -> list[Update]:
    """The updates, a health matter of the user's with the doctor the message names ("LDL is 162. Dr Rao
    said borderline high" -> "Dr Rao")."""
    doctor = _DOCTOR.search(text)
    if doctor is None:
        return updates
    return [replace(u, detail=f"Dr {doctor.group('n')}") if u.subject == USER and u.attribute in TREATED
            and not u.detail else u for u in updates]


def _with_place(update: Update, tokens: tuple[Token, ...]) -> Update:
    n = _word_of(tokens, update.value)
    if n is None:
        return update
    if update.attribute == "employer":  # said of the employer, or of the job it is the employer of
        place = located(tokens, n)
        at = tokens[n].head
        if place is None and tokens[at].dep == "prep" and tokens[at].head != at:
            place = located(tokens, tokens[at].head, skip=n)
    else:
        place = object_of(tokens, n, ("at",))
        place = place if place is not None and proper(tokens, place) else None
    return replace(update, detail=phrase_of(tokens, place)) if place is not None else update


def _word_of(tokens: tuple[Token, ...], value: str) -> int | None:
    """Where the value's last word stands after its first ("aqua aerobics" -> "aerobics")."""
    words = value.lower().split()
    for n, token in enumerate(tokens):
        if token.lower == words[0]:
            last = n + len(words) - 1
            if last < len(tokens) and tokens[last].lower == words[-1]:
                return last
    return None


def language_of(tokens: tuple[Token, ...]) -> str:
    """A language named as what is learnt: a people's adjective before a learning noun ("German class"), or
    the object of "learning" ("learning Portuguese")."""
    for n, token in enumerate(tokens):
        before = n + 1 < len(tokens) and tokens[n + 1].lower in _LEARNING
        learnt = tokens[token.head].lower in ("learning", "learn", "studying") and token.dep == "dobj"
        if token.entity in ("NORP", "LANGUAGE") and (before or learnt):
            return token.text[:1].upper() + token.text[1:]
    return ""
