"""The assistant's commitments: what it promised in a reply ("I'll remind you on 26 May to check in"), and
the reply that keeps one ("As promised, here's your checklist", "Reminder: ...").

Replies are read without the parser: a promise is a first-person future with a verb of doing, and its
date is found by a date pattern and resolved by dateparser against the reply's time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..language.facts.rules import ADVICE_PRONOUNS, convert
from ..language.nlp import moment, resolve_date, split
from ..language.text import MONTH_NAMES, MONTHS, STOPWORDS, WEEKDAY_NAME, WEEKDAYS, month_number
from . import cues
from .drafts import Span, drafted, inside
from .values import Update

ASSISTANT = "assistant"
_DOING = ("remind|send|put together|draft|write|have|make|find|book|check|look up|get|prepare|email|share|create|"
          "set up|text|message|ping|follow up|turn|dig out|pull together|compile|update|add|schedule|note|track|"
          "nudge|prompt|go through|go over|walk you through|talk you through|run through|explain|build|format|"
          "give you|look out|keep track|keep a (?:list|note|running)|sketch|map out|outline")
PROMISE = re.compile(rf"\bI(?:'ll|’ll| will)\s+(?:also\s+|definitely\s+|then\s+)?(?P<v>(?:{_DOING})\b.+)",
                     re.IGNORECASE)
#: A reply that keeps an earlier promise.
KEPT = re.compile(r"\b(?:as promised|here it is|here they are|here you go|as requested|reminder:|a reminder to|"
                  r"here's (?:the|your)|here (?:is|are) (?:the|your)|today(?:'s| is) the day|don't forget|"
                  r"you asked me to remind you)", re.IGNORECASE)
#: How much of a reply keeping a promise, before and after where it says so, tells which promise it keeps ("That's
#: 'rainout': ... And here's the reminder I promised: ... reorder your filters and mask cushions now").
_KEPT_BEFORE, _KEPT_AFTER = 150, 300
#: A reply handing over what was promised ("Here you go: 'Dear Graham, ...'", "Here is the draft:"): it keeps the
#: latest promise made that day or the day before (apply.py) even in words none shares.
DELIVERED = re.compile(r"\b(?:here you go|here it is|here they are|as promised|as requested|"
                       r"here(?:'s|’s| is) (?:the|your|a) (?:draft|letter|email|message|note|list|checklist|speech|"
                       r"toast|timetable|schedule|itinerary|breakdown|summary|template|script|card text))\b",
                       re.IGNORECASE)
#: A user's message asking for something new ("Could you help me with a letter to the council?"): what the reply
#: hands over is that, not something promised before.
_ASKS_ANEW = re.compile(r"\b(?:can|could|would) you (?:please )?help\b|\bhelp me (?:with|to|write|draft)\b",
                        re.IGNORECASE)
#: A reply that says in so many words it keeps a promise: it does so even when it makes another.
SAID_KEPT = re.compile(r"\b(?:as (?:promised|requested)|(?:as|like) I (?:promised|said I would))\b", re.IGNORECASE)
DATE_PHRASE = re.compile(
    rf"\b(?:{WEEKDAY_NAME}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{cues.MONTH_WORD}|{cues.MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b|"
    rf"\b(?:tomorrow|next\s+{WEEKDAY_NAME}|{WEEKDAY_NAME}|the\s+\d{{1,2}}(?:st|nd|rd|th))\b", re.IGNORECASE)
#: A part of a month a promise is due in ("at the start of June", "mid-May", "towards the end of next month"): its
#: first, fifteenth or last day.
_PART_OF_MONTH = re.compile(rf"\b(?:(?P<start>start|beginning|early)|(?P<mid>mid|middle)|(?P<end>end|late))"
                            rf"(?:\s+of\s+|-|\s+)(?P<month>(?:{MONTH_NAMES})|next\s+month)\b", re.IGNORECASE)
#: A promise due in a week or a few ("next week", "check back in a week", "in two weeks' time", "in a week or two"): due
#: by the end of that week, or that many weeks on.
_WEEKS = re.compile(r"\b(?:(?P<next>next week)|in (?P<n>a|one|two|three|a couple of|2|3) weeks?(?:['’]s?)?"
                    r"(?P<more> or two)?(?: time)?|a week from (?:now|today))\b", re.IGNORECASE)
_WEEK_COUNT = {"a": 1, "one": 1, "two": 2, "2": 2, "a couple of": 2, "three": 3, "3": 3}
#: Words of a promise that say nothing of what it is about, left out when matching the reply that keeps it.
GENERIC = frozenset("remind reminder send list plan draft write put together make find check the a an you your "
                    "user user's on by for to of and in it them this that before after day week".split())
#: Words that tell no promise from another: the generic ones, stopwords, and the days and months any may name.
_NOT_ABOUT = GENERIC | STOPWORDS | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(
    "today tomorrow tonight morning afternoon evening weekend".split())
#: Two letters that tell nothing of what a promise is about, where others do ("CV", "GP", "TV").
_SHORT_NOT_ABOUT = frozenset("ah oh eh uh um mm ha hi ok dr mr ms am pm st th nd rd mg kg ml km".split())
#: A promise whose clause ends in a question mark: an offer; not one asked after it as a tag ("I'll remind you on
#: Friday, okay?").
_TAG = r",\s*(?:[\w']+\s*){1,3}\?"
_OFFER = re.compile(rf"(?![^.!?]*{_TAG})[^.!?]*\?")
_TAGGED = re.compile(rf"{_TAG}$")
#: A promise done in the reply that makes it ("I'll go through each one below", "I'll build you a budget now: ..."):
#: said so before its first comma or colon.
_HERE = re.compile(r"[^,:;]*\b(?:below|now(?! and (?:then|again)))\b", re.IGNORECASE)
#: Longest a promise is written on the card, in characters.
_LONGEST = 140
_PRONOUNS = "it|them|that|this"
_PRONOUN = re.compile(rf"\b(?:{_PRONOUNS})\b", re.IGNORECASE)
#: A pronoun, or "one", that a short promise says what it is about by ("draft one").
_STANDS_FOR = re.compile(rf"\b(?:{_PRONOUNS}|one|ones)\b", re.IGNORECASE)
#: Words of a promise that say what will be done, not what about: a promise of only these and a pronoun says what it
#: is about by the pronoun ("explain what it means", "build the plan around that", "talk you through it").
_DOING_WORDS = frozenset("""explain talk walk build help look sort draft write send put give go run means mean
    around through over later soon""".split())
#: A promise to write something: kept in the reply when what it writes follows it ("I'll draft it tonight: '...'").
WRITES = re.compile(r"(?:draft|write|put together|prepare|compose)\b", re.IGNORECASE)
#: Where a promise gives its reason or purpose: what it is for, not what will be done; left out of a promise too
#: long for its line rather than cutting it mid-sentence.
_REASON = re.compile(r"(?:,\s*|\s+)(?:so|because|since)\s|,\s*as\s(?!soon|well|long)", re.IGNORECASE)


def reply_updates(reply: str, said_at: str, asked: str = "") -> list[Update]:
    """The promises made in one reply (dated when a date is named) and, if it keeps one, a closing update, told by
    its words and, for a hand-over, those of the user's message it answers (`asked`).

    A reply that keeps a promise while it makes another says so in words ("As promised, here's your list ...
    (I'll remind you of ...)").
    A promise inside words drafted for the user (a quoted line, a letter) is the user's, not the assistant's;
    one to write what it introduces ("I'll draft it tonight: 'Hi ...'") is kept right there, and any other ends
    where the draft begins ("I'll remind you on Friday to send this: '...'").
    """
    base = moment(said_at)
    drafts = drafted(reply)
    found: list[Update] = []
    sentences = _located(reply)
    for index, (start, sentence) in enumerate(sentences):
        match = PROMISE.search(sentence)
        if not match or inside(start + match.start(), drafts) or _OFFER.match(sentence, match.start()):
            continue  # "Want to try one and I'll check it?" offers, and promises nothing until the user says yes
        promise = _undrafted(match.group("v"), start + match.start("v"), drafts)
        clause = _TAGGED.sub("", _own(promise).rstrip(" .!:"))  # without the "okay?" asked after it
        if promise != match.group("v") and clause == promise.rstrip(" .!:") and WRITES.match(clause):
            continue  # "I'll draft it tonight: 'Hi Sir Jepoy, ...'": written here, not promised
        if _HERE.match(clause):  # done here, not promised
            continue
        context = ""
        if _PRONOUN.search(clause.split(" ", 2)[1] if " " in clause else "") and index > 0:
            context = f" ({sentences[index - 1][1].rstrip('.!')})"  # "I'll send it tonight": what "it" is
        due = _due(promise + context, base)  # the reason may name the day ("so you're ahead of 12 May")
        # what a promise said by a pronoun is about ("I'll talk you through it"), to know the reply that keeps it
        about_ = _before(sentences, index, match.start()) if _vague(clause) else ""
        found.append(Update(ASSISTANT, "commitment", _third_person(clause + context), "add", when=due, detail=about_))
    anew = _ASKS_ANEW.search(asked) is not None  # what is handed over is what was just asked for
    handed = None if anew else _said(DELIVERED, reply, drafts)
    kept = _said(SAID_KEPT, reply, drafts) or (None if found or anew else _said(KEPT, reply, drafts) or handed)
    if kept:  # first, so it keeps none made here; told by the words around where it says so, and of a hand-over
        # by what the user asked for ("wheres this cv" -> "Here it is. CALLUM MACINNES ...")
        found.insert(0, Update(ASSISTANT, "commitment", reply[max(0, kept.start() - _KEPT_BEFORE):
                                                              kept.end() + _KEPT_AFTER], "end",
                               detail=asked if handed else ""))
    return found


def _said(pattern: re.Pattern[str], reply: str, drafts: list[Span]) -> re.Match[str] | None:
    """Where the assistant itself says the words, not inside a draft it writes for the user ("'A gentle reminder: we
    still need your slides'")."""
    return next((m for m in pattern.finditer(reply) if not inside(m.start(), drafts)), None)


def _vague(clause: str) -> bool:
    """The promise says what it is about only by a pronoun ("explain what it means", "talk you through it", "draft
    one"; not "draft one for the school tonight")."""
    return bool(_STANDS_FOR.search(clause)) and about(clause) <= _DOING_WORDS


#: Fewest words of what is said before a vague promise to tell what it is about ("Great." does not).
_CONTEXT_WORDS = 3
_JOINED = re.compile(r"[\s,;:-]*(?:\b(?:and|then|so)\b)?[\s,;:-]*$", re.IGNORECASE)


def _before(sentences: list[tuple[int, str]], index: int, at: int) -> str:
    """What is said before a promise at offset `at` of sentence `index`: its own sentence up to it ("Send me what
    you eat on Sunday, and I'll build the plan around that"), else the sentence before; '' when too short to say."""
    own = _JOINED.sub("", sentences[index][1][:at])
    said = own if len(own.split()) >= _CONTEXT_WORDS else sentences[index - 1][1] if index > 0 else ""
    return said if len(said.split()) >= _CONTEXT_WORDS else ""


def _located(reply: str) -> list[tuple[int, str]]:
    """The reply's sentences, each with where it starts in the reply."""
    located, cursor = [], 0
    for sentence in split(reply):
        cursor = reply.find(sentence, cursor)
        located.append((cursor, sentence))
        cursor += len(sentence)
    return located


def _undrafted(promise: str, start: int, drafts: list[Span]) -> str:
    """The promise up to a draft it introduces with a colon: what the assistant will do, not the draft's words."""
    for begin, _ in sorted(drafts):
        cut = begin - start
        if 0 < cut < len(promise) and promise[:cut].rstrip().endswith(":"):
            return promise[:cut]
    return promise


def _own(clause: str) -> str:
    """The promise itself: up to the bracket it was said inside ("(I'll remind you of the important ones)") or the
    semicolon that ends its clause ("I'll remind you to book the taxi; it's the one thing you can't improvise")."""
    depth = 0
    for n, char in enumerate(clause):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0 or depth == 0 and char == ";":
            return clause[:n]
    return clause


def _third_person(clause: str) -> str:
    text = convert(clause, "assistant", ADVICE_PRONOUNS)
    text = text[:1].upper() + text[1:]
    text = _REASON.split(text, maxsplit=1)[0] if len(text) > _LONGEST else text
    return text if len(text) <= _LONGEST else text[:_LONGEST].rsplit(" ", 1)[0] + "..."


def _due(clause: str, base: datetime | None) -> str | None:
    if base is None:
        return None
    for match in DATE_PHRASE.finditer(clause):
        day = resolve_date(match.group(0), base, ahead=True)  # "I'll remind you on Friday": the coming one
        if day is not None and day >= base.date():
            return day.isoformat()
    part = _PART_OF_MONTH.search(clause.split(" to ", 1)[0])  # when it is due, not when what it is about was
    if part:
        return _part_of_month(part, base.date()).isoformat()
    weeks = _WEEKS.search(clause)  # "I'll remind you to chase it next week": the promise's week
    return _weeks_on(weeks, base.date()).isoformat() if weeks else None


def _weeks_on(weeks: re.Match[str], today: date) -> date:
    """The day a promise due "next week" (its Sunday) or in a number of weeks is due by."""
    if weeks.group("next"):
        return today + timedelta(days=13 - today.weekday())
    count = _WEEK_COUNT[weeks.group("n").lower()] if weeks.group("n") else 1
    return today + timedelta(weeks=2 if weeks.group("more") else count)


def _part_of_month(part: re.Match[str], today: date) -> date:
    """The day a part of a month names: of the coming month of that name (this one's, when it is this month)."""
    month = part.group("month").lower()
    if month.endswith("month"):
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    else:
        number = month_number(month)
        first = date(today.year + (number < today.month), number, 1)
    if part.group("start"):
        return max(first, today)
    if part.group("mid"):
        return max(first.replace(day=15), today)
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def about(text: str) -> set[str]:
    """The words that say what a commitment is about, to match it with the reply that keeps it."""
    words = {w.strip("'’").removesuffix("'s") for w in re.findall(r"[\w'’-]+", text.lower())}
    return {w for w in words if (len(w) > 2 or len(w) == 2 and w.isalpha() and w not in _SHORT_NOT_ABOUT)
            and w not in _NOT_ABOUT and not w.isdigit()}

