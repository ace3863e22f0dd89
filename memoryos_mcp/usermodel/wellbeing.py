"""What the user eats and does not, the allergies and conditions they have, the drugs they take and the exercise
they do: the phrasings that say each, as data (cues.py holds the rest; the learner reads both).

Diets, conditions, drug families and sports are lists no library keeps; which words around them make them the
user's ("I'm vegan", "diagnosed with asthma", "I swim every morning") is English usage, listed here.
"""

from __future__ import annotations

from .cues import _CAPITAL, _END

#: Sports and exercise, by name.
ACTIVITIES = ("aqua aerobics|aerobics|"
              "running|jogging|swimming|cycling|climbing|bouldering|yoga|pilates|the gym|gym|football|tennis|"
              "hiking|rowing|boxing|dancing|walking|skating|surfing|skiing|crossfit|badminton|squash|golf|"
              "netball|rugby|basketball|volleyball|karate|judo|spinning|triathlon|cricket|hockey|baseball|"
              "softball|pickleball|padel|table tennis|kickboxing|taekwondo|zumba|lawn bowls|bowls")
#: Diets said as what the user is ("I'm vegan").
DIETS = "vegan|vegetarian|pescatarian|pescetarian|keto|paleo|plant-based|gluten-free|dairy-free|halal|kosher"
#: Foods and drinks a diet gives up ("stopped the sugar", "cut out alcohol").
GIVEN_UP_FOODS = ("sugar|salt|alcohol|booze|meat|red meat|dairy|caffeine|coffee|gluten|bread|chocolate|sweets|"
                  "fizzy drinks|takeaways|crisps|carbs")
#: Slimming programmes, by their names (no library knows them).
DIET_PROGRAMMES = ("slimming world|weight watchers|ww|noom|the cambridge diet|cambridge weight plan|juice plus|"
                   "herbalife|whole30|atkins|the 5:2 diet|5:2|dukan|optifast|the fast 800|fast 800|lighter life|"
                   "lighterlife")
#: Endings of drug names, by family: ACE inhibitors, sartans, beta blockers, statins, calcium blockers, proton
#: pump inhibitors, penicillins, NSAIDs, triptans, SSRIs, biguanides, gliptins, antihistamines.
DRUG_ENDINGS = ("pril|sartan|olol|statin|dipine|prazole|cillin|proxen|profen|triptan|oxetine|alopram|formin|gliptin|"
                "tadine|lukast|thyroxine")
#: Tests whose reading is said with a number ("LDL is 162").
READINGS = "ldl|hdl|cholesterol|hba1c|a1c|blood sugar|fasting sugar|blood pressure|bp|tsh|vitamin d|ferritin|bmi|psa"
CONDITIONS_SAID_AS_ADJECTIVE = ("lactose intolerant|gluten intolerant|pre-?diabetic|diabetic|coeliac|celiac|asthmatic|"
                                "pregnant")
CONDITIONS = ("asthma|pre-?diabetes|diabetes|arthritis|migraines?|eczema|anxiety|depression|adhd|epilepsy|tinnitus|"
              "tendinopathy|tendinitis|sciatica|a bad back|high blood pressure|hay ?fever|ibs|psoriasis|insomnia|"
              "lactose intolerance|coeliac disease|celiac disease|long covid|endometriosis|pcos|gout|"
              "crohn's|colitis|a heart condition|a thyroid condition|hypothyroidism|sleep apnoea|sleep apnea")
#: An injury, as a diagnosis names it ("torn meniscus", "sprained ankle"), and the side it is on ("L knee").
INJURIES = "torn|sprained|broken|fractured|ruptured|pulled|strained|dislocated"
BODY_PARTS = ("meniscus|acl|mcl|ligament|tendon|achilles|hamstring|calf|ankle|wrist|knee|disc|rib|collarbone|"
              "shoulder|hip|elbow|foot|toe|finger|thumb|hand|arm|leg|neck")
