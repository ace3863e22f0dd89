"""What the user eats and does not, the allergies and conditions they have and the drugs they take: the phrasings
that say each within a sentence, as data (cues.py holds the rest, exercise.py the exercise they do; the learner
reads all; what is said across sentences is in health_said.py).

Diets and conditions are lists no library keeps, as are drug families (medication.py); which words around
them make them the user's ("I'm vegan", "diagnosed with asthma") is English usage, listed here.
"""

from __future__ import annotations

import re

from .cues import CAPITAL, END, QUESTION_OPENERS
from .exercise import ACTIVITIES
from .medication import DRUG_WORD, NOT_LEFT, PATIENTS
from .values import USER, Update

#: Diets said as what the user is ("I'm vegan").
DIETS = ("vegan|vegetarian|pescatarian|pescetarian|keto|paleo|plant-based|gluten-free|dairy-free|halal|kosher|"
         "pure veg|mediterranean|low[- ](?:sodium|salt|carb|fat|fodmap|gi|sugar)")
#: Diets said by another name, as the card names them.
DIET_NAMES = {"veggie": "vegetarian", "pescetarian": "pescatarian"}
#: A diet named as one ("the 5:2 diet", "intermittent fasting").
_DIET_NAMED = r"[\w:-]+(?:\s+[\w:-]+)?\s+(?:diet|fasting)"
#: A diet done before, not now ("I was doing keto").
_NOT_PAST = r"(?<!\bwas )(?<!\bwere )"
#: What a diet said as eaten or kept is not when a noun follows it: a dish or a place ("trying vegan recipes"), or
#: "diet", read with it ("the mediterranean diet").
_DISH = (r"(?!\s+(?:diet|food|recipes?|options?|meals?|snacks?|dishes|dish|version|restaurants?|places?|cheese|"
         r"friends?|dinners?|lunch(?:es)?|breakfasts?|burgers?|sausages?|curry|curries|lasagne|lasagna|chilli)\b)")
#: Words after "no" that are no food ("no rush for me", "no restrictions", "no idea").
_NOT_FOODS = (r"(?:rush|worries|worry|problem|problems|issues?|idea|clue|preference|preferences|restrictions?|"
              r"requirements?|allergies|thanks|way|one|more|longer|need)")
#: Foods and drinks a diet gives up ("stopped the sugar", "cut out alcohol").
GIVEN_UP_FOODS = ("sugar|salt|alcohol|booze|meat|red meat|dairy|caffeine|coffee|gluten|bread|chocolate|sweets|"
                  "fizzy drinks|takeaways|crisps|carbs")
#: Foods and drinks a diet has less of ("cut down on salt"), and the diet's name for having little of each.
LIMITED_FOODS = "salt|sugar|alcohol|booze|caffeine|coffee|red meat|meat|dairy|fat|carbs"
LOW_IN = frozenset({"salt", "sugar", "fat", "carbs"})
#: Allergens a person names (foods, drugs, animals): what "allergy in" is to ("allergy in shrimp"), and what "I'm
#: allergic" with nothing after it is to, named before it ("does it have peanuts? I'm allergic").
ALLERGENS = ("peanuts?|nuts|tree nuts|cashews?|almonds?|walnuts?|shellfish|shrimps?|prawns?|crabs?|lobster|fish|"
             "eggs?|milk|dairy|lactose|gluten|wheat|soy|soya|sesame|mustard|celery|kiwi|strawberries|"
             "penicillin|amoxicillin|aspirin|ibuprofen|latex|pollen|dust|cats?|dogs?|bees?|wasps?")
#: Slimming programmes, by their names (no library knows them).
DIET_PROGRAMMES = ("slimming world|weight watchers|ww|noom|the cambridge diet|cambridge weight plan|juice plus|"
                   "herbalife|whole30|atkins|the 5:2 diet|5:2|dukan|optifast|the fast 800|fast 800|lighter life|"
                   "lighterlife")
