"""What the people in the user's life do and where they are, read from the parse of a sentence whose subject is
one of them (by name, by "my son", or by "he"/"she": the last person named), in whatever message it comes.

Said in passing more often than as a fact: "my son Eoin rang from Toronto" (where he lives, until said
otherwise), "he volunteers in the RNLI shop", "she plays goal defence", "she's doing a PhD in ecology at
McGill", "he was a Garda sergeant" (a job they had). Each goes on the person's card line.
"""

from __future__ import annotations

import re

from ..language.nlp import Sentence, Token, common_word
from . import cues
from .job_words import JOB_WORD, is_job, job_phrase
from .kin import referent
from .tree import NOT_PLACE, child, is_name, object_of, owned, phrase_of, proper, tag_of
from .values import Update
from .voice import unreal
from .whereabouts import GENERIC_PLACES, HOMES

#: Verbs whose subject is somewhere else and in touch from there: where they live.
_CALLS = frozenset("rang rings phoned phones called calls texted texts messaged facetimed".split())
#: Verbs saying what the subject studies ("doing a PhD ... at McGill", "studying law at Trinity").
_STUDIES = frozenset("doing studying studies does".split())
#: Exams and qualifications a person is "doing" with no school said ("doing his GCSEs", "doing her A-levels").
_EXAMS = re.compile(r"^(?:GCSEs?|A-?levels?|AS-?levels?|Highers|IB|SATs|BTECs?|baccalaureate)$", re.IGNORECASE)
#: Verbs of a place won at a school ("got her first choice", "got into", "starts at").
_ADMITTED = frozenset("got gets starts started starting".split())
#: The last word of a school's name.
_SCHOOL = re.compile(r"^(?:School|Academy|College|Grammar|High)$")
_VOLUNTEERS = frozenset("volunteers volunteering".split())
_PLAYS = frozenset("plays playing".split())
#: Verbs of holding a home: where the dwelling held is, the subject lives ("she rents a room in Arroios").
_HOLDS = frozenset("rents rented renting shares shared sharing bought owns leases leased".split())
#: Entity tags of a place someone can live in, when its name is written in lower case.
_PLACES = frozenset({"GPE", "LOC"})
#: Forms of "be" that say where someone is now ("she's in Tarnów").
_BE = frozenset("'s is 're are".split())
#: Places one is in for a while, not a home ("Dad's in Nelson Hospital", "she's in St Luke's Hospice").
_STAYS = frozenset("hospital hospice infirmary clinic ward prison jail hotel hostel airport".split())
#: Relatives the user calls by their role as by a name, with its capital ("Dad packed in ...", "Mum rang").
_CALLED_SO = frozenset("Mum Mom Mam Dad Da Nan Nana Granny Gran Grandad Grandpa Grandma".split())
#: Entity tags that make "in X" a stay, not where one lives ("she's in Lisbon this week").
_WHILE = frozenset({"DATE", "TIME", "EVENT"})
#: Words that make "from X" a journey, not where one comes from ("he's back from Madrid").
_RETURNED = frozenset("back home away".split())


def doings(sentence: Sentence, before: list[str], last_person: list[str], names: set[str]) -> list[Update]:
    """What the sentence says a person in the user's life does, has done or where they are; `before` is the
    people last named before the sentence, `last_person` with those the sentence names."""
    tokens = sentence.tokens
    found = _visited(tokens)
    for verb, token in enumerate(tokens):
        if token.pos not in ("VERB", "AUX") and not _misread(tokens, verb):
            continue
        subjects = [n for n in range(verb) if tokens[n].head == verb and tokens[n].dep == "nsubj"] or \
            _shared_subject(tokens, verb)
        who = _person(tokens, subjects[-1] if subjects else None, before, last_person, names)  # "Mia's nine, she"
        if not who:
            continue
        found += _done(tokens, verb, who)
    return found


