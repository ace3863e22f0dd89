"""A value as a rule reads it from a phrase: cut where its phrase ends, a few words at most, capitalised when it
names something ("ouse bank clinic" -> "Ouse Bank Clinic"), small when it is a common noun ("Dust allergy")."""

from __future__ import annotations

import re

from . import cues, wellbeing

#: Attributes whose values are names of things: written with capitals even when the user did not.
PROPER = frozenset({"name", "surname", "home", "employer", "car"})
_A_DIET = re.compile(wellbeing.DIETS, re.IGNORECASE)
_MAX_VALUE_WORDS = 6
#: Trades said in slang ("Jarrod's a sparky up in Townsville"), by their name.
_TRADES = {"sparky": "electrician", "sparkie": "electrician", "brickie": "bricklayer"}
#: Attributes whose values are common nouns, whatever the capitals a sentence gave them.
_COMMON = frozenset({"allergy", "medication"})


def _cutter(joining: str) -> re.Pattern[str]:
    """Where a value's phrase ends: a mark, or a word that joins another clause or says when."""
    return re.compile(r"\s*(?:(?<!\d)[,:](?!\d)|(?<!\b[A-Z])\.(?!\d)|[;!?()]|"
                      rf"\s(?:{joining}but|so|which|because|since|who|where|with|for|from|now|too|there|here|today|"
                      r"tonight|yesterday|tomorrow|hands down|by far|"
                      r"just|though|tho|lol|haha|hehe|huhu|again|anymore|btw|tbh|rn|if|done|finished|went)\b).*$",
                      re.IGNORECASE | re.DOTALL)


#: Where a value's phrase ends.
CUT = _cutter("and|")
#: Where a home's place ends in chat written without capitals: "zanesville in the same house I grew up in",
#: "dayton on his own now", "perth on the other side of the world" (not "stow on the wold").
_HOME_CUT = re.compile(r"\s+(?:(?:in|at|near|by)\s+(?:the|a|an|my|our|his|her|their)|"
                       r"on\s+(?:a|an|my|our|his|her|their|the\s+(?:other|same|far|edge|outskirts|coast|border)))\b.*$",
                       re.IGNORECASE | re.DOTALL)
#: A favourite's "and" is its own ("chicken and dumplings", "Pride and Prejudice"), unless a clause follows it.
_FAVOURITE_CUT = _cutter(r"and(?=\s+(?:i|i'm|we|it|it's|they|he|she|my|that|this|so)\b)|")


def value_of(raw: str | None, attribute: str) -> str:
    """The value cut at the end of its phrase, at most a few words, capitalised when it is a name."""
    if not raw:
        return ""
    value = (_FAVOURITE_CUT if attribute.startswith("favourite") else CUT).sub("", raw.strip()).strip(" '\"’")
    value = _HOME_CUT.sub("", value) if attribute == "home" else value
    if attribute not in ("favourite", "course") and not attribute.startswith("favourite"):
        value = " ".join(value.split()[:_MAX_VALUE_WORDS])
    if attribute in PROPER and not re.match(r"(?:an?|the)\s", value, re.IGNORECASE):
        value = title(value)
    if value.isupper() and len(value) > 3 and attribute not in ("employer", "car") or attribute in _COMMON or \
            _A_DIET.fullmatch(value) and attribute == "diet":
        value = value.lower()  # "esme is SEVEN", "Dust allergy is back", "Vegetarian here"; not "ENMAX", a name
    if attribute == "exercise" and value[1:].islower():
        value = value.lower()  # "Swimming twice a week now", "Tai chi": a common noun, capitalised where it opens a
        # sentence (not "CrossFit", a name)
    if attribute.startswith("favourite"):  # "my all time comfort food is my gran's stew": the stew
        value = re.sub(r"^(?:my|our)\s+", "", value, flags=re.IGNORECASE)
    if attribute == "job" and value.lower() in _TRADES:
        value = _TRADES[value.lower()]
    if attribute == "job" and all(w.istitle() for w in value.split()):  # "Practice Pharmacist", as the reply wrote
        value = value.lower()  # it; not "UX designer", "PhD student"
    return "" if value.lower() in cues.NOT_NAMES and attribute != "age" else value  # "Esme's seven"


def title(text: str) -> str:
    """"ouse bank clinic" -> "Ouse Bank Clinic" (joining words stay small)."""
    return " ".join(w if not w.islower() or (n and w in _JOINING) else w[:1].upper() + w[1:]
                    for n, w in enumerate(text.split()))


_JOINING = frozenset("of the de da do la le and upon on in".split())
