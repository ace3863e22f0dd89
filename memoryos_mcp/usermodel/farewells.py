"""A pastime the user bids farewell to in chat's idioms, which endings.py's grammar of verbs does not read: "so
netball is dead. RIP GA", "vale bouldering", and a doctor's order to stop ("He says I must stop with the
knitting"). Each is an "end" naming the words of the thing; apply.py closes the current value they name."""

from __future__ import annotations

import re

from .hobbies import PASTIMES
from .values import USER, Update
from .wellbeing import ACTIVITIES

#: Pastimes by one word: what "is dead" may say of ("netball is dead"; not "the garden is dead after the frost").
_ONE_WORD = frozenset(a for a in ACTIVITIES.split("|") if re.fullmatch(r"[a-z]+", a)) | PASTIMES
#: "netball is dead", "netball's officially dead", "RIP netball", "vale bouldering" (Australian English), "I must stop
#: with the knitting".
_FAREWELL = re.compile(r"\b(?P<a>[a-z][\w-]+)(?:\s+is|['’]s)\s+(?:(?:officially|so|totally|well\s+and\s+truly)\s+)?"
                       r"dead\b(?!\s+(?:tonight|today|this|in\s+here|quiet))|"
                       r"\b(?:rip|vale)\s+(?:my\s+|the\s+|our\s+)?(?P<b>[a-z][\w-]+)\b|"
                       r"\b(?:i|i've|i'll)\s+(?:really\s+)?(?:must|have\s+to|had\s+to|got\s+to)\s+(?:stop|quit|give\s+up)"
                       r"\s+(?:with\s+)?(?:the\s+|my\s+)?(?P<c>[a-z][\w-]+)\b", re.IGNORECASE)
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
    """The ends the sentence bids farewell to; not in a question ("is netball dead?")."""
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
    return found
