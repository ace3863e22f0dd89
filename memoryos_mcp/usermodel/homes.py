"""A home read over several messages: the place a flat or a house is looked at, bought or leased in ("we viewed a
bungalow in Barna, on the Forramoyle road", "signed a lease!! 3½ on rue de castelnau in villeray") is remembered
with what it is and its street; when the user later lives there ("i live in villeray now", "our first night in
Barna"), the home comes with them ("Villeray, rue de Castelnau").

A first night somewhere is a home only for a place a dwelling was named in: a holiday's first night is not.
Where the user says they are, in passing ("it's lashing down here in Galway again"), is their home when none is
known, unless the message says they are away.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Sentence, Token, common_word, parse, split
from . import cues
from .tree import is_place, object_of, opens, owned, phrase_of, subject_of, tag_of
from .values import USER, Update
from .voice import UNREAL

#: Words that say a message is about a dwelling.
_DWELLING = frozenset("flat house home apartment bungalow cottage condo studio unit bedspace lease landlord keys "
                      "mortgage offer viewing".split())
#: What a dwelling is, as the card says it.
_KINDS = frozenset("flat apartment bungalow cottage condo studio townhouse maisonette unit bedspace".split())
#: Verbs of a move ("we have shifted", "moved into the unit"): said with no place, the move is to the last place
#: a dwelling was named in.
_MOVES = frozenset("moved shifted relocated".split())
#: A street, after "on" or "in": "rue de Castelnau", "the Forramoyle road", "Bebelstraße".
_WORD = r"(?!(?:in|at|on|near|by|and|with|from)\b)[\w'’-]+"
_STREET = re.compile(rf"\b(?P<on>on|in|at)\s+(?:the\s+)?(?P<v>(?:rue|calle|via|avenida|rua)\s+"
                     rf"(?:(?:de|du|des|la|le|da|do)\s+)?{_WORD}(?:\s+{_WORD})?|{_WORD}(?:\s+{_WORD})?\s+"
                     r"(?:road|rd|street|avenue|ave|lane|drive|boulevard|crescent|terrace|close)|\w+(?:straße|strasse|gasse|weg))\b",
                     re.IGNORECASE)
#: Verbs of taking a dwelling's keys ("we got the keys today"): the move into the dwelling last looked at.
_KEYS_TAKEN = frozenset("got collected picked received".split())
#: The start of living somewhere: "our first night in Barna", "moved into the bungalow".
_FIRST = frozenset("night day week morning".split())
_NOT_PLACES = frozenset("town city centre center country countryside village area neighbourhood bed".split())
#: A sentence of the assistant's that may say where the user now lives ("First night in Ruczaj.", "Welcome to
#: your new home in Fish Hoek.", "Welcome to Dennistoun."): parsed only then.
_WELCOMED = re.compile(r"\bfirst night in\b|\bwelcome to\b|"
                       r"\byour (?:new |own )?(?:home|flat|house|apartment|place|cottage|bungalow|unit|studio) in\b",
                       re.IGNORECASE)
#: The user saying they have moved in ("We're in!!!", "we're finally in.", "I'm all moved in"; not "I'm in.", a yes
#: to an invitation): a move into the dwelling last found, the place not said.
_SETTLED_IN = re.compile(r"^\W*(?:(?:we're|we’re|we are)\s+(?:finally\s+|officially\s+|all\s+)?(?:moved\s+)?in\s*"
                         r"(?:[.!]+|$)|(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:finally\s+|officially\s+|all\s+)?"
                         r"moved\s+in\b)", re.IGNORECASE)
#: The user now in a place by name ("we're in acomb now"): a home when a dwelling was seen there.
_IN_NOW = re.compile(r"\b(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:finally\s+|officially\s+)?in\s+"
                     r"(?P<v>[\w'’-]+(?:\s+[\w'’-]+)?)\s+now\b(?!\s+(?:for(?!\s+good)|until|till|visiting|on|at|with)\b)",
                     re.IGNORECASE)
#: The user in the dwelling they were moving into ("I am in the flat!"): the move, into the place a dwelling was last
#: said to be in when none was found.
_IN_THE_DWELLING = re.compile(r"^\W*(?:i'm|i’m|i am|we're|we’re|we are)\s+(?:finally\s+)?in\s+(?:the|our|my)\s+"
                              r"(?:new\s+)?(?:flat|house|apartment|place|home|bungalow|cottage)\s*(?:!|$)",
                              re.IGNORECASE)
#: Words that make a dwelling named someone else's ("My parents have a cottage in Cornwall", "his flat in Leeds").
_OTHERS = re.compile(rf"\b(?:he|she|they|his|her|their|(?:my|our)\s+(?:{cues.ROLES}))\b|\w['’]s\s", re.IGNORECASE)
#: A dwelling the user found or took ("Found a place!!", "we bought a house", "I've rented a flat"), whose place
#: is where "We're in!!!" later moves them.
_FOUND = re.compile(r"(?:^\W*|\b(?:i|we)(?:['’]ve|\s+have)?\s+(?:just\s+|finally\s+)?)(?:found|bought|rented|leased)\s+"
                    r"(?:a|the|our|us\s+a)\s+(?:new\s+)?(?:place|house|flat|apartment|home|cottage|bungalow|unit|"
                    r"studio|condo)\b(?!\s+(?:for|to)\b)", re.IGNORECASE)
#: A dwelling being left ("hand back the keys for the Glenwood flat", "moving out of our old place"): a sentence
#: saying so names no place to move into.
_LEFT = re.compile(r"\b(?:hand(?:ing)?\s+back\s+the\s+keys|mov(?:e|ing)\s+out|(?:our|the|my)\s+old\s+(?:place|flat|"
                   r"house|home|apartment))\b", re.IGNORECASE)
#: Words that say the user is away from home: where they are "here" is no home.
_AWAY = frozenset("visiting holiday holidays vacation trip staying hotel travelling traveling conference landed "
                   "honeymoon airbnb hostel sightseeing".split())
#: Places remembered, at most.
MAX_PLACES = 50
#: People remembered, at most.
MAX_PEOPLE = 500


class Homes:
    """The places a dwelling was named in, each with what it is and its street ("bungalow, Forramoyle road")."""

    def __init__(self) -> None:
        self._seen: dict[str, list[str]] = {}  #: place -> [what it is, its street, as written]
        self._people: set[str] = set()  #: names said with their role ("my daughter Karen"): no place
        self._dwelling = ""  #: the place the user's own dwelling was last said to be in ("our house in Chorlton")
        self._found = ""  #: the place of the dwelling the user last found ("Found a place!! ... in Muizenberg")
        self._viewed = ""  #: the place a dwelling was last said to be in ("There is a flat in Møhlenpris")

    def read(self, sentences: list[Sentence], updates: list[Update], reply: str = "") -> list[Update]:
        """The page's updates, a home of the user's with what is known of it, and a home begun in a place
        known for a dwelling: said by the user, or by the assistant's `reply` to news the user gave without
        the place ("we're in!!!" -> "You've moved! First night in Ruczaj.")."""
        words = _words(sentences)
        self._people |= {u.subject for u in updates if u.attribute == "role" and u.subject[:1].isupper()}
        if len(self._people) > MAX_PEOPLE:
            self._people.clear()
        staying = [s for s in sentences if not _LEFT.search(s.text)]
        viewed = [p for s in staying if not _OTHERS.search(s.text) for p in _dwelling_in(s.tokens)]
        if words & _DWELLING and staying:
            self._remember(staying, _words(staying))
            self._found = self._found_in(staying) or self._found
        found = [self._known(u) if u.subject == USER and u.attribute == "home" else u for u in updates]
        if not _has_home(found):
            found += [self._known(Update(USER, "home", place)) for place in self._begun(sentences)][:1]
        if not _has_home(found) and not words & _AWAY:
            found += [Update(USER, "home", place, weak=True) for s in sentences for place in _here_in(s.tokens)][:1]
        told = [s for s in split(reply) if _WELCOMED.search(s)] if self._seen else []
        if told and not _has_home(found):
            # the news may name the dwelling's place itself ("Landed! the flat in Sendling is small" -> "Welcome
            # to Munich!"): the user's own words are the finer place
            mine = [p for s in sentences for p in _dwelling_in(s.tokens) if p.lower() in self._seen][-1:]
            places = mine or self._begun([s for ss in parse(told) for s in ss], owner="your")[:1]
            found += [self._known(Update(USER, "home", place)) for place in places]
        if not _has_home(found) and not words & _AWAY:  # "we're in acomb now", where a dwelling was seen
            found += [self._known(Update(USER, "home", m.group("v"))) for s in sentences
                      for m in [_IN_NOW.search(s.text)] if m and m.group("v").lower() in self._seen][:1]
        settled = any(_SETTLED_IN.match(s.text) for s in sentences)
        inside = any(_IN_THE_DWELLING.match(s.text) for s in sentences)
        if not _has_home(found) and (settled and self._found or inside and (self._found or self._viewed)):
            # "We're in!!!", "I am in the flat!", where neither the user nor the reply names the place: the dwelling
            # found, or else the last one a dwelling was said to be in ("There is a flat in Møhlenpris")
            place = self._found or self._viewed
            found.append(self._known(Update(USER, "home", place[:1].upper() + place[1:])))
            self._found = ""
        self._viewed = viewed[-1] if viewed else self._viewed
        return [replace(u, value=u.value.capitalize()) if u.subject == USER and u.attribute == "home" and
                u.value.isalpha() and u.value.islower() else u for u in found]  # a place as written: "ruczaj"

    def _found_in(self, sentences: list[Sentence]) -> str:
        """The place of a dwelling the user found: the first named in the sentence saying so or those after it
        ("Found a place!! 2 bed cottage in Muizenberg. Leaving Durban will be hard.": Muizenberg)."""
        at = next((n for n, s in enumerate(sentences) if _FOUND.search(s.text)), None)
        return "" if at is None else next((p for s in sentences[at:] for p in _places(s.tokens, self._people)
                                           if not re.search(rf"\bfrom\s+{re.escape(p)}", s.text)), "")

    def _remember(self, sentences: list[Sentence], words: set[str]) -> None:
        kind = next((w for w in sorted(_KINDS) if w in words), "")
        street = next((found for s in sentences for found in [_street(s)] if found), "")
        named = [p for s in sentences for p in _places(s.tokens, self._people)]
        homes = {p for s in sentences for p in _dwelling_in(s.tokens)}
        ours = {p for s in sentences for p in _ours_in(s.tokens)}
        self._dwelling = next((p for p in reversed(named) if p in ours), self._dwelling)
        for place in sorted(named, key=lambda p: p in homes):  # "his flat in dennistoun" comes last of its message
            known = self._seen.pop(place.lower(), ["", ""])  # the latest named comes last
            self._seen[place.lower()] = [kind or known[0], street or known[1], place]
        if len(self._seen) > MAX_PLACES:
            self._seen.pop(next(iter(self._seen)))

    def _known(self, update: Update) -> Update:
        about = ", ".join(p for p in self._seen.get(update.value.lower(), [])[:2] if p)
        return replace(update, detail=about) if about and not update.detail else update

    def _begun(self, sentences: list[Sentence], owner: str = "") -> list[str]:
        """Places a dwelling was named in, where "our first night" is, or the last one when the user says they
        moved without saying where ("we have shifted", "moved into the unit"). In the assistant's words (`owner`
        "your"), "your new home in Fish Hoek" too, and no move without its place."""
        begun = []
        for sentence in sentences:
            tokens = sentence.tokens
            for n, token in enumerate(tokens):
                yours = bool(owner) and token.lower in _DWELLING and any(
                    t.head == n and t.lower == owner for t in tokens)
                first = token.dep == "ROOT" and any(t.head == n and t.lower == "first" for t in tokens)
                welcome = bool(owner) and token.lower == "welcome"  # "Welcome to Dennistoun."
                if token.lower in _FIRST and (owned(tokens, n) or first) or yours or welcome:  # "First night in X."
                    place = object_of(tokens, n, ("to",) if welcome else ("in",))
                    name = phrase_of(tokens, place) if place is not None else ""
                    if name.lower() in self._seen or place is not None and tokens[place].lower in self._seen:
                        begun.append(name)
                if token.lower == "keys" and self._dwelling and not owner and _keys_taken(tokens, n):
                    begun.append(self._dwelling)
                if token.lower in _MOVES and self._seen and not owner and _moved_unsaid(tokens, n):
                    last = next(reversed(self._seen.values()))[2]
                    begun.append(last[:1].upper() + last[1:])  # a name, in lower case in chat
        return begun


def _here_in(tokens: tuple[Token, ...]) -> list[str]:
    """Where the user says they are ("down here in Galway", "the weather here in Leeds"): a place by name."""
    found = []
    for n, token in enumerate(tokens[:-2]):
        at = n + 1
        if token.lower != "here" or tokens[at].lower != "in" or tokens[at].head not in (n, token.head):
            continue
        place = next((m for m, t in enumerate(tokens) if t.head == at and t.dep == "pobj"), None)
        if place is not None and is_place(tokens, place) and tag_of(tokens, place) in ("GPE", "LOC", ""):
            found.append(phrase_of(tokens, place))
    return found


def _moved_unsaid(tokens: tuple[Token, ...], verb: int) -> bool:
    """The user says they moved ("we have shifted", "moved into the unit"), not where to, not as a wish, a plan
    or a condition ("send it after we've moved"), nor of a thing ("we moved the sofa")."""
    subject = subject_of(tokens, verb)
    mine = tokens[subject].lower in ("i", "we") if subject is not None else opens(tokens, verb)
    shouted = tokens[verb].text.isupper() and tokens[verb].dep == "ROOT"  # "MOVED.", tagged as a name
    stated = (tokens[verb].tag in ("VBD", "VBN") or shouted) and \
        tokens[verb].dep not in ("advcl", "ccomp", "xcomp", "relcl", "acl")
    said = [(n, t) for n, t in enumerate(tokens) if t.head == verb and n != verb]
    if not (mine and stated) or any(t.lower in UNREAL or t.dep in ("neg", "mark", "dobj") for _, t in said):
        return False
    return all(t.lower == "into" and _dwelling(tokens, n) for n, t in said
               if t.dep == "prep" and t.lower in ("to", "into", "in"))


def _ours_in(tokens: tuple[Token, ...]) -> list[str]:
    """Places a dwelling the user may come to have is in ("an offer on a house in Chorlton", "contracts exchanged
    on the Heaton bungalow"); not a dwelling said to be another's ("the family house in Ibadan belongs to my
    mother", "his flat")."""
    found = []
    for n, token in enumerate(tokens):
        others = token.dep in ("nsubj", "nsubjpass") or any(
            t.head == n and t.dep == "poss" and t.lower not in ("my", "our") for t in tokens)
        if token.lower not in _DWELLING or others:
            continue
        place = object_of(tokens, n, ("in",))
        if place is None:
            place = next((m for m, t in enumerate(tokens) if t.head == n and t.dep == "compound" and t.pos == "PROPN"),
                         None)
        if place is not None and _may_name(tokens, place):
            found.append(_name(tokens, place, set()))
    return found


def _keys_taken(tokens: tuple[Token, ...], keys: int) -> bool:
    """"We got the keys today": the user took a dwelling's keys, said as done (not "the keys to the van", not
    "when we get the keys")."""
    verb = tokens[keys].head
    subject = subject_of(tokens, verb)
    said = [t for t in tokens if t.head == verb and t is not tokens[verb]]
    return tokens[keys].dep == "dobj" and tokens[verb].lower in _KEYS_TAKEN and tokens[verb].tag == "VBD" and \
        subject is not None and tokens[subject].lower in ("i", "we") and \
        not any(t.lower in UNREAL or t.dep in ("neg", "mark") for t in said) and \
        not any(t.head == keys and t.dep == "prep" for t in tokens)


def _has_home(updates: list[Update]) -> bool:
    return any(u.subject == USER and u.attribute == "home" for u in updates)


def _words(sentences: list[Sentence]) -> set[str]:
    """The words of the sentences, lower case, but for halves of a hyphened one ("in-house counsel" says no house)
    and "home" said as where one is, not a dwelling ("works from home", "at home")."""
    return {t.lower for s in sentences for n, t in enumerate(s.tokens)
            if not _hyphened(s.tokens, n) and not _at_home(s.tokens, n)}


def _at_home(tokens: tuple[Token, ...], n: int) -> bool:
    """"home" after "from" or "at" ("works from home"): where one is, no dwelling (unlike "moved home to York")."""
    return tokens[n].lower == "home" and n > 0 and tokens[n - 1].lower in ("from", "at")


def _hyphened(tokens: tuple[Token, ...], n: int) -> bool:
    """The word is half of a hyphened one ("in-house counsel", "home-made"): no dwelling."""
    joined = [m for m in (n - 1, n + 1) if 0 <= m < len(tokens) and tokens[m].text == "-"]
    return any(not tokens[min(m, n)].space for m in joined)


def _dwelling_in(tokens: tuple[Token, ...]) -> list[str]:
    """Places a dwelling is said to be in ("his flat in dennistoun")."""
    found = []
    for n, token in enumerate(tokens):
        if token.lower in _DWELLING:
            place = object_of(tokens, n, ("in",))
            if place is not None and _may_name(tokens, place):
                found.append(_name(tokens, place, set()))
    return found


def _dwelling(tokens: tuple[Token, ...], preposition: int) -> bool:
    """"into the unit": a dwelling, not a place named."""
    place = next((n for n, t in enumerate(tokens) if t.head == preposition and t.dep == "pobj"), None)
    return place is not None and tokens[place].lower in _DWELLING


def _street(sentence: Sentence) -> str:
    """The street a sentence names, unless it is another thing's ("the roaster on Rua Morais Soares")."""
    match = _STREET.search(sentence.text)
    if match is None:
        return ""
    at = next((t for t in sentence.tokens if t.lower == match.group("on").lower() and t.dep == "prep"), None)
    owner = sentence.tokens[at.head] if at is not None else None
    if owner is not None and owner.pos == "NOUN" and owner.lower not in _DWELLING:
        return ""
    return _title(match.group("v"))


def _places(tokens: tuple[Token, ...], people: set[str]) -> list[str]:
    """Names of places in a sentence, whole ("Island Bay", not "Bay"): tagged ones, those after "in", and "the
    Barna bungalow"; never a person known (said without a stop, "the unit in Henley Joan and me" is parsed as one
    name: the place is before her)."""
    found = []
    for n, token in enumerate(tokens):
        if _person(token, people) or _inside_name(tokens, n, people):
            continue
        after_in = token.dep == "pobj" and tokens[token.head].lower == "in" or token.dep == "compound" and \
            _person(tokens[token.head], people) and tokens[tokens[token.head].head].lower == "in"
        before_home = token.dep == "compound" and tokens[token.head].lower in _DWELLING
        if (token.entity in ("GPE", "LOC") or after_in or before_home and token.pos == "PROPN") and \
                token.pos in ("PROPN", "NOUN") and token.lower not in _NOT_PLACES | _DWELLING and token.text.isalpha() \
                and token.entity not in ("DATE", "TIME") and _may_name(tokens, n):  # "move in May 1": no place
            found.append(_name(tokens, n, people))
    return found


def _may_name(tokens: tuple[Token, ...], n: int) -> bool:
    """The word may be a place's name: not a thing said with a determiner ("no sofa yet", parsed as the flat's
    "in"), nor an everyday word shouted ("MY apartment")."""
    token = tokens[n]
    if token.entity in ("GPE", "LOC", "FAC"):
        return True
    if token.pos == "NOUN":
        return not any(t.head == n and t.dep == "det" for t in tokens)
    return not (token.text.isupper() and common_word(token.lower))


def _name(tokens: tuple[Token, ...], n: int, people: set[str]) -> str:
    """The whole name of the place at `n`, up to a person known said after it ("Henley" of "Henley Joan")."""
    if tokens[n].pos != "PROPN":
        return tokens[n].text
    words = phrase_of(tokens, n).split()
    cut = next((i for i, word in enumerate(words) if i and word in people), len(words))
    return " ".join(words[:cut])


def _inside_name(tokens: tuple[Token, ...], n: int, people: set[str]) -> bool:
    """A word of a longer place name ("Island" of "Island Bay"): the name is read at its last word."""
    head = tokens[tokens[n].head]
    return tokens[n].dep == "compound" and tokens[n].pos == "PROPN" and head.pos == "PROPN" and \
        tokens[n].head > n and not _person(head, people)


def _person(token: Token, people: set[str]) -> bool:
    return token.text in people


def _title(text: str) -> str:
    return " ".join(w if w.lower() in ("de", "du", "des", "la", "le", "da", "do", "road", "street", "lane", "avenue")
                    else w[:1].upper() + w[1:] for w in text.split())
