"""Text the assistant drafted for the user (a letter, an email, a post, a CV line) is written in the user's
voice: its "I have ten years in logistics" is the user speaking, so no assistant fact is read from it.

What the assistant says around a draft ("Here's a version you could send:", "I'll tidy it up once you have
the dates") is still its own. A draft starts at a letter's salutation, a quoted or fenced block, or, when
the user asked for something written, after the line that introduces it ("Here's a draft:"); asked for
text with no such start, the whole reply is the draft.
"""

from __future__ import annotations

import re

#: The user asks for something written: a verb of writing, then within a few words the kind of text.
_ASKS = re.compile(
    r"\b(?:write|writing|draft|redraft|rewrite|compose|word|reword|phrase|rephrase|polish|proofread|edit|tweak|"
    r"improve|shorten|translate|put together|come up with)\b[^.?!\n]{0,60}?\b(?:letter|e-?mails?|message|note|"
    r"posts?|caption|bio|cv|résumé|resume|cover letter|speech|toast|text|reply|response|tweet|review|card|"
    r"invitation|invite|announcement|summary|paragraph|lines?|sentences?|intro(?:duction)?|description|"
    r"profile|statement|application|complaint|notice|cancellation|resignation|kündigung|eulogy|poem|"
    r"headline|listing|blurb|pitch|ad)\b",
    re.IGNORECASE,
)
#: Where a draft starts in any reply: a salutation line ("Dear Ms Ortiz,", "Hi team,") or a fenced block.
_OPENS = re.compile(r"^\s*(?:(?:dear|hi|hello|hey|to whom it may concern)\b[^\n]{0,40},\s*$|```)",
                    re.IGNORECASE | re.MULTILINE)
#: Where a draft the user asked for may also start: a line opening with a quote (unasked, a quoted line is
#: usually a word explained: '"Al dente" means firm').
_QUOTED = re.compile(r"^\s*(?:>|[\"“])", re.MULTILINE)
#: Where a draft the user asked for starts: after a line ending in a colon ("Here's a draft:").
_INTRODUCED = re.compile(r":[ \t]*(?:\n|[\"“'‘])")


def drafted_from(request: str, reply: str) -> int:
    """Where the text drafted for the user starts in `reply` (its length when nothing is drafted)."""
    asked = _ASKS.search(request) is not None
    opening = _OPENS.search(reply, 0 if asked else 1)  # unasked, a reply's first line greets the user
    more = (_QUOTED.search(reply), _INTRODUCED.search(reply)) if asked else ()
    starts = [m.start() for m in (opening, *more) if m]
    if starts:
        return min(starts)
    return 0 if asked else len(reply)


def own_words(request: str, reply: str) -> str:
    """The part of the assistant's reply said in its own voice: the reply up to the draft it wrote."""
    return reply[: drafted_from(request, reply)]
