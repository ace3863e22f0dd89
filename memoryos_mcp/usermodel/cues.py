"""What the libraries leave open, written as data: the phrasings that say what a value *is*.

spaCy finds sentences, names, places and dates; which attribute a phrase fills ("I live in X" is a
home, "X is my thing now" an activity, "my brother X" a person's role) is English usage, listed here.
Each rule is (attribute, pattern, change); the pattern's group `v` is the value, `d` its detail, `old` a value it
replaces, `who` the subject (a role or a name), `k` a favourite's category.
"""

from __future__ import annotations

import re

from ..language.facts.words import IRREGULAR_PAST, PRESENT
from ..language.text import LOWER, MONTH_NAMES, MONTHS, STOPWORDS, UPPER, WEEKDAYS
from .cars import CAR_RULES

_JOBS = ("nurse|engineer|developer|teacher|student|postdoc|doctor|designer|chef|cook|architect|solicitor|tech|"
         "adviser|advisor|"
         "lawyer|accountant|manager|researcher|scientist|programmer|consultant|analyst|writer|journalist|"
         "artist|musician|photographer|pharmacist|paramedic|midwife|electrician|plumber|carpenter|mechanic|"
         "driver|pilot|barista|waiter|waitress|baker|farmer|librarian|lecturer|professor|tutor|therapist|"
         "counsell?or|social worker|vet|dentist|surgeon|physio(?:therapist)?|officer|clerk|intern|"
         "administrator|editor|planner|coach|trainer|technician|specialist|director|founder|freelancer|"
         "contractor|builder|secretary|receptionist|cashier|translator|economist|psychologist|lead|firefighter|"
         "police officer|sergeant|soldier|carer|care worker|cleaner|hairdresser|butcher|fisherman|postman|"
         "optician|radiographer|sonographer|dietitian|nutritionist|paralegal|bookkeeper|surveyor|estate agent|"
         "recruiter|data scientist|product owner|scrum master|tester|welder|roofer|painter|gardener|nanny|"
         "childminder|teaching assistant|shop assistant|sales assistant|salesman|saleswoman|bartender|"
         "courier|mail carrier|letter carrier|postal worker|postwoman|chemist|biologist|physicist|vet nurse|"
         "healthcare assistant|caregiver|pastor|priest|"
         "minister|civil servant|banker|trader|broker|entrepreneur|principal|headmaster|headmistress|head teacher|"
         "constable|detective|counsel|attorney|litigator|barrister|associate|dev|foreman|forewoman|ward sister|matron|"
         "leader|headteacher|deputy head|deckhand|"
         "hygienist|producer|instructor|inspector|auditor|actuary|underwriter|porter|labourer|laborer|machinist|"
         "dispatcher|flight attendant|cabin crew|support worker|security guard|sparky|sparkie|brickie|"
         "[a-z]+ician|[a-z]+ologist|"
         "head of (?!(?:the|my|our|his|her|their|a)\\b)[a-z]+")
#: A job: its name, after at most three words that are no joining word, pronoun or verb of working ("he works as
#: electrician" is an electrician).
JOB = (r"(?:(?!(?:with|the|at|in|on|for|of|to|and|my|his|her|our|their|your|he|she|they|i|we|works?|worked|as)\b)"
       rf"[\w-]+ ){{0,3}}(?:{_JOBS})s?")
ROLES = ("partner|wife|husband|girlfriend|boyfriend|fianc[ée]e?|novia|novio|mum|mom|mother|mama|mummy|mommy|dad|"
         "father|papa|daddy|parents|brother|"
         "sister|son|daughter|kids|children|twins|triplets|grandma|grandmother|grandad|grandpa|grandfather|aunt|uncle|"
         "cousin|niece|nephew|best friend|friend|boss|manager|supervisor|colleague|coworker|office mate|"
         "flatmate|roommate|housemate|classmate|blockmate|neighbou?r|tech lead|team lead|teammate|mentor|tutor|"
         "therapist|physio|doctor|gp|landlady|landlord|grandson|granddaughter|grandchild|grandchildren|grandkids?|"
         "grandparents|granny|nan|nanna|hubby|missus|mrs|wifey|bf|gf|other half|better half|spouse|mam|"
         "brother-in-law|sister-in-law|mother-in-law|father-in-law|son-in-law|daughter-in-law|in-laws|step\\w+")
#: Roles that come with the user's workplace, and with their home: a new one ends those held before it (not a
#: teammate, of a sport). A flatmate who moves with the user is said again at the new place ("Liam's got the bigger
#: room"); left behind, they were the card's stale flatmates in 3 of 3 chats that moved.
WORK_ROLES = frozenset({"boss", "manager", "supervisor", "colleague", "coworker", "office mate", "tech lead",
                        "team lead", "line manager", "supervising partner"})
HOME_ROLES = frozenset({"landlady", "landlord", "neighbour", "neighbor", "flatmate", "roommate", "housemate", "roomie"})
#: Roles of a partner: the user has one at a time.
PARTNER_ROLES = frozenset("partner wife husband girlfriend boyfriend fiancé fiancée novia novio spouse".split())
#: Roles one person holds at a time: "my boss is actually Margaret" says Maggie is not.
ONE_HOLDER_ROLES = PARTNER_ROLES | frozenset("boss manager supervisor mum dad landlord landlady gp".split())
MALE_ROLES = frozenset("husband boyfriend fiancé dad father brother son grandad grandpa grandfather uncle nephew "
                       "brother-in-law father-in-law son-in-law grandson landlord".split())
FEMALE_ROLES = frozenset("wife girlfriend fiancée mum mom mother sister daughter grandma grandmother aunt niece "
                         "sister-in-law mother-in-law daughter-in-law granddaughter landlady".split())
