"""What the user says of themselves around a request: the statement before or after the question ("I'm a
teacher at Moi Girls, can you help me plan a lesson?"), the self-description in text drafted for them
("write a bio: I'm a nurse at ..."), and the name they sign with ("Thanks, Carmen", "— Tomasz").

A request tells nothing by itself, so these are the only parts of it read as statements; they are parsed
again on their own and read like any other sentence.
"""

from __future__ import annotations

import re

from ..language.text import LOWER, UPPER
from . import cues
from .own_name import titled
from .values import Update

#: Where a question or an order starts inside a sentence: ", can you ...", " - is she right?", or the last comma
#: before the question mark, whatever the question opens with (", ideas??", ", cheapest way to fly her out?").
_ASKS = re.compile(r"(?:,|\s[-–—]+)\s*(?=(?:so\s+|and\s+|but\s+)?(?:can|could|would|will|what|whats|how|any|should|"
                   r"do|does|is|are|where|when|which|who|why|please|pls)\b|[^,?]*\?+\s*$)", re.IGNORECASE)
#: Text drafted or quoted for the user starts after a colon or inside quotes.
_DRAFTED = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)|:\s+")
#: Quoted wordings offered as a choice ("which is correct: "I am living in ..." or "I have been living in ..."?"):
#: examples weighed, not what the user says of themselves.
_CHOICE = re.compile(r"[\"“”]\s*(?:or|vs\.?|versus)\s*[\"“]", re.IGNORECASE)
#: A part worth reading says something of the user or of someone in their life.
_ABOUT_THEM = re.compile(rf"\b(?:i|i'm|i've|im|ive|my|we|we're|our|me|{cues.ROLES})\b", re.IGNORECASE)
_SIGN_OFF = (r"(?:(?:many\s+|big\s+)?thanks(?:\s+(?:again|so\s+much|a\s+lot))?|thank\s+you|thx|ty|cheers|ta|"
             r"best(?:\s+wishes)?|(?:kind\s+|warm\s+|best\s+)?regards|love|all\s+the\s+best|sincerely|xx?)")
#: Where a sign-off may start: the message's start, a new line, or after a sentence ends.
_LINE_START = r"(?:^|\n\s*|[.!?]\s+)"
#: A name closing the message after a sign-off and a comma or line break ("Thanks, Carmen", "Cheers,\nTay Okoro")
#: or after a dash that starts its line or sentence ("— Tomasz"), never a word inside a sentence ("I love
#: Paris", "flying on Friday - Lisbon").
_SIGNATURE = re.compile(rf"{_LINE_START}(?:{_SIGN_OFF}\s*(?:[,!]\s*|\n\s*)|[-–—~]+\s*)"
                        rf"(?P<name>(?-i:[{UPPER}])[{LOWER}'’-]+)(?:\s+(?P<surname>(?-i:[{UPPER}])[{LOWER}'’-]+))?"
                        r"\s*[.!x]*\s*$", re.IGNORECASE)
#: Names that close a message but are not the user's: the assistant's.
_ASSISTANTS = frozenset("claude assistant chatgpt gpt bot ai".split())


def stated_parts(text: str) -> list[str]:
    """The parts of a request sentence that state something (a clause before the question, drafted text)."""
    parts: list[str] = []
    if _CHOICE.search(text):
        return parts
    for piece in _DRAFTED.split(text):
        for clause in _ASKS.split(piece):
            clause = clause.strip(" ,;-")
            words = re.findall(r"[\w'’]+", clause.lower())
            if (clause != text.strip() and len(words) >= 3 and words[0] not in cues.QUESTION_OPENERS
                    and not clause.endswith("?") and _ABOUT_THEM.search(clause)):
                parts.append(clause)
    return parts


def signature(text: str) -> list[Update]:
    """The name the message is signed with, and the surname after it: the user's, when no other name is known (a
    weak value)."""
    match = _SIGNATURE.search(text.strip())
    if match is None:
        return []
    name, surname = match.group("name"), match.group("surname")
    if {name.lower(), (surname or "").lower()} & (cues.NOT_NAMES | cues.ROLE_SET | _ASSISTANTS):
        return []
    return titled([name, surname] if surname else [name], "", weak=True)
