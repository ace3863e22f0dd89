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
from ..language.text import MONTH_NAMES, month_number
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
KEPT = re.compile(r"\b(?:as promised|here it is|here you go|as requested|reminder:|a reminder to|here's (?:the|your)|"
                  r"here is (?:the|your)|today's the day|don't forget)", re.IGNORECASE)
#: A reply that says in so many words it keeps a promise: it does so even when it makes another.
SAID_KEPT = re.compile(r"\b(?:as (?:promised|requested)|(?:as|like) I (?:promised|said I would))\b", re.IGNORECASE)
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
DATE_PHRASE = re.compile(
    rf"\b(?:{_DAY}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{cues.MONTH_WORD}|{cues.MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b|"
    rf"\b(?:tomorrow|next\s+{_DAY}|{_DAY}|the\s+\d{{1,2}}(?:st|nd|rd|th))\b", re.IGNORECASE)
#: A part of a month a promise is due in ("at the start of June", "mid-May", "towards the end of next month"): its
#: first, fifteenth or last day.
_PART_OF_MONTH = re.compile(rf"\b(?:(?P<start>start|beginning|early)|(?P<mid>mid|middle)|(?P<end>end|late))"
                            rf"(?:\s+of\s+|-|\s+)(?P<month>(?:{MONTH_NAMES})|next\s+month)\b", re.IGNORECASE)
#: Words of a promise that say nothing of what it is about, left out when matching the reply that keeps it.
GENERIC = frozenset("remind reminder send list plan draft write put together make find check the a an you your "
                    "user user's on by for to of and in it them this that before after day week".split())
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
_PRONOUN = re.compile(r"\b(?:it|them|that|this)\b", re.IGNORECASE)
#: Where a promise gives its reason or purpose: what it is for, not what will be done; left out of a promise too
#: long for its line rather than cutting it mid-sentence.
_REASON = re.compile(r"(?:,\s*|\s+)(?:so|because|since)\s|,\s*as\s(?!soon|well|long)", re.IGNORECASE)


def reply_updates(reply: str, said_at: str) -> list[Update]:
    """The promises made in one reply (dated when a date is named) and, if it keeps one, a closing update.

    A reply that keeps a promise while it makes another says so in words ("As promised, here's your list ...
    (I'll remind you of ...)").
    A promise inside words drafted for the user (a quoted line, a letter) is the user's, not the assistant's;
    one that introduces a draft ("I'll draft it tonight: 'Hi ...'") ends where the draft begins.
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
        if _HERE.match(clause):  # done here, not promised
            continue
        context = ""
        if _PRONOUN.search(clause.split(" ", 2)[1] if " " in clause else "") and index > 0:
            context = f" ({sentences[index - 1][1].rstrip('.!')})"
        due = _due(promise + context, base)  # the reason may name the day ("so you're ahead of 12 May")
        found.append(Update(ASSISTANT, "commitment", _third_person(clause + context), "add", when=due))
    if SAID_KEPT.search(reply) or not found and KEPT.search(reply):  # first, so it keeps none made here
        found.insert(0, Update(ASSISTANT, "commitment", reply[:300], "end"))
    return found


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
    return _part_of_month(part, base.date()).isoformat() if part else None


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
    return {w for w in words if len(w) > 2 and w not in GENERIC and not w.isdigit()}