#: Tests whose reading is said with a number ("LDL is 162"); a newer reading of one replaces the last (`reading_of`).
READINGS = "ldl|hdl|cholesterol|hba1c|a1c|blood sugar|fasting sugar|blood pressure|bp|tsh|vitamin d|ferritin|bmi|psa"
CONDITIONS_SAID_AS_ADJECTIVE = ("lactose intolerant|gluten intolerant|pre-?diabetic|diabetic|coeliac|celiac|asthmatic|"
                                "pregnant")
CONDITIONS = ("asthma|pre-?diabetes|diabetes|arthritis|migraines?|eczema|anxiety|depression|adhd|epilepsy|tinnitus|"
              "tendinopathy|tendinitis|sciatica|bad back|high blood pressure|hay ?fever|ibs|psoriasis|insomnia|"
              "lactose intolerance|coeliac disease|celiac disease|long covid|endometriosis|pcos|gout|"
              "crohn's|colitis|a heart condition|a thyroid condition|hypothyroidism|sleep apnoea|sleep apnea|"
              "cataracts?|glaucoma")
#: An injury, as a diagnosis names it ("torn meniscus", "sprained ankle"), and the side it is on ("L knee").
INJURIES = "torn|sprained|broken|fractured|ruptured|pulled|strained|dislocated"
BODY_PARTS = ("meniscus|acl|mcl|ligament|tendon|achilles|hamstring|calf|ankle|wrist|knee|disc|rib|collarbone|"
              "shoulder|hip|elbow|foot|toe|finger|thumb|hand|arm|leg|neck")
