"""The user's car as they say it: its model, with its maker and its year when said ("my 2013 corolla", "got us a
2023 Toyota Sienna", "traded the Commodore in for a 2019 HiLux"); not a car hired, lent, test-driven or had for
someone else, nor a vehicle of work ("I drive a bus"). A model named after its maker anywhere in the chat ("the Toyota
Sienna") is a car when said alone later, bought ("WE BOUGHT THE SIENNA") or spoken of as theirs ("the Vivaro's
reversing sensor")."""

from __future__ import annotations

import re

from ..language.text import sentence_around
from .values import USER, Update

CARS = ("skoda|ford|vw|volkswagen|toyota|honda|bmw|audi|tesla|nissan|kia|hyundai|fiat|renault|peugeot|volvo|"
        "mazda|mini|vauxhall|opel|seat|citroen|subaru|mercedes|polestar|dacia|suzuki|maruti|jeep|lexus|chevy|"
        "chevrolet|mitsubishi|peterbilt|kenworth|freightliner|scania")
#: Car models no other word is ("my 2013 corolla", "picked up my new Corolla"): a model that is also a word ("Focus",
#: "Civic", "Sonata", "Wrangler") or a place ("Tacoma") is a car only with its maker or driven.
CAR_MODELS = ("polo vivo|octavia|fabia|kodiaq|karoq|tiguan|touran|passat|corolla|camry|yaris|prius|rav4|hilux|aygo|"
              "auris|avensis|cr-v|hr-v|qashqai|juke|micra|x-trail|navara|mx-5|cx-5|cx-30|impreza|crosstrek|i10|i20|i30|"
              "ioniq|elantra|f-150|silverado|kuga|mondeo|corsa|astra|zafira|mokka|clio|megane|captur|kadjar|twingo|"
              "sandero|berlingo|picanto|sportage|sorento|baleno|ertiga|brezza|creta|fortuner|innova|evoque|freelander|"
              "pajero|xc40|xc60|xc90")
#: A car as said: its model, with its maker before it if said ("Skoda Octavia estate": "Skoda Octavia").
CAR = rf"(?:(?:{CARS})\s+)?(?:{CAR_MODELS})\b|(?:{CARS})\s+[\w-]+"
_COLOURS = r"(?:grey|gray|silver|black|white|red|blue|green)\s+"
#: Words before a car that are not its name; its year is, when said just before it ("my 2013 corolla").
_CAR_BEFORE = rf"(?:new\s+|old\s+|used\s+|second-hand\s+|little\s+)?(?:\d{{4}}\s+(?={_COLOURS}))?(?:{_COLOURS})?"
_YEAR = r"(?:(?:19|20)\d{2}\s+)?"
#: A car had for a while or for someone else ("a Yaris hire car", "on a test drive", "for my daughter").
_NOT_OURS = (r"(?![^.!?,;]{0,25}\b(?:hire|courtesy|rental|loan|test\s+drive|for\s+(?:my|our|his|her)\s+\w+|"
             r"for\s+the\s+move)\b)")
#: A car model said without its make ("I drive a Qashqai"): capitalised, as a name is.
_MODEL = r"(?-i:[A-Z][\w-]+)(?:\s+(?-i:[A-Z0-9][\w-]*))?"

