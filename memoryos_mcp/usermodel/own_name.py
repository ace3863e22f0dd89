"""The user's own name as they say it: "I'm Kip", "call me Kip", "you may address me as Mr Nowak, or Jan Nowak in
full", "Hello, myself Pradeep Iyer", "hey this is Trevor from 4B"; with the surname said after it, and the name
they go by when two are said ("my name is Kipchoge but everyone calls me Kip")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Token
from . import cues
from .tree import child, is_name, object_of, span_of
from .values import USER, Update

#: Verbs a name the user goes by is said with ("call me Kip", "you may address me as Mr Nowak").
CALL = frozenset({"call", "calls", "address"})

#: Subjects that call the user nothing ("nobody calls me Robert").
_NO_ONE = frozenset({"nobody", "noone", "no-one"})
#: A name taken on in the user's words ("it's Sorcha Kavanagh now", "sign my letters now as Mrs Ngozi Okafor"),
#: and agreed to in the assistant's ("Robert it is", "I'll use Mrs Ngozi Okafor from now on"): the other side
#: repeating the name makes it the user's.
_TITLED = r"(?<![\w'’-])(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?"
_WORD = r"[A-Z][a-zà-ÿ'’-]+"
_NAMES = rf"{_TITLED}(?P<v>{_WORD}(?:\s+{_WORD})?)"
_TAKEN_ON = (re.compile(rf"\b(?i:it's|it’s|it is)\s+{_TITLED}(?P<v>{_WORD}\s+{_WORD})\s+now\b"),  # a full name
             re.compile(rf"\b(?i:sign)\s+(?:\w+\s+){{0,3}}?as\s+{_NAMES}"))
_AGREED = (re.compile(rf"{_NAMES}\s+it\s+is(?=\s*(?:[.!,;]|$|from\s+now\s+on\b))"),  # not "on an iPhone it is Settings"
           re.compile(rf"\bI(?:'ll|’ll|\s+will)\s+(?:call\s+you|address\s+you\s+as)\s+{_NAMES}"),
           re.compile(rf"\bI(?:'ll|’ll|\s+will)\s+use\s+{_NAMES}(?=\s+(?:from\s+now\s+on|going\s+forward)\b)"))
#: Words that say a message is about what the user is called.
_NAME_TALK = re.compile(r"\b(?:names?|call(?:s|ed)?\s+me|address\s+me|go(?:es)?\s+by|known\s+as|maiden|sign|"
                        r"from\s+now\s+on|anymore|any\s+more)\b", re.IGNORECASE)
#: Greetings before "this is ..." that make it the writer's own name.
_GREETINGS = frozenset({"hi", "hey", "hello", "hiya", "yo", "morning", "afternoon", "evening", "namaste"})


def addressed(name: str, reply: str) -> bool:
    """The reply calls the user `name`: "Hi Kip", "Salut Léa!", "Nice to meet you, Kip!"."""
    name = re.escape(name)
    return bool(re.match(rf"\W*(?:\w+,?\s+)?{name}\b\s*[,!.]", reply, re.IGNORECASE)
                or re.search(rf",\s*{name}\s*[!.?]", reply, re.IGNORECASE))


def introduced(tokens: tuple[Token, ...], i: int) -> list[Update]:
    """The name the writer gives themselves at word `i`: "call me Kip", "Hello, myself Pradeep Iyer", "hey this is
    Trevor from 4B"."""
    token = tokens[i]
    if token.lower in CALL and token.pos == "VERB":
        return _called_me(tokens, i)
    if token.lower == "myself" and _greeted(tokens, i, opening=True) and i + 1 < len(tokens):
        return name_said(tokens, _named_head(tokens, i + 1))
    if token.lower == "this" and token.dep == "nsubj" and _greeted(tokens, i):
        return name_said(tokens, child(tokens, token.head, "attr"))
    return []