def _done(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """What `who`, the subject of `verb`, is said to do or have done."""
    word = tokens[verb].lower
    if word in _CALLS and who[:1].isupper():  # a named person: "my dad rang from X" may be a visit
        place = object_of(tokens, verb, ("from",))
        if place is not None and _place(tokens, place):
            return [Update(who, "home", _capitalised(phrase_of(tokens, place)), weak=True)]
    elif word in _VOLUNTEERS:
        where = object_of(tokens, verb, ("in", "at", "for", "with"))
        if where is not None:
            named = phrase_of(tokens, where) if tokens[where].pos == "PROPN" else _noun_phrase(tokens, where)
            return [Update(who, "volunteer", f"volunteers at {named}")]  # "the lifeboat station", "RNLI shop"
    elif word in _PLAYS:
        what = child(tokens, verb, "dobj")
        if what is not None and tokens[what].pos == "NOUN":
            return [Update(who, "plays", f"plays {_noun_phrase(tokens, what)}")]
    elif word in _STUDIES or word in _ADMITTED:  # what they study, or the school they won a place at
        return _studies(tokens, verb, who) if word in _STUDIES else _school(tokens, verb, who)
    elif word in _BE:
        return _where_and_what(tokens, verb, who) or origin(tokens, verb, who)
    elif word in _HOLDS:
        return _held(tokens, verb, who)
    elif word == "was":
        job = child(tokens, verb, "attr")
        if job is not None and is_job(tokens, job):  # "he was a Garda sergeant": never over a job now
            return [Update(who, "job", f"former {job_phrase(tokens, job)}", weak=True)]
    return []


def _where_and_what(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """"she's in Tarnów, retired chemistry teacher": where a relative is (where they live, until said
    otherwise, unless the sentence dates the stay) and the job said beside it. The tagger often takes a town it
    does not know for an organisation; "in" with no article says it is a place. In lower case, a word no
    everyday English has ("she's in tarnów", not "she's in bed")."""
    place = object_of(tokens, verb, ("in",))
    if place is None or child(tokens, place, "det", "poss", "amod") is not None or \
            child(tokens, verb, "neg") is not None or any(t.entity in _WHILE for t in tokens):
        return []  # nor where she is not ("she's not in Indianapolis")
    named = proper(tokens, place) and tag_of(tokens, place) not in NOT_PLACE - {"ORG"}
    rare = tokens[place].text.islower() and tokens[place].text.isalpha() and not common_word(tokens[place].text)
    if not named and not rare:  # "she's in bed", "he's in the Navy"
        return []
    if phrase_of(tokens, place).split()[-1].lower() in _STAYS:  # "Dad's in Nelson Hospital": a stay
        return []
    found = [Update(who, "home", _capitalised(phrase_of(tokens, place)), weak=True)]
    jobs = [n for n, t in enumerate(tokens) if t.head in (verb, place) and t.dep in ("appos", "npadvmod")
            and JOB_WORD.match(t.lower)] + _listed_job(tokens, place)
    return found + [Update(who, "job", job_phrase(tokens, jobs[0]))] if jobs else found


#: Verbs of where one comes from, said with "in": "grew up" and "brought up", "born" and "raised" said of one
#: ("I grew up in Kumasi", "I was born in Cork"; not "I grew a beard in Lisbon", "I raised money in Leeds").
GREW_UP = frozenset({"grew", "born", "raised", "brought"})
#: The last words of a place one is born in that is no town ("born in Leeds General Infirmary", "in Leo season").
_NO_TOWN = frozenset("hospital infirmary clinic season year month".split())


def origin(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """"Bia (my best friend, she is from Recife)", "I grew up in Kumasi": where a person comes from, a place by
    name; not where they are back from ("he's back from Madrid today") nor who sent them ("she's from Deloitte",
    "from the council"); a town the tagger took for an organisation where only a town can be ("born in Cork")."""
    grew_up = tokens[verb].lower in GREW_UP and _grew_up(tokens, verb)
    if tokens[verb].lower in GREW_UP and not grew_up:
        return []
    place = object_of(tokens, verb, ("in",) if grew_up else ("from",))
    refused = NOT_PLACE - {"ORG"} if grew_up else NOT_PLACE
    if place is None or not proper(tokens, place) or tag_of(tokens, place) in refused or \
            tokens[place].lower in _NO_TOWN or \
            child(tokens, place, "det", "poss") is not None or any(t.entity in _WHILE for t in tokens) or \
            any(t.head == verb and t.lower in _RETURNED for t in tokens):
        return []
    return [Update(who, "origin", _capitalised(phrase_of(tokens, place)))]


def _grew_up(tokens: tuple[Token, ...], verb: int) -> bool:
    """"grew up", "brought up" (with their particle), "born" and "raised" said of one (passive)."""
    if tokens[verb].lower in ("grew", "brought"):
        return any(t.head == verb and t.dep == "prt" and t.lower == "up" for t in tokens)
    return any(t.head == verb and t.dep == "auxpass" for t in tokens) or tokens[verb].dep == "conj" and any(
        t.head == tokens[verb].head and t.dep == "auxpass" for t in tokens)  # "born and raised in"


def _held(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """"she rents a room in Arroios", "he bought a flat in Leith": the place of the home held is where they
    live (a room only held, never booked); not wished or supposed ("if she rents a flat in ...")."""
    home = child(tokens, verb, "dobj")
    if home is None or tokens[home].lower not in HOMES | {"room"} or unreal(tokens, verb):
        return []
    place = next((p for p in (object_of(tokens, home, ("in",)), object_of(tokens, verb, ("in",))) if p is not None),
                 None)  # the parse hangs "in" on either
    return [Update(who, "home", _capitalised(phrase_of(tokens, place)))] if place is not None and \
        _place(tokens, place) else []


def _listed_job(tokens: tuple[Token, ...], place: int) -> list[int]:
    """The job said after the place, between commas, however the parser hung it ("in tarnów, retired
    chemistry teacher, so ...")."""
    n = place + 2 if place + 1 < len(tokens) and tokens[place + 1].text == "," else len(tokens)
    while n < len(tokens) and tokens[n].pos in ("DET", "ADJ") or n + 1 < len(tokens) and \
            tokens[n + 1].pos == "NOUN" and tokens[n].pos == "NOUN":
        n += 1
    ends = n + 1 >= len(tokens) or tokens[n + 1].pos == "PUNCT"
    return [n] if n < len(tokens) and ends and tokens[n].pos == "NOUN" and JOB_WORD.match(tokens[n].lower) else []


def _visited(tokens: tuple[Token, ...]) -> list[Update]:
    """"lunch at my mum's in Paisley", "send it to my sister Berit in Tromsø": where the relative named by their
    role, or by the name said after it (a town the tagger knows, not a stay: "in Lisbon for the weekend"), lives."""
    found = []
    for n, token in enumerate(tokens[:-2]):
        role = token.lower.removesuffix("s") if token.lower not in cues.ROLE_SET else token.lower  # chat's "mums"
        if role not in cues.ROLE_SET or n == 0 or tokens[n - 1].lower != "my":
            continue
        at = n + 2 if tokens[n + 1].text in ("'s", "’s") else n + 1
        named = at == n + 1 and tokens[at].pos == "PROPN" and tokens[at].text[:1].isupper() and \
            at + 2 < len(tokens) and not common_word(tokens[at].lower)  # not "my mom House in Macon"
        who, at = (tokens[at].text, at + 1) if named else (cues.ROLE_WORDS.get(role, role), at)
        if at + 1 < len(tokens) and tokens[at].lower == "in" and _place(tokens, at + 1) and \
                (not named or tokens[at + 1].entity in _PLACES and not common_word(tokens[at + 1].lower)
                 and not _for_a_while(tokens, at + 2)):  # not "my daughter Saoirse in Reception"
            found.append(Update(who, "home", _capitalised(phrase_of(tokens, at + 1)), weak=True))
    return found


def _for_a_while(tokens: tuple[Token, ...], n: int) -> bool:
    """Words after a place that say the stay is for a while ("in Lisbon for the weekend", "on holiday")."""
    return any(t.entity in _WHILE or t.lower in ("holiday", "holidays", "trip", "visiting") for t in tokens[n : n + 4])


def _person(tokens: tuple[Token, ...], subject: int | None, before: list[str], last_person: list[str],
            names: set[str]) -> str:
    """Who the subject is: a known name, the name beside "my son", or the person "he" or "she" stands for."""
    if subject is None:
        return ""
    token = tokens[subject]
    if token.lower in ("he", "she"):  # the last named before it: in the sentence, else before the sentence
        genders = dict(p.split(":") for p in last_person)
        other = {"he": "f", "she": "m"}[token.lower]
        named = [t.text for t in tokens[:subject] if t.text in names and genders.get(t.text, "") != other
                 and not (t.dep == "compound" and tokens[t.head].pos == "NOUN")]  # not "a Garda sergeant"
        who = named[-1] if named else referent(before, token.lower)
        return "" if who in ("he", "she") else who
    if token.pos == "PROPN" and token.text in names and is_name(tokens, subject):
        return token.text
    if token.lower not in cues.ROLE_SET or not (owned(tokens, subject) or token.text in _CALLED_SO):
        return ""
    appos = child(tokens, subject, "appos")  # "my son Eoin rang", else "my dad phoned": the role
    return tokens[appos].text if appos is not None and is_name(tokens, appos) else \
        cues.role_word(token.lower)


def _misread(tokens: tuple[Token, ...], n: int) -> bool:
    """A verb the parse took for a noun joined to a verb ("Dad packed in the lessons and now volunteers at")."""
    token = tokens[n]
    return token.lower in _VOLUNTEERS and token.dep == "conj" and tokens[token.head].pos == "VERB"


def _studies(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """"she's doing a PhD in ecology at McGill": the course, with where it is taught."""
    course = child(tokens, verb, "dobj")
    if course is None or tokens[course].pos != "NOUN":
        return []
    field = next((f for f in (object_of(tokens, course, ("in",)), object_of(tokens, verb, ("in",))) if f is not None),
                 None)  # "a PhD in ecology", the parse hangs "in" on either
    school = next((s for head in (verb, course, field) if head is not None
                   for s in [object_of(tokens, head, ("at",))] if s is not None), None)
    if school is None:  # "doing his GCSEs this summer": an exam needs no school said
        exams = _written(tokens, course)
        return [Update(who, "studies", exams)] if _EXAMS.match(exams) else []
    subject = f"{_noun_phrase(tokens, course)} in {tokens[field].text}" if field is not None else \
        _noun_phrase(tokens, course)
    return [Update(who, "studies", f"{subject} at {_capitalised(phrase_of(tokens, school))}")]


def _school(tokens: tuple[Token, ...], verb: int, who: str) -> list[Update]:
    """"she got her first choice, Chorlton High School", "he got into Brook Academy", "she starts at Leith College":
    the school a child has a place at, named as one."""
    chosen = child(tokens, verb, "dobj")
    places = [chosen, child(tokens, chosen, "appos") if chosen is not None else None,
              object_of(tokens, verb, ("into", "at"))]
    school = next((n for n in places if n is not None and proper(tokens, n) and _SCHOOL.match(tokens[n].text)), None)
    if school is None or unreal(tokens, verb):
        return []
    return [Update(who, "studies", f"at {phrase_of(tokens, school)}")]


def _written(tokens: tuple[Token, ...], noun: int) -> str:
    """The noun as written with the words and hyphens joined to it before ("A-levels", parsed as three tokens)."""
    lo = noun
    while lo > 0 and tokens[lo - 1].head == noun and tokens[lo - 1].dep in ("compound", "punct"):
        lo -= 1
    return "".join(t.text + t.space for t in tokens[lo : noun + 1]).strip()


def _shared_subject(tokens: tuple[Token, ...], verb: int) -> list[int]:
    """The subject a verb shares with the one it is joined to ("my son is 16 and doing his GCSEs")."""
    head = tokens[verb].head
    if tokens[verb].dep not in ("conj", "advcl") or head == verb or head > verb:
        return []
    return [n for n in range(head) if tokens[n].head == head and tokens[n].dep == "nsubj"]


def _noun_phrase(tokens: tuple[Token, ...], noun: int) -> str:
    """The noun with its compounds ("goal defence", "vet science")."""
    lo = noun
    while lo > 0 and tokens[lo - 1].head == noun and tokens[lo - 1].dep in ("compound", "amod"):
        lo -= 1
    return " ".join(t.text for t in tokens[lo : noun + 1])


def _place(tokens: tuple[Token, ...], n: int) -> bool:
    """A place by its tag, a name the tagger has no tag for, or a bare noun in chat written in lower case ("rang
    from tenerife"; not "from work", "from the car")."""
    token = tokens[n]
    if token.entity in _PLACES or token.pos == "PROPN" and token.text[:1].isupper() and not token.entity:
        return True
    return token.text.islower() and token.pos in ("NOUN", "PROPN") and not token.entity and \
        token.lower not in GENERIC_PLACES and child(tokens, n, "det", "poss", "amod") is None


def _capitalised(name: str) -> str:
    """"mcgill" as a name is written ("McGill" when the user wrote it so)."""
    return name if any(c.isupper() for c in name) else " ".join(w[:1].upper() + w[1:] for w in name.split())
