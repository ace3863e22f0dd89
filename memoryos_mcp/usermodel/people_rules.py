"""The phrasings that say who is in the user's life and what of them, written as data like cues.py's: a person's
name and role ("my brother Danny", "Ana (sister)"), job, employer, home, age and birthday, and a pet's name and kind.
Each rule is (attribute, pattern, change); `who` names the subject, `role` its relation to the user.
"""

from __future__ import annotations

from ..language.text import LOWER, WEEKDAYS
from .cues import (
    ADULT_AGE,
    CAPITAL,
    DWELLINGS,
    END,
    JOB,
    NAME,
    NUMBERS,
    ORGANISATIONS,
    PETS,
    PLACE,
    PLURAL_ROLES,
    ROLES,
)
from .wellbeing import CONDITIONS, CONDITIONS_SAID_AS_ADJECTIVE

#: Where someone is looked after, moved into ("sheltered housing", "assisted living", "a care facility").
_CARED_IN = "housing|accommodation|facility|living|care"
#: Words after "coming over from" that are no home ("from work later", "from the coast" in lower-case chat).
_NOT_FROM = "work|school|uni|college|home|town|church|hospital|upstairs|downstairs|the|a|an|my|his|her|their|our"
#: What is taught as a subject ("teaches maths", "teaches piano").
_SUBJECTS = ("maths|math|mathematics|english|history|geography|science|chemistry|physics|biology|french|spanish|"
             "german|italian|latin|music|art|drama|dance|pe|economics|business|computing|law|nursing|medicine|"
             "engineering|philosophy|psychology|sociology|religious education|re|piano|guitar|violin|yoga|pilates|"
             "swimming|ballet|reading|literacy|languages|design|architecture")
#: A note in brackets after who a sentence is about ("Dad (Ray) has just moved ...", "my sister (the nurse) lives").
_ASIDE = r"(?:\s+\([^()]{1,40}\))?"
#: What someone is "with" that is no employer ("a teacher with ADHD", "a nurse with Covid").
_ILL = rf"(?i:(?:long\s+)?covid|cancer|ms|me|{CONDITIONS})\b"
#: How a condition is graded or typed ("type 2 diabetes", "mild asthma").
_GRADED = r"(?:(?:type\s+[12]|mild|moderate|severe|chronic)\s+)?"
#: A relative picked out as "the ... who" ("Megan, the daughter who set this up").
_CHILD_OR_SIBLING = "daughter|son|sister|brother|grandson|granddaughter|niece|nephew"
#: Words before a role that say which one ("my older brother", "our youngest son").
_KIN_ADJECTIVES = "older|younger|little|big|baby|eldest|oldest|youngest|twin|kid|step|half|new"
#: A relative a birthday is said of: a role, or a child by their place among the children ("our eldest").
_KIN = rf"(?:{ROLES}|eldest|oldest|youngest|middle one)"
#: An age said as the birthday that brings it ("her 16th").
_ORDINAL = r"(?P<v>[1-9]\d?)(?:st|nd|rd|th)\b"

#: After an age: no measure ("he's 5 minutes away", "2 years older than me").
_NOT_A_MEASURE = (r"(?!\s*(?::|am|pm|mins?|minutes|hours|km|k\b|miles|weeks|days|months|%|degrees))"
                  r"(?!\s+(?:years?|yrs?)\s+(?:older|younger|ahead|behind|apart|ago|in|into|of)\b)")
_AFTER_AGE = "years?|yrs?|next|now|this|today|tomorrow|yesterday|soon|and|but|so|already|last|too|yet|not|in|" \
    "actually|lol|he|she|they|i|btw|by the way"
#: An age closes its clause, or a word that may follow an age comes next ("he's 9 and a menace"; not "mum's 11
#: hens"); after "turned", the day too ("turned 5 saturday", "turned seven on Saturday": not "is 7 on Saturday",
#: an age still to come). The rule names its "turned" group.
_AGE_CLOSES = (rf"(?(turned)(?!\s+(?!(?:{_AFTER_AGE}|on|{'|'.join(WEEKDAYS)})\b)[{LOWER}])|"
               rf"(?!\s+(?!(?:{_AFTER_AGE})\b)[{LOWER}]))")

