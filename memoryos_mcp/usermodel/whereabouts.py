"""Where the user lives, read from the dependency parse: "I live in", "we moved to", and the ways chat says it in
passing: pointing at a name said before ("a day trip from tucson ... i live here", "that's where I work"), the time
since a move ("ever since moving from san diego to denver"), a home swapped for another ("swapped Croydon for a
tiny terrace in Margate"), and a move whose place the parse misread that the assistant's reply writes as one ("i
moved to boise" -> "Boise has ...").
"""

from __future__ import annotations

import re

from ..language.nlp import Token, common_word
from . import cues
from .tree import child, is_organisation, is_place, object_of, opens, owned, phrase_of, proper, subject_of, tag_of
from .values import USER, Change, Update
from .voice import unreal

#: Verbs saying where the subject lives, with the preposition that names the place.
HOME_VERBS = {"live": "in", "lives": "in", "living": "in", "based": "in", "settled": "in", "moved": "to",
              "relocated": "to", "shifted": "to", "stay": "in"}  # "we stay in Aundh": where one lives
#: A move said as the time since it ("ever since moving from san diego to denver"): the gerund, its preposition.
MOVING = {"moving": "to", "relocating": "to", "shifting": "to"}
#: Words that point at a name said before them: "day trip from tucson ... I live here", "that's where I work".
POINTERS = frozenset({"here", "where"})
#: Verbs of a home given up for another ("swapped Croydon for a tiny terrace in Margate").
SWAPS = frozenset("swapped traded exchanged".split())
#: Times a place is swapped for only a while ("swapped Leeds for Lisbon this weekend", "for a few days").
BREAKS = frozenset("weekend weekends week weeks night nights day days".split())
#: Verbs of a move whose place the parse may misread ("moved to boise", read as an infinitive).
MOVES = frozenset("moved shifted relocated".split())
#: Prepositions a place is named after ("things to do in spokane").
PLACED = frozenset("in from near around".split())
#: Times a "here" never points at ("what to do in autumn, I live here"), when the tagger marks no date.
SEASONS = frozenset("spring summer autumn fall winter".split())
#: Nouns for a home ("our new flat in Villeray").
HOMES = frozenset(cues.DWELLINGS.split("|"))
#: Words after "our flat in" that name no place.
GENERIC_PLACES = frozenset("town city centre center country countryside village suburbs suburb area neighbourhood "
                           "neighborhood bed school hospital halls dorms college uni university work".split())


