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
from .tree import (
    NOT_PLACE,
    child,
    is_organisation,
    is_place,
    object_of,
    opens,
    owned,
    phrase_of,
    proper,
    subject_of,
    tag_of,
)
from .values import USER, Change, Update
from .voice import unreal

#: Verbs saying where the subject lives, with the prepositions that name the place ("I live on Christie Street").
_LIVE = ("in", "on", "at")
HOME_VERBS = {"live": _LIVE, "lives": _LIVE, "living": _LIVE, "based": ("in",), "settled": ("in",), "moved": ("to",),
              "relocated": ("to",), "shifted": ("to",), "stay": ("in",)}  # "we stay in Aundh": where one lives
#: A move said as the time since it ("ever since moving from san diego to denver"): the gerund, its preposition.
MOVING = {"moving": ("to",), "relocating": ("to",), "shifting": ("to",)}
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
#: The last words of a street's name ("I live on Christie Street", "at 14 Hawbank Close").
STREETS = frozenset("street st road rd avenue ave lane close drive crescent way terrace place court row boulevard "
                    "gardens grove square parade walk".split())
#: Words after "our flat in" that name no place.
GENERIC_PLACES = frozenset("town city centre center country countryside village suburbs suburb area neighbourhood "
                           "neighborhood bed school hospital halls dorms college uni university work".split())