#: An age said before the job, or the job said as work done ("she's 31 and a physio", "He's 44, an engineer",
#: "he's 27 and works as an electrician", "she works as a physio in Melbourne").
_AGE_AND = rf"(?:(?:\d{{1,2}}|{NUMBERS}|{ADULT_AGE})(?:\s+and|,)\s+(?:works\s+as\s+)?)?"
_WORKS_AS = r"\s+(?:now\s+|still\s+)?works\s+as\s+"

#: People and pets: (attribute, pattern, change); `who` names the subject, `role` its relation to the user.
RULES: tuple[tuple[str, str, str], ...] = (
    ("job", rf"\b(?P<who>{NAME}),\s+an?\s+(?P<v>{JOB})\b", "set"),
    # a pet named before, its kind said next ("Otis needs to lose weight, he's a greedy labrador"), not a person
    # spoken of ("she's a cat person")
    ("role", rf"\b(?P<who>he|she)(?:'s|\s+is)\s+an?\s+(?:[a-z]+\s+){{0,2}}?(?P<v>{PETS})\b(?!\s+(?:person|people|"
             r"lover|owner|sitter|walker|groomer|mum|mom|dad|whisperer|breeder|trainer|at\s+heart))", "set"),
    # "marisol says hi. she's my novia", "she's our team lead", "he's my new boss"; "Steve's my older brother"
    ("role", rf"\b(?P<who>he|she)(?:'s|\s+is)\s+(?:my|our)\s+(?:[a-z]+\s+)?(?P<v>{ROLES})\b", "set"),
    ("role", rf"(?:^|[.!?]\s+)(?P<who>{NAME})(?:'s|’s|\s+is)\s+(?:my|our)\s+(?:(?:{_KIN_ADJECTIVES})\s+)?"
             rf"(?P<v>{ROLES})\b(?!['’])", "set"),
    # who someone is said as the one of the user's relations picked out ("Megan, the daughter who set this up, is ...")
    # (a child or a sibling, no one else in the clause: not "Linda, the mum who runs the PTA", "Amy, the daughter who my
    # neighbour keeps bragging about")
    ("role", rf"(?:^|[.!?]\s+)(?P<who>{NAME}),\s+the\s+(?:(?:{_KIN_ADJECTIVES})\s+)?(?P<v>{_CHILD_OR_SIBLING})\s+"
             r"(?:who|that)\b(?![^,.!?]*\b(?:my|his|her|their|our|(?-i:[A-Z])\w*)\b)", "set"),
    # a condition someone has ("Owen is coeliac", "my dad has type 2 diabetes", "she's got asthma"); not supposed,
    # asked or denied ("if Mum was diabetic", "is he asthmatic?", "she isn't coeliac")
    ("condition", rf"(?<!\bif\s)\b(?:my\s+|our\s+)?(?P<who>{ROLES}|{NAME}|he|she)(?:'s|’s|\s+is)\s+(?:now\s+|also\s+)?"
                  rf"(?P<v>{_GRADED}(?:{CONDITIONS_SAID_AS_ADJECTIVE}))\b(?![^.!?]*\?)", "add"),
    ("condition", rf"(?<!\bif\s)\b(?:my\s+|our\s+)?(?P<who>{ROLES}|{NAME}|he|she)(?:\s+(?:now\s+|also\s+)?"
                  rf"(?:has|has\s+got)|['’]s\s+got)\s+(?P<v>{_GRADED}(?:{CONDITIONS}))\b(?!\s+about\b)(?![^.!?]*\?)",
     "add"),
    # the age said after who they are ("Steve's my older brother btw, 67, runs a caravan park")
    ("age", rf"(?:^|[.!?]\s+)(?P<who>{NAME})(?:'s|’s|\s+is)\s+(?:my|our)\s+(?:(?:{_KIN_ADJECTIVES})\s+)?(?:{ROLES})"
            r"(?:\s+(?:btw|by the way))?,\s+(?P<v>\d{1,2})(?=\s*[,.;]|$)", "set"),
    # "He's my good friend from church, a software developer at one of the banks"
    ("job", rf"\b(?P<who>he|she)(?:'s|\s+is)\s+my\s+(?:[a-z]+\s+)?(?:{ROLES})(?:\s+from\s+[\w-]+(?:\s+[\w-]+)?)?,\s+"
            rf"(?:an?\s+)?(?P<v>{JOB})\b", "set"),
    # the subject taught ("She teaches maths at a secondary school"), one that is taught, not whom or how ("he
    # teaches himself guitar", "teaches his kids", "teaches well")
    ("job", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)\s+(?:still\s+|now\s+|also\s+)?(?P<v>teaches\s+"
            rf"(?:{_SUBJECTS}))\b(?!\s+(?:school|teachers?|department)\b)", "set"),
    # "he a firefighter": a job said without "is", as some chat does; not asked, wished or of someone ("I asked if he
    # a teacher", "he a driver's son")
    ("job", rf"(?<!\bif\s)(?<!\bwish\s)(?<!\bwhether\s)\b(?P<who>he|she)\s+an?\s+(?P<v>{JOB})\b(?!['’]s)", "set"),
    ("name", r"\b(?:my\s+|the\s+|our\s+)?(?P<role>kids|children|sons|daughters)\s+are\s+"
             r"(?P<v>[a-z]+(?:(?:,\s*|\s+and\s+)[a-z]+)?)(?=\s*[,.;!]|$)", "add"),
    ("job", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she),?(?:(?:'s|\s+is)\s+{_AGE_AND}|{_WORKS_AS})"
            rf"(?:also\s+|now\s+)?(?:an?\s+|the\s+|our\s+)?(?P<v>{JOB})\b", "set"),
    ("name", rf"\b(?:my|our)\s+(?P<role>{ROLES}|{PETS})\s+(?P<v>{NAME})\b", "set"),  # the parse fails on chat
    # pets named together ("our two cats, Mango and Olive", "we have 2 dogs, Bear and Lulu", "my dogs Bear and Lulu")
    ("name", rf"\b(?:my|our|(?:i|we)\s+(?:have|'ve\s+got|have\s+got|got|adopted))\s+(?:(?:two|three|four|[2-4])\s+)?"
             rf"(?P<role>{PETS})s\b,?\s+(?P<v>{NAME}(?:,\s*{NAME})*,?\s+and\s+{NAME})\b"
             r"(?!\s+(?:are|were|is|was|have|has|had|said|say|think|thought|love|loved|want|wanted)\b)", "set"),
    # a second pet named after the first ("we have a cat called Tom and a dog called Rex")
    ("name", rf"^(?:i|we)\s+(?:have|'ve\s+got|have\s+got|got|adopted)\b[^.!?;]*?\band\s+an?\s+(?:[a-z]+\s+)?"
             rf"(?P<role>{PETS})\s+(?:named|called)\s+(?P<v>{NAME})\b", "set"),
    # a pet given its name ("the kids named the kitten Tilly", "we called the puppy Juno")
    ("name", rf"\b(?:named|called)\s+the\s+(?:new\s+)?(?P<role>{PETS})\s+(?P<v>{NAME})\b", "set"),
    # who someone is, noted in brackets after the name ("Ana (sister)", "Rex (rescue greyhound, 6)")
    ("name", rf"\b(?P<v>{NAME})\s+\((?:my\s+|our\s+|the\s+)?(?P<role>{ROLES}|(?:[a-z]+\s+)?(?:{PETS}))\b(?!['’])",
     "set"),
    ("job", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)\s+(?:still\s+|now\s+)?(?P<v>(?:runs|owns|manages)\s+"
            r"(?:an?|the|his|her|their)\s+(?:[\w'-]+\s+){0,2}(?:shop|store|business|restaurant|cafe|café|bar|pub|"
            r"company|bakery|salon|farm|garage|practice|clinic|hotel|firm))\b", "set"),
    ("employer", rf"\b(?P<who>{NAME}|he|she)(?:'s|\s+is)\s+(?:also\s+)?(?:an?\s+)?{JOB}\s+"
                 rf"(?:at|for|with(?!\s+{_ILL}))\s+(?:the\s+)?{PLACE}", "set"),
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they){_ASIDE}\s+(?:now\s+|still\s+|actually\s+)?"
             rf"(?:lives|live|is living)(?:\s+and\s+works?)?\s+"
             rf"(?:out\s+|over\s+|alone\s+|on\s+(?:her|his|their)\s+own\s+)?in\s+{PLACE}",
     "set"),
    # where someone lives said after what they are, the subject not said again ("She's a retired lab tech, lives on
    # her own in Lethbridge")
    ("home", rf"\b(?P<who>{NAME}|he|she)(?:'s|\s+is)\s+[^.!?;,]{{1,60}},\s+(?:and\s+)?(?:now\s+|still\s+)?lives\s+"
             rf"(?:alone\s+|on\s+(?:her|his|their)\s+own\s+)?in\s+{PLACE}", "set"),
    # a relative placed where they live ("Mum's still up in Leeds", "my dad is back in Lagos"), not for a while
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES})(?:'s|’s|\s+is)\s+(?:still\s+|now\s+)?(?:up|down|over|back|out)\s+in\s+"
             rf"{PLACE}(?![^.!?]*\b(?:for|visiting|holiday|trip|till|until|this\s+week|today|tonight|tomorrow)\b)",
     "set"),
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME})\s+and\s+(?:his|her|their)\s+\w+\s+live\s+in\s+{PLACE}", "set"),
    ("home", rf"\bin\s+{PLACE}[,;]?\s+(?:and\s+)?(?P<who>he|she|they)\s+(?:still\s+)?lives?\s+there\b", "set"),
    # a visit from where they live ("my brother Declan's coming over from Boston", "Ada is visiting next weekend from
    # Croydon", "my brother kyle drove up from dayton", "my brother Derrick driving down from Charlotte"), not back
    # from a trip nor on the way somewhere ("flying from Heathrow to Rome")
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they)(?:(?:'s|'re|\s+is|\s+are)\s+"
             r"(?:coming|flying|driving|visiting)\s+(?:over\s+|up\s+|down\s+|in\s+)?"
             r"(?:(?:this|next)\s+(?:weekend|week|month)\s+|tomorrow\s+)?|"
             r"\s+(?:drove|driving|coming)\s+(?:over|up|down)\s+)from\s+"
             rf"(?!(?:{_NOT_FROM})\b){PLACE}(?!\s+to\b)(?![^.!?,;]*\b(?:for|where|holiday|lives?)\b)", "set"),
    # "he's a firefighter in quebec city.": a place of one to three words closing the clause
    ("home", rf"\b(?P<who>{NAME}|he|she)(?:(?:'s|\s+is)\s+{_AGE_AND}|{_WORKS_AS})(?:also\s+)?an?\s+{JOB}\s+in\s+"
             r"(?!(?:a|an|the|my|his|her|their|this|that|town|school|hospital|training|charge|love|bed|trouble)\b)"
             rf"(?P<v>{CAPITAL}[\w'’-]*(?:\s+{CAPITAL}[\w'’-]*){{0,2}})(?=\s*(?:[.,;:!?)]|$|\s(?:and|but|now|too|so)\b))",
     "set"),
    ("employer", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)\s+works\s+(?:at|for)\s+"
                 rf"(?P<v>(?:an?\s+|the\s+)?[\w' -]+?)" + END, "set"),
    # where a person works said with what they do there ("she is teaching History to 9th standard at Abhinav
    # Vidyalaya", "he is working in Deloitte there", "his wife got a job at the hospital up there")
    ("employer", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)(?:'s|\s+is)?\s+(?:now\s+|also\s+|still\s+)?"
                 rf"(?:working\s+(?:in|at|for)|(?:teaching|teaches|working)\s+(?:[\w-]+\s+){{1,8}}?at)\s+"
                 rf"(?:the\s+)?{PLACE}", "set"),
    ("employer", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)\s+(?:just\s+|has\s+)?(?:got|landed|found)\s+"
                 rf"an?\s+(?:new\s+)?job\s+(?:at|with)\s+(?P<v>the\s+[a-z]+|{CAPITAL}[\w'’.-]*"
                 rf"(?:\s+{CAPITAL}[\w'’.-]*)*)", "set"),
    # a move said of a person ("Nikhil shifted to Hyderabad", "they're moving to Darwin", "moved into a care home
    # in Leeds"); not one they only say they will make ("Ama says she's moving to Canada")
    ("home", rf"(?:(?<!says\s)(?<!said\s)|(?=[^.!?]{{0,40}}?\b(?:shifted|moved|relocated)\b))"
             rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they){_ASIDE}"
             r"(?:'s|'re|\s+is|\s+are|\s+has|\s+have)?\s+"
             rf"(?:just\s+|now\s+|finally\s+|also\s+)?(?:shifted|moved|relocated|moving|relocating)\s+(?:back\s+)?"
             rf"(?:to|into\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{DWELLINGS}|{_CARED_IN})\s+in)\s+"
             rf"(?!(?:a|an|the|my|his|her|their|this|that)\b){PLACE}", "set"),  # not "moved into a new role in Sales"
    # an employer a person joined, said with what it is ("Chioma has joined an oil services company, Deltamarine",
    # "he joined a law firm, Hale & Co"); not a gym or a choir joined
    ("employer", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)\s+(?:[^.!?;,]{{0,40}}?\s+and\s+)?"
                 rf"(?:has\s+|just\s+|now\s+)*joined\s+an?\s+"
                 rf"(?:[\w-]+\s+){{0,3}}?(?:{ORGANISATIONS}|firm|startup|start-up|business),\s+"
                 rf"(?P<v>{CAPITAL}[\w'’.&-]*(?:\s+{CAPITAL}[\w'’.&-]*){{0,2}})", "set"),
    # a new job of someone's with the same employer ("She's been promoted to deputy principal at her school")
    ("job", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she)(?:(?:'s|\s+has)\s+(?:just\s+|finally\s+)?been|"
            r"\s+(?:just\s+|finally\s+)?got|\s+was\s+just)\s+promoted\s+to\s+(?:the\s+)?(?:role\s+of\s+)?(?:an?\s+)?"
            rf"(?P<v>{JOB})\b(?![^.!?]*\b(?:in|back\s+in)\s+(?:19|20)\d\d\b)", "set"),
    # where someone lives said as their place ("lunch at her place in Pinetown", "come up to her place in
    # indianapolis for easter"), not of one met but not named ("a guy on Hinge, dinner at his place in Leeds"), nor
    # a stay ("at his place in Leeds, he's housesitting")
    ("home", rf"^(?![^.!?]*\b(?:a|some|this)\s+(?:guy|man|woman|girl|lady|bloke|chap|date|someone)\b)[^.!?]*?"
             rf"\b(?:at|to)\s+(?P<who>his|her|their)\s+(?:place|house|home)\s+in\s+{PLACE}"
             r"(?![^.!?]*\b(?:housesitting|house-sitting|staying|holiday|airbnb|tonight)\b)", "set"),
    # a home a person found or bought ("Craig found a flat in Perth, in Fremantle", "she bought a house in Tralee")
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they){_ASIDE}(?:'s|\s+has|\s+have)?\s+(?:just\s+|finally\s+)?"
             rf"(?:found|bought|rented|leased)\s+(?:a|an|his|her|their)\s+(?:new\s+|own\s+|little\s+)?"
             rf"(?:{DWELLINGS})\s+in\s+(?!(?:a|an|the|my|his|her|their|this|that)\b){PLACE}", "set"),
    # a move said of a person in other words: settled in the new town ("she's all settled in seattle now"), gone
    # for good ("Niamh's flying out to Melbourne on Thursday for good"); not a trip ("flying out to Rome Friday")
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they){_ASIDE}(?:'s|'re|\s+is|\s+are|\s+has|\s+have|"
             rf"\s+got)\s+(?:just\s+|now\s+|finally\s+|all\s+|nicely\s+)*settled\s+in\s+"
             rf"(?!(?:a|an|the|my|his|her|their|this|that|well|ok|okay|fine|nicely|now)\b){PLACE}", "set"),
    ("home", rf"\b(?:my\s+)?(?P<who>{ROLES}|{NAME}|he|she|they){_ASIDE}(?:'s|'re|\s+is|\s+are|\s+has|\s+have)?\s+"
             rf"(?:just\s+|finally\s+)?(?:flying|flew|flown|going|gone|went|heading|headed|off|emigrating|emigrated)\s+"
             rf"(?:out\s+|off\s+|over\s+|back\s+)?to\s+(?!(?:a|an|the|my|his|her|their|this|that)\b){PLACE}"
             r"(?=[^.!?;]*?\b(?:for\s+good|permanently|for\s+keeps)\b)", "set"),
    # the age said in an aside after the name too ("Finn, who's seven, ...", "my son Ali, he is 14, ...")
    # "Esme's six", "he's 9 and a menace", "she turned 7 on Saturday"; not "mum's 11 hens", "he's 2 years older",
    # "acting like she's 30", "as though he's 12"
    ("age", rf"(?<!\blike\s)(?<!\bas\sif\s)(?<!\bas\sthough\s)\b(?P<who>{NAME}|he|she)"
            r"(?:,\s+(?:who|he|she)|(?<=[a-z]),(?=\s+is\b))?"  # "My mum, Ifeoma, is 74"
            r"(?:'s|\s+is|"
            r"(?P<turned>\s+(?:just\s+)?turned)|(?P<turns>\s+turns)|\s+became|(?=\s+officially\s))"
            r"\s+(?:now\s+|turning\s+|officially\s+)?"  # "Jalen officially eleven"
            rf"(?P<v>\d{{1,2}}|{NUMBERS})\b{_NOT_A_MEASURE}{_AGE_CLOSES}"
            r"(?(turns)(?=\s+today\b))", "set"),  # "turns 75 next month": not yet
    # a relative by role alone ("my son is 4", chat's "daughter is 15", "our twins are 2"), and "they" of the twins
    # a message later ("they're 3 now"): the role is who the age is of, as "Brother: lives in Leeds" is
    ("age", rf"(?:\b(?:my|our)\s+(?:little\s+|baby\s+)?|^|\bthe\s+(?=(?:{'|'.join(PLURAL_ROLES)})\b)|\b(?=they\b))"
            rf"(?P<who>{ROLES}|they)(?:'s|'re|\s+is|\s+are|(?P<turned>\s+(?:just\s+)?turned)|\s+became)\s+(?:now\s+)?"
            rf"(?P<v>\d{{1,2}}|{NUMBERS})\b{_NOT_A_MEASURE}{_AGE_CLOSES}", "set"),
    # an age noted in brackets after the name, alone or last ("Ana (7)", "Rex (rescue greyhound, 6)")
    ("age", rf"\b(?P<who>{NAME})\s+\((?:[^()]*?,\s*)?(?P<v>\d{{1,2}})\)", "set"),
    # a birthday had or due today ("Esme had a great 7th", "it's Theo's 9th birthday today"): the age it brings
    ("age", rf"\b(?:(?:my|our)\s+)?(?P<who>{_KIN}|{NAME})\s+(?:just\s+)?(?:had|celebrated|enjoyed)\s+"
            rf"(?:a|an|her|his|their)\s+(?:[a-z]+\s+){{0,2}}?{_ORDINAL}"
            r"(?=\s+birthday\b|\s*(?:[,.;!]|$)|\s+(?:today|yesterday|at|on|last|this|and|with)\b)", "set"),
    ("age", rf"\b(?:(?:my|our)\s+)?(?P<who>{_KIN}|{NAME})['’]s\s+{_ORDINAL}(?:\s+birthday)?(?:\s+(?:is|was))?\s+"
            r"(?:today|yesterday)\b", "set"),
    # a relative's birthday said as the age ("our eldest is 17 today", "my son turned 8"); not before the day ("my
    # son turns 8 on Friday")
    ("age", rf"\b(?:my|our)\s+(?P<who>{_KIN})(?:(?:['’]s|\s+is|\s+turns)\s+(?=\S+\s+(?:today|yesterday)\b)|"
            rf"\s+(?:just\s+)?turned\s+)(?P<v>\d{{1,2}}|{NUMBERS})\b"
            r"(?!\s*(?::|am|pm|mins?|minutes|hours|km|k\b|miles|weeks|days|months|%|degrees))", "set"),
)
