"""The everyday words a question is asked in and a fact is written in: families of words that answer for one
another ("my job" / "works as"), the sides of a relation ("mum" / "dad"), and phrases read as the word the user model
writes ("my other half" -> partner, "Mam" -> Mum, "Who am I seeing?" -> also partner). General vocabulary of
a personal life; search/asked.py compares words with it."""

from __future__ import annotations

import re

#: "do for a living" asks for a job, not where one lives; so do "earn a crust" and "earn his living".
_FOR_A_LIVING = re.compile(r"\s+(?:for\s+a\s+living|earn\s+(?:a\s+crust|(?:a|my|his|her|their)\s+living))\b",
                           re.IGNORECASE)
#: "my other half" is a partner, and so are "my lady" and "my fella"; "half" alone is not ("paid half", "half
#: past"), nor "my lady doctor".
_OTHER_HALF = re.compile(r"\bother\s+half\b|(?<=\bmy\s)(?:lady|fella)\b(?!\s+(?:doctor|gp|dentist|vicar|"
                         r"consultant|surgeon|nurse|boss|teacher|physio)\b)", re.IGNORECASE)
#: A blood type is one word: "What's my blood group?" is not about blood tests, nor about a band.
_BLOOD_TYPE = re.compile(r"\bblood\s+(?:type|group)\b", re.IGNORECASE)
#: Other words for a parent ("How old is Mam now?", "my ma", "my old man"), read as the one the model writes ("The
#: user's mum is 80"); not a name they begin ("Mama Rosa's", "Papa Roach") nor "the mummy".
_PARENT = re.compile(r"(?<!\bthe\s)(?<!\ba\s)\b(?:(mam|mammy|mummy|mommy|mama|(?<=\bmy\s)ma)|(daddy|papa|"
                     r"(?<=\bmy\s)old\s+man))\b(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
#: Whom the user is seeing is their partner ("Who am I seeing?", "the woman I've been seeing lately", "What does the
#: lady I'm courting do?"; not "Which doctor am I seeing?", "Who am I seeing about my knee?").
_SEEING = re.compile(r"(?:^\W*who\s+am\s+i|\b(?:woman|man|girl|guy|lady|bloke|fella|person)\s+"
                     r"(?:(?:that|who)\s+)?(?:i['’]m|i\s+am|i['’]ve\s+been|i\s+have\s+been))\s+(?:seeing|dating|"
                     r"courting|going\s+out\s+with)(?:\s+(?:now|lately|these\s+days|at\s+the\s+moment))?"
                     r"(?:\W*$|(?=\s+(?:do|does|work|works|live|lives)\b))", re.IGNORECASE)
#: The words for a dog, and for a cat.
_DOGS = "dog dogs puppy pup doggy hound mutt pooch"
_CATS = "cat cats kitten kitty"
#: Words that answer for one another: a question about "my job" is answered by "works as", "my other half" by
#: "husband", "hay fever" by "allergy". General vocabulary of a personal life, compared by stem.
FAMILIES: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "job work works working career profession employer employed occupation retired volunteer boss manager trade",
    "partner wife husband boyfriend girlfriend fiance fiancee fiancé fiancée spouse married dating missus hubby",
    "wedding married marry marrying engaged engagement knot hitched",
    "live lives home house flat apartment address moved neighbourhood",
    "parents mum mom mother dad father folks",
    "kids children child son daughter youngest eldest oldest lad lass boy girl",
    "allergy allergic allergies rash hives intolerant intolerance fever reaction food eat eating avoid diet "
    "vegetarian vegan seafood shellfish nuts dairy lactose gluten digest stomach sneeze pollen",
    "music band group singer vocalist musician artist album records song songs listen tunes",
    "show shows series programme programmes telly tv sitcom",
    "learn learning lessons lesson course studying tutor class classes",
    "start started starting began joined first",
    "submit submitted submission hand handed",
    "sport exercise training running swimming climbing cycling gym",
    "team teams club supporter",
    "hobby hobbies pastime spare leisure pass fun",
    _DOGS,
    _CATS,
    "roommate roommates housemate housemates flatmate flatmates roomie",
    "sibling siblings brother brothers sister sisters",
    "police copper cop officer sergeant constable detective",
    "doctor dr gp physician surgeon specialist",
    "condition diagnosed diagnosis illness disease",
    "medication medications medicine medicines meds tablets pill pills prescribed prescription inhaler inhalers "
    "drug drugs",
))
#: Words asking about a pet of any kind ("my furry companion"): a dog or a cat answers, though a question about a
#: dog is not answered by a cat.
ANY_PET = frozenset("pet pets furry four-legged".split())
PETS = frozenset(f"{_DOGS} {_CATS}".split())
#: The sides of a relation: a question about one ("my dad", "Karen's husband") is not answered by a text that
#: names only another ("Helen is the user's mum"), though their family makes both "parents".
SIDES: tuple[tuple[frozenset[str], ...], ...] = tuple(tuple(frozenset(side.split()) for side in pair) for pair in (
    ("mum mom mother", "dad father"),
    ("wife girlfriend fiancee fiancée missus", "husband boyfriend fiance fiancé hubby"),
    ("son", "daughter"),
    ("brother brothers", "sister sisters"),
    ("child children kid kids", "grandchild grandchildren grandkid grandkids grandson grandsons granddaughter "
                                "granddaughters"),
))


def read_as(text: str) -> str:
    """A question's or a fact's text with "other half" read as "partner", so that "half" alone is no partner, a
    parent as the model writes them ("Mam" -> "Mum"), and a blood type as one word."""
    return _BLOOD_TYPE.sub("bloodtype", _PARENT.sub(_parent, _OTHER_HALF.sub("partner", text)))


def _parent(found: re.Match[str]) -> str:
    word = "mum" if found.group(1) else "dad"
    return word.capitalize() if found.group()[:1].isupper() else word


def _partner(found: re.Match[str]) -> str:
    """Whom the user is seeing, said as their partner too ("Who am I seeing?" -> "Who am I seeing, my partner?": a
    doctor seen is found still)."""
    return f"{found.group().rstrip(' ?!.')}, my partner"


def as_asked(query: str) -> str:
    """A question read as the words it asks in: whom the user is seeing as their partner, what one does "for a
    living" or to "earn a crust" as a job."""
    return _FOR_A_LIVING.sub(" job", _SEEING.sub(_partner, read_as(query)))