def _called_me(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"call me Kip", "everyone calls me Kip" (the name parsed as a second object or as a complement), "address me
    as Mr Nowak, or Jan Nowak in full" (the fullest of the names offered)."""
    if any(t.head == verb and (t.dep == "neg" or t.lower in _NO_ONE) for t in tokens):
        return []  # "nobody calls me robert", "don't call me Bob": the name they do not go by
    me = next((n for n, t in enumerate(tokens) if t.head == verb and t.dep == "dobj" and t.lower == "me"), None)
    name = next((n for n, t in enumerate(tokens) if t.head == verb and n != me and t.dep in ("oprd", "dobj")), None)
    if name is None:
        name = object_of(tokens, verb, ("as",))
        offered = [name, child(tokens, name, "conj")] if name is not None else []
        name = max((n for n in offered if n is not None), key=lambda n: _names_in(tokens, n), default=None)
    return name_said(tokens, name) if me is not None else []


def _names_in(tokens: tuple[Token, ...], name: int) -> int:
    """How many names the phrase headed at `name` holds ("Jan Nowak": two; "Mr Nowak": one)."""
    lo, hi = span_of(tokens, name)
    return sum(1 for n in range(lo, hi + 1) if is_name(tokens, n))


def _named_head(tokens: tuple[Token, ...], n: int) -> int:
    """The word heading the name that starts at `n` (the surname the parse hangs "Pradeep" on)."""
    return tokens[n].head if tokens[n].dep == "compound" and tokens[n].head > n else n


def _greeted(tokens: tuple[Token, ...], word: int, opening: bool = False) -> bool:
    """The word follows a greeting ("hey this is Trevor", "Hello, myself Pradeep"), or with `opening` opens the
    sentence: the writer says who they are, not who someone in a photo is ("this is Sarah, my colleague")."""
    before = [t.lower for t in tokens[:word] if t.pos != "PUNCT"]
    return bool(before) and before[-1] in _GREETINGS or opening and not before


def goes_by(updates: list[Update]) -> list[Update]:
    """A page saying two names of the user's ("my name is Kipchoge Rotich but everyone calls me Kip"): the name
    said last is the one they go by, with the full name said before it as its detail."""
    names = [u for u in updates if u.subject == USER and u.attribute == "name" and not u.weak]
    if len(names) < 2 or names[-1].value == names[0].value:
        return updates
    surname = next((u.value for u in updates if u.subject == USER and u.attribute == "surname" and not u.weak), "")
    full = f"{names[0].value} {surname}".strip()
    return [replace(names[-1], detail=full) if u is names[-1] else u for u in updates if u not in names[:-1]]


def name_said(tokens: tuple[Token, ...], name: int | None, weak: bool = False) -> list[Update]:
    """The user's name (the first of "Maureen Fahy"; the rest as their surname, "Okafor-Reyes" whole)."""
    if name is None or not is_name(tokens, name):
        return []
    lo, _ = span_of(tokens, name)
    first = next((n for n in range(lo, name + 1) if is_name(tokens, n)), name)
    found = [Update(USER, "name", tokens[first].text, weak=weak)]
    return found + [Update(USER, "surname", _surname(tokens, first + 1, name), weak=weak)] if first != name else found


def _surname(tokens: tuple[Token, ...], lo: int, n: int) -> str:
    """The surname ending at `n` from `lo`, with the names joined to it by hyphens ("Okafor-Reyes", which the
    tokenizer splits and the parse may head by either half)."""
    end = n
    while end + 2 < len(tokens) and tokens[end + 1].text == "-" and not tokens[end].space \
            and not tokens[end + 1].space and tokens[end + 2].pos == "PROPN":
        end += 2
    return "".join(t.text + t.space for t in tokens[lo : end + 1]).strip()


def agreed_name(text: str, reply: str) -> list[Update]:
    """A new name the user takes on, said in one side's words and repeated in the other's: "It's Sorcha Kavanagh
    now ... the new name" (the reply writes "Sorcha Kavanagh"), "I've gone back to Robert" ("Robert it is"), "do
    not say Wolfi anymore ... simply Wolfgang" ("Wolfgang it is from now on"); not a choice of anything else
    ("Paris it is", where the message says nothing of a name)."""
    if not _NAME_TALK.search(text):
        return []
    said = [m.group("v") for p in _TAKEN_ON for m in p.finditer(text) if m.group("v") in reply]
    said += [m.group("v") for p in _AGREED for m in p.finditer(reply) if m.group("v").lower() not in cues.NOT_NAMES
             and re.search(rf"\b{re.escape(m.group('v'))}\b", text, re.IGNORECASE)]
    if not said:
        return []
    first, *rest = said[-1].split()
    return [Update(USER, "name", first)] + ([Update(USER, "surname", rest[0])] if rest else [])