#: Roles of several people at once, who "they" is in a later message ("the twins are 2 ... they're 3 now").
PLURAL_ROLES = frozenset("twins triplets".split())
#: Kin words said before a name as a title ("Uncle Bob", "Grandma Rose", and in Filipino English "ate Joy",
#: "kuya Jun-Jun", "tita Lorna", "lola Ising"), with the role each gives. The title stays in the name: it is
#: how the user calls them.
KIN_TITLES = {"uncle": "uncle", "aunt": "aunt", "auntie": "aunt", "aunty": "aunt", "grandma": "grandmother",
              "granny": "grandmother", "nanna": "grandmother", "grandpa": "grandfather", "grandad": "grandfather",
              "ate": "sister", "kuya": "brother", "tita": "aunt", "tito": "uncle", "lola": "grandmother",
              "lolo": "grandfather", "tía": "aunt", "tío": "uncle", "abuela": "grandmother", "abuelo": "grandfather",
              "mama": "mum", "madre": "mum", "mamá": "mum", "papá": "dad"}
PETS = ("cat|dog|kitten|puppy|rabbit|hamster|parrot|tortoise|guinea pig|horse|budgie|bunny|terrier|spaniel|staffy|"
        "staffie|"
        "labrador|retriever|collie|greyhound|whippet|lurcher|poodle|beagle|dachshund|pug|husky|sheepdog|"
        "schnauzer|boxer|cockapoo|labradoodle|corgi|chihuahua|tabby|moggy|goldfish|gecko|snake|lizard|ferret|"
        "gerbil|rat|mouse|cockatiel|pony|mutt|bearded dragon|dragon|iguana|turtle|axolotl|hedgehog|chinchilla|canary|"
        "ragdoll|maine coon|sphynx|jack russell|blue heeler|heeler|cattle dog|kelpie|shih tzu|bichon|cavalier|yorkie|"
        "great dane|dalmatian|rottweiler|german shepherd|alsatian|doberman|vizsla|weimaraner|springer|bulldog|"
        "french bulldog|frenchie|pit bull|pitbull|shiba|samoyed|malamute|bernese|pomeranian|westie|cockerpoo|cavapoo|"
        "goldendoodle|elkhound|basset|bloodhound|british shorthair|cockatoo|macaw|budgerigar|betta|koi")
#: The pet words, one by one.
PET_WORDS = frozenset(PETS.split("|"))
#: The pet words that name a kind of cat, and those that name a kind of dog ("Sarge, our blue heeler" is the dog).
CAT_KINDS = frozenset("cat|kitten|tabby|moggy|ragdoll|maine coon|sphynx|british shorthair".split("|"))
DOG_KINDS = PET_WORDS - CAT_KINDS - frozenset(
    "rabbit|hamster|parrot|tortoise|guinea pig|horse|budgie|bunny|goldfish|gecko|snake|lizard|ferret|gerbil|rat|mouse|"
    "cockatiel|pony|bearded dragon|dragon|iguana|turtle|axolotl|hedgehog|chinchilla|canary|cockatoo|macaw|budgerigar|"
    "betta|koi".split("|"))
#: Words after a breed that make a pet of it crossed ("Jack Russell cross", "collie mix").
CROSSBREEDS = ("cross", "mix")
#: Instruments the user plays ("I play the talking drum in the praise band").
INSTRUMENTS = ("piano|guitar|violin|viola|cello|double bass|bass|drums?|flute|saxophone|sax|trumpet|clarinet|oboe|"
               "bassoon|trombone|tuba|horn|ukulele|harp|organ|keyboard|banjo|mandolin|harmonica|accordion|bagpipes|"
               "fiddle|recorder")
#: Posts in a club or a society, held for a time ("treasurer", "selector").
POSTS = ("treasurer|secretary|chair|chairman|chairwoman|chairperson|president|vice-president|captain|vice-captain|"
         "selector|coach|convenor|organiser|organizer|warden|trustee|governor|umpire")
#: Words a rule reads that say their value in other words: a divorce made final (a sport said as a verb of habit is
#: exercise.HABITS).
AS_VALUE = {"divorce": "divorced", "out of work": "unemployed", "jobless": "unemployed"}
ORGANISATIONS = ("clinic|hospital|practice|bank|labs?|school|university|college|company|group|ltd|inc|studio|"
                 "agency|council|trust|surgery|centre|center|institute|foundation|partners|consulting")
NUMBERS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
           "sixteen|seventeen|eighteen|nineteen|twenty")
#: Nouns for a home ("our new flat in Villeray", "moved into a care home in Leeds").
DWELLINGS = "flat|house|home|apartment|place|bungalow|cottage|condo|studio|unit|dorm|bedspace"
#: An adult's age in words ("twenty-nine", "seventy one") or figures, as the user writes it.
ADULT_AGE = (r"(?:1[3-9]|[2-9]\d|(?:thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
             r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
             r"eight|nine))?)")
#: Where a value's phrase ends: a mark, or a word that opens another clause (read by the rules here and in
#: wellbeing.py).
END = r"(?=\s*(?:[,.;:!?()]|$|\s(?:and|but|so|which|because|since|who|where|with|for|from|now|too)\b))"
#: Names and places are capitalised (case-sensitive inside the case-insensitive rules); in a message written all
#: in lower case, `caseless` drops the requirement.
CAPITAL = f"(?-i:[{UPPER}])"
#: A name of capitalised words ("Grace Assembly", "St Anne's").
_NAMED = rf"(?<![\w'’-]){CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{0,4}}"
#: A title said as a favourite with no kind: a number and a name ("99% Invisible") or a name of two words or more
#: ("The Rest Is History"); not one word ("Reading", "Paris", a pet's or a person's name), a filler before a name
#: ("Ok Mia") nor a person by their title ("Ms Patel").
_TITLE = (rf"(?!(?:ok|okay|lol|tbh|so|and|but|well|oh|yeah|yes|honestly|mr|mrs|ms|miss|dr)\b)"
          rf"(?:\d+%?\s+{CAPITAL}[\w'’-]+|{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{1,4}})")