#: How a diagnosis grades or types a condition, said before it ("moderate sleep apnoea", "type 2 diabetes").
_GRADED = r"(?:(?:type\s+[12]|mild|moderate|severe|chronic|acute)\s+)?"
#: The user's diet, allergies, conditions and medication: (attribute, pattern, change).
RULES: tuple[tuple[str, str, str], ...] = (
    ("diet", rf"\b(?:i'm|i am|i've been|been|going|go|went|gone|we're|we are)\s+(?:both\s+)?(?:a\s+)?"
             rf"(?:(?:strict|pure|fully|full|complete|total|lifelong)\s+)?(?P<v>{DIETS})\b", "set"),
    ("diet", rf"\b{_NOT_PAST}(?:doing|on|following|do|trying|started|switched to|start)\s+(?:just\s+|only\s+)?"
             rf"(?:the\s+|a\s+)?(?P<v>{_DIET_NAMED})\b", "set"),
    # a diet said to hold now, the verb dropped ("so pescatarian now i guess", "vegan now, no more cheese")
    ("diet", rf"(?:^|\bso\s+|\bfully\s+)(?P<v>{DIETS})\s+now\b", "set"),
    # a diet done, eaten or kept ("doing keto", "i keep kosher", "supposed to eat low sodium"), or opening what the
    # user says, its subject dropped ("Vegetarian here so ...", "vegan so no eggs", "as a vegan, ...")
    ("diet", rf"\b{_NOT_PAST}(?:doing|on|trying|started|start|do|keep|keeping|switched to|switching to)\s+"
             rf"(?:the\s+|a\s+)?(?:\w+ly\s+)?(?P<v>{DIETS})\b{_DISH}", "set"),
    ("diet", rf"(?:\b(?:i|we|me|us)(?:'m|'re|'ve)?\s+(?:\w+\s+){{0,3}}?|^(?:trying|try|going)\s+to\s+)(?:eat|eating)\s+"
             rf"(?:\w+ly\s+)?(?P<v>{DIETS})\b{_DISH}", "set"),
    # "veggie" said of the user, closing what is said ("been veggie my whole life"; not "eating veggie pasta")
    ("diet", r"\b(?:i'm|i am|i've been|been|gone|went|we're|we are)\s+(?:fully\s+|totally\s+|strictly\s+)?(?P<v>veggie)"
             r"(?=\s*(?:[,.;!]|$|my\s+whole\s+life|all\s+my\s+life|for\s+(?:years|ages|life|\w+\s+years)|since\b|now\b))",
     "set"),
    # a diet owned ("I'm calling myself pescatarian now")
    ("diet", rf"(?<!n't\s)(?<!not\s)(?<!never\s)\bcall(?:ing)?\s+myself\s+(?:an?\s+)?(?P<v>{DIETS})\b", "set"),
    ("diet", rf"(?:^|\bas\s+an?\s+)(?:(?:strict|lifelong)\s+)?(?P<v>{DIETS})(?:\s+here)?{END}", "set"),
    # a diet left ("stopped being vegetarian"), or said as one done before ("I was doing keto")
    ("diet", rf"\b(?:stopped|quit|gave up|no longer)\s+(?:being\s+)?(?:a\s+)?(?P<old>{DIETS})\b", "end"),
    ("diet", rf"\b(?:i|we)\s+(?:was|were)\s+(?:doing|on|following)\s+(?:the\s+|a\s+)?(?P<old>{DIETS}|{_DIET_NAMED})\b",
     "end"),
    # what the user does not eat ("I don't eat eggs", "we never eat beef"): beside the diet, not instead of it
    ("avoids", r"\b(?:i|we)\s+(?:don't|do not|never|can't|cannot)\s+eat\s+(?:any\s+)?"
               r"(?P<v>(?!(?:much|anything|a|that|this|it|too|more|out|there|here|now|after|before|late)\b)[a-z]+)"
               + END, "add"),
    # a food not eaten, said as so ("it's no pork for me"), or beside the diet ("pure veg, no egg also")
    ("avoids", rf"\bno\s+(?!{_NOT_FOODS}\b)(?P<v>[a-z]+)\s+for\s+(?:me|us)\b(?!\s+(?:tonight|today|thanks|now))",
     "add"),
    ("avoids", rf"\b(?:{DIETS}),\s+(?:and\s+)?no\s+(?P<v>[a-z]+)" + END.replace("too", "too|also"), "add"),
    # a food or drink given up ("I have stopped the sugar completely", "I've cut out alcohol")
    ("avoids", rf"\b(?:i|i've|i have|we|we've|we have)\s+(?:now\s+|completely\s+|finally\s+)?"
               rf"(?:stopped|given up|gave up|cut out|quit)\s+(?:the\s+|all\s+)?(?P<v>{GIVEN_UP_FOODS})\b", "add"),
    # a food or drink cut down on, often on a doctor's word ("she wants me to cut down on salt", "use less salt")
    ("limits", rf"(?:\bcut(?:ting|s)?\s+(?:down|back)\s+on|\b(?:use|using|eat|eating)\s+less|^less|"
               rf"\bcut(?:ting)?\s+my(?=\s+(?:salt|sugar|booze|alcohol|caffeine)\b))\s+(?P<v>{LIMITED_FOODS})\b"
               r"(?!\s+(?:out|in\s+the\s+recipe|than)\b)", "add"),
    ("diet", rf"\b(?:joined|doing|following|started|signed up (?:for|to|with)|back on|going to)\s+(?:the\s+)?"
             rf"(?P<v>{DIET_PROGRAMMES})\b", "set"),
    # a programme no list knows, joined to lose weight ("to lose a bit of weight ... so I've joined Slimming World")
    ("diet", rf"^(?=.*\b(?:lose|losing|lost)\s+(?:\w+\s+){{0,3}}(?:weight|pounds|kilos|stone)\b).*?"
             rf"\b(?:joined|signed up (?:for|to|with))\s+(?P<v>{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+)*)", "set"),
    # "allergic to", "allergic only to", and in Taglish "allergic ako sa" (sa: to)
    ("allergy", r"\ballergic\s+(?:\w+\s+)?(?:to|sa)\s+(?P<v>[\w -]+?)" + END, "add"),
    # said sideways: "allergic for penicillin", "the drug I'm allergic to, which is penicillin", "asked about
    # allergies and I had to say penicillin"
    ("allergy", rf"\ballergic\s+for\s+(?P<v>{ALLERGENS})\b", "add"),
    ("allergy", rf"\b(?:i'm|i am)\s+allergic\s+to,?\s+(?:which|that)\s+(?:is|are)\s+(?P<v>{ALLERGENS})\b", "add"),
    ("allergy", rf"\ballergies\b[^.!?]{{0,30}}\b(?:i|and\s+i)\s+(?:had\s+to\s+)?(?:say|said|told\s+(?:her|him|them))\s+"
                rf"(?P<v>{ALLERGENS})\b(?!\s+(?:is|are)\s+(?:fine|ok|okay))"
                r"(?![^.!?]*\bfor\s+(?!the\b)(?:my\s+\w+|(?-i:[A-Z])\w+))", "add"),
    # "dust allergy" is kept as said: the card writes it so
    ("allergy", r"(?:^|[:;,]\s*|\bmy\s+|\ban?\s+)"
                r"(?P<v>(?:[a-z]+\s+)?(?!(?:i|have|has|had|no|any)\s)[a-z]+\s+allergy)\b", "add"),
    # an allergy said with what it is to ("allergy in shrimp")
    ("allergy", rf"\ballerg(?:y|ies)\s+(?:in|of|from|with|to)\s+(?P<v>{ALLERGENS})\b", "add"),
    # said of the user, or opening a note with its subject dropped ("lactose intolerant, so no cheese")
    ("condition", rf"\b(?:i'm|i am)\s+(?:also\s+)?(?P<v>{_GRADED}(?:{CONDITIONS_SAID_AS_ADJECTIVE}))\b", "add"),
    ("condition", rf"^(?P<v>{_GRADED}(?:{CONDITIONS_SAID_AS_ADJECTIVE}))(?:\s+here)?{END}", "add"),
    # a diagnosis reported: "the GP says ...", "so it's ...", or a sentence opening with it graded ("moderate sleep
    # apnoea, AHI 24"), as said
    ("condition", rf"\b(?:i've got|i have|diagnosed with|says|my|it is|it's|as (?:someone|a person) with|"
                  r"suffer(?:ing)? (?:from|with)|living with)\s+(?:an?\s+)?(?:also\s+)?"
                  rf"(?P<v>{_GRADED}(?:{CONDITIONS})(?:\s+without\s+\w+)?)\b", "add"),
    ("condition", rf"^(?P<v>{_GRADED.removesuffix('?')}(?:{CONDITIONS})(?:\s+without\s+\w+)?)\b", "add"),
    # a diagnosis noted with its side, as a clinic's letter says it ("Cataract, right eye.")
    ("condition", rf"^(?P<v>{CONDITIONS}),\s+(?=(?:left|right|both)\s+[a-z]+\s*(?:[.;]|$))", "add"),
    # an injury reported, with its side as the detail ("MRI: torn meniscus, L knee", "I have a sprained left ankle")
    ("condition", rf"(?:^|[:;]\s*|\b(?:i've got|i have|diagnosed with|says|it's|it is|a|an)\s+)"
                  rf"(?P<v>(?:{INJURIES})\s+(?:[a-z]+\s+)?(?:{BODY_PARTS}))\b"
                  rf"(?:,?\s+(?:in\s+(?:my|the)\s+)?(?P<d>(?:(?-i:[LR])|left|right)\s+(?:{BODY_PARTS}))\b)?", "add"),
    # a reading put in a condition's band ("I am in the pre-diabetes range", "I'm in the diabetic range")
    ("condition", rf"\b(?:i'm|i am)\s+(?:now\s+|still\s+)?in\s+the\s+"
                  rf"(?P<v>{CONDITIONS}|{CONDITIONS_SAID_AS_ADJECTIVE})\s+(?:range|zone|bracket)\b", "add"),
    # a drug given up or swapped for another ("came off the metformin", "switched from amlodipine to ramipril", "since
    # the switch to ramipril", "ramipril instead of amlodipine"): the one named ends, else the one taken before, if
    # one (not "suggested a switch to", "haven't switched to")
    ("medication", rf"(?<!\bnot\s)(?<!n't\s)(?<!\bof\s)(?<!\babout\s)(?<!\bto\s)"
                   rf"\b(?:i'm|i am|i've come|i came|came|coming|been taken|tak(?:en|ing|es) me|took me)\s+off\s+"
                   rf"(?:the\s+|my\s+)?"
                   rf"(?P<old>{DRUG_WORD})\b", "end"),
    ("medication", rf"(?<!n't )(?<!not )(?<!never )\b(?:the\s+switch|switched|swapped|changed|moved)\s+(?:me\s+)?"
                   rf"(?:(?:from|off)\s+(?:the\s+|my\s+)?(?P<old>{DRUG_WORD})\s+)?"
                   rf"(?:to|onto|over to)\s+(?:the\s+)?{DRUG_WORD}\b", "end"),
    ("medication", rf"\b{DRUG_WORD}\s+(?:now\s+|these\s+days\s+)?instead\s+of\s+(?:the\s+|my\s+)?"
                   rf"(?P<old>{DRUG_WORD})\b", "end"),
    ("medication", rf"(?<!n't )(?<!not )(?<!\bto )\bswapped\s+(?:me\s+)?(?:the\s+|my\s+)?(?P<old>{DRUG_WORD})\s+"
                   rf"(?:for|with)\s+(?:the\s+)?{DRUG_WORD}\b", "end"),
    # a drug the user takes, known by its family's ending ("the ramipril", "naproxen when an attack comes"); not an
    # allergy or a reaction, one that brought a rash on (of whomever: "my son came out in a rash after amoxicillin";
    # the user's is an allergy, `not_taken`), nor the drug left ("off the metformin"), said not to be it or to be fine
    # ("it's not ibuprofen", "ibuprofen is fine"), nor a dose worked out for a patient by weight ("12.5 mg/kg, 4.2 kg
    # cat", "a child of 18 kg")
    ("medication", rf"^(?!.*\b(?:allerg|react|mg/kg|kg\s+(?:{PATIENTS})\b|(?:{PATIENTS})\s+of\s+[\d.]+\s*kg\b))"
                   rf"(?!(?=.*\b(?:rash|hives|swelled|blew up)\b)(?!.*\b(?:still|even|went down|faded|cleared|eased)\b)"
                   rf".*\bafter\s+(?:the\s+|taking\s+)?{DRUG_WORD})"
                   rf"(?:.*?\W)?{NOT_LEFT}(?<!['’]s\s)(?P<v>{DRUG_WORD})\b"  # not "someone's warfarin dose"
                   r"(?!\s+(?:is|was|are)\s+fine)", "add"),
    # a test's reading ("LDL is 162", "my HbA1c was 48", "bp was 152 over 96")
    ("condition", rf"(?:^|\bmy\s+)(?P<v>(?:{READINGS})\s+(?:is|was|of|at|came back at)\s+\d[\d./]*"
                  r"(?:\s+over\s+\d+)?)", "add"),
)


