"""Words the assistant writes for the user to send or say: a quotation ('Something like: "..."', a line to use)
or a letter (from its greeting to its sign-off). They are in the user's voice, so an "I'll" in them is the
user's, not a promise of the assistant's.

Replies are read without the parser: quotation marks, a greeting that opens a line and a sign-off that closes
one are found by patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import cues

Span = tuple[int, int]

#: Quotations: straight double quotes pair in order; a single quote opens after a space or a bracket and closes
#: before one, so an apostrophe inside a word ("I'll", "ma'am") is neither; a single-quoted one stays in its
#: paragraph, as a stray apostrophe ("the kids' school") must not reach far.
_QUOTATIONS = (re.compile(r'"[^"]*"'), re.compile(r"“[^”]*”"),
               re.compile(r"(?<![\w'’])['‘](?=\S)(?:(?!\n\s*\n).)*?(?<=\S)['’](?!\w)", re.DOTALL))
#: Words a letter opens with, at the start of a line, up to the comma after whom it is to.
_GREETING = re.compile(rf"^[ \t>*]*{cues.GREETINGS}[^\n,!?]{{0,40}},", re.IGNORECASE | re.MULTILINE)
#: A sign-off: a closing ("Kind regards", "Thanks", "With warm regards and thanks") after a sentence or at a
#: line's start, a comma, and the writer's name (or a placeholder for it) ending the line.
_SIGN_OFF = re.compile(r"(?:^|(?<=[.!?])[ \t]+)[ \t>*]*(?:[\w ]{0,25}\b)?(?i:regards|thanks|thank you|best|cheers|"
                       r"sincerely|yours|love|wishes|warmly)\b[^\n.!?,]{0,20},[ \t]*\n?[ \t]*[A-Z\[][^\n,.!?]{0,40}$",
                       re.MULTILINE)


def drafted(reply: str) -> list[Span]:
    """Where the reply holds words written for the user: its quotations and letters, as (start, end) offsets.

    A letter runs from the greeting nearest before a sign-off (after the previous letter), so the assistant's own
    "Hey Sam, great news! I'll remind you on Friday. Here's a draft: Dear Ms Lee, ..." keeps its promise."""
    spans = [m.span() for pattern in _QUOTATIONS for m in pattern.finditer(reply)]
    greetings = [m.start() for m in _GREETING.finditer(reply)]
    after = 0
    for sign_off in _SIGN_OFF.finditer(reply):
        nearest = bisect_left(greetings, sign_off.start()) - 1
        if nearest >= 0 and greetings[nearest] >= after:
            spans.append((greetings[nearest], sign_off.end()))
        after = sign_off.end()
    return spans


def inside(offset: int, spans: list[Span]) -> bool:
    """The offset falls within one of the spans."""
    return any(start <= offset < end for start, end in spans)