#: Where a faith meets, said of the user's own ("our church").
_CONGREGATION = "(?:church|parish|chapel|mosque|temple|gurdwara|synagogue|congregation)"
#: A club by its name ("the Brookside bowls club"): a capital, then at most three words before "club".
_CLUB = rf"(?P<v>{CAPITAL}[\w'’]+(?:\s+[\w'’]+){{0,2}}?\s+club)"
#: A place by its name ("Leeds", "Newcastle upon Tyne"), not the day after it ("Lagos on Friday").
PLACE = rf"(?P<v>{CAPITAL}[\w'’.-]*(?:\s+(?:{CAPITAL}[\w'’.-]*|(?:de|da|do|of|upon|on(?!\s+\w+day\b)|la|le)\b))*)"
#: A person's (or pet's) name, capitalised.
NAME = rf"(?-i:[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)"
#: A name a change ends ("last day at Ouse Bank.", "no longer at St. James's"): its words, not the full stop after.
OLD_NAME = rf"{CAPITAL}[\w'’-]*(?:\.(?=\w)[\w'’-]*)*(?:\s+{CAPITAL}[\w'’-]*(?:\.(?=\w)[\w'’-]*)*)*"


#: A field of study: one or two words, not a joining one ("computer science", "biology").
_FIELD = r"[a-z]+(?:\s+(?!(?:and|but|so|with|at|in|for|now|because|first|this|next|as)\b)[a-z]+)?"

#: What a course is in ("a Level 1 course in British Sign Language", "a short course in medical billing online"), not
#: when or where it is held ("a course in March", "in town").
_COURSE_IN = (rf"(?:\s+in\s+(?!(?:the|an?|my|our|this|next|person|town|{'|'.join(MONTHS)})\b)[\w'’-]+"
              r"(?:\s+(?!(?:on|at|with|for|every|this|next|and|but|so|which|because|online|in|to|from|starting|since|"
              r"now|it|is|i)\b)[\w'’-]+){0,3})?")

#: Words that say how much a fan is one ("lifelong Arsenal fan").
_FAN = "huge|big|massive|lifelong|life-long|die-?hard|proud|loyal|true"


#: A place's name of at most four words ("Newcastle upon Tyne"), for a rule that opens with it.
_SHORT_PLACE = rf"(?P<v>{CAPITAL}[\w'’.-]*(?:\s+(?:{CAPITAL}[\w'’.-]*|(?:upon|de|da|do|of|la|le)\b)){{0,3}})"
#: The user speaking of themselves now ("I'm", "I can't", "I still"): an age said before it is theirs today.
_SPEAKING_NOW = (r"i(?:'m|\s+am|\s+can(?:'t|not|\s+not)?|\s+(?:don't|do\s+not|dont)|\s+still|\s+feel|\s+have|'ve|"
                 r"\s+need|\s+should(?:n't|\s+not|nt)?|\s+think|\s+want|\s+get|\s+find)\b")