def home(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"I live in", "we're based in", "we moved to", "since moving to", "I live here" (not "I lived in": a past
    home)."""
    preposition = HOME_VERBS.get(tokens[verb].lower) or (MOVING.get(tokens[verb].lower) if since(tokens, verb)
                                                         else None)
    if preposition is None or tokens[verb].tag == "VBD" and preposition != "to":
        return []
    place = object_of(tokens, verb, (preposition,))
    if place is None:  # "I live here": a name, not "a day out with the kids ... I live here"
        place = pointed(tokens, verb)
        return home_named(tokens, place) if place is not None and _names_a_place(tokens, place) else []
    return home_named(tokens, place)


def _names_a_place(tokens: tuple[Token, ...], n: int) -> bool:
    """The word a "here" points at is a place's name ("in spokane"), not a time ("what to do in winter")."""
    token = tokens[n]
    if tag_of(tokens, n) == "DATE" or token.lower in SEASONS:
        return False
    return token.pos == "PROPN" or not common_word(token.text) or \
        token.tag == "NN" and tokens[token.head].lower in PLACED


def swapped(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"swapped Croydon for a tiny terrace in Margate", "traded London for Lisbon": a home left for another, both
    places by name (not "swapped my car for a bike", nor for a weekend)."""
    old = child(tokens, verb, "dobj") if tokens[verb].lower in SWAPS else None
    if old is None or not is_place(tokens, old) or any(t.entity == "DATE" and t.lower in BREAKS for t in tokens):
        return []  # not "swapped Leeds for Lisbon this weekend": a break
    new = object_of(tokens, verb, ("for",))
    if new is not None and not proper(tokens, new):
        new = object_of(tokens, new, ("in",))
    if new is None or tag_of(tokens, new) not in ("GPE", "LOC"):
        return []
    return [Update(USER, "home", phrase_of(tokens, new), old=phrase_of(tokens, old))]


def moved_to_named(tokens: tuple[Token, ...], reply: str) -> list[Update]:
    """A move whose place the parse misread, written as a place in the assistant's reply: "i moved to boise" (read
    as an infinitive; "Boise has ramen"), "we shifted from Pune to Hyderabad" (tagged an organisation; "In
    Hyderabad, ...")."""
    for verb, token in enumerate(tokens):
        subject = subject_of(tokens, verb)
        mine = opens(tokens, verb) if subject is None else tokens[subject].lower in ("i", "we")
        if token.lower not in MOVES or not mine or unreal(tokens, verb):
            continue
        place = object_of(tokens, verb, ("to",))
        if place is not None and tag_of(tokens, place) == "ORG":  # a town the reply puts things in, not a company
            name = phrase_of(tokens, place)
            return [Update(USER, "home", name)] if re.search(rf"\b(?i:in|to)\s+{re.escape(name)}\b", reply) else []
        misread = child(tokens, verb, "xcomp")
        if place is None and misread is not None and tokens[misread].pos == "VERB" and \
                tokens[misread - 1].lower == "to":
            name = tokens[misread].text.capitalize()  # a verb is never written with a capital inside the reply
            return [Update(USER, "home", name)] if re.search(rf"\b{re.escape(name)}\b", reply) else []
    return []


def since(tokens: tuple[Token, ...], verb: int) -> bool:
    """The verb is the gerund of a time since or after it ("ever since moving to denver my skin ..."), said of the
    user: the subject of the clause it dates is theirs or dropped, not another person (not "since moving to Leeds
    she ...", "my mum has ..."), and that clause is no plan ("after moving to Lisbon next year we'll ...")."""
    at = tokens[verb].head
    if tokens[verb].tag != "VBG" or tokens[verb].dep != "pcomp" or tokens[at].lower not in ("since", "after"):
        return False
    clause = tokens[at].head
    subject = subject_of(tokens, clause)
    if unreal(tokens, clause):
        return False
    return subject is None or tokens[subject].lower in ("i", "we") or \
        owned(tokens, subject) and tokens[subject].lower not in cues.ROLE_SET


def pointed(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The name a verb's "here" or "where" points at: the last one said before it ("a day trip from tucson ... I
    live here"), before the "that" of "that's where I work" ("an email to hr at lakeview memorial, that's where I
    work"), or the subject of "X is where I live"."""
    pointer = next((n for n, t in enumerate(tokens) if t.head == verb and t.lower in POINTERS and t.dep == "advmod"),
                   None)
    if pointer is None:
        return None
    if tokens[pointer].lower == "here":
        return _named_before(tokens, pointer)
    be = tokens[verb].head
    subject = child(tokens, be, "nsubj") if tokens[be].lower in ("is", "'s", "s", "was") else None
    if subject is None or tokens[subject].lower not in ("that", "this", "it"):
        return subject
    return _named_before(tokens, subject)


def _named_before(tokens: tuple[Token, ...], n: int) -> int | None:
    """The object of the last preposition before word `n` ("from tucson", "at lakeview memorial")."""
    return next((m for m in range(n - 1, -1, -1) if tokens[m].dep == "pobj" and tokens[m].pos in ("NOUN", "PROPN")),
                None)


def valued(tokens: tuple[Token, ...], n: int | None, attribute: str, change: Change = "set") -> list[Update]:
    """The home or employer named at `n`, when it is a place or an organisation."""
    fits = is_place if attribute == "home" else is_organisation
    return [Update(USER, attribute, phrase_of(tokens, n), change)] if n is not None and fits(tokens, n) else []


def home_named(tokens: tuple[Token, ...], place: int | None) -> list[Update]:
    """"our flat in Arroios", "i live in villeray": the place, capitalised or not (chat is written in lower
    case), unless it is no name ("our flat in town")."""
    if place is None or tokens[place].text[:1].isupper() or tokens[place].pos not in ("NOUN", "PROPN") or \
            tokens[place].lower in GENERIC_PLACES or child(tokens, place, "det", "poss") is not None:
        return valued(tokens, place, "home")
    return [Update(USER, "home", tokens[place].text.capitalize())]
