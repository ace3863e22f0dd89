"""The exercise the user does: the sports by name, the phrasings that make one the user's within a sentence ("I
swim every morning", "took up running", "I've swapped running for swimming"), read as rules with those of cues.py,
and the sport of a club the user joined, by its name ("joined Kings Heath Running Club"). A sport spoken of on two
days is in hobbies.py, one said across sentences in health_said.py, an answer to the assistant's question about
exercise in wellbeing.py.

Sports are a list no library keeps; which words around them make them the user's is English usage, listed here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import CAPITAL, NAME
from .values import USER, Update

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
    # a sport someone talked the user into, or the user into joining one, said as all the news ("Barbara has
    # talked me into pickleball.", "convinced me to try aqua aerobics"; not "tried to talk me into golf", "nobody has
    # ever talked me into running", "talked me into running for the council", "convinced me to try golf, I hated it")
    ("exercise", rf"(?<!\bto\s)(?<!\btrying\s)(?<!\bever\s)(?<!\bnever\s)(?<!n't\s)\b"
                 r"(?:talked|persuaded|convinced|roped|dragged)\s+(?:me|us)\s+"
                 rf"(?:into|to\s+(?:try|join|do|take\s+up|start))\s+(?:doing\s+|playing\s+)?(?:an?\s+|the\s+|some\s+)?"
                 rf"(?P<v>{ACTIVITIES})(?=\s*(?:[.!,;]|$))"
                 r"(?![^.!?]*\b(?:hated|hate|gave\s+up|give\s+up|never|once|didn't|did\s+not)\b)", "set"),
    # a sport done so often now, its subject dropped ("Running three mornings a week is all my knees can take",
    # "swimming twice a week now"; not "Running three times a week is what the NHS recommends")
    ("exercise", rf"^(?P<v>{ACTIVITIES})\s+(?:(?:once|twice|three|four|five|six|\d)\s+(?:times\s+|mornings\s+|"
                 r"evenings\s+|nights\s+|days\s+)?a\s+week|every\s+(?:day|morning|evening))\s+"
                 r"(?:now\b|these\s+days\b|is\s+(?:about\s+)?(?:all|enough|plenty)\s+(?:my|i)\b)", "set"),
    # a club of a sport joined, its name said after it ("joined a cycling club, if you can believe it, the Wreake
    # Valley Wheelers"), in capitals
    ("club", rf"\bjoined\s+(?:a|an|the)\s+(?:{ACTIVITIES})\s+club,\s+(?:[^,.!?]{{1,40}},\s+)?the\s+"
             rf"(?P<v>{NAME}(?:\s+{NAME}){{0,3}})", "add"),
    # a first outing had with a club of a sport ("I went on my first walk with the walking club", "did my first run
    # with the running club"): the sport, the club as where it is done; not one to come, missed, or long ago
    ("exercise", rf"\b(?:went\s+on|did|had|done|finished|survived|enjoyed|loved)\s+my\s+(?:very\s+)?first\s+"
                 rf"(?:walk|run|ride|swim|session|outing|paddle|row|hike|climb|game|match|race)\s+with\s+"
                 rf"(?P<d>the\s+(?P<v>{ACTIVITIES})\s+(?:club|group))\b(?![^.!?]*\b(?:years?\s+ago|never)\b)", "set"),
)

#: Words of a club's name that say the sport it is for, said before "club" or last ("Kings Heath Running Club", the
#: "Wreake Valley Wheelers"); not the sports whose clubs have members who watch ("Port Adelaide Football Club").
CLUB_SPORTS = {"running": "running", "runners": "running", "harriers": "running", "striders": "running",
               "joggers": "jogging", "cycling": "cycling", "wheelers": "cycling", "cyclists": "cycling",
               "swimming": "swimming", "swimmers": "swimming", "walking": "walking", "walkers": "walking",
               "rowing": "rowing", "bowling": "bowls", "bowls": "bowls", "tennis": "tennis", "golf": "golf",
               "badminton": "badminton", "squash": "squash", "netball": "netball", "climbing": "climbing",
               "triathlon": "triathlon", "curling": "curling", "pickleball": "pickleball"}
#: Words before a sport's word that make it another sport ("Table Tennis Club", "Nordic Walking Club").
_OTHER_SPORT = frozenset("table nordic wild tenpin ten-pin water beach power speed race".split())
#: Words after a club joined that say the user is not in it for its sport, or no longer ("joined years ago but
#: stopped going", "for the bar, to be honest").
_NOT_FOR_SPORT = re.compile(r"\b(?:ago|stopped|quit|left|didn't|did\s+not|don't\s+play|for\s+the\s+(?:bar|social))\b",
                            re.IGNORECASE)


def _sport_of(club: str) -> str | None:
    """The sport a club's name says ("Kings Heath Running Club": running), if any."""
    words = club.lower().split()
    at = len(words) - 2 if words[-1:] == ["club"] else len(words) - 1
    if at < 0 or at > 0 and words[at - 1] in _OTHER_SPORT:
        return None
    return CLUB_SPORTS.get(words[at])


def _joined(club: str, text: str) -> bool:
    """The user joined the club, said so in `text` ("I've joined Kings Heath Running Club", "Joined X for the season",
    "joined a cycling club, if you can believe it, the X"; not "my wife joined X", "I nearly joined X", "joined X
    years ago but stopped going")."""
    said = re.search(r"(?:^|[.!?;]\s*|\b(?:i|we|i've|we've|i\s+have|we\s+have|and)\s+)(?:just\s+|finally\s+|also\s+)?"
                     rf"(?:joined|signed\s+up\s+(?:for|with|to))\s+(?:[^.!?]{{0,60}}?\bthe\s+)?{re.escape(club)}(?P<rest>[^.!?]*)",
                     text, re.IGNORECASE)
    return said is not None and not _NOT_FOR_SPORT.search(said.group("rest"))


def done_where(sport: str, where: str) -> str:
    """The sport with where it is done, or with whom: a club of that sport ("boxing at Rocky's Gym", "pilates at the
    Riverside Club", "cycling with Wreake Valley Wheelers", "walking with the walking club")."""
    if not where:
        return sport
    return f"{sport} {'with' if any(w in CLUB_SPORTS for w in where.lower().split()) else 'at'} {where}"


def with_club_sports(updates: list[Update], text: str) -> list[Update]:
    """The updates, with the sport of a club `text` says the user joined, by its name ("joined Kings Heath Running
    Club": running, there): the club is where the sport read in the message is done, or else the sport is their
    exercise when none is known (a new club may be one sport beside another, not in its place). A club only belonged
    to takes up no sport: a member of a bowls club may be there for its bar."""
    clubs = {}
    for update in updates:
        if update.subject == USER and update.attribute == "club" and update.change == "add":
            sport = _sport_of(update.value)
            if sport and sport not in clubs and _joined(update.value, text):
                clubs[sport] = update.value
    placed = [replace(u, detail=clubs[u.value]) if u.subject == USER and u.attribute == "exercise" and u.value in clubs
              and u.change != "end" and not u.detail else u for u in updates]
    read = {u.value for u in placed if u.subject == USER and u.attribute == "exercise"}
    return placed + [Update(USER, "exercise", sport, detail=club, weak=True) for sport, club in clubs.items()
                     if sport not in read]