#: The user's own attributes: (attribute, pattern, change).
USER_RULES: tuple[tuple[str, str, str], ...] = (
    # a place home for years up to now ("Melbourne's been home for 15 years", "Leith has been home since 2019")
    # (at most four words: a rule that starts with its value is tried at every word of a long message)
    ("home", rf"(?<!\bin\s)\b{_SHORT_PLACE}(?:'s|’s|\s+has)\s+been\s+(?:my\s+|our\s+)?home\s+(?:for|since)\b", "set"),
    ("surname", rf"\b(?:i'm|i am)\s+(?:dr\.?|doctor)\s+(?P<v>{NAME})", "set"),
    ("age", r"\b(?:i'm|i am|i've just turned|i just turned|i turned)\s+(?P<v>[1-9]\d)\s*"
            r"(?:years?\s+(?:old|of\s+age)|yo|y/o)\b", "set"),  # "I am 44 years of age": the formal register
    ("age", r"\bi have\s+(?P<v>[1-9]\d)\s+years?(?:\s+old)?(?=\s*(?:[,.;!]|$|and\b|but\b))", "set"),  # not "of work"
    # a birthday: "I turned 40 yesterday", "turned 40 last week lol" (the subject dropped), "having turned seventy-one
    # in March", "my 40th is today"
    ("age", r"(?:\bi(?:'ve)?\s+|^|^having\s+)(?:just\s+|finally\s+|officially\s+)?turned\s+(?P<v>"
            rf"{ADULT_AGE})\b"
            r"(?![^.!?]*\b(?:years|decades)\s+ago\b)"  # "I turned 30, which was ten years ago": no age now
            rf"(?:\s+(?:today|yesterday|this|last|in\s+{CAPITAL}[a-z]+)|(?=\s*(?:[,.;!]|$)))", "set"),
    # an age the user speaks from now ("at 27 I shouldn't be this tired", "At 67 I'm not as quick", "as a 29 year old
    # I feel ..."), not one looked back on ("at 18 I moved out")
    ("age", rf"\bat\s+(?P<v>{ADULT_AGE}),?\s+{_SPEAKING_NOW}", "set"),
    ("age", rf"\bas\s+an?\s+(?P<v>{ADULT_AGE})[\s-]+years?[\s-]+old(?:\s+[a-z]+)?,?\s+{_SPEAKING_NOW}", "set"),
    # an age something new is begun at, or that a thing sounds wrong at ("is it crazy to start rowing at 26", "hard to
    # learn at thirty eight", "make friends in a new city at 38?", "here I am at 64 nervous", "sounds ridiculous at
    # sixty-one, and ..."), closing its clause: not a time, a price or a measure ("start at 14:00", "at 25 quid")
    ("age", rf"(?:\bto\s+(?:start|learn|begin|take\s+up)|\bmake\s+friends|\bsounds?\s+(?:ridiculous|silly|crazy))\b"
            rf"[^.!?]{{0,60}}?\bat\s+(?P<v>{ADULT_AGE})(?=\s*(?:[?,.!;]|$|and\b|with\b|but\b|so\b|when\b))", "set"),
    ("age", rf"\bhere\s+i\s+am\s+at\s+(?P<v>{ADULT_AGE})\b(?!\s*(?:[:.]\d|am\b|pm\b|%|quid|pounds|dollars|euros))",
     "set"),
    # the age on the birthday itself ("it's my birthday!! 36")
    ("age", rf"\bmy\s+birthday\b(?:\s+today)?[!.,\s]+(?P<v>1[3-9]|[2-9]\d)\b(?!\s*(?:[/.-]\d|(?:{MONTH_NAMES})\b|"
            r"days?|weeks?|more|sleeps|%|quid|pounds|dollars|euros|bucks|grand|k\b|mins?|minutes|hours))", "set"),
    ("age", r"\bmy\s+(?P<v>[1-9]\d)(?:st|nd|rd|th)(?:\s+birthday)?\s+(?:is\s+|was\s+)?(?:today|yesterday)\b", "set"),
    # a bare number the user says they are, closing its clause ("I am 44.", "I am 27 and still make this mistake",
    # "I'm 34 today"), not a measure ("I'm 5 minutes away", "I'm 34 weeks")
    ("age", r"\b(?:i'm|i am)\s+(?:only\s+|just\s+|still\s+)?(?P<v>1[3-9]|[2-9]\d)(?:\s+(?:today|now))?"
            r"(?=\s*(?:[,.;!]|$|and\b|but\b|wi(?:th)?\s+an?\b|for\s+(?:god|jaysus|jesus|heaven|pete|crying)))", "set"),
    # a birthday just gone by, said of a present ("the tablet was a present for my 71st birthday last week"); not one
    # long ago ("... when I was a kid") or to come
    ("age", r"\b(?:was|were)\s+(?:a|my)\s+(?:present|gift)\s+for\s+my\s+(?P<v>[1-9]\d)(?:st|nd|rd|th)\s+birthday\b"
            r"(?![^.!?]*\b(?:when\s+i\s+was|years\s+ago|next)\b)", "set"),
    # a birthday said as the age alone ("25 tomorrow. old", "30 today!!")
    ("age", r"^(?P<v>1[3-9]|[2-9]\d)\s+(?:today|tomorrow)(?=\s*(?:[.!,]|$))", "set"),
    # divorced or widowed, said of the user ("I'm divorced", "I got divorced"), or a divorce made final ("divorce final
    # today", "my divorce came through"); married or engaged is the partner's role ("my husband", "my fiancé")
    ("marital", r"\b(?:i'm|i am|i got|just got)\s+(?:now\s+|finally\s+|officially\s+)?(?P<v>divorced|widowed)\b",
     "set"),
    # single, said of the user ("I am single and happy", "I'm single again"; not "a single mum", "I'm single-minded",
    # "I'm single parenting this week")
    ("marital", r"\b(?:i'm|i am)\s+(?:now\s+|still\s+|happily\s+|officially\s+)?(?P<v>single)"
                r"(?=\s*(?:[,.;!]|$|and\s+(?:happy|loving|fine|not)\b|again\b|now\b|these\s+days\b|since\b))", "set"),
    ("marital", r"(?:^|\bmy\s+|\bthe\s+)(?P<v>divorce)\s+(?:is\s+|was\s+|went\s+|came\s+)?(?:now\s+|finally\s+|"
                r"officially\s+)?(?:final|finali[sz]ed|through)\b", "set"),
    # what the user insists on: "dark roast only, the light stuff tastes like tea", "I only drink oat milk"; "X only"
    # closes its clause ("dogs only get walked twice a day" says nothing of what the user prefers)
    ("prefers", r"(?:^|[.:;!]\s*)(?P<v>(?!(?:one|two|three|members|staff|adults|today|tonight|now|this|that|it)\b)"
                r"[a-z]+(?:\s+[a-z]+)?)\s+only(?=\s*(?:[,.;:!?)]|$)|\s+(?:please|pls|thanks)\b)", "add"),
    ("prefers", r"\bi only (?:drink|eat|use|buy|wear|read|fly|take)\s+(?P<v>[\w -]+?)" + END, "add"),
    # a staple of the house changed for a kind of it ("switched our rice at home to brown rice", "changed my milk
    # to oat milk")
    ("prefers", r"\b(?:switched|changed|swapped)\s+(?:our|my)\s+(?P<staple>[a-z]+)\s+(?:at home\s+)?(?:to|for)\s+"
                r"(?P<v>[a-z-]+\s+(?P=staple))\b", "add"),
    # "my favourite band is ...", "my all time comfort food is ..." (a favourite's own "and" is in it: "chicken and
    # dumplings")
    ("favourite", r"(?<!\bis )(?<!\bare )(?<!\bremains )(?:\bmy\s+(?:new\s+|all[- ]time\s+)?|\bnew\s+)"
                  r"(?:favou?rite\s+|(?:#1|number\s+one)\s+(?=(?:band|artist|singer|song|album|film|movie|show|book|author|"
                  r"team|podcast|food|restaurant|game|series|player)\b)|comfort\s+(?=(?:food|meal|show|book|film|movie|"
                  r"song|album|game|series)\b))(?!(?:now|too|again|still)\b)(?P<k>[a-z]+)"
                  r"(?:\s+(?:is|are)\s+|,\s+(?!(?:and|but|so|or|which|because|i|we|it|that|this|do|dont|don't|no|not|please|sorry|"
                  r"lol|haha|honestly|seriously|though|fav|fave|favou?rite|best|"
                  r"(?-i:since|for|from|ever|forever|always|by|of|too|even|nobody|"
                  r"hands))\b))"
                  r"(?P<v>[^,.;!?]+?)" + END.replace("and|", r"and(?=\s+(?:i|i'm|we|it|they|my|so)\b)|"), "set"),
    # a side or an artist followed ("Rabbitohs fan through and through", "I'm a lifelong Arsenal supporter", "I am
    # Flamengo until I die", "I've been a Jets fan since the WHA days")
    ("favourite", rf"(?:^|\b(?:i'm|i am|i've been|i have been)\s+(?:an?\s+)?)(?:(?:{_FAN})\s+)?"
                  rf"(?P<v>(?!(?:{_FAN}|an?|the|not|no|such)\b){_NAMED})"
                  r"(?:\s+(?:fan|supporter)(?=\s*(?:[,.;!-]|$)|\s+(?:through|for\s+(?:life|years|ever|decades)|since|all|forever|"
                  r"till|until|so|and|but|here)\b)"
                  r"|(?=\s+(?:till|until|til)\s+i\s+die\b))", "set"),
    # a side supported or followed for years or in talk of its games, or a season ticket held ("I've followed
    # Leicester City since I was a boy", "I support Arsenal, the derby is ...", "season ticket at Anfield"); not a
    # friend or a charity supported ("supported Anna through her divorce"), nor one followed online or on a map
    ("favourite", rf"\b(?:i|we)(?:\s+have|'ve)?\s+(?:always\s+)?(?:support(?:ed)?|followed)\s+(?P<v>{_NAMED})"
                  r"(?=\s+(?:since|all\s+my\s+life|for\s+(?:years|decades|life))\b|[^.!?]*\b(?:season|match|matches|"
                  r"game|games|league|cup|derby|footy|football|rugby|hockey|fixtures?|won|lost|beat)\b)", "set"),
    ("favourite", rf"\bseason[- ]ticket(?:\s+holder)?\s+(?:at|for)\s+(?P<v>{_NAMED})", "set"),
    # a show or a podcast the user cannot stop ("I listen to The Rest Is History religiously")
    ("favourite", rf"\bi\s+(?:listen\s+to|watch)\s+(?P<v>{_NAMED})\s+(?:religiously|every\s+(?:day|week|morning|night)|"
                  r"constantly|nonstop|non-stop|on\s+repeat|all\s+the\s+time)\b", "set"),
    ("favourite", rf"(?:^|[:;.]\s*|\b(?:because|since|as)\s+)(?P<v>{CAPITAL}(?:(?!\s(?:because|since|as)\s)[^,:;.])+?)"
                  r"\s+(?:is|are)\s+my\s+(?:all-time\s+)?favou?rite\s+"
                  r"(?!(?:now|too|again|still|and|or|but|so|because|though|ever)\b)(?P<k>[a-z]+)\b", "set"),
    # "everything by Chimamanda Ngozi Adichie, who remains my favourite author"
    ("favourite", rf"\b(?!(?:then|and|but|so|also|oh|well|plus)\s)"
                  rf"(?P<v>{CAPITAL}[\w'’-]*(?:\s+{CAPITAL}[\w'’-]*){{0,3}}),\s+who(?:'s|\s+is|\s+remains)\s+"
                  r"(?:still\s+)?my\s+(?:all-time\s+)?favou?rite\s+(?P<k>[a-z]+)\b", "set"),
    ("favourite", rf"(?:^|[:;]\s*)(?P<v>{CAPITAL}[^,:;]+?),?\s+which is my\s+(?:comfort|favou?rite)\s+"
                  r"(?P<k>book|film|movie|show|album|song|band|podcast|game)\b", "set"),
    # a title listened to or watched, and said so after it ("Listening to Gumboot Diaries on the tractor, my
    # favourite podcast"), or said so with no kind ("99% Invisible is my favourite and I've been through ...")
    ("favourite", rf"\b(?:listening\s+to|watching|reading)\s+(?P<v>{_NAMED})(?:\s+(?:on|in|at|with)\s+[^,.;!?]+)?,"
                  r"\s+my\s+(?:all[- ]time\s+)?favou?rite\s+(?P<k>book|film|movie|show|album|song|band|podcast|series|"
                  r"programme|program)\b", "set"),
    ("favourite", rf"(?:^|[.!?:]\s+)(?P<v>{_TITLE})\s+is\s+my\s+(?:new\s+)?favou?rite(?=\s*(?:[,.;!]|$|and\b))",
     "set"),
    ("favourite", rf"\bmy\s+new\s+favou?rite\s+is\s+(?P<v>{_TITLE})", "set"),
    # a post held or a role volunteered for ("I'm the treasurer", "they voted me on as a selector", "to volunteer
    # as a reading tutor"), and a club named as the user's ("our club the Brookside bowls club")
    ("volunteer", rf"\b(?:i'm|i am|i've been)\s+(?:still\s+)?(?:the\s+)?(?:club\s+)?(?P<v>{POSTS})\b(?!['’]s)", "set"),
    ("volunteer", rf"\b(?:voted|elected|appointed|made)\s+me\s+(?:on\s+)?(?:as\s+)?(?:an?\s+|the\s+)?(?:new\s+)?"
                  rf"(?P<v>{POSTS})\b", "set"),
    ("volunteer", rf"\bvolunteer(?:s|ing)?\s+as\s+(?:an?\s+|the\s+)?(?P<v>{JOB})\b", "set"),
    ("hobby", rf"\bi\s+(?:also\s+|still\s+)?play\s+the\s+(?P<v>(?:[a-z]+\s+)?(?:{INSTRUMENTS}))\b", "add"),
    ("club", rf"\b(?:our|my)\s+club,?\s+(?:the\s+)?{_CLUB}\b", "add"),
    ("club", rf"\b(?:member of|joined)\s+(?:the\s+)?{_CLUB}\b", "add"),
    # a congregation named as the user's ("Grace Assembly in Moss Side, that is our church", "our mosque is ...")
    ("club", rf"(?P<v>{_NAMED}(?:\s+in\s+{_NAMED})?),?\s+(?:that|which|it)\s+is\s+(?:our|my)\s+{_CONGREGATION}\b",
     "add"),
    ("club", rf"\b(?:our|my)\s+{_CONGREGATION}\s+is\s+(?P<v>{_NAMED}(?:\s+in\s+{_NAMED})?)", "add"),
    ("uses", r"\b(?:switched|migrated|changed)\s+(?:from\s+(?P<old>[\w.+-]+(?: [\w.+-]+)?)\s+)?to\s+"
             r"(?P<v>[\w.+-]+(?: \d+| format| actions)?)", "set"),
    # "Postgres it is"; not a day chosen ("27th it is", "Saturday it is")
    ("uses", rf"^(?!\d|(?:{'|'.join([*WEEKDAYS, *MONTHS])}|today|tonight|tomorrow)\b)"
             r"(?P<v>[\w.+-]+(?: \d+)?)\s+it is\b", "add"),
    ("uses", r"\b(?:we're|we are)\s+(?:now\s+)?on\s+(?P<v>[\w.+-]+(?: \d+)?)(?=\s*(?:now\b|$|[^\w\s]))", "add"),
    ("uses", r"^(?P<v>[\w.+-]+(?: actions)?)\s+does everything now\b", "add"),
    ("uses", r"^(?P<old>[\w.+-]+)\s+is (?:out|gone)\b", "end"),
    # not "retired after", nor a job ("I am Mr. Okonkwo, retired headmaster"), nor "retired" with no one who
    # retired it ("Retired racer, we adopted him")
    ("uses", r"\b(?:removed|dropped|ditched|(?:we|i|they|we've|i've|have|has|had|just|finally)\s+retired)\s+"
             r"(?!(?:after|at|from|in|on|early|last|this|and|but|so|"
             rf"now|today|yesterday|when|because|since|as|with)\b|(?:{_JOBS})s?\b)(?P<old>[\w.+-]+)", "end"),
    # what a student studies: "I'm a biology major", "majoring in nursing", "switching my major to computer science"
    ("studies", rf"\b(?:i'm|i am)\s+(?:an?\s+)?(?P<v>(?!(?:pre|double|undeclared)\b){_FIELD})\s+major\b", "set"),
    ("studies", rf"\bmajor(?:ing)?\s+in\s+(?P<v>{_FIELD})\b", "set"),
    # a switch is of the major when it says so before ("switching my major to") or right after ("to economics, the
    # major I want", "to computer science (pre-major first)"); not "switched to oat milk, it made a major difference"
    ("studies", rf"\b(?:switch(?:ed|ing)?|chang(?:ed|ing|e))\s+(?:(?P<said>my\s+major\s+))?(?:from\s+(?P<old>{_FIELD})"
                rf"\s+)?to\s+(?P<v>{_FIELD})\b(?(said)|(?=,?\s+\(?(?:(?:as|is|the|my|a|new)\s+)*(?:pre-?)?"
                r"major\b))", "set"),
    ("course", r"\b(?:doing|signed up for|taking|started|enrolled (?:in|on)|booked)\s+(?:an?\s+|the\s+)?(?:online\s+)?"
               rf"(?P<v>(?:[\w-]+\s+){{0,2}}(?:course{_COURSE_IN}|class|classes|lessons)(?>(?:\s+(?:at|with)\s+(?:the\s+)?"
               rf"{CAPITAL}[\w'-]*(?:\s+{CAPITAL}[\w'-]*)*)?))"
               r"(?!\s+for\s+(?:her|him|them|the\s+kids|my\s+\w+|(?-i:[A-Z])[a-z]+(?<!days))\b)",  # not "... for her"
     "set"),
) + CAR_RULES


