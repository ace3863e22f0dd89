"""What the assistant handed the user: a list, a plan or a draft it introduced with "here's" ("As promised, here's
your change-of-address checklist: bank and credit cards, GP, DVLA ...", "Here you go: 'Dear Graham, ...'").

Asked later "Did you ever send me that checklist?" or "what did it say to do a week before?", a memory needs the
thing itself with what it was, together in one fact; the list's lines alone ("Assistant said the Pension Service")
say neither what they were part of nor that they were given. So the reply's heading and the text it introduces make
one fact, "Assistant gave the user their change-of-address checklist: bank and credit cards; GP; ...", clipped to
`MAX_HANDED_CHARS`, in place of the facts of its lines (but for a promise or advice among them, "I'll check in on
Friday", which stays a fact of its own).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .rules import convert

#: How such a fact opens.
HANDED = "Assistant gave the user"
#: How much of what was handed the fact keeps: a checklist's first twenty lines or so (the embedder reads ~250 words).
MAX_HANDED_CHARS = 1000
#: The heading: at most one short sentence before it ("A week today!", "Thanks, Trevor."), then "here's ..." up to a
#: colon ("As promised, here's your hospital packing list:", "Here it is, your moving checklist:", "Here you go:"), or
#: what was promised named after "as promised" ("As promised, the PostgreSQL migration checklist:").
_HEADING = re.compile(
    r"^\s*(?:[^.!?:\n]{0,80}[.!?]\s+)?(?:(?:ok(?:ay)?|right|so|yes|sure|good morning|morning)[,!.]?\s+)*"
    r"(?P<heading>(?:as promised,?\s+)?here(?:['’]s|\s+is|\s+are|\s+it\s+is|\s+you\s+go|\s+they\s+are)\b|"
    r"as promised,?\s+(?=(?:the|your)\s))"
    r"(?P<what>[^:\n]{0,100}?):\s*(?P<handed>\S.*)$", re.IGNORECASE | re.DOTALL)
#: Words around the name of what was handed that are not of it ("it, your moving checklist, as promised").
_AROUND = re.compile(r"^\W*(?:it\b\W*)?|\W*\bas promised\b\W*|\W+$", re.IGNORECASE)
#: Headings that introduce what the assistant thinks, not a thing handed over ("Here's the thing:", "Here's what I'd
#: do:").
_NO_THING = re.compile(r"^(?:the\s+(?:thing|deal|catch|problem|trick|point|question|truth|kicker|short answer|"
                       r"good news|bad news)|my\s+(?:thoughts|advice|take|view|opinion|two cents)|a\s+question|what|"
                       r"why|how|where|when|who|to)\b", re.IGNORECASE)
#: A list's markers: numbers, bullets and the line breaks between its items.
_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+|\s*\n\s*(?:[-*•]\s+|\d{1,2}[.)]\s+)?|\s+\d{1,2}[.)]\s+(?=[A-Z])")


class Handed(NamedTuple):
    """The fact of what was handed, and where its heading starts in the reply (before it, the assistant's words)."""

    fact: str
    start: int


def handed(reply: str) -> Handed | None:
    """"Assistant gave the user <what>: <the text it introduced>" for a reply that hands something over, else None."""
    heading = _HEADING.match(reply)
    if heading is None:
        return None
    what = _AROUND.sub(" ", heading.group("what")).strip()
    if _NO_THING.match(what):
        return None
    what = re.sub(r"^the user's\b", "their", convert(what, "assistant"))
    text = "; ".join(part.strip(" ;.,") for part in _MARKER.split(heading.group("handed")) if part.strip(" ;.,"))
    if len(text.split()) < 3:  # "Here it is: done." hands over nothing
        return None
    if len(text) > MAX_HANDED_CHARS:
        text = text[:MAX_HANDED_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " ..."
    return Handed(f"{HANDED} {what}: {text}" if what else f"{HANDED}: {text}", heading.start("heading"))
