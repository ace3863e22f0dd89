"""Endings said in chat's idioms, which endings.py's grammar of verbs does not read: a pastime bid farewell ("so
netball is dead. RIP GA", "vale bouldering", a doctor's order to stop: "He says I must stop with the knitting"), a
favourite given up ("I've gone off Gumboot Diaries"), the last time a thing is done ("Last netball game ever."), a
parting ("Declan and I called it a day"). Each is an "end" naming the words of the thing (or the partner); apply.py
closes the current value they name."""

from __future__ import annotations

import re

from .endings import USER_WORDS
from .exercise import ONE_WORD_ACTIVITIES
from .hobbies import PASTIMES
from .values import USER, Update

#: A parting said as an idiom ("Declan and I called it a day", "we called it quits", "Rachel moved out"), or being
#: single again: the partner named (any partner, when none is), if a partner they are. The one named is written as a
#: name ("Mum and I called it a day at four" ends no partner; "he moved out there when he retired" none).
_PARTING = re.compile(r"\b(?P<who>(?-i:[A-Z])\w+) and (?:i|me)\b(?: have| had|'ve)?(?: finally)? "
                      r"(?:called it (?:a day|quits)|parted ways|went (?:our|separate) (?:separate )?ways)|"
                      r"\b(?P<out>(?-i:[A-Z])\w+) (?:has |had )?moved out(?!\s+(?:there|of|to|west|east))\b|"
                      r"\b(?:i'm|i am|im) (?:\w+ )?single (?:again|now)\b|\bnewly single\b", re.IGNORECASE)
#: The last time the user does a thing, said of it alone or as theirs ("Last netball game ever.", "my last ever
#: parkrun"; not "watched the last netball game ever", nor someone else's): the thing, without the word for one
#: occasion of it.
_OCCASIONS = "game|match|session|class|lesson|training|practice|race|run|shift|day"
_LAST_EVER = re.compile(rf"(?:^\W*|\bmy\s+)last\s+(?:ever\s+(?P<after>[a-z]+)(?:\s+(?:{_OCCASIONS}))?\b|"
                        rf"(?P<before>[a-z]+)(?:\s+(?:{_OCCASIONS}))?\s+ever\b)", re.IGNORECASE)
_OCCASION = re.compile(rf"^(?:{_OCCASIONS})$", re.IGNORECASE)
#: Words of a time, no thing done ("my last ever night shift", "last ever Monday at the office").
_WHEN = frozenset("time night morning evening afternoon week weekend month year monday tuesday wednesday thursday "
                  "friday saturday sunday".split())
#: Pastimes by one word: what "is dead" may say of ("netball is dead"; not "the garden is dead after the frost").
_ONE_WORD = ONE_WORD_ACTIVITIES | PASTIMES
#: "netball is dead", "netball's officially dead", "RIP netball", "vale bouldering" (Australian English), "I must stop
#: with the knitting".
_FAREWELL = re.compile(r"\b(?P<a>[a-z][\w-]+)(?:\s+is|['’]s)\s+(?:(?:officially|so|totally|well\s+and\s+truly)\s+)?"
                       r"dead\b(?!\s+(?:tonight|today|this|in\s+here|quiet))|"
                       r"\b(?:rip|vale)\s+(?:my\s+|the\s+|our\s+)?(?P<b>[a-z][\w-]+)\b|"
                       r"\b(?:i|i've|i'll)\s+(?:really\s+)?(?:must|have\s+to|had\s+to|got\s+to)\s+(?:stop|quit|give\s+up)"
                       r"\s+(?:with\s+)?(?:the\s+|my\s+)?(?P<c>[a-z][\w-]+)\b", re.IGNORECASE)
#: A favourite given up, by its name ("I've gone off Gumboot Diaries since they changed presenters", "Knocked 99%
#: Invisible off the top spot", said with no one else as the subject; not "gone off to camp", "the milk's gone off",
#: "Oasis knocked Blur off the top spot"): apply.py closes only a favourite it names.
_TITLE = r"(?:\d+%?\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,4}"
_GONE_OFF = re.compile(rf"\b(?:i've|i\s+have|we've|we\s+have)\s+(?:totally\s+|completely\s+|really\s+)?gone\s+off\s+"
                       rf"(?P<a>{_TITLE})|(?:^\W*|\b(?:it|that|this|which|and)\s+)knocked\s+(?P<b>{_TITLE})\s+off\s+"
                       r"(?:the\s+)?top\s+spot\b", re.IGNORECASE)
#: Words before "is dead" that make it no farewell of the user's: a negation, a doubt, others' saying ("I don't think
#: netball is dead", "everyone says netball is dead", "my sister said netball is dead in her town").
_NOT_OWN = re.compile(r"n't\b|\b(?:not|if|whether|says|said|say|think|thinks|reckon|reckons|everyone|people|she|he|"
                      r"they)\b", re.IGNORECASE)
#: Words before "I must stop" that make it only supposed ("if I have to stop knitting").
_SUPPOSED = re.compile(r"n't\b|\b(?:not|if|whether|unless)\b", re.IGNORECASE)
#: A stop for a while, not for good ("stop running for six weeks", "for a bit").
_FOR_A_WHILE = re.compile(r"\s+(?:for\s+(?:a|an|the|one|two|three|four|five|six|seven|eight|\d+|a\s+few)\s+|"
                          r"until\b|till\b)", re.IGNORECASE)


def farewells(text: str) -> list[Update]:
    """The ends the sentence says in idioms; not in a question ("is netball dead?", "your last race ever?")."""
    if text.rstrip().endswith("?"):
        return []
    found = []
    for match in _FAREWELL.finditer(text):
        word = (match.group("a") or match.group("b") or match.group("c")).lower()
        before = text[: match.start()]
        if match.group("a") and (word not in _ONE_WORD or _NOT_OWN.search(before)) or \
                match.group("c") and (_FOR_A_WHILE.match(text, match.end()) or _SUPPOSED.search(before)):
            continue
        found.append(Update(USER, "", word, "end"))
    found += [Update(USER, "", m.group("a") or m.group("b"), "end", detail="favourite")
              for m in _GONE_OFF.finditer(text) if not _SUPPOSED.search(text[: m.start()])]
    parting = _PARTING.search(text)
    if parting:
        who = parting.group("who") or parting.group("out") or ""
        found.append(Update(USER, "", "" if who.lower() in USER_WORDS else who, "end", detail="partner"))
    return found + _last_ever(text)


def _last_ever(text: str) -> list[Update]:
    """"Last netball game ever.": the end of netball (not asked: "your last race ever?")."""
    last = _LAST_EVER.search(text)
    thing = (last.group("after") or last.group("before")) if last else ""
    if not thing or _OCCASION.match(thing) or thing.lower() in _WHEN or text.rstrip().endswith("?"):
        return []  # "Last shift ever at Tesco": the job, not a "shift" to end; "my last ever night shift"
    return [Update(USER, "", thing, "end")]