#: A name with who they are noted in brackets after it ("Ana (7)", "Rex (rescue greyhound, 6)", "Ana (sister)"): a
#: person or a pet named, whether or not the tagger knows the name.
NOTED_NAME = re.compile(rf"\b({NAME})\s+\((?:my\s+|our\s+)?(?:(?:{ROLES}|(?:[a-z]+\s+)?(?:{PETS}))\b[^()]*|"
                        r"(?:[^()]*?,\s*)?\d{1,2})\)", re.IGNORECASE)

#: Kinds of things a favourite is: a noun of the message names the kind of one noted without it ("a podcast for
#: runs? did all of Radiolab (fav)").
FAVOURITE_KINDS = frozenset("podcast book novel author film movie show series album song band singer artist game "
                            "restaurant cafe café bar pub team food dish meal".split())
#: Favourites that are dishes, named in chat by a noun in lower case ("making misal pav").
FOOD_KINDS = frozenset("food dish meal".split())

#: Roles no child has: an age under 18 said of one is something else ("mum's 11 o'clock").
ADULT_ROLES = frozenset("mum mom mother dad father parents grandma grandmother grandad grandpa grandfather husband "
                        "wife partner boss manager".split())

#: The assistant's questions that say what the answer is about, when the answer does not ("What do you do?"
#: -> "nurse. staff nurse at st james's").
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("job", r"\bwhat do you do\b|\bwhat(?:'s| is) your job\b|\bwhat do you do for (?:a living|work)\b|"
            rf"\bwhat does (?P<who>he|she|your\s+(?:{ROLES})|{CAPITAL}[\w'’]+) do\b"
            r"(?!\s+(?:on|at|in|with|to|about|when|after|before|all|now|these|nowadays|every|each|most)\b)"
            r"(?!\s+for\s+(?!a\s+living\b|work\b|a\s+job\b))"),
    ("employer", r"\bwho do you work for\b|\bwhere do you work\b|\bwhat company do you work (?:for|at)\b|"
                 rf"\bwho(?:'s| is) your employer\b|\bwhere does (?P<who>he|she|your\s+(?:{ROLES})) work\b"),
    ("home", r"\bwhere do you live\b|\bwhere(?:'s| is) home\b|\bwhere(?:abouts)? are you (?:based|located)\b|"
             rf"\bwhere (?:do|does) (?P<who>he|she|your\s+(?:{ROLES})|{CAPITAL}[\w'’]+)(?: and \w+)? live\b"),
    ("name", r"\bwhat(?:'s| is) your name\b|\bwhat should i call you\b|\bhow (?:would|should) (?:you like )?"
             r"(?:me to )?(?:address|call) you\b"),
    ("age", rf"\bhow old are you\b|\bhow old(?:\s+is|['’]s)\s+(?P<who>he|she|your\s+(?:{ROLES})|{CAPITAL}[\w'’]+)"),
    ("favourite", r"\bwhat(?:'s| is| are) your (?:all[- ]time\s+)?favou?rite\s+(?P<k>[a-z]+)"),
    ("diet", r"\bdietary (?:restrictions|requirements|needs)\b|\banything you (?:don't|do not|can't|cannot) eat\b|"
             r"\bfoods? (?:you|to) avoid\b"),
    ("allergy", r"\ballergies\b|\ballergic to\b"),
    ("exercise", r"\bwhat (?:kind|sort|type) of (?:training|exercise|workouts?|sports?)\b|"
                 r"\bhow do you (?:stay|keep) (?:fit|active|in shape)\b|\bdo you (?:exercise|work out|train)\b|"
                 r"\bwhat do you do (?:for exercise|to (?:stay|keep) (?:fit|active))\b"),
)