#: What a reaction is had to, after taking it (not what it comes "from": a side effect, a dog's bite): a drug or a food.
TAKEN = rf"{DRUG_WORD}|(?!(?:cats?|dogs?|bees?|wasps?|dust|pollen)\b)(?:{ALLERGENS})"
#: An answer to a question about allergies naming a drug or a food first ("Penicillin.", "peanuts, badly").
_ALLERGY_ANSWER = re.compile(rf"^\W*(?:(?:yes|yeah|yep)\W+)?(?P<v>{TAKEN})\b", re.IGNORECASE)


#: A diet said by what is eaten and not ("I don't eat meat but fish is fine", "I do not eat meat, only fish", "I
#: don't eat meat or fish").
_NO_MEAT = r"\b(?:i|we)\s+(?:don't|do not|never|can't|cannot)\s+eat\s+(?:any\s+)?meat\b"
_FISH_EATEN = (r"(?=[^.!?]{0,40}?(?:\bonly\s+fish\b|\bfish\s+(?:is|are|'s)\s+(?:fine|ok|okay|good)\b|"
               r"\b(?:but|except)\s+(?:i\s+(?:do\s+)?eat\s+)?fish\b))")
_BY_PARTS = ((re.compile(_NO_MEAT + _FISH_EATEN, re.IGNORECASE), "pescatarian"),
             (re.compile(_NO_MEAT + r"\s+(?:or|nor)\s+fish\b", re.IGNORECASE), "vegetarian"))