#: The user's car: (attribute, pattern, change), read with the user's other rules (cues.USER_RULES).
CAR_RULES: tuple[tuple[str, str, str], ...] = (
    ("car", rf"\b(?:my|our|it'?s an?|drive an?|driving an?)\s+{_CAR_BEFORE}(?P<v>{_YEAR}(?:{CAR}))", "set"),
    # a car bought, collected or traded for ("collected the grey Skoda Octavia estate", "traded the Focus for a Kia")
    ("car", rf"\b(?:bought|buying|collected|picked\s+up|booked|ordered|took\s+delivery\s+of|leased|traded\s+in\s+"
            rf"[^.,;!?]{{1,40}}?\s+for|traded\s+[^.,;!?]{{1,40}}?\s+in\s+for)\s+"
            rf"(?:an?\s+|the\s+|my\s+|our\s+)?{_CAR_BEFORE}(?P<v>{_YEAR}(?:{CAR})){_NOT_OURS}", "set"),
    # a car got, said with its year or its maker and model ("got us a 2023 Toyota Sienna", "I've got a 2014 F-150",
    # "got a Nissan Qashqai"; not "got a seat", "got a BMW quote")
    ("car", rf"\bgot(?:\s+(?:us|me))?\s+(?:an?\s+)?(?:new\s+|used\s+|second-hand\s+)?"
            rf"(?P<v>(?:19|20)\d{{2}}\s+(?:{CAR})|{_YEAR}(?:{CARS})\s+(?:{CAR_MODELS})\b){_NOT_OURS}", "set"),
    # a car by its model alone ("I drive a Qashqai"), not a vehicle of work ("I drive a bus")
    ("car", rf"\b(?:i|we)\s+(?:still\s+|now\s+)?drive\s+an?\s+{_CAR_BEFORE}(?!(?:{CARS})\b)"
            r"(?!(?i:bus|lorry|taxi|cab|tram|train|forklift|ambulance|coach|tractor)\b)"
            rf"(?P<v>{_MODEL})", "set"),
)


#: A model named after its maker anywhere in the chat ("the Toyota Sienna", "a 2023 Vivaro" after "Vauxhall Vivaro"):
#: the word alone is then that car, though it is also a name or a word ("Sienna", "Ranger").
MODEL_NAMED = re.compile(rf"\b(?i:{CARS})\s+((?-i:[A-Z])[\w-]+)")
#: Words after a maker that are no model ("Ford dealer", "Toyota Hybrid").
_NO_MODEL = frozenset("dealer dealership garage hybrid electric estate van truck car service".split())


def models_named(text: str) -> set[str]:
    """The models a text names after their maker ("Vauxhall Vivaro": Vivaro)."""
    return {model for model in MODEL_NAMED.findall(text) if model.lower() not in _NO_MODEL}


def cars_by_model(text: str, models: set[str]) -> list[Update]:
    """The user's car by a model named before (`models`): bought or given ("WE BOUGHT THE SIENNA", "given me a work
    vehicle, a Ford Ranger"), or spoken of in passing as theirs ("The Vivaro's reversing sensor", "Android Auto in
    the RAV4"); not one test-driven or compared ("test drove the Sienna", "the Sienna or the Odyssey")."""
    model = "|".join([*sorted(map(re.escape, models), key=len, reverse=True), CAR_MODELS])
    found = []
    for pattern, weak in ((_GOT, False), (_SPOKEN_OF, True)):
        for match in re.finditer(pattern.format(model=model, makers=CARS), text, re.IGNORECASE):
            if not _COMPARED.search(text, *sentence_around(text, match.start(), match.end(), ".!?\n")):
                found.append(Update(USER, "car", _as_named(match.group("v"), models), weak=weak))
    return found[-1:]


#: A car bought or given ("collected the 2019 Octavia", "given me a work vehicle, a Ford Ranger").
_GOT = (r"\b(?:bought|collected|picked\s+up|took\s+delivery\s+of|given\s+(?:me|us)\s+(?:a|an)\s+"
        r"(?:work\s+|company\s+)?(?:vehicle|car|van|truck|ute),)\s+(?:the\s+|a\s+|an\s+|our\s+|my\s+)?"
        r"(?:new\s+|used\s+)?(?:(?:19|20)\d{{2}}\s+)?(?P<v>(?:(?:{makers})\s+)?(?:{model}))\b")
#: A car spoken of as the one the user has ("The Vivaro's reversing sensor", "in the RAV4").
_SPOKEN_OF = r"(?:\bthe\s+(?=(?:{model})['’]s\s)|\bin\s+the\s+)(?P<v>(?:{model}))\b"
#: A sentence weighing cars against each other: none of them is the user's yet.
_COMPARED = re.compile(r"\b(?:or|vs|versus|than|compared)\b", re.IGNORECASE)


def _as_named(said: str, models: set[str]) -> str:
    """The model as the chat writes it ("SIENNA" -> "Sienna"), its maker kept when said ("Ford Ranger")."""
    written = {m.lower(): m for m in models}
    return " ".join(written.get(word.lower(), word) for word in said.split())