#: A job sought, not held: "applying for a front desk job at the rec center", "interviewing for a post at Bosch".
SOUGHT = re.compile(r"\b(?:apply|applies|applying|applied|interview(?:s|ing|ed)?|looking|hoping)\s+for\b|"
                    r"\bapplication\s+for\b", re.IGNORECASE)
#: Words a greeting or a letter opens with ("Good evening.", "Dear Ms Hale,").
GREETINGS = r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|kia ora)\b"
#: A sentence opening with one of these asks something, with or without its question mark.
QUESTION_OPENERS = frozenset("what how why where when who which whats hows wheres whos can could should would do "
                             "does did is are any anything".split())
#: A month as chat writes it, whole or cut short ("May", "sept", "Dec").
MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
#: A day said as what a plan's day is now ("venue double booked so its now oct 4", "it's now the 14th"; not "it's now
#: 9am", "it's now 3 weeks since").
NOW_ON_A_DAY = re.compile(rf"\b(?:it's|its|it is|it’s)\s+now\s+(?:on\s+)?(?=(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b|"
                          rf"\d{{1,2}}\s+(?:of\s+)?{MONTH_WORD}\b|{MONTH_WORD}\.?\s+\d|"
                          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.IGNORECASE)
#: A date phrase names a day only with one of these (not "next month", "this week").
DAY_WORDS = re.compile(rf"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b|\d(?:st|nd|rd|th)\b|"
                       rf"\b{MONTH_WORD}\b", re.IGNORECASE)

