"""Whose a reading is and whether it is said as so, from the parse of the clause it sits in.

The rules (cues.py) read a value from the words alone: "started yoga", "been vegan", "mum lives in". Said of
someone else ("my sister started yoga", "Nadia's new favourite podcast is Serial", "his mum lives in Hull"),
or as a wish, a condition or a denial ("if I joined a boxing class", "I'd love to work at Google"), it is no
value of the user's, and it must not close one that is.
"""

from __future__ import annotations

import re

from ..language.nlp import Token
from . import cues
from .tree import subject_of

#: Modal and wishing words that make a statement a plan or a wish, not a fact ("I'll be working at", "if I moved to").
UNREAL = frozenset("will 'll would 'd might could should may if going want wanted hope hoping plan planning "
                   "thinking".split())
#: Verbs whose clause is wished, planned or past, not the present state ("want to work at", "used to swim").
_GOVERNING = UNREAL | frozenset("want wants hope hopes wish wishes considering used".split())
#: Verbs of opinion: a clause someone else thinks is their belief, not what the user says ("my Spotify thinks I
#: am 60", "mum reckons I'm still twelve").
_BELIEVING = frozenset("think thinks thought reckon reckons reckoned assume assumes assumed believe believes "
                       "believed guess guesses guessed".split())
#: Dependencies of a word the parse could not place in its clause.
_LOOSE = frozenset("npadvmod dep parataxis intj meta".split())
#: Subjects that are the user.
_USER = frozenset("i we me us".split())
#: Subjects that are someone else.
_OTHERS = frozenset("he she they you u".split())


def offsets(tokens: tuple[Token, ...]) -> list[int]:
    """Where each token starts in its sentence's text."""
    starts, at = [], 0
    for token in tokens:
        starts.append(at)
        at += len(token.text) + len(token.space)
    return starts


def token_at(tokens: tuple[Token, ...], at: int) -> int | None:
    """The token covering character `at` of the sentence."""
    return next((n for n, start in reversed(list(enumerate(offsets(tokens)))) if start <= at), None)


def users(tokens: tuple[Token, ...], span: tuple[int, int], value: tuple[int, int], mood: bool = True) -> bool:
    """The words in `span` (characters of the sentence), read as the value at `value`, say something of the user,
    as so (unless `mood` is off: an end says its own negation, "no longer"). A value that is itself the subject
    ("Big Thief is my favourite band") is the user's, whatever the verb."""
    n = token_at(tokens, value[0]) if tokens else None
    if n is None:
        return True  # no parse: the rules alone
    inside = _inside(tokens, span)
    if tokens[n].dep in ("aux", "auxpass"):  # "was made redundant" read from its auxiliary: the verb's clause
        n = tokens[n].head
    verb, path = _clause(tokens, n)
    if verb is None:  # "I am 60 years old": the number hangs loosely; the clause is the one the user is subject of
        verb = next((t.head for m, t in enumerate(tokens) if m in inside and t.dep == "nsubj" and t.lower in _USER),
                    None)
    if verb is None:  # "he's gone vegan", the value hanging loosely: the clause of the rule's verb
        verb = next((m for m in sorted(inside) if tokens[m].pos == "VERB"), None)
    if verb is None:  # no verb parsed: "Nora's not allergic to peanuts" (read as Nora's something) is Nora's
        return not any(t.pos == "PROPN" and m + 1 < n and tokens[m + 1].lower in ("'s", "’s")
                       for m, t in enumerate(tokens[:n]))
    subject = subject_of(tokens, verb)
    if subject in path:
        return True
    if subject is not None and subject not in _inside(tokens, value) and _other(tokens, subject, verb, inside):
        return False
    return not (mood and unreal(tokens, verb, inside))


def _other(tokens: tuple[Token, ...], subject: int, verb: int, inside: set[int]) -> bool:
    """The clause is said of someone else: its subject is, and the user is nowhere in the rule's match ("they voted
    me on as", "switched our rice"); a subject the rule read ("new favourite Podcast is") only by its owner
    ("Nadia's new ...")."""
    if any(m in inside and (t.head == verb or t.head in inside) and t.lower in _USER for m, t in enumerate(tokens)):
        return False  # "they voted me on as", "Rosie made me kitchen manager" (parsed as "me kitchen manager")
    if any(m in inside and t.lower == "our" and t.dep == "poss" and tokens[t.head].dep == "dobj"
           and tokens[t.head].head == verb for m, t in enumerate(tokens)):
        return False  # "my wife switched our rice to brown rice": done to the household, the user's too
    return theirs(tokens, subject) if subject in inside else someone_else(tokens, subject)


#: What a possessive names as the person's own birthday ("Sam's birthday", "Sam's 9th").
_BIRTHDAY = re.compile(r"birthday|\d{1,2}(?:st|nd|rd|th)")


