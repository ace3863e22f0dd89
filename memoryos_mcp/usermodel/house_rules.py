"""Rules the user sets for how things are done, listed after a colon ("house rules for any code you give me:
type hints on everything incl. return types. pytest, not unittest. black, line length 100"; "my preferences:
window seat, vegetarian meal"): each item is something the user uses, and a later switch or removal closes it
like any other ("switched from black to ruff format", "removed black")."""

from __future__ import annotations

import re

from .values import USER, Update

#: Where such a list starts: "house rules for any code you give me:", "my preferences:".
_RULES = re.compile(r"\b(?:house rules|my rules|my preferences|my prefs|(?:rules|preferences) for "
                    r"(?:any|all|my|your)\b)[^:.!?]{0,40}:\s*(?P<items>.+)$", re.IGNORECASE | re.DOTALL)
#: Items end at a full stop (not an abbreviation's), a comma or a semicolon.
_ITEMS = re.compile(r"(?<!\bincl)(?<!\be\.g)(?<!\betc)[.;,!]\s+")
#: An item is its first words, up to what qualifies it ("type hints on everything").
_QUALIFIERS = r"on|for|in|at|with|when|incl|instead|please|only"
_HEAD = re.compile(rf"^(?P<v>[\w.+-]+(?:\s+[\w.+-]+){{0,2}}?)(?=\s+(?:{_QUALIFIERS})\b|$)", re.IGNORECASE)
_NOT_ITEMS = frozenset("i i'm we you it this that the a an no not never always".split())
#: Items read from one list, at most.
MAX_ITEMS = 6


def house_rules(text: str) -> list[Update]:
    """What the user's list of rules says they use."""
    match = _RULES.search(text)
    if match is None:
        return []
    found = []
    for item in _ITEMS.split(match.group("items")):
        head = _HEAD.match(item.strip().rstrip("."))
        if head is not None and head.group("v").split()[0].lower() not in _NOT_ITEMS:
            found.append(Update(USER, "uses", head.group("v"), "add"))
    return found[:MAX_ITEMS]