def home(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"I live in", "we're based in", "we moved to", "since moving to", "I live here" (not "I lived in": a past
    home)."""
    prepositions = HOME_VERBS.get(tokens[verb].lower) or (MOVING.get(tokens[verb].lower) if since(tokens, verb)
                                                          else None)
    if prepositions is None or tokens[verb].tag == "VBD" and prepositions != ("to",):
        return []
    place = object_of(tokens, verb, prepositions)
    if place is None:  # "I live here": a name, not "a day out with the kids ... I live here"
        place = pointed(tokens, verb)
        return home_named(tokens, place) if place is not None and _names_a_place(tokens, place) else []
    if tokens[tokens[place].head].lower in ("on", "at"):  # a street ("on Christie Street"), not "at home", "on Netflix"
        return _street(tokens, place)
    return home_named(tokens, place)


def home_word(tokens: tuple[Token, ...], n: int) -> list[Update]:
    """A home said around one word other than a verb of living: "boxes finally unpacked in Bray", "we closed on
    the house in Kettering", "I'm Manchester based", "moving to Perth was the best decision we ever made"."""
    word = tokens[n].lower
    if word == "boxes":
        return unpacked_in(tokens, n)
    if word in ("closed", "closing"):
        return closed_on(tokens, n)
    if word == "based":
        return based(tokens, n)
    return move_told(tokens, n) if word in MOVES_TOLD else []


def _street(tokens: tuple[Token, ...], place: int) -> list[Update]:
    """A street by its name ("Christie Street", "14 Hawbank Close"), whatever the tagger took it for; not "the
    Grove", "the end of the road"."""
    named = any(t.head == place and t.dep in ("compound", "nummod") and t.text[:1].isupper() for t in tokens)
    return [Update(USER, "home", phrase_of(tokens, place))] if tokens[place].lower in STREETS and named else []


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
        welcomed = _WELCOMED.search(reply)
        if place is None and welcomed and _moved_alone(tokens, verb) and not all(
                common_word(w) or _STATE.search(w) for w in welcomed.group(1).split()):
            return [Update(USER, "home", welcomed.group(1))]  # "Moved." -> "Welcome to Skipton!"
    return []


#: The reply welcoming the user to the town they moved to, a sentence of its own ("Welcome to Skipton!"; not
#: "Welcome to Adulting!").
_WELCOMED = re.compile(r"(?:^|[.!?]\s+)Welcome to ([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s*[!.]")


#: Endings of a word for a state of life, no town ("Welcome to Homeownership!", "Welcome to Parenthood").
_STATE = re.compile(r"(?:ship|hood|ness|dom|ity|tion|ism)$")


def _moved_alone(tokens: tuple[Token, ...], verb: int) -> bool:
    """"Moved.", "finally moved in!": a move said with nothing moved, no place and no one it is with ("moved
    teams", "moved in together", "moved out last week")."""
    said = [t for n, t in enumerate(tokens) if t.head == verb and n != verb and t.dep not in ("nsubj", "aux", "punct")]
    return all(t.lower in ("in", "finally", "just", "officially", "today") for t in said)


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


#: Words that make "X is home" a home said, not a wish ("Leeds is officially home", "Harbor Ave is home now").
SETTLED = frozenset("officially finally now".split())
#: Units of a stay long enough to be where one lives ("been in denver 3 wks now"; not "3 days").
LONG_STAYS = frozenset("week weeks wks month months mos year years yrs".split())
#: What a move's boxes are said to be when the move is done ("boxes finally unpacked in Bray").
UNPACKED = frozenset("unpacked arrived delivered".split())
#: Words that say the place where "been" is a trip: "been in Rome 3 weeks on holiday".
AWAY = frozenset("visiting holiday holidays vacation trip hotel travelling traveling conference honeymoon airbnb "
                 "hostel sightseeing backpacking".split())


def called_home(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"harbor ave is officially home", "Leeds is home now": a place the user says is home now (not "Leeds will
    never be home", "Leeds was home", "is home to", "home for the weekend"); "Home is Ballarat these days"."""
    subject = child(tokens, verb, "nsubj")
    if subject is not None and tokens[subject].lower == "home":
        return _home_is(tokens, verb, subject)
    word = next((n for n, t in enumerate(tokens) if t.head == verb and t.lower == "home"
                 and t.dep in ("acomp", "attr", "advmod")), None)
    if subject is None or word is None or tokens[verb].lower not in ("is", "'s") or unreal(tokens, verb):
        return []
    said = {t.lower for t in tokens if t.head in (verb, word)}
    if not said & SETTLED or said & {"not", "never", "to", "for"} or not _named(tokens, subject):
        return []
    return [Update(USER, "home", phrase_of(tokens, subject))]


def _home_is(tokens: tuple[Token, ...], verb: int, home: int) -> list[Update]:
    """"Home is Ballarat these days", "home's Leith now": the user's home named after it (not another's, "her home
    is Leeds", nor a wish, "home is wherever you are")."""
    place = child(tokens, verb, "attr")
    theirs = child(tokens, home, "poss") is not None and not owned(tokens, home)
    if place is None or theirs or tokens[verb].lower not in ("is", "'s") or unreal(tokens, verb) or \
            any(t.head == verb and t.dep == "neg" for t in tokens) or not _named(tokens, place):
        return []
    return [Update(USER, "home", phrase_of(tokens, place))]


#: Words a person is called by who lives in a place ("as someone living in Lagos", "as a local based in Hobart").
RESIDENTS = frozenset("someone somebody person local resident".split())


def resident(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"As someone living in Lagos, ...": the user described as one who lives in a place (not "I know someone
    living in Lagos")."""
    who = tokens[verb].head
    if tokens[verb].dep != "acl" or tokens[who].lower not in RESIDENTS or tokens[who].dep != "pobj" or \
            tokens[tokens[who].head].lower != "as":
        return []
    return _home_at(tokens, object_of(tokens, verb, ("in",)))


def based(tokens: tuple[Token, ...], word: int) -> list[Update]:
    """"I'm Manchester based", "we're a London-based family": a place said before "based" of the user (not "a
    Leeds-based company", said of no one, nor "she's Leeds based")."""
    place = child(tokens, word, "npadvmod", "compound")
    token = tokens[word]
    verb = token.head if token.dep == "acomp" else tokens[token.head].head \
        if token.dep == "amod" and tokens[token.head].dep == "attr" else word
    subject = subject_of(tokens, verb)
    be = child(tokens, verb, "aux", "auxpass")
    if subject is None and be is not None:  # "I'm Manchester based.", the subject hung on "'m"
        subject = child(tokens, be, "nsubj")
    if subject is None or tokens[subject].lower not in ("i", "we") or unreal(tokens, verb):
        return []
    return _home_at(tokens, place)


#: Gerunds of a move told as a whole ("moving to Perth was the best decision we ever made").
MOVES_TOLD = frozenset("moving relocating".split())


def move_told(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"Moving to Perth was the best decision we ever made": a move the user looks back on, as the subject of a
    past "was" (not "moving to Perth would be", nor a move of someone else's: "moving to Perth was hard on her")."""
    be = tokens[verb].head
    if tokens[verb].dep != "csubj" or tokens[be].lower != "was" or any(
            t.lower in ("he", "she", "they", "his", "her", "him", "their") or t.lower in cues.ROLE_SET
            for t in tokens):
        return []
    return _home_at(tokens, object_of(tokens, verb, ("to",)))


def _home_at(tokens: tuple[Token, ...], place: int | None) -> list[Update]:
    """The home named at `place` where the words around say a place is meant: a proper noun, whatever the tagger
    took it for but a date or a number ("living in Accra", tagged an organisation; "moving to Perth", a person)."""
    if place is None or not proper(tokens, place) or tag_of(tokens, place) in NOT_PLACE - {"ORG"}:
        return []
    return [Update(USER, "home", phrase_of(tokens, place))]


def stayed(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"been in denver 3 wks now", "I've been in Leeds six months already": where the user has lived for weeks
    or more, said now (not "been in Rome 3 weeks on holiday", not "had been")."""
    said = [n for n, t in enumerate(tokens) if t.head == verb]
    place = object_of(tokens, verb, ("in",))
    lasting = any(t.lower in LONG_STAYS and t.entity == "DATE" for t in tokens)
    now = any(tokens[n].lower in ("now", "already") for n in said) or any(
        t.lower == "now" and tokens[t.head].lower in LONG_STAYS for t in tokens)
    if tokens[verb].lower != "been" or place is None or not (lasting and now) or any(
            t.lower in AWAY | {"had", "'d"} for t in tokens) or not _named(tokens, place):
        return []
    return [Update(USER, "home", phrase_of(tokens, place))]


def unpacked_in(tokens: tuple[Token, ...], boxes: int) -> list[Update]:
    """"boxes finally unpacked in Bray", "the boxes all are in Florianópolis now": a move done, in a sentence
    about no one else ("unpacked boxes in Leeds for my sister")."""
    said = [n for n, t in enumerate(tokens) if t.head == boxes and t.lower in UNPACKED]
    holder = said[0] if said else tokens[boxes].head if tokens[boxes].dep == "nsubj" else None
    if holder is None or any(t.entity == "PERSON" or t.lower in ("his", "her", "their", "he", "she", "they")
                             or t.lower in cues.ROLE_SET for t in tokens):
        return []
    place = object_of(tokens, holder, ("in",))
    done = bool(said) or any(t.head == holder and t.lower == "now" for t in tokens)
    return [Update(USER, "home", phrase_of(tokens, place))] if done and place is not None and \
        _named(tokens, place) else []


def _named(tokens: tuple[Token, ...], n: int) -> bool:
    """A place by its name, whatever the tagger took it for ("Harbor Ave" an organisation, "Florianópolis" a
    people): a proper noun, not a person's name, a date or a number."""
    return proper(tokens, n) and tag_of(tokens, n) not in NOT_PLACE - {"ORG", "NORP"} | {"PERSON"}


def closed_on(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """A purchase completed: "we closed on the house in Kettering", "closing on a lil house in kettering was
    friday" (not "closing on a house next month", nor "they closed on their condo")."""
    token = tokens[verb]
    subject = subject_of(tokens, verb)
    done = token.lower == "closed" and token.tag in ("VBD", "VBN") and (
        subject is None and opens(tokens, verb) or subject is not None and tokens[subject].lower in ("i", "we")) \
        or token.lower == "closing" and token.dep == "csubj" and tokens[token.head].lower in ("was", "went")
    dwelling = object_of(tokens, verb, ("on",)) if done and not unreal(tokens, verb) else None
    if dwelling is None or tokens[dwelling].lower not in HOMES or \
            child(tokens, dwelling, "poss") is not None and not owned(tokens, dwelling):
        return []
    place = object_of(tokens, dwelling, ("in",))
    place = object_of(tokens, verb, ("in",)) if place is None else place
    return [Update(USER, "home", phrase_of(tokens, place))] if place is not None and _named(tokens, place) else []
