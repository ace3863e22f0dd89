"""What the card says beside a value of the user's: the place said with their employer ("backend engineer at
Tessela, a fintech startup in Lisbon", "postdoc at LMU, based at the Biocenter in Martinsried") or with an
activity ("aqua aerobics at Leisureland"), and the language a course is in ("German class tonight ... I'm doing
an online A1 course"), read from the parse and kept as the value's detail."""

from __future__ import annotations

from dataclasses import replace

from ..language.nlp import Token
from .tree import located, object_of, phrase_of, proper
from .values import USER, Update

#: Nouns that say a language is being learnt ("German class", "Portuguese tutor").
_LEARNING = frozenset("class classes course lesson lessons tutor teacher exam homework grammar".split())

#: Attributes whose values are said with a place.
PLACED = frozenset({"employer", "exercise"})


def placed(updates: list[Update], tokens: tuple[Token, ...]) -> list[Update]:
    """The updates, each employer or activity of the user's with the place the sentence says it is at."""
    return [_with_place(u, tokens) if u.subject == USER and u.attribute in PLACED and u.value and not u.detail
            else u for u in updates]


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
