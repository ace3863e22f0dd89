"""The phrasings that say where the user works and as what, written as data like cues.py's: a first day or an
offer taken, a title given ("they made me ward sister"), work left or lost ("handed in my notice", "made redundant
from Arup"), and being out of work or freelance. Each rule is (attribute, pattern, change), read with
cues.USER_RULES.
"""

from __future__ import annotations

from .cues import CAPITAL, JOB, OLD_NAME, ORGANISATIONS, PLACE

#: A notice handed in on a home, not a job ("handed my notice to the landlord", "... in on the flat").
_ON_A_HOME = (r"\s+(?:in\s+)?(?:to|on|for)\s+(?:the|my|our)\s+"
              r"(?:landlord|landlady|letting|agent|lease|tenancy|flat|house|apartment|place)\b")
#: Notice given the American way ("put in my two weeks at Prairieline", "gave my two weeks' notice").
_TWO_WEEKS = r"(?:put|handed|gave|turned)\s+(?:in\s+)?my\s+two\s+weeks(?:['’]?\s+notice)?"
#: Words before a job lost that say it was not ("almost fired", "never made redundant", "nearly let go").
_NOT_NEARLY = "".join(rf"(?<!\b{word} )" for word in ("almost", "nearly", "never", "not", "hardly", "narrowly"))
#: An offer refused is no employer ("turned down the offer from Halden", "declined their job at Arup").
_NOT_REFUSED = "".join(rf"(?<!\b{verb} {article})" for verb in ("turned down", "turn down", "turning down", "declined",
                                                                  "decline", "refused", "rejected", "said no to")
                       for article in ("", "the ", "their ", "an ", "a ", "that ", "this ", "his ", "her "))
#: A sentence's opening, with the word chat puts before what it says ("also first week at st lukes done").
_OPENS = r"^(?:(?:also|so|ok|okay|and|well|anyway|update),?\s+)?"
#: A firm's name, its words joined by "&" too ("Harcourt & Finch", "Bank of Ireland"); in chat without capitals, up
#: to the verb after it ("my onboarding at kestrel was a mess").
_FIRM = (rf"(?P<v>{CAPITAL}[\w'’.-]*(?:\s+(?!(?:was|is|are|were|has|had|have|went|felt|and|but|so|i|we|it)\b)"
         rf"(?:(?:&\s+)?{CAPITAL}[\w'’.-]*|(?:de|da|do|of|la|le)\b))*)")
#: A workplace by its name, not a place one starts going to ("first week at the gym", "a month in at uni").
_WORKPLACE = (r"(?!(?:the|an?|my|our|new|same|local|uni|university|school|college|gym|work|home|class|camp|church|"
              r"practice|training|pool|club|office|job|studio|hospital|clinic|library|hotel|shop|store|pub|cafe|"
              r"conference|course|site|place|kids|children|students|pupils|patients|family|team|baby|boys|girls)\b)"
              rf"{_FIRM}")  # not "first day with kids today"
#: Being out of work, at home with the children, or working for oneself ("I'm unemployed now", "I'm between jobs",
#: "a stay-at-home dad", "decided to go freelance", "been self-employed since 2018"):
#: the job it is, and the end of the employer.
_NO_EMPLOYER = (r"(?:\b(?:i'm|i am|im)\s+(?:now\s+|officially\s+|currently\s+)?|"
                r"\b(?:decided|chosen|chose)\s+to\s+go\s+|"
                r"\b(?:i've|i have|i)\s+(?:just\s+|now\s+)?(?:gone|went)\s+|(?:\b(?:i've|i have)\s+|^)been\s+)"
                r"(?:an?\s+)?(?P<v>unemployed|jobless|out of work|between jobs|self-employed|freelance|"
                r"(?:stay-at-home|stay at home|full-time|full time)\s+(?:mum|mom|dad|parent|mother|father))\b")
#: A new title said by who gave it ("they made me ward sister", "Rosie made me kitchen manager!!"), closing its
#: clause (not "it made me a better nurse", "made me cook dinner"); or by how it came ("since I took over as analytics
#: manager", "stepped up to team lead", "my promo to senior engineer came through").
_MADE = (r"\b(?:made|making)\s+me\s+(?:the\s+|an?\s+)?(?:new\s+)?(?!(?:an?|the|better|worse|stronger|wiser|happier|"
         rf"calmer|braver|kinder|more|less|much|so|such|feel|want)\b)(?P<v>{JOB})(?=\s*(?:[,.;:!?)]|$)|\s+(?:on|at|in|"
         r"for|of|since|from|last|this|today|yesterday|now|and|but|so|too|lol|officially|permanently|i|we)\b)")