def their_role(tokens: tuple[Token, ...], span: tuple[int, int], who_at: int, value_at: int, mood: bool = True) -> bool:
    """A rule's person (`who_at`) is someone else's ("his mum", "Nadia's mum"), or the possessive's "'s" was read as
    "is" ("my mum's doctor"), or the value is said as a wish or a condition (unless `mood` is off: a note in
    brackets is said as so whatever its clause, "Rex (6) won't eat"): not what the person is."""
    n = token_at(tokens, who_at) if tokens else None
    if n is None:
        return False
    head = tokens[n].head  # "my mum's doctor"; not "Mia's nine", "Maureen's a retired librarian" ("'s": "is"),
    # nor "Sam's 9th (birthday)": a birthday is the person's own
    owner = tokens[n].dep == "poss" and tokens[head].pos in ("NOUN", "PROPN") and not any(
        t.lower in ("a", "an") for t in tokens[n + 1 : head]) and not _BIRTHDAY.fullmatch(tokens[head].lower)
    if theirs(tokens, n) or owner and any(t.head == n and t.tag == "POS" for t in tokens):
        return True
    inside = _inside(tokens, span)
    value = token_at(tokens, value_at)
    verb = _clause(tokens, value)[0] if value is not None else None
    return mood and verb is not None and unreal(tokens, verb, inside)


def someone_else(tokens: tuple[Token, ...], subject: int) -> bool:
    """The subject is a person other than the user ("Nadia", "my sister", "he"), or a thing of theirs ("Nadia's
    podcast"), and the user is not one of them ("Nadia and I")."""
    token = tokens[subject]
    joined = [t.lower for t in tokens if t.head == subject and t.dep == "conj"]
    if token.lower in _USER or _USER.intersection(joined):
        return False
    return (token.lower in _OTHERS or theirs(tokens, subject) or token.lower in cues.ROLE_SET
            or token.pos == "PROPN")


def theirs(tokens: tuple[Token, ...], noun: int) -> bool:
    """The noun is said as someone else's: "his mum", "Ross's mum", "my friend's mum" (by the parse, or by the word
    before it when the parse of chat fails)."""
    before = tokens[noun - 1] if noun else None
    return any(t.head == noun and t.dep == "poss" and t.lower not in ("my", "our") for t in tokens) or (
        before is not None and (before.tag == "POS" or before.tag == "PRP$" and before.lower not in ("my", "our")))


def _marvelled(tokens: tuple[Token, ...], verb: int, subject: int | None) -> bool:
    """"they're 3 now, can you believe": the listener asked to believe what the user says, no one's opinion."""
    return subject is not None and tokens[subject].lower in ("you", "u") and \
        any(t.head == verb and t.lower in ("can", "could") for t in tokens)


def unreal(tokens: tuple[Token, ...], verb: int, inside: set[int] | frozenset[int] = frozenset()) -> bool:
    """A negated, wished, planned or conditional statement ("I don't live in", "if I moved to", "I'd love to work
    at"), by the verb's own words, those of the verb it completes ("'d love to"), a verb of wishing it hangs on
    ("I hope I get") or someone else's belief ("my Spotify thinks I am 60"); words `inside` the rule's match are
    its own reading ("I don't eat eggs")."""
    for _ in range(4):
        near = [t for n, t in enumerate(tokens) if t.head == verb and n != verb and n not in inside
                and t.dep in ("neg", "aux", "mark", "advmod")]
        if any(t.dep == "neg" or t.lower in UNREAL for t in near):
            return True
        head = tokens[verb].head
        if tokens[verb].dep not in ("xcomp", "advcl", "ccomp") or head == verb:
            return False
        wisher = subject_of(tokens, head)  # "I want to", not "Nadia wants us to" (a proposal the user may take)
        mine = wisher is None or tokens[wisher].lower in _USER
        if tokens[head].lower in _GOVERNING and head not in inside and mine:
            return True
        if tokens[head].lower in _BELIEVING and not mine and not _marvelled(tokens, head, wisher):
            return True
        if tokens[verb].dep != "xcomp":  # "I don't care, I'm the treasurer": another statement
            return False
        verb = head
    return False


def _inside(tokens: tuple[Token, ...], span: tuple[int, int]) -> set[int]:
    """The tokens starting within `span` (characters of the sentence)."""
    return {n for n, start in enumerate(offsets(tokens)) if span[0] <= start < span[1]}


def _clause(tokens: tuple[Token, ...], n: int) -> tuple[int | None, list[int]]:
    """The verb whose clause word `n` is in, and the words from `n` up to it; none past a colon ("Prof. Brandl
    emailed: postdoc at LMU" says the news, not what the professor does) or a word the parse hangs loosely on it
    ("doctor said I take the tablets too the ramipril")."""
    path: list[int] = []
    for _ in range(len(tokens)):
        if tokens[n].pos in ("VERB", "AUX"):
            return n, path
        path.append(n)
        head = tokens[n].head
        if head == n or tokens[n].dep in _LOOSE or any(t.text == ":" for t in tokens[min(head, n) : max(head, n)]):
            return None, path
        n = head
    return None, path