#: How a diagnosis grades or types a condition, said before it ("moderate sleep apnoea", "type 2 diabetes").
_GRADED = r"(?:(?:type\s+[12]|mild|moderate|severe|chronic|acute)\s+)?"
#: Sports said as a verb of habit ("I run every morning"), with the activity each is.
HABITS = {"run": "running", "swim": "swimming", "cycle": "cycling", "bike": "cycling", "jog": "jogging",
          "climb": "climbing", "boulder": "bouldering", "row": "rowing", "hike": "hiking", "box": "boxing",
          "surf": "surfing", "ski": "skiing", "skate": "skating", "dance": "dancing"}
#: How often or when a habit is done: what makes "I run" a habit, not a one-off.
_OFTEN = (r"(?:every|each|twice|once|three|four|five|most|daily|weekly|regularly|religiously|"
          r"on\s+(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun|week)|in\s+the\s+(?:morning|evening)s?|"
          r"before\s+work|after\s+work|at\s+lunch)")

#: The user's diet, allergies, conditions, medication and exercise: (attribute, pattern, change).
RULES: tuple[tuple[str, str, str], ...] = (
    ("diet", rf"\b(?:i'm|i am|i've been|been|going|went|gone|we're|we are)\s+(?:both\s+)?(?:a\s+)?"
             rf"(?:(?:strict|pure|fully|full|complete|total|lifelong)\s+)?(?P<v>{DIETS})\b", "set"),
    ("diet", r"\b(?:doing|on|following|do|trying|started|switched to|start)\s+(?:the\s+|a\s+)?"
             r"(?P<v>[\w:-]+(?:\s+[\w:-]+)?\s+(?:diet|fasting))\b", "set"),
    # what the user does not eat ("I don't eat eggs", "we never eat beef"): beside the diet, not instead of it
    ("avoids", r"\b(?:i|we)\s+(?:don't|do not|never|can't|cannot)\s+eat\s+(?:any\s+)?"
               r"(?P<v>(?!(?:much|anything|a|that|this|it|too|more|out|there|here|now|after|before|late)\b)[a-z]+)"
               + _END, "add"),
    # a food or drink given up ("I have stopped the sugar completely", "I've cut out alcohol")
    ("avoids", rf"\b(?:i|i've|i have|we|we've|we have)\s+(?:now\s+|completely\s+|finally\s+)?"
               rf"(?:stopped|given up|gave up|cut out|quit)\s+(?:the\s+|all\s+)?(?P<v>{GIVEN_UP_FOODS})\b", "add"),
    ("diet", rf"\b(?:joined|doing|following|started|signed up (?:for|to|with)|back on|going to)\s+(?:the\s+)?"
             rf"(?P<v>{DIET_PROGRAMMES})\b", "set"),
    # a programme no list knows, joined to lose weight ("to lose a bit of weight ... so I've joined Slimming World")
    ("diet", rf"^(?=.*\b(?:lose|losing|lost)\s+(?:\w+\s+){{0,3}}(?:weight|pounds|kilos|stone)\b).*?"
             rf"\b(?:joined|signed up (?:for|to|with))\s+(?P<v>{_CAPITAL}[\w'’-]+(?:\s+{_CAPITAL}[\w'’-]+)*)", "set"),
    # "allergic to", "allergic only to", and in Taglish "allergic ako sa" (sa: to)
    ("allergy", r"\ballergic\s+(?:\w+\s+)?(?:to|sa)\s+(?P<v>[\w -]+?)" + _END, "add"),
    # "dust allergy" is kept as said: the card writes it so
    ("allergy", r"(?:^|[:;,]\s*|\bmy\s+|\ban?\s+)(?P<v>(?:[a-z]+\s+)?[a-z]+\s+allergy)\b", "add"),
    # said of the user, or opening a note with its subject dropped ("lactose intolerant, so no cheese")
    ("condition", rf"\b(?:i'm|i am)\s+(?:also\s+)?(?P<v>{CONDITIONS_SAID_AS_ADJECTIVE})\b", "add"),
    ("condition", rf"^(?P<v>{CONDITIONS_SAID_AS_ADJECTIVE}){_END}", "add"),
    # a diagnosis reported: "the GP says ...", "so it's ...", or a sentence opening with it graded ("moderate sleep
    # apnoea, AHI 24"), as said
    ("condition", rf"\b(?:i've got|i have|diagnosed with|says|my|it is|it's)\s+(?:an?\s+)?(?:also\s+)?"
                  rf"(?P<v>{_GRADED}(?:{CONDITIONS})(?:\s+without\s+\w+)?)\b", "add"),
    ("condition", rf"^(?P<v>{_GRADED.removesuffix('?')}(?:{CONDITIONS})(?:\s+without\s+\w+)?)\b", "add"),
    # an injury reported, with its side as the detail ("MRI: torn meniscus, L knee", "I have a sprained left ankle")
    ("condition", rf"(?:^|[:;]\s*|\b(?:i've got|i have|diagnosed with|says|it's|it is|a|an)\s+)"
                  rf"(?P<v>(?:{INJURIES})\s+(?:[a-z]+\s+)?(?:{BODY_PARTS}))\b"
                  rf"(?:,?\s+(?:in\s+(?:my|the)\s+)?(?P<d>(?:(?-i:[LR])|left|right)\s+(?:{BODY_PARTS}))\b)?", "add"),
    # a reading put in a condition's band ("I am in the pre-diabetes range", "I'm in the diabetic range")
    ("condition", rf"\b(?:i'm|i am)\s+(?:now\s+|still\s+)?in\s+the\s+"
                  rf"(?P<v>{CONDITIONS}|{CONDITIONS_SAID_AS_ADJECTIVE})\s+(?:range|zone|bracket)\b", "add"),
    ("exercise", rf"\b(?:now\s+)?(?P<v>{ACTIVITIES})\s+is\s+(?:definitely\s+|really\s+|totally\s+|officially\s+)?my\s+"
                 r"(?:thing|sport|jam|life)\b", "set"),
    ("exercise", rf"\b(?:switched|moved|changed)\s+(?:from\s+(?P<old>{ACTIVITIES})\s+)?to\s+(?P<v>{ACTIVITIES})\b",
     "set"),
    # "took up running", "joined a hatha yoga class"
    ("exercise", rf"\b(?:took up|got into|i'm into|started|signed up for|joined)\s+(?:an?\s+|the\s+)?"
                 rf"(?:(?-i:[A-Z])[\w'-]+\s+)?(?P<v>{ACTIVITIES})\b", "set"),
    ("exercise", rf"\b(?:i|we)\s+(?:still\s+|now\s+|also\s+|usually\s+|try to\s+)?"
                 rf"(?P<v>{ACTIVITIES}|{'|'.join(HABITS)})\s+{_OFTEN}", "set"),  # "I swim every morning"
    ("exercise", rf"\b(?:i|we)\s+(?:still\s+|now\s+|also\s+|usually\s+)?(?:go|do|play)\s+(?P<v>{ACTIVITIES})\b"
                 r"(?!\s+(?:today|tonight|tomorrow|yesterday|later|next|this))", "set"),  # "now I go swimming"
    # a first lesson taken ("went for my first adult swimming lesson", "had my first yoga class")
    ("exercise", rf"\bmy\s+(?:very\s+)?first\s+(?:[\w-]+\s+)?(?P<v>{ACTIVITIES})\s+(?:lesson|class|session)\b", "set"),
    ("exercise", rf"\bused to (?:be all about |be |do |go |love )?(?P<old>{ACTIVITIES})\b", "end"),
    ("exercise", rf"\b(?:quit|gave up|stopped|no longer (?:do|go))\s+(?:on\s+)?(?P<old>{ACTIVITIES})\b", "end"),
    # a drug the user takes, known by its family's ending ("the ramipril", "naproxen when an attack comes")
    ("medication", rf"^(?!.*\ballerg)(?:.*?\W)?(?P<v>[a-z]{{2,}}(?:{DRUG_ENDINGS}))\b", "add"),  # not an allergy
    # a test's reading ("LDL is 162", "my HbA1c was 48")
    ("condition", rf"(?:^|\bmy\s+)(?P<v>(?:{READINGS})\s+(?:is|was|of|at|came back at)\s+\d[\d./]*)", "add"),
)