_TOOK_OVER = (r"\b(?:(?:took|taken|taking|take)\s+over|step(?:ped|ping)?\s+up)\s+as\s+(?:the\s+|an?\s+)?(?:new\s+)?"
              rf"(?P<v>{JOB})\b")
_PROMOTION = (rf"\bpromo(?:tion)?\s+to\s+(?:the\s+|an?\s+)?(?P<v>{JOB})\s+(?:has\s+)?(?:came|come|went|gone|is|was)\s+"
              r"(?:through|thru|official|confirmed|approved)\b")

#: A new job said as its title and employer with the day it starts: the sentence whole ("Senior Veterinary Adviser,
#: Wellington City Council, starting Monday 2 November"), or after an offer taken ("accepted the offer: data analyst
#: at Monzo, starts 3 March"); not a reminder's "therapist at Mind Matters, starts at 4pm".
_TAKEN = r"\b(?:accepted|took|got|signed|said\s+yes)\b[^.!?:]*:\s*"
_NEW_JOB = rf"(?:^|{_TAKEN})(?:as\s+)?(?:an?\s+)?"
_STARTING = r"(?=,?\s+start(?:s|ing)\b(?!\s+at\b))"

#: The user's work: (attribute, pattern, change).
RULES: tuple[tuple[str, str, str], ...] = (
    # where the parse of chat fails ("first day at ouse bank done", "emailed: postdoc at LMU", "its called ouse
    # bank clinic" about a job)
    ("employer", rf"(?:{_OPENS}|\bmy\s+)(?:first (?:day|week|shift|month)|day one|new job)\s+"
                 rf"(?:as\s+(?:an?\s+)?{JOB}\s+)?(?:at|with)\s+(?:the\s+)?{_WORKPLACE}", "set"),
    # the welcome a new employer gives ("the induction at Harcourt & Finch was three days", "my onboarding at Kestrel"),
    # not a gym's or a university's
    ("employer", rf"(?:{_OPENS}(?:the\s+)?|\bmy\s+)(?:induction|onboarding)\s+(?:day\s+|week\s+)?at\s+"
                 rf"(?![^,.;!?]*?\b(?:university|college|uni|gym)\b){_WORKPLACE}", "set"),
    # the start said of the new employer ("Start at Chinook is Monday 5 April", "my start date at Kestrel is the 3rd";
    # not "my start at Parkrun is 9am")
    ("employer", rf"(?:{_OPENS}|\bmy\s+)start(?:ing)?(?:\s+date)?\s+at\s+(?:the\s+)?{_WORKPLACE}"
                 r"(?=\s+(?:is|was|'s)\b)(?!\s+\S+\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm)\b)", "set"),
    # the time since the start said instead ("three weeks in at Northgate", "a month in at the new place")
    ("employer", rf"{_OPENS}(?:\w+|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?|months?)\s+in\s+at\s+{_WORKPLACE}",
     "set"),
    # the job said with it ("first day as practice pharmacist at ...", "day one as a postdoc")
    ("job", rf"(?:^|\bmy\s+)(?:first day|day one)\s+as\s+(?:an?\s+|the\s+)?(?:new\s+)?(?P<v>{JOB})\b", "set"),
    # the preposition dropped ("first day Maplepay"): one name, written with its capital, closing the clause
    ("employer", r"(?:^|\bmy\s+)(?:first day|day one)\s+(?P<v>(?-i:[A-Z][a-z])[\w'’-]*)(?=\s*(?:[,.;:!]|$))", "set"),
    # a position taken ("got the job at Halden", "my new post at Kilnworth"); "the job at Tui Creek" alone may be the
    # one being left ("the cottage comes with the job at Tui Creek")
    ("employer", rf"\b{_NOT_REFUSED}(?:(?:got|landed|accepted|took|offered\s+me)\s+the\s+|(?<!\bthe\s)(?<!\bthat\s))"
                 rf"(?:offer|job|position|post|postdoc|contract)\s+(?:at|with)\s+(?:the\s+)?{PLACE}", "set"),
    ("employer", rf"\bit'?s called\s+(?P<v>[\w' ]*?\b(?:{ORGANISATIONS}))\b", "set"),
    ("job", rf"{_NEW_JOB}(?P<v>{JOB})(?:,|\s+at)\s+(?:the\s+)?{OLD_NAME}{_STARTING}", "set"),
    ("employer", rf"{_NEW_JOB}{JOB}(?:,|\s+at)\s+(?:the\s+)?{PLACE}{_STARTING}", "set"),
    # an offer taken: accepted, or said with the day the job starts ("got the offer from Halden, starting 3 March")
    ("employer", rf"\b(?:accepted|took|signed)\s+(?:the\s+|their\s+|an?\s+)?(?:job\s+)?offer\s+from\s+(?:the\s+)?"
                 rf"{PLACE}", "set"),
    ("employer", rf"\b{_NOT_REFUSED}offer\s+from\s+(?:the\s+)?{PLACE}"
                 r"(?=[^.!?]*\bstart(?:s|ing)?\b(?!\s+(?:salary|pay|wage|rate|package)\b))", "set"),
    # a new job with the same employer ("got promoted to team lead", "I've been made a shift manager")
    ("job", rf"(?:\bi(?:'ve|'m| have| am| was)?\s+|^)(?:just\s+|finally\s+|officially\s+)?"
            rf"(?:(?:got\s+|been\s+|get\s+)?(?:promoted|bumped up)|(?:got|been|was)\s+made)\s+"
            rf"(?:from\s+(?:an?\s+)?(?P<old>{JOB})\s+(?=to\b|as\b))?(?:to|as)?\s*"
            rf"(?:an?\s+|the\s+)?(?:new\s+)?(?P<v>{JOB})\b", "set"),
    ("job", _MADE, "set"),
    ("job", _TOOK_OVER, "set"),
    ("job", _PROMOTION, "set"),
    ("job", _NO_EMPLOYER, "set"),
    ("employer", _NO_EMPLOYER, "end"),
    # a job left, said in a short message ("handed in my notice", "last day at Arup"), or lost ("I've been made
    # redundant", "got sacked", "they let me go"; not "might be made redundant"): the employer closes
    ("employer", rf"\b(?:handed (?:in )?my notice(?!{_ON_A_HOME})|{_TWO_WEEKS}|quit my job|resigned|left my job|"
                 r"i'm leaving my job|"
                 r"(?:handed|gave|submitted|sent|turned)\s+(?:in\s+)?my\s+resignation|"
                 r"resignation(?:\s+letter)?\s+(?:i|we)\s+(?:gave|handed|submitted|sent)|"
                 r"(?:turned|handed|gave)\s+(?:in|back)\s+my\s+(?:[\w'’-]+\s+){0,2}?(?:badge|lanyard|key\s?card|"
                 r"staff\s+(?:id|card|pass))|"
                 r"(?:let|laid)\s+(?:me|us|(?:\w+\s+){0,2}of\s+us)\s+(?:go|off)|laid\s+off\s+(?:me|us|(?:\w+\s+){0,2}of\s+us)|"
                 rf"{_NOT_NEARLY}(?:got|was|been|were)\s+(?:\w+\s+)?{_NOT_NEARLY}(?:made redundant|fired|sacked|let go)"
                 r"(?!\s+up\b)|"
                 r"got the sack)\b|^made redundant\b", "end"),
    # the employer named with it ("my last day at Arup", "finished up at Arup on Friday", "made redundant from Arup");
    # "finished at Arup" alone is as likely a shift, so it needs "for good" or "after six years"
    ("employer", rf"\b(?:(?:my\s+)?last day at|finished\s+up\s+at|handed\s+(?:in\s+)?my\s+notice\s+(?:in\s+)?at|"
                 rf"{_TWO_WEEKS}\s+(?:at|to)|"
                 rf"{_NOT_NEARLY}(?:made redundant|fired|sacked|let go)"
                 rf"\s+from)\s+(?:the\s+)?(?P<old>{OLD_NAME})", "end"),
    ("employer", rf"\bfinished\s+at\s+(?:the\s+)?(?P<old>{OLD_NAME})(?=\s+(?:for good|after\s+(?:\w+\s+)?"
                 r"(?:years?|decades?)))", "end"),
    ("employer", rf"\b(?:i'm|i am|i)\s+no longer\s+(?:work(?:ing)?\s+)?(?:at|with|for)\s+"
                 rf"(?P<old>{OLD_NAME})", "end"),
)
