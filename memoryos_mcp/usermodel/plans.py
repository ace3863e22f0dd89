"""A user's plans: a sentence naming a day still to come ("the dentist on Friday at 8:40"), dated against the
moment it was said, the day moved when the user corrects it ("it's Tuesday not Monday"), and ended when called off.

A weekday said alone is the coming one unless the sentence tells of the past ("on Saturday we went to the zoo").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ..language.facts.rules import convert
from ..language.nlp import Sentence, Token, resolve_date
from ..language.text import ORDINAL_WORD, WEEKDAY_NAME
from ..language.text import sentences as sentences_of
from . import cues
from .plan_days import CORRECTING, DAY_ALONE, MONTH_THEN_DAYS, SPAN_OF_DAYS, dates_said, first_day
from .tree import subtree
from .values import USER, Update
from .voice import offsets

_YEAR = re.compile(r"\b\d{4}\b")
_A_DAY = re.compile(r"\d|day\b|tomorrow|" + ORDINAL_WORD.pattern, re.IGNORECASE)  # "july third": a day
_CLAUSES = re.compile(r"[,;:]|\s(?:because|since|as|so|but)\s", re.IGNORECASE)
#: Where a sentence with two days splits into a plan for each: not at a colon ("flights: out 28 May, back 1 June").
_DATE_CLAUSES = re.compile(r"[,;]|\s(?:because|since|so|but)\s", re.IGNORECASE)
#: A clause that goes on with the plan before it: its return ("coming back on 19 March", "flying home on the 19th",
#: "she leaves on the 19th"; not "she has her scan on the 19th").
_GOES_ON = re.compile(r"(?:(?:he|she|they|we|i)(?:'s|'re|'m|'ll|\s+(?:is|are|am|will))?\s+)?(?:back|return\w*|"
                      r"leav\w*|fl(?:y|ies|ying)\s+(?:back|home|out)|(?:coming|going|driving|heading)\s+(?:back|home)|"
                      r"home)\b", re.IGNORECASE)
#: A day that ends a stay begun on another ("until 2 October"): one plan with both.
_UNTIL = re.compile(r"\b(?:until|till|til|through|thru)\s+(?:the\s+)?$", re.IGNORECASE)
#: A time gone by, said of its own clause ("they retired there a few years ago").
_AGO = re.compile(r"\bago\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
_GREETING = re.compile(cues.GREETINGS, re.IGNORECASE)
#: The assistant asking when something is ("Congrats! When is it?", "What day is the interview?"), not when it was
#: ("When were you born?", "When did it start?").
_ASKS_WHEN = re.compile(r"\b(?:when|what (?:day|date))\b(?!\s+(?:was|were|did|had|have)\b)[^.!?]*\?", re.IGNORECASE)
#: How long a stay is ("four days", "2 nights"), said beside its days.
_HOW_LONG = re.compile(rf"\b(?:\d{{1,2}}|{cues.NUMBERS}|a|an)\s+(?:days?|nights?|weeks?)\b", re.IGNORECASE)
#: The most words of three letters or more a sentence of days alone has besides them ("by train").
_FEW_WORDS = 1
#: The most words an answer giving only a day has ("thurs the 9th at 2, in the afternoon").
_ANSWER_WORDS = 8
#: A day the tagger may not mark in a short answer: "the 9th", "thurs" (the weekday is the coming one).
_DAY_SAID = re.compile(r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|\b(?:mon|tues?|wed|thurs?|fri|sat|sun)(?:[a-z]*day)?\b",
                       re.IGNORECASE)
#: A clock time in an answer ("at 3", "2:30", "10am"), which dateparser would read as a day of the month.
_CLOCK = re.compile(r",?\s*\b(?:at\s+\d{1,2}(?::\d{2})?(?:\s*[ap]m)?|\d{1,2}:\d{2}(?:\s*[ap]m)?|\d{1,2}\s*[ap]m)\b",
                    re.IGNORECASE)
#: Verbs of arranging a thing: said in the past, the day they name is still ahead.
_ARRANGED = frozenset("booked rebooked scheduled rescheduled arranged reserved registered".split())
#: Verbs of a life told in the past that the parse tags as a participle when the writer leaves out the subject.
_TOLD_PAST = frozenset("turned finished moved went came left passed died retired married graduated arrived landed "
                       "returned lost won broke fell".split())
#: Verbs that arrange a thing only when said "for" its day ("Dohale jevan fixed for Sunday 25 April", "sorted for
#: Friday"; not "we finalised the divorce in January").
_SET_FOR = frozenset("fixed set planned confirmed organised organized sorted pencilled penciled".split())
#: Things that happen on a day, and verbs of telling of one: told in the past ("My sister called about her wedding
#: in June", "she invited us to her wedding in June"), its day is still ahead.
_EVENTS = frozenset("wedding party reunion anniversary trip holiday appointment concert graduation interview visit "
                    "festival ceremony christening surgery operation exam".split())
_TOLD = frozenset("called rang phoned texted emailed messaged invited told asked mentioned wrote".split())
#: A sentence asking the assistant to do something on a day ("remind me next friday", "yes pls, the Monday before");
#: not one asking it to take note ("please note my dentist is on the 14th").
_TO_ASSISTANT = re.compile(r"^\W*(?:(?:yes|yeah|yep|yup|ok|okay|sure)\W+)?(?:(?:please|pls|plz)\b"
                           r"(?!\W*(?:note|remember|keep|know|be aware|bear|don't|do not))|remind me|can you|could you|"
                           r"would you|"
                           r"will you)\b", re.IGNORECASE)
#: A date said after "since" or "back in" is when something began or happened, never a plan.
_SINCE = re.compile(r"\b(?:since|back in)\s+(?:the\s+)?$", re.IGNORECASE)
#: A weekday said of any week, not one: "on a Monday", "every Friday", "Saturday mornings", "on Sundays".
_ANY_SUCH_DAY = re.compile(r"\b(?:on\s+an?|every|each|any)\s+$", re.IGNORECASE)
_DAYS_OF_WEEKS = re.compile(rf"{WEEKDAY_NAME}(?:s\b|\s+(?:mornings|afternoons|evenings|nights)\b)", re.IGNORECASE)
#: A date a thing is dated ("the bill dated 5 January is wrong"): said without its year, the last one, not next
#: year's ("from" may say either: "the invoice from 3 January", "a tutor from September").
_ORIGIN = re.compile(r"\bdated\s+(?:the\s+)?$", re.IGNORECASE)
#: The tagger leaves out a day range before the month: "19-26 april".
_DAYS_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+$")
#: A plan moved to another day ("the MRI got pushed to March 17", "rescheduled for the 9th", "moved from 3 May to
#: 17 May", "they shifted my test, it is now on 19 June", "we go instead on 8 January"): the plan about the same
#: thing, on its old day, is no more. Not the user moving house ("we moved to Leeds on 3 May"). A day said as what
#: it is now moves it too.
_MOVED = re.compile(r"(?<!\bi )(?<!\bwe )(?<!\bi've )(?<!\bwe've )(?<!\bjust )\b(?:pushed|moved|rescheduled|postponed|"
                    r"bumped|brought forward|delayed|changed|shifted)\b[^.!?]{0,40}?\b(?:to|till|until|for|back|now)\b|"
                    r"\binstead\s+(?:on|for)\b|" + cues.NOW_ON_A_DAY.pattern, re.IGNORECASE)
#: Words owning a mistake, which make a day said in the past a correction of a plan.
_OWNED_MISTAKE = re.compile(r"^\W*(?:correction|my bad|my mistake)\b|\b(?:had it wrong|got it wrong|wrong date|i meant|"
                            r"my mistake)\b", re.IGNORECASE)


def plans(sentences: list[Sentence], index: int, base: datetime) -> list[Update]:
    """A sentence naming a date still to come is a plan: the sentence (and the one before, when it is
    short), dated."""
    sentence = sentences[index]
    moved = _MOVED.search(sentence.text)
    called = cues.CALLED_OFF.search(sentence.text)
    if called and not moved:  # one made before is off (said in its clause); a plan made instead may be said with it
        clause = next(c for c in _CLAUSES.split(sentence.text) if cues.CALLED_OFF.search(c))
        return [Update(USER, "plan", convert(clause, "user"), "end"), *_made_instead(sentence, called.start(), base)]
    found = [(said, update) for said in dates_said(sentence, moved)
             for update in [_dated(sentences, index, said, moved, base)] if update is not None]
    if not found:
        return redated(sentence.text, base)
    clauses = [_clause(sentence.text, said) for said, _ in found]
    if len(set(clauses)) < 2 or moved or any(u.old or u.change == "correct" for _, u in found) or \
            not all(_has_verb(sentence, clause) for clause in clauses) or \
            any(_UNTIL.search(sentence.text[:sentence.text.find(said)]) for said, _ in found) or \
            any(_GOES_ON.match(clause) for clause in clauses[1:]):
        return [found[0][1]]
    # "my card expires july 2nd, booked my physical for tuesday the 29th": a plan for each clause with its day and
    # its own verb ("flights: out thurs 28 May, back mon 1 June" is one plan, as are "arrive on the 25th, and stay
    # until 2 October" and "she arrives on 12 March, she leaves on the 19th")
    each = [_dated([Sentence(clause, sentence.entities)], 0, said, None, base)
            for (said, _), clause in zip(found, clauses, strict=True)]
    return [u for u in each if u is not None] if all(each) else [found[0][1]]


def _dated(sentences: list[Sentence], index: int, said: str, moved: re.Match[str] | None,
           base: datetime) -> Update | None:
    """The plan the sentence holds for one date it says, or None when that date is gone by or says nothing."""
    sentence = sentences[index]
    if _TO_ASSISTANT.match(sentence.text):  # "remind me next friday", "YES pls, like the Monday before": asked of
        return None  # the assistant (its promise holds the day), no plan of the user's
    at = _found_at(sentence.text, said)  # the tagger leaves out a day range before the month: "19-26 april"
    if _SINCE.search(sentence.text[:at]):  # "in processing since october", "back in June": a time gone by
        return None
    if _ANY_SUCH_DAY.search(sentence.text[:at]) or _DAYS_OF_WEEKS.match(sentence.text[at:]):  # "married on a monday",
        return None  # "Saturday mornings with books": any such day, no day of a plan
    lead = _DAYS_BEFORE.search(sentence.text[:at]) if at > 0 else None
    phrase = lead.group(0) + said if lead else said
    # "I have the dentist on Friday": the coming one; "on Sunday we went to the zoo", "the bill dated 5 January":
    # the last, unless the plan was moved to it ("got pushed to March 17")
    ahead = (moved is not None or not (_told_as_past(sentence, said) or _happened(sentence, at))) and \
        not _ORIGIN.search(sentence.text[:at])
    if not ahead and (DAY_ALONE.fullmatch(phrase) or _happened(sentence, at) and not _put_right(sentence.text)):
        return None  # "he finished 5th on the 18th", "she passed away in January": a day gone by
    first = first_day(phrase)
    day = resolve_date(first, base, ahead=ahead) if cues.DAY_WORDS.search(phrase) else None
    if day is None or day <= base.date():
        return None
    text = _noted(sentence.text, phrase)
    before = sentences[index - 1].text if index > 0 else ""
    undated = not cues.DAY_WORDS.search(before)
    short = len(before.split()) <= 8 and undated
    # "booked a girls weekend in Fredericksburg!!! January 14-16, wineries": days opening the sentence after a thing
    # arranged are of it
    opens = at == 0 and undated and bool(_ARRANGED & {w.lower() for w in _WORD.findall(before)})
    if before and (short or opens or _days_alone(sentence.text, phrase)) and not before.endswith("?") \
            and not _GREETING.match(before):  # "Good evening." is no topic of the plan after it, nor a sentence
        # with its own day ("last day at Boots on friday!! starting at Lloyds on the 3rd"); a sentence of days alone
        # is of the one before ("booked us a weekend in vienna for the markets!! 10 to 12 december, by train")
        text = f"{before.rstrip('.!:')}: {text}"
    if len([w for w in _WORD.findall(text.replace(phrase, "")) if len(w) > 2]) < 2:
        return None  # "yes. monday 12 april": a date with nothing said about it
    corrected = cues.CORRECTED.search(text)
    redone = moved is not None or CORRECTING.search(sentence.text) is not None
    # "in September", "July 2027": the month
    when = day.isoformat() if _A_DAY.search(_YEAR.sub("", phrase)) else day.isoformat()[:7]
    text = _as_corrected(text, phrase) if corrected else text
    now = cues.NOW_ON_A_DAY.search(text)  # "its now on 4 October": the day is what it says
    note = _plan_text(_without_date(text, phrase) if len(when) == 10 and not now else text)
    joined = MONTH_THEN_DAYS.match(phrase)
    span = f"{joined.group('a')} to {joined.group('b')} {joined.group('m')}" if joined and joined.group("b") else \
        phrase.split(",")[0].strip() if SPAN_OF_DAYS.search(phrase) else ""  # "10 to 12 december": kept, for
    # its last day
    return Update(USER, "plan", note, "correct" if corrected or redone else "add", when=when,
                  old=corrected.group("old") if corrected else None, detail=span)


def _days_alone(text: str, phrase: str) -> bool:
    """The sentence says little but its days and how long ("10 to 12 december, by train.", "Four days, 3 to 6
    January.")."""
    rest = _HOW_LONG.sub("", text.replace(phrase, ""))
    return len([w for w in _WORD.findall(rest) if len(w) > 2]) <= _FEW_WORDS


def _has_verb(sentence: Sentence, clause: str) -> bool:
    """Whether the parser saw a verb in this clause of the sentence (never, without the parser)."""
    start = sentence.text.find(clause)
    return start >= 0 and any(start <= at < start + len(clause) and token.pos == "VERB"
                              for token, at in zip(sentence.tokens, offsets(sentence.tokens), strict=True))


def _clause(text: str, said: str) -> str:
    """The clause of `text` holding the date `said` (the whole text when the date is not found in one)."""
    clause = next((c for c in _DATE_CLAUSES.split(text) if said in c), text)
    return re.sub(r"^\s*(?:and|or|then)\s+|\s+(?:and|or|then)\s*$", "", clause.strip(), flags=re.IGNORECASE)


def _made_instead(sentence: Sentence, at: int, base: datetime) -> list[Update]:
    """The plan said in a clause joined to the one calling a plan off ("so I cancelled and booked IELTS for 22
    August"): read as said alone ("booked IELTS for 22 August"); none when the day is the one called off ("I
    cancelled the dentist on the 9th")."""
    tokens, start = sentence.tokens, 0
    called = None
    for n, token in enumerate(tokens):
        if start <= at < start + len(token.text) + len(token.space):
            called = n
            break
        start += len(token.text) + len(token.space)
    for n, token in enumerate(tokens):
        if called is None or token.head != called or token.dep != "conj" or token.pos != "VERB" or n == called:
            continue
        words = [tokens[i] for i in subtree(tokens, n) if i >= n]
        text = "".join(t.text + t.space for t in words).strip()
        part = Sentence(text, tuple(e for e in sentence.entities if e.text in text), tokens=tuple(words))
        if part.entities and not cues.CALLED_OFF.search(text):
            return plans([part], 0, base)
    return []


def answered_when(answer: list[Sentence], question: str, topic: str, base: datetime) -> list[Update]:
    """A day given alone as the answer to the assistant's "When is it?" dates what the user said before the
    question ("got an interview at the credit union!!" ... "thurs the 9th at 2"): the plan is that message's first
    sentence that says something (not "hi!", nor a question)."""
    said = " ".join(s.text for s in answer)
    if not _ASKS_WHEN.search(question) or len(_WORD.findall(said)) > _ANSWER_WORDS or not topic.strip():
        return []
    # the answer whole first (the tagger marks only the month of "4th of november", which alone is its 2nd), its
    # clock time left out ("next tuesday at 3" is no 3rd); a day gone by is a misreading ("monday morning")
    phrases = [_CLOCK.sub("", said)] + [e.text for s in answer for e in s.entities if e.label == "DATE"] + \
        _DAY_SAID.findall(said)
    day = next((d for p in phrases for d in [resolve_date(p, base, ahead=True)] if d is not None and d > base.date()),
               None)
    if day is None:
        return []
    first = next((s for s in sentences_of(topic) if not s.rstrip().endswith("?") and not _GREETING.match(s)
                  and len([w for w in _WORD.findall(s) if len(w) > 2]) >= 2), "")
    return [Update(USER, "plan", _plan_text(first), "add", when=day.isoformat())] if first else []


def _noted(text: str, phrase: str) -> str:
    """An aside in brackets holds notes apart ("(running since school, training for a 25K in June)"): the plan is
    the one holding the date, when it says something besides the date; any other sentence is the plan whole."""
    aside = text.strip().rstrip(".!")
    if not (aside.startswith("(") and aside.endswith(")")) or "(" in aside[1:]:
        return text
    note = next((n.strip() for n in aside[1:-1].split(",") if phrase in n), "")
    return note if len([w for w in _WORD.findall(note.replace(phrase, "")) if len(w) > 2]) >= 2 else text


def _as_corrected(text: str, phrase: str) -> str:
    """A plan said as a correction ("Correction: the flight is 14 June, not 12 June") as the plan it names ("the
    flight"): the card shows the new day before it; the correcting word and the old value, now stale, go."""
    text = cues.CORRECTING_OPENER.sub("", cues.CORRECTED.sub("", text, count=1))
    plan = re.sub(rf"\s+(?:is|are|was|'s)\s+(?:now\s+)?(?:on\s+)?(?:the\s+)?{re.escape(phrase)}", "", text, count=1,
                  flags=re.IGNORECASE).strip(" ,")
    return plan or text


def _told_as_past(sentence: Sentence, said: str) -> bool:
    """A verb in the past tense ("On Saturday we went to the zoo"): its weekday is the last one; not a thing
    arranged, whose day is ahead ("booked the dentist for Friday", "booked IELTS for 22 August"), nor a verb of
    another clause dated "ago" ("driving up to Tulsa on the 23rd to see my mom and dad, they retired there a few
    years ago")."""
    text = sentence.text
    marks = list(_DATE_CLAUSES.finditer(text))
    spans = zip([0] + [m.end() for m in marks], [m.start() for m in marks] + [len(text)], strict=True)
    gone = [(lo, hi) for lo, hi in spans if _AGO.search(text[lo:hi]) and said not in text[lo:hi]]
    return any(token.tag == "VBD" and not _arranged(sentence.tokens, n) and not any(lo <= at < hi for lo, hi in gone)
               for n, (token, at) in enumerate(zip(sentence.tokens, offsets(sentence.tokens), strict=True)))


def _arranged(tokens: tuple[Token, ...], n: int) -> bool:
    """The verb at `n` arranges a thing for a day ("booked the dentist", "fixed for Sunday 25 April")."""
    return tokens[n].lower in _ARRANGED or tokens[n].lower in _SET_FOR and n + 1 < len(tokens) and \
        tokens[n + 1].lower == "for"


def _put_right(text: str) -> bool:
    """The sentence corrects a day said before ("We married on 21 June, not the twelfth", "I had it wrong earlier,
    we married on 21 June"); not any sentence opening with "sorry" or "wait" ("Sorry for the slow reply, my dad
    passed away in January")."""
    return bool(cues.CORRECTED.search(text) or _OWNED_MISTAKE.search(text))


def _happened(sentence: Sentence, at: int) -> bool:
    """The verb the date at offset `at` belongs to is told in the past ("Hannelore passed away in January"), not
    arranged ("booked it for January") nor had ("Theo's got a tournament in May"), so the date is gone by whichever
    year is nearer; not a date of a thing named on the way ("My sister called about her wedding in June")."""
    tokens = sentence.tokens
    if any(t.head >= len(tokens) for t in tokens):  # a clause cut from its sentence (`_made_instead`): no parse of it
        return False
    n = next((i for i, start in enumerate(offsets(tokens)) if start >= at), None)
    for _ in range(4):
        if n is None or tokens[n].pos in ("VERB", "AUX") or tokens[n].head == n:
            break
        n = tokens[n].head
    if n is None or not _past_tense(tokens, n) or _arranged(tokens, n) or tokens[n].lower == "got":
        return False
    # the wedding's June, whatever the parse hangs it on
    return not (tokens[n].lower in _TOLD and any(t.lower in _EVENTS for t in tokens))


def _found_at(text: str, said: str) -> int:
    """Where the date is said: its first whole word, not a part of a longer one ("this Saturday" after "on
    Saturdays"); where the text first has it else."""
    whole = re.search(rf"(?<!\w){re.escape(said)}(?!\w)", text)
    return whole.start() if whole else text.find(said)


#: Modals that with "have" tell a past that did not happen or is only supposed ("could have", "should have").
_SUPPOSING = frozenset("could would should might may must".split())


def _past_tense(tokens: tuple[Token, ...], n: int) -> bool:
    """The verb is in the past tense: tagged so, or a participle of a verb told of one's life heading its sentence
    with no auxiliary, a past tense whose subject the writer left out ("Turned ten in January and I'd clean forgot";
    not "Invited to Priya's party on Saturday!", which the parse cannot tell from it), or a past that did not happen
    ("They could not have managed that hill in January")."""
    auxiliaries = [t for t in tokens if t.head == n and t.dep in ("aux", "auxpass")]
    supposed = any(t.lower in _SUPPOSING for t in auxiliaries) and any(t.lower in ("have", "'ve") for t in auxiliaries)
    return tokens[n].tag == "VBD" or tokens[n].tag == "VBN" and (supposed or tokens[n].head == n and tokens[
        n].lower in _TOLD_PAST and not auxiliaries)


def _without_date(text: str, phrase: str) -> str:
    """The plan's words without the date the card shows before them ("Theo's tournament, Saturday 16 May"), unless
    the date is what the sentence says ("Mum's birthday is on the 9th")."""
    date = rf"(?:[,:]\s*|\s+(?:on|for|from)\s+)(?:the\s+)?{re.escape(phrase)}"
    if re.search(rf"\b(?:is|are|was|'s|be){date}", text, re.IGNORECASE):
        return text
    return re.sub(date, "", text, count=1, flags=re.IGNORECASE).strip(" ,") or text


def redated(text: str, base: datetime) -> list[Update]:
    """"oh and it's Tuesday not Monday": the plan dated Monday moves to Tuesday (said even inside a request)."""
    match = cues.REDATED.search(text)
    if match is None:
        return []
    new, old = (_coming(match.group(part), base) for part in ("new", "old"))
    if new is None or old is None or new == old:
        return []
    return [Update(USER, "plan", "", "correct", when=new.isoformat(), old=old.isoformat())]


def _coming(phrase: str, base: datetime) -> date | None:
    """The day a phrase names, the next one of that name when it says no more ("Monday": the coming Monday)."""
    day = resolve_date(phrase, base)
    return day + timedelta(days=7) if day is not None and day < base.date() else day


def _plan_text(text: str) -> str:
    """The plan as a note: first person turned into the third, at most ~90 characters."""
    text = re.sub(r"^(?:(?:also|and|so|oh|btw|big news|news|yes|yeah|no|ok|okay)\b[,:!\s]*)+", "", text.strip(),
                  flags=re.IGNORECASE)
    text = convert(text, "user").rstrip(" .!")
    text = re.sub(r"^they(?:'re| are)\s+", "", text)
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + "..."
