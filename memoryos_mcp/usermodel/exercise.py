"""The exercise the user does: the sports by name and the phrasings that make one the user's within a sentence
("I swim every morning", "took up running", "I've swapped running for swimming"), as data the learner reads with
the rules of cues.py; a sport spoken of on two days is in hobbies.py, one said across sentences in health_said.py.

Sports are a list no library keeps; which words around them make them the user's is English usage, listed here.
"""

from __future__ import annotations

import re

from .cues import CAPITAL

#: Sports and exercise, by name.
ACTIVITIES = ("aqua aerobics|aerobics|"
              "running|jogging|swimming|cycling|climbing|bouldering|yoga|pilates|the gym|gym|football|tennis|"
              "hiking|rowing|boxing|dancing|walking|skating|surfing|skiing|crossfit|badminton|squash|golf|"
              "netball|rugby|basketball|volleyball|karate|judo|spinning|triathlon|cricket|hockey|baseball|"
              "softball|pickleball|padel|table tennis|kickboxing|taekwondo|zumba|lawn bowls|bowls|parkrun|peloton|"
              "weights|weight training|weightlifting|strength training|tai chi|qigong|curling|roller derby|"
              "waka ama|outrigger canoeing|kayaking|canoeing|paddleboarding|sea swimming|open water swimming|"
              "wild swimming|archery|fencing|martial arts|jiu[- ]jitsu|muay thai|lacrosse|ultimate frisbee|"
              "disc golf|ice skating|cross-country skiing|nordic walking|aqua jogging|barre|spin|rock climbing|"
              "trail running|mountain biking")
#: The activities named by one word ("netball", "bouldering").
ONE_WORD_ACTIVITIES = frozenset(a for a in ACTIVITIES.split("|") if re.fullmatch(r"[a-z]+", a))

#: Sports said as a verb of habit ("I run every morning"), with the activity each is.
HABITS = {"run": "running", "swim": "swimming", "cycle": "cycling", "bike": "cycling", "jog": "jogging",
          "climb": "climbing", "boulder": "bouldering", "row": "rowing", "hike": "hiking", "box": "boxing",
          "surf": "surfing", "ski": "skiing", "skate": "skating", "dance": "dancing"}
#: How often or when a habit is done: what makes "I run" a habit, not a one-off.
OFTEN = (r"(?:every|each|twice|once|three|four|five|most|daily|weekly|regularly|religiously|"
          r"on\s+(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun|week)|in\s+the\s+(?:morning|evening)s?|"
          r"before\s+work|after\s+work|at\s+lunch|on\s+(?:my\s+)?lunch)")
#: Words of a habit not done now: a one-off ("I'm doing yoga tonight").
_NOT_NOW = r"(?!\s+(?:today|tonight|tomorrow|yesterday|later|next|this))"