#: A plan that will not happen: declined, cancelled or called off ("we said no", "the Porto trip is off"; "is off"
#: ends its clause: someone "off sick", "off to Paris" calls nothing off).
CALLED_OFF = re.compile(r"\b(?:cancel(?:l?ed|ling|s)?|called (?:it |the \w+ )?off|call(?:ing)? (?:it )?off|declined?|"
                        r"turn(?:ed|ing)? (?:it |them |him |her |the \w+ )?down|said no|won't be going|"
                        r"can't make it|couldn't make it|isn't happening|(?:is|are|it's) off(?!\s+\w)|postponed|"
                        r"fell through|pulled out)\b", re.IGNORECASE)
#: Words that say when, not what: a plan called off is found by what it is about.
WHEN_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(
    "they they're their today tonight tomorrow next week weekend month morning evening".split())

_DAY = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)(?:\s+(?:of\s+)?"
        rf"{MONTH_WORD})?|\d{{1,2}}\s+{MONTH_WORD}|{MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?)")
#: A day said instead of another: "it's Tuesday not Monday", "the 14th, not the 12th".
REDATED = re.compile(rf"\b(?P<new>{_DAY})\s*,?\s+not\s+(?:on\s+)?(?:the\s+)?(?P<old>{_DAY})\b", re.IGNORECASE)

