"""A pastime the user bids farewell to in chat's idioms, which endings.py's grammar of verbs does not read: "so
netball is dead. RIP GA", "vale bouldering", and a doctor's order to stop ("He says I must stop with the
knitting"). Each is an "end" naming the words of the thing; apply.py closes the current value they name."""

from __future__ import annotations

import re

from . import cues
from .values import USER, Update

#: "netball is dead", "RIP netball", "vale bouldering" (Australian English), "I must stop with the knitting".
_FAREWELL = re.compile(r"\b(?P<a>[a-z][\w-]+)\s+(?:is|'s)\s+dead\b(?!\s+(?:tonight|today|this|in\s+here|quiet))|"
                       r"\b(?:rip|vale)\s+(?:my\s+|the\s+|our\s+)?(?P<b>[a-z][\w-]+)\b|"
                       r"\b(?:must|have\s+to|had\s+to|got\s+to|need\s+to)\s+(?:stop|quit|give\s+up)\s+(?:with\s+)?"
                       r"(?:the\s+|my\s+)?(?P<c>[a-z][\w-]+)\b", re.IGNORECASE)
#: Words a farewell names that are no pastime: people, pronouns, things that die of use ("my phone is dead").
_NOT_PASTIMES = cues.ROLE_SET | frozenset("he she it they this that who phone battery laptop car it's everyone "
                                          "everybody nobody someone town place".split())
#: Words before "must stop" that make it no order given ("if I must stop", "do I have to stop").
_ASKED_OR_SUPPOSED = re.compile(r"\b(?:if|whether|unless|do|does|should)\b[^.!?]*$", re.IGNORECASE)


def farewells(text: str) -> list[Update]:
    """The ends the sentence bids farewell to; not in a question ("is netball dead?")."""
    if text.rstrip().endswith("?"):
        return []
    found = []
    for match in _FAREWELL.finditer(text):
        word = (match.group("a") or match.group("b") or match.group("c")).lower()
        if word in _NOT_PASTIMES or match.group("c") and _ASKED_OR_SUPPOSED.search(text[:match.start()]):
            continue
        found.append(Update(USER, "", word, "end"))
    return found