#: The user's exercise: (attribute, pattern, change).
RULES: tuple[tuple[str, str, str], ...] = (
    ("exercise", rf"\b(?:now\s+)?(?P<v>{ACTIVITIES})\s+is\s+(?:definitely\s+|really\s+|totally\s+|officially\s+)?my\s+"
                 r"(?:new\s+|main\s+)?(?:thing|sport|jam|life|exercise)\b", "set"),
    ("exercise", rf"\b(?:switch(?:ed|ing)?|moved|chang(?:ed|ing))\s+(?:from\s+(?P<old>{ACTIVITIES})\s+)?to\s+"
                 rf"(?P<v>{ACTIVITIES})\b", "set"),
    # "took up running", "joined a hatha yoga class"
    ("exercise", rf"\b(?:took up|taken up|taking up|got into|i'm into|started|signed up for|joined)\s+"
                 rf"(?:instead\s+)?(?:an?\s+|the\s+)?(?:{CAPITAL}[\w'-]+\s+)?(?P<v>{ACTIVITIES})\b"
                 r"(?!\s+(?:in|off|up|out)\b)", "set"),  # not "my hair started curling in the humidity"
    ("exercise", rf"\b(?:i|we)(?:\s+(?:still|now|also|usually|try to)|(?:'ve|\s+have)?\s+been)?\s+"
                 rf"(?P<v>{ACTIVITIES}|{'|'.join(HABITS)})\s+{OFTEN}", "set"),  # "I swim every morning"
    ("exercise", rf"\b(?:i|we)\s+(?:still\s+|now\s+|also\s+|usually\s+)?(?:go|do|play)\s+(?P<v>{ACTIVITIES})\b"
                 + _NOT_NOW, "set"),  # "now I go swimming"
    # a habit said as going to do it ("I go to swim"), as being done ("I'm doing yoga at home now", "my physio has me
    # doing pilates"), or as all there is now ("it's just peloton at home now")
    ("exercise", rf"\b(?:i|we)\s+(?:still\s+|now\s+|also\s+|usually\s+)?go\s+(?:to\s+)?(?P<v>{'|'.join(HABITS)})\b"
                 + _NOT_NOW, "set"),
    ("exercise", rf"\b(?:i'm|i am|we're|we are|me)\s+(?:now\s+|also\s+|still\s+|mostly\s+)?doing\s+"
                 rf"(?P<v>{ACTIVITIES})\b" + _NOT_NOW, "set"),
    ("exercise", rf"\bit'?s\s+(?:just|all|only|mostly)\s+(?P<v>{ACTIVITIES})\b(?=[^.!?]*\bnow\b)", "set"),
    # an activity taken up in place of another, the subject dropped ("doing pilates now 3x a wk", "so it's swimming
    # at the leisure centre before work now", "doing spin instead")
    ("exercise", rf"(?:^|[,;]\s*|\bso\s+|\band\s+)(?:doing|it'?s)\s+(?P<v>{ACTIVITIES})\b"
                 r"(?=[^.!?]{0,40}\b(?:now|instead)\b)", "set"),
    # a first lesson taken ("went for my first adult swimming lesson", "had my first yoga class", "First Pilates
    # class at the hall tonight.")
    ("exercise", rf"(?:\bmy\s+|^)(?:very\s+)?first\s+(?:[\w-]+\s+)??(?P<v>{ACTIVITIES})\s+(?:lesson|class|session)\b"
                 r"(?![^.!?]*\b(?:for\s+(?:my\s+)?\w+|tomorrow|next|cancelled|canceled|was\s+in|years?\s+ago|hated)\b)",
     "set"),
    # one activity put in another's place ("I've swapped running for swimming", "Saturday mornings used to be football,
    # now they are swimming")
    ("exercise", rf"(?<!\babout\s)(?<!\bon\s)(?<!\bof\s)(?<!\bto\s)\b(?:swapped|swapping|traded|trading|replaced|"
                 rf"replacing)\s+(?:my\s+)?(?P<old>{ACTIVITIES})\s+(?:for|with)\s+(?P<v>{ACTIVITIES})\b"
                 r"(?![^.!?]*\b(?:next|soon|tomorrow|maybe)\b)", "set"),  # not "thinking about swapping ..."
    ("exercise", rf"(?:^|[.!?;]\s*)(?:(?:my|our)\s+)?(?:[a-z]+\s+){{0,2}}used to be\s+(?P<old>{ACTIVITIES})\b,?\s+"
                 rf"(?:and\s+|but\s+)?now\s+(?:they(?:'re|\s+are)|it(?:'s|\s+is))\s+(?P<v>{ACTIVITIES})\b", "set"),
    ("exercise", rf"\bused to (?:be all about |be |do |go |love )?(?P<old>{ACTIVITIES})\b", "end"),
    ("exercise", rf"\b(?:quit|gave up|given up|stopped|no longer (?:do|go))\s+(?:on\s+|going\s+(?:to\s+)?|doing\s+|"
                 rf"playing\s+)?(?P<old>{ACTIVITIES})\b", "end"),
    ("exercise", rf"\bno more\s+(?P<old>{ACTIVITIES})\b(?![^.!?]*\b(?:this|today|tonight|till|until|for now)\b)",
     "end"),  # not "no more gym this week"
)
