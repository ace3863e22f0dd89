"""Who someone is, said as chat lists it: a name with an age and a list after it ("nikhil deshmukh, 31, chartered
accountant at EY in hyderabad"), or a sentence without a subject after the one naming them: their age, job and home
("my big sister anjali. 30, pharmacist, lives in epping."), their job ("meena is my wife. retired teacher"), who they
are to the user ("nisha's coming too. my sister."), or a pet's kind and age ("Bess has dug up the bean row. Border
terrier, eight, thinks she's helping.")."""

from __future__ import annotations

import re

from . import cues
from .phrase import title, value_of
from .values import Update

#: A kind of pet and an age opening a sentence ("Border terrier, eight, thinks she's helping").
_KIND_AND_AGE = re.compile(rf"^(?:an?\s+|the\s+)?(?:(?:old|young|little|rescue)\s+)?"
                           rf"(?P<kind>(?:[a-z]+\s+)?(?:{cues.PETS}))\s*,\s*"
                           rf"(?P<age>\d{{1,2}}|{cues.NUMBERS})\s*(?:[,.;]|$)", re.IGNORECASE)
#: An age opening a sentence and a list after it ("30, pharmacist, lives in epping.").
_AGE_FIRST = re.compile(rf"^\W*(?P<age>\d{{1,2}}|{cues.ADULT_AGE}|{cues.NUMBERS})\s*,\s*(?P<rest>\S.*)$",
                        re.IGNORECASE)
_STILL = r"(?:(?:still|now|also)\s+)?"
#: What someone runs that is their work ("runs a caravan park"; not "runs a tight ship", "runs a marathon").
_BUSINESSES = ("shop|store|business|restaurant|cafe|café|bar|pub|company|bakery|salon|farm|garage|practice|clinic|"
               "hotel|firm|caravan park|campsite|guesthouse|b&b|hostel|nursery|gym|studio|agency|charity|school")
#: What an item of the list may say: where they live, their job (and where they do it), whom they work for.
_ITEMS = (("home", re.compile(rf"{_STILL}(?:lives|living|based)\s+(?:in|out\s+of|near)\s+(?P<v>[\w'’ .-]+)",
                              re.IGNORECASE)),
          ("job", re.compile(rf"{_STILL}(?:works\s+as\s+)?(?:an?\s+)?(?P<v>{cues.JOB})"
                             r"(?:\s+(?:at|for)\s+(?P<at>[\w'’ &.-]+?))?(?:\s+(?:(?:up|down|out|over)\s+)?in\s+"
                             r"(?P<in>(?!(?:her|his|their|my|our|the|an?|year|grade|form)\b)[\w'’ .-]+))?",
                             re.IGNORECASE)),
          ("employer", re.compile(rf"{_STILL}works\s+(?:at|for)\s+(?P<v>[\w'’ &.-]+)", re.IGNORECASE)),
          ("job", re.compile(rf"(?P<v>(?:runs|owns|manages)\s+an?\s+(?:[\w'-]+\s+){{0,2}}?(?:{_BUSINESSES}))(?:\s+in\s+"
                             r"(?P<in>[\w'’ .-]+?))?(?:\s+with\s+(?:his|her|their)\s+\w+)?", re.IGNORECASE)))
#: What "a job in ..." names that is no place ("doctor in training", "engineer in oil and gas", "nurse in charge").
_FIELDS = frozenset("training oil gas finance sales marketing retail hospitality education construction tech it "
                    "banking insurance law medicine nursing engineering charge care school college uni university "
                    "hospital theory practice".split())
#: A name opening a sentence with an age after it ("nikhil deshmukh, 31, chartered accountant at EY", "Steve's my
#: older brother btw, 67, runs a caravan park in Hervey Bay").
_NAME_AND_AGE = re.compile(rf"^\W*(?P<who>[\w-]+(?:\s+(?!(?:is|my)\b)[\w-]+)?)(?:(?:'s|’s|\s+is)\s+(?:my|our)\s+"
                           rf"(?:[a-z]+\s+)?(?:{cues.ROLES})(?:\s+(?:btw|by\s+the\s+way))?)?,\s+"
                           rf"(?P<age>\d{{1,2}}|{cues.ADULT_AGE}),\s*(?P<rest>\S.*)$|"
                           # "Jarrod's 33 by the way, sparky up in Townsville"
                           rf"^\W*(?P<who2>[\w-]+)(?:'s|’s|\s+is)\s+(?P<age2>\d{{1,2}}|{cues.ADULT_AGE})"
                           rf"(?:\s+(?:btw|by\s+the\s+way|now))?,\s*(?P<rest2>\S.*)$", re.IGNORECASE)
