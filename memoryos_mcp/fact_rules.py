"""Rules that turn first-person clauses into third-person facts, for the offline provider.

"I adopted a dog named Max" -> "User adopted a dog named Max"; "I'd recommend Dune" ->
"Assistant recommended Dune". Only clauses that start with the speaker and a known verb are
used, and reactions ("I'm so happy for you", "I love that") are refused: precision over recall.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from . import text as tx

#: Longer clauses are usually several thoughts run together: too risky to restate.
MAX_CLAUSE_WORDS = 40

_LEAD = re.compile(
    r"^(?:(?:yeah|yes|yep|well|oh|ah|so|actually|honestly|also|and|but|hey|wow|btw|anyway|anyways|"
    r"haha|lol|ok|okay|um|uh|plus|now|guess what)\b[\s,!.]*)+",
    re.IGNORECASE,
)
_TIME_NOUN = (
    r"(?:week|weekend|month|year|night|morning|afternoon|evening|summer|winter|spring|fall|autumn|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_WHEN_LEAD = re.compile(
    rf"^(?P<when>yesterday|today|tonight|recently|lately|(?:last|this) {_TIME_NOUN}|"
    r"(?:a few|a couple of|\w+) (?:days|weeks|months|years) ago)[\s,]+",
    re.IGNORECASE,
)
_MY = re.compile(
    r"^my\s+(?P<thing>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+(?P<verb>is|are|was|were|has|have|had)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ADVERBS = frozenset(
    "really also just actually still usually always never often sometimes recently finally already "
    "currently mostly absolutely totally even only definitely both".split()
)
_INTENSIFIERS = frozenset("so really very super quite pretty totally just also still such".split())
_PRESENT = frozenset(
    "like love enjoy hate prefer adore dislike work live study play own want plan teach cook paint write "
    "collect volunteer practice practise go visit use speak drive watch run swim bake travel read sing "
    "dance draw attend belong ride train eat drink keep grow make care take".split()
)
_IRREGULAR_PAST = frozenset(
    "went got bought made met took saw ran began became found left lost won wrote gave sold built drove "
    "flew spent taught came grew brought caught chose drew fell fought held kept led quit rode sang sat "
    "swam threw wore ate drank broke did".split()
)
_NOT_EVENTS = frozenset(
    "wondered guessed figured hoped wished supposed imagined assumed agreed believed expected mentioned "
    "asked answered replied needed noticed meant".split()
)
_REJECT_FIRST = frozenset(
    "sorry glad sure afraid wondering thinking curious fine good ok okay well great here back happy proud "
    "thrilled excited delighted stoked pumped grateful thankful impressed amazed touched honored jealous "
    "lucky blessed it that this these those them you your how what when why whatever".split()
)
_REJECT_PHRASES = ("a question", "no idea", "to say", "to admit", "to ask", "to go", "been thinking")
#: "I <verb>" -> ("User <verb phrase>", is a past event).
_SIMPLE_VERBS = {
    "am": ("is", False), "was": ("was", True), "have": ("has", False), "had": ("had", True), "will": ("will", False),
}
_NEGATIONS = {"don't": "doesn't", "didn't": "didn't"}
_CAN_REJECT = frozenset("imagine believe wait see tell relate understand help say only totally".split())
_MY_REJECT = frozenset("heart pleasure goodness god gosh bad mind thoughts point guess question advice".split())
#: Advice and promises that carry no content ("you should be proud", "I'll try my best").
_EMPTY_ADVICE = ("be ", "feel ", "know ", "do my best", "try my best", "have to", "need to", "keep it up")
_ASSISTANT_REJECT_FIRST = _REJECT_FIRST - {"you", "your"}

_USER_PRONOUNS = {
    "i was": "they were", "i am": "they are", "i'm": "they're", "i've": "they've", "i'll": "they'll",
    "i'd": "they'd", "i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
    "you're": "the assistant is", "you've": "the assistant has", "you'll": "the assistant will",
    "you": "the assistant", "your": "the assistant's", "yours": "the assistant's", "yourself": "the assistant",
}
_ASSISTANT_PRONOUNS = {
    "i was": "the assistant was", "i am": "the assistant is", "i'm": "the assistant is",
    "i've": "the assistant has", "i'll": "the assistant will", "i'd": "the assistant would",
    "i": "the assistant", "me": "the assistant", "my": "the assistant's", "mine": "the assistant's",
    "myself": "the assistant", "you're": "the user is", "you've": "the user has", "you'll": "the user will",
    "you'd": "the user would", "you": "the user", "your": "the user's", "yours": "the user's",
    "yourself": "the user",
}
_PRONOUN_WORD = re.compile(
    r"(?<![\w'’-])(?:i was|i am|i['’](?:m|ve|ll|d)|you['’](?:re|ve|ll|d)|myself|mine|my|me|i|yourself|yours|your|you)"
    r"(?![\w'’-])",
    re.IGNORECASE,
)
_MENTIONS_USER = re.compile(r"\byou(?:r|rs|rself)?\b", re.IGNORECASE)

_ASSISTANT_RECOMMEND = re.compile(
    r"^i(?:\s+would|['’]d)?\s+(?:(?:strongly|highly|really|definitely|also|totally)\s+)?"
    r"(?P<verb>recommend|suggest|advise)(?:ed|s)?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_ASSISTANT_ADVICE = re.compile(
    r"^my\s+(?:(?:main|top|best|only)\s+)?(?:recommendation|suggestion|advice|tip)\s+(?:is|would be)\s+"
    r"(?P<to>to\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_ASSISTANT_SHOULD = re.compile(
    r"^you\s+(?P<modal>should|might want to|may want to|could try|ought to)\s+"
    r"(?:(?:definitely|really|also|totally|probably)\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_ASSISTANT_PROMISE = re.compile(
    r"^(?:i\s+promise\s+(?:to\s+|i['’]ll\s+|i will\s+)|i['’]ll\s+|i will\s+)(?:(?:definitely|also)\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)


def _convert(text: str, table: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        key = " ".join(match.group(0).lower().replace("’", "'").split())
        return table.get(key, match.group(0))

    return _PRONOUN_WORD.sub(swap, text)


def _clean_clause(clause: str) -> tuple[str, str]:
    """Strip interjections, a leading time phrase (returned apart) and end punctuation."""
    clause = _LEAD.sub("", clause.strip()).strip()
    when = ""
    match = _WHEN_LEAD.match(clause)
    if match:
        when = match.group("when")
        clause = clause[match.end() :]
    return clause.rstrip(" .!,;:)(-–—~*").strip(), when


def _usable_object(obj: str, reject_first: frozenset[str] = _REJECT_FIRST) -> bool:
    words = obj.lower().replace("’", "'").split()
    meaningful = [w for w in words if w not in _INTENSIFIERS]
    if not meaningful or meaningful[0].strip(",.!") in reject_first:
        return False
    joined = " ".join(meaningful)
    return not joined.startswith(_REJECT_PHRASES) and bool(tx.content_words(obj))


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _is_past(verb: str) -> bool:
    return verb in _IRREGULAR_PAST or (
        len(verb) >= 5 and verb.endswith("ed") and verb not in _NOT_EVENTS and not verb.endswith("eed")
    )


def _contraction(first: str, words: list[str]) -> tuple[str, list[str], bool] | None:
    """(verb phrase, object words, past) for I'm / I've / I'll / I'd."""
    suffix = first[2:]
    if suffix == "m":
        return "is", words, False
    if suffix == "ve":
        return "has", words, False
    if suffix == "ll":
        return "will", words, False
    if suffix == "d" and words and words[0].lower() in ("like", "love", "prefer", "enjoy"):
        return f"would {words[0].lower()}", words[1:], False
    return None


def _verb_phrase(words: list[str]) -> tuple[str, list[str], bool] | None:
    """(verb phrase, object words, past) for the words after a bare "I"."""
    adverbs = []
    while words and words[0].lower() in _ADVERBS:
        adverbs.append(words.pop(0).lower())
    if not words:
        return None
    verb, rest = words[0].lower().replace("’", "'"), words[1:]
    prefix = " ".join(adverbs + [""])
    if verb in _SIMPLE_VERBS:
        phrase, past = _SIMPLE_VERBS[verb]
        return prefix + phrase, rest, past
    if verb in ("can", "can't", "cannot"):
        if not rest or rest[0].lower() in _CAN_REJECT:
            return None
        return prefix + ("can" if verb == "can" else "can't"), rest, False
    if verb in _NEGATIONS and rest and rest[0].lower() in _PRESENT | {"have", "get"}:
        return f"{prefix}{_NEGATIONS[verb]} {rest[0].lower()}", rest[1:], verb == "didn't"
    if verb in _PRESENT:
        return prefix + _third_person(verb), rest, False
    if _is_past(verb):
        return prefix + verb, rest, True
    return None


def user_statement(clause: str) -> tuple[str, bool] | None:
    """("User ...", is_past_event) for a first-person clause, or None when no rule applies."""
    clause, when = _clean_clause(clause)
    words = clause.split()
    if not words or len(words) > MAX_CLAUSE_WORDS:
        return None
    tail = f" {when.lower()}" if when else ""
    mine = _MY.match(clause)
    if mine:
        thing, verb, rest = mine.group("thing"), mine.group("verb").lower(), mine.group("rest")
        if set(thing.lower().split()) & ({"i", "me", "and"} | _MY_REJECT) or not _usable_object(rest):
            return None
        fact = f"User's {_convert(thing, _USER_PRONOUNS)} {verb} {_convert(rest, _USER_PRONOUNS)}{tail}"
        return fact, verb in ("was", "were", "had")
    first = words[0].lower().replace("’", "'")
    if first == "i":
        parsed = _verb_phrase(words[1:])
    elif first in ("i'm", "i've", "i'll", "i'd"):
        parsed = _contraction(first, words[1:])
    else:
        return None
    if parsed is None:
        return None
    phrase, rest, past = parsed
    obj = " ".join(rest)
    if not _usable_object(obj):
        return None
    return f"User {phrase} {_convert(obj, _USER_PRONOUNS)}{tail}", past


def assistant_statement(clause: str) -> str | None:
    """"Assistant recommended/suggested/promised ..." for advice or a promise, else None."""
    clause, _ = _clean_clause(clause)
    if not clause or len(clause.split()) > MAX_CLAUSE_WORDS:
        return None
    for pattern, render in _ASSISTANT_RULES:
        match = pattern.match(clause)
        if not match:
            continue
        rest = match.group("rest")
        if not _usable_object(rest, _ASSISTANT_REJECT_FIRST) or rest.lower().startswith(_EMPTY_ADVICE):
            return None
        if pattern is _ASSISTANT_PROMISE and not _MENTIONS_USER.search(rest):
            return None  # "I'll never forget that trip" is no promise; "I'll send you the list" is
        return render(match, _convert(match.group("rest"), _ASSISTANT_PRONOUNS))
    return None


_PAST_OF = {"recommend": "recommended", "suggest": "suggested", "advise": "advised"}
_ASSISTANT_RULES = (
    (_ASSISTANT_RECOMMEND, lambda m, rest: f"Assistant {_PAST_OF[m.group('verb').lower()]} {rest}"),
    (_ASSISTANT_ADVICE, lambda m, rest: f"Assistant advised the user to {rest}" if m.group("to")
        else f"Assistant recommended {rest}"),
    (_ASSISTANT_SHOULD, lambda m, rest: f"Assistant suggested the user {m.group('modal').lower()} {rest}"),
    (_ASSISTANT_PROMISE, lambda m, rest: f"Assistant promised to {rest}"),
)


def _month_before(day: datetime) -> str:
    return f"in {(day.replace(day=1) - timedelta(days=1)):%B %Y}"


_RELATIVE = (
    (r"yesterday|last night", lambda d: f"on {d - timedelta(days=1):%Y-%m-%d}"),
    (r"today|tonight|this (?:morning|afternoon|evening)", lambda d: f"on {d:%Y-%m-%d}"),
    (r"last weekend", lambda d: f"on the weekend before {d:%Y-%m-%d}"),
    (r"last week", lambda d: f"in the week before {d:%Y-%m-%d}"),
    (r"this week", lambda d: f"in the week of {d:%Y-%m-%d}"),
    (r"last month", _month_before),
    (r"this month", lambda d: f"in {d:%B %Y}"),
    (r"last year", lambda d: f"in {d.year - 1}"),
    (r"this year", lambda d: f"in {d.year}"),
)
_RELATIVE_RE = re.compile(r"\b(" + "|".join(p for p, _ in _RELATIVE) + r")\b", re.IGNORECASE)
_AGO_RE = re.compile(r"\b((?:a few|a couple of|\w+) (?:days|weeks|months|years)) ago\b", re.IGNORECASE)


def relative_date(statement: str, day: datetime | None) -> str:
    """Replace the first relative time phrase ("yesterday", "last month") with a date from `day`."""
    if day is None:
        return statement
    try:
        return _with_date(statement, day)
    except OverflowError:  # "yesterday" on 0001-01-01: no date to give, the statement stays as said
        return statement


def _with_date(statement: str, day: datetime) -> str:
    match = _RELATIVE_RE.search(statement)
    if match:
        phrase = match.group(1).lower()
        for pattern, render in _RELATIVE:
            if re.fullmatch(pattern, phrase):
                return statement[: match.start()] + render(day) + statement[match.end() :]
    ago = _AGO_RE.search(statement)
    if ago:
        return f"{statement[: ago.start()]}{ago.group(1)} before {day:%Y-%m-%d}{statement[ago.end() :]}"
    return statement