#: A later value that corrects an earlier one: "actually ..., not Cork", "the 14th, not the 12th".
CORRECTION = re.compile(r"\b(?:actually|correction|i told you|(?<!\bdo\s)(?<!\bdoes\s)(?<!\bdid\s)(?<!\bwill\s)"
                        r"(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bshould\s)(?<!\bmust\s)(?<!\bmight\s)"
                        r"not\s+(?:the\s+)?(?P<old>[\w' ]{2,30}?)(?=[,.;!]|$))",  # not "I do not mind."
                        re.IGNORECASE)
#: Words that say a sentence corrects something said ("actually she's eight", "sorry, Tuesday").
CORRECTING_WORDS = ("actually|sorry|no|nope|nah|wait|oops|whoops|correction|i mean|i meant|my bad|my mistake|mistake|"
                    "typo|in fact|scratch that|rather")
#: The correcting words opening a sentence ("Correction!! the flight is ..."): no part of what is corrected.
CORRECTING_OPENER = re.compile(rf"^(?:(?:{CORRECTING_WORDS})\b[\s,:;!.-]*)+", re.IGNORECASE)
CORRECTED = re.compile(r",\s+not\s+(?:the\s+|an?\s+|my\s+)?(?P<old>[\w' ]{2,30}?)(?=[,.;!]|$)", re.IGNORECASE)
#: A stated change that closes the old value of the same attribute ("I switched to", "I quit", "no longer"); "new"
#: only of a day ("new date for the Vienna trip"): "they need a new vet" changes no plan.
CHANGE = re.compile(r"\b(?:switched|changed|moved|no longer|used to|quit|instead|now|new (?:dates?|days?|times?)|"
                    r"anymore|any more|started|from .+ to)\b", re.IGNORECASE)


Rules = tuple[tuple[str, re.Pattern[str], str], ...]


def compiled(rules: tuple[tuple[str, str, str], ...], caseless: bool = False) -> Rules:
    """The rules compiled; `caseless` for text written without capitals (names are then any word)."""
    return tuple((attribute, re.compile(pattern.replace(CAPITAL, r"[^\W\d_]") if caseless else pattern, re.IGNORECASE),
                  change) for attribute, pattern, change in rules)

#: Roles as words (a subject written as "mum" or "brother" rather than a name).
ROLE_SET = frozenset(re.sub(r"[\\?()]|\\w\+", "", ROLES).replace("fianc[ée]e", "fiancé|fiancée").split("|")) | {"child"}
#: The roles as one pattern, the longest first ("team lead" before "team").
ROLE_PATTERN = "|".join(sorted(map(re.escape, ROLE_SET), key=len, reverse=True))
#: Role words written as one role ("mom" -> "mum", "kids" -> "child").
ROLE_WORDS = {"mom": "mum", "mother": "mum", "mama": "mum", "mummy": "mum", "mommy": "mum", "father": "dad",
              "papa": "dad", "daddy": "dad", "children": "child", "kids": "child", "sons": "son",
              "daughters": "daughter", "novia": "girlfriend", "novio": "boyfriend", "hubby": "husband",
              "missus": "wife", "mrs": "wife", "wifey": "wife", "bf": "boyfriend", "gf": "girlfriend",
              "grandkids": "grandchild", "grandkid": "grandchild", "grandchildren": "grandchild",
              "granny": "grandmother", "nan": "grandmother", "nanna": "grandmother", "mam": "mum",
              "other half": "partner", "better half": "partner", "spouse": "partner"}


def role_word(word: str) -> str:
    """A role as one spelling names it ("Mom" -> "mum", "kids" -> "child")."""
    return ROLE_WORDS.get(word.lower(), word.lower())


#: Titles said before a surname ("Mr Bennet", "Dr Hendricks") or a first name ("Dona Lúcia", "Sir Reginald"): with
#: it, the name is how the user calls them.
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame dona doña senhora señora signora fru herr frau madame monsieur "
                        "mme pani mevrouw".split())
def called(name: str) -> str:
    """How a person named in full is called: the first name ("Renata Lis": Renata), or the title with the surname
    ("Fru Hansen", "Mr Bennet")."""
    words = name.split()
    return " ".join(words[:2]) if len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS else words[0]


#: Words a capitalised name is not, however it is written.
NOT_NAMES = frozenset("dr mr mrs ms prof i so not just also the a an here there back home off on ok okay sorry "
                      "fine good great sure done back".split()) | STOPWORDS | PRESENT | IRREGULAR_PAST | frozenset(
    "lives works says said wants has had is was gets got goes went thinks loves likes since from until who in at "
    "on for to with by as".split()) | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(NUMBERS.split("|")) | \
    frozenset("thirty forty fifty sixty seventy eighty ninety hundred".split())
#: Words after which a capitalised word is a place, not a person, whatever the tagger says ("she lives in Worcester
#: with her husband Walt": Walt is no husband of Worcester's).
BEFORE_PLACE = frozenset("in at near outside around".split())
#: Words that judge how someone does a thing, not what they do for a living ("I'm a mediocre painter", "a terrible
#: cook", "a keen gardener": no job); not how one is employed ("a casual at Coles", "an occasional supply teacher").
JUDGING = frozenset("terrible awful lousy mediocre bad good great decent rubbish hopeless useless poor keen avid "
                    "born brilliant excellent amazing fantastic shocking dreadful crap competent passable better "
                    "worse best worst nervous reluctant lazy messy picky fussy enthusiastic natural".split())