#: A sentence that is only a role of the user's ("my sister.", "our youngest!").
_ROLE_ALONE = re.compile(rf"\W*(?:my|our)\s+(?:(?:big|little|older|younger|baby|twin|eldest|youngest)\s+)?"
                         rf"(?P<role>{cues.ROLES})\W*", re.IGNORECASE)
#: The user speaking of themself: a list in such a sentence may be theirs ("Retired teacher, I loved it").
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|me|my|we|our|us)\b", re.IGNORECASE)
_PARTS = re.compile(r"\s*,\s*|\s+and\s+")
_FULL_STOP = re.compile(r"(?<=[.!?])\s+")


def described(text: str, before: str, recent: list[str], people: set[str]) -> list[Update]:
    """What a sentence says in a list of someone: of a name opening it with an age ("nikhil deshmukh, 31, chartered
    accountant at EY in hyderabad"), or, opening with no subject, of the one named last: a pet's kind and age, a
    person's age with the list after it when the sentence before names them alone, or their job when it says who they
    are ("meena is my wife. retired teacher"). Only what the list says wholly: "38, lives in Geelong, she's a
    landscape architect" leaves the last item to the rules of "she". The parse keeps "anjali. 30, pharmacist" as one
    sentence: each piece after a full stop is read as one of its own."""
    pieces = _FULL_STOP.split(text)
    return [u for n, piece in enumerate(pieces) for u in _said_of(piece, pieces[n - 1] if n else before, recent,
                                                                  people)]


def _said_of(text: str, before: str, recent: list[str], people: set[str]) -> list[Update]:
    named = _NAME_AND_AGE.match(text)
    said = [named.group(g) or named.group(f"{g}2") for g in ("who", "age", "rest")] if named else []
    if said and title(said[0].split()[0]) in people:
        who = title(said[0].split()[0])
        items = _items(who, said[2])
        return [Update(who, "age", said[1].lower()), *items] if items else []
    role = _ROLE_ALONE.fullmatch(text)  # "nisha's coming for diwali too. my sister.": who the one named is
    if role is not None:
        them = [p for p in people if p.lower() in _named(before, people)]
        return [Update(them[0], "role", cues.role_word(role.group("role")))] if len(them) == 1 else []
    last = [p.split(":") for p in recent if not p.endswith(":p")]
    if not last or not last[-1][0][:1].isupper():
        return []
    who, gender = last[-1]
    pet = _KIND_AND_AGE.match(text)
    if pet is not None:  # a pet, when no one takes the one named for a person
        return [] if who in people else [Update(who, "role", pet.group("kind").lower()),
                                         Update(who, "age", pet.group("age").lower())]
    if gender not in ("m", "f") and who not in people or _named(before, people | {who}) != {who.lower()}:
        return []  # of the one the sentence before names, and no one else ("Karen told me Owen got the job.")
    aged = _AGE_FIRST.match(text)
    if aged is not None:
        items = _items(who, aged.group("rest"))  # "Tom came. 3, 4, 5 are the numbers": no list of theirs
        return [Update(who, "age", aged.group("age").lower()), *items] if items else []
    # a job first, after the sentence saying who they are or only their name ("meena is my wife. retired teacher, 34
    # years", "Daniel Koh. sec school teacher"; not "Took my son Tom to town. Dentist, haircut, then lunch.")
    name = re.escape(who)
    introduced = re.search(rf"\b{name}(?:'s|’s|\s+is)\s+(?:my|our)\s", before, re.IGNORECASE) or \
        re.fullmatch(rf"\W*{name}(?:\s+[\w'’-]+)?\W*", before, re.IGNORECASE)
    items = _items(who, text) if introduced and not _FIRST_PERSON.search(text) else []
    return items if items and items[0].attribute == "job" else []


def _items(who: str, rest: str) -> list[Update]:
    """The updates of the items of a list, up to the first one that is none of them."""
    found = []
    for part in _PARTS.split(rest.strip().rstrip(".!?;")):
        match = next(((attribute, m) for attribute, pattern in _ITEMS if (m := pattern.fullmatch(part))), None)
        if match is None:
            break
        attribute, said = match
        found.append(Update(who, attribute, value_of(said.group("v"), attribute)))
        for group, also in (("at", "employer"), ("in", "home")):  # "nurse at Leeds General", "a vet in Otley"
            place = said.groupdict().get(group) or ""
            if place and not (group == "in" and place.split()[0].lower() in _FIELDS):  # "doctor in training"
                found.append(Update(who, also, value_of(said.group(group), also)))
    return [u for u in found if u.value]


def _named(text: str, people: set[str]) -> set[str]:
    """The people (lower case) `text` names."""
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’-]+", text)}
    return {p.lower() for p in people} & words