#: What makes a diet said by its parts only for a while, asked, or supposed ("before my colonoscopy", "on Fridays in
#: Lent", "after 7pm", "raw", "If I don't eat meat ...?").
_NOT_FOR_GOOD = re.compile(r"\?|^\W*if\b|\b(?:before|after|during|until|till|while|raw|today|tonight|this\s+week|"
                          r"for\s+now|lent|fridays?|on\s+\w+days?)\b|[\"“”]", re.IGNORECASE)


def diet_by_parts(text: str) -> list[Update]:
    """The diet a sentence names by what the user eats and does not: "I don't eat meat, only fish" is pescatarian;
    not for a while or asked ("I can't eat meat or fish before my colonoscopy")."""
    if _NOT_FOR_GOOD.search(text):
        return []
    return next(([Update(USER, "diet", diet)] for pattern, diet in _BY_PARTS if pattern.search(text)), [])


#: A food refused in a reply to the assistant's question about diet ("no pork", "no pork, no shellfish").
_NO_FOOD = re.compile(rf"(?:^|[,;&]|\band\b|\bor\b)\s*(?:just\s+|only\s+|strictly\s+)?no\s+(?!{_NOT_FOODS}\b)([a-z]+)",
                      re.IGNORECASE)
_SPORT = re.compile(rf"^(?:mostly\s+|mainly\s+|just\s+|lots of\s+)?(?P<v>{ACTIVITIES})\b", re.IGNORECASE)


