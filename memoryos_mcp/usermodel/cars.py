"""The user's car as they say it: its model, with its maker and its year when said ("my 2013 corolla", "got us a
2023 Toyota Sienna", "traded the Commodore in for a 2019 HiLux"); not a car hired, lent, test-driven or had for
someone else, nor a vehicle of work ("I drive a bus")."""

from __future__ import annotations

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