def answered(attribute: str, text: str) -> list[Update]:
    """A reply to the assistant's question about diet, allergies or exercise that does not say what it is about:
    each food refused ("no pork, no shellfish"), the drug or food it opens with ("Do you have any allergies?" ->
    "Penicillin."), or the sport it opens with ("CrossFit, 4x a week")."""
    if attribute == "diet":
        return [Update(USER, "avoids", food.lower(), "add") for food in _NO_FOOD.findall(text)]
    if attribute == "allergy":
        named = _ALLERGY_ANSWER.match(text)
        return [Update(USER, "allergy", named.group("v").lower(), "add")] if named else []
    sport = _SPORT.match(text)
    return [Update(USER, "exercise", sport.group("v"))] if sport else []


#: Words that make a diet opening a request said of the user ("vegetarian here so", "as a vegan", "vegan, so no").
_OF_ME = re.compile(r"\b(?:here|so|i|i'm|im|we|we're|my|our|me|us|as an?)\b", re.IGNORECASE)


def said_before_asking(value: str, text: str) -> bool:
    """A diet in a request is the user's when said of them before what is asked ("vegan so no eggs, can you swap
    them?", "as a vegan, ..."), not inside the question ("what do I eat if I'm doing keto?") nor as its topic
    ("Keto, is it safe?", "Vegan, vegetarian or pescatarian: which is healthiest?")."""
    at = text.lower().find(value.lower())
    asked = next((m.start() for m in re.finditer(r"[\w'’]+", text.lower()) if m.group(0) in QUESTION_OPENERS),
                 len(text))
    if not 0 <= at < asked:
        return False
    return bool(_OF_ME.search(text[:at]) or _OF_ME.search(text[at + len(value) : asked]))


_READING = re.compile(rf"^(?P<what>{READINGS})\s+(?:is|was|of|at|came back at)\s+\d", re.IGNORECASE)


def reading_of(value: str) -> str:
    """The test a condition's value is a reading of, in one spelling ("blood pressure" of "bp was 152 over 96"),
    '' for a condition."""
    found = _READING.match(value)
    what = found.group("what").lower() if found else ""
    return _SAME_TEST.get(what, what)


#: Tests said by two names.
_SAME_TEST = {"bp": "blood pressure", "a1c": "hba1c", "fasting sugar": "blood sugar"}
