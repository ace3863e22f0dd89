"""The offline user profile: the current facts about the user, sorted into short readable sections.

A pure function of the facts, so the same memory always reads the same, whatever the timing of the
background work and across restarts. With a language model the profile is written by the model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .text import content_words

#: Most facts shown per section: a profile is a summary, the knowledge base holds the rest.
PER_SECTION = 6
#: Fact texts whose section, rendering and specificity are remembered. Offline the profile is rebuilt
#: from every current fact (up to 1,000) each time a page's facts are learnt; matching the patterns
#: anew each time was 80% of the CPU an add_memory caused.
FACT_CACHE = 8192
#: Joins the statements of one message into one fact (facts/sentences.py); the profile lists them one by one.
PART_SEPARATOR = "; "
#: A sentence kept whole as what the speaker said ("User said life's too short"): a view, not a profile line.
_SAID = re.compile(r"^(?:User|Assistant) said\b")
_DATED = re.compile(r"\s*\((?:mentioned )?on (\d{4}-\d\d-\d\d)\)\s*$")
#: A statement dated to the day it tells of ("Lost Oreo in the week before 2026-04-24"): what happened, past or not.
_ON_A_DAY = r"\b(?:on|in the week (?:of|before)|on the weekend before|before) \d{4}-\d\d-\d\d\b"
_EVENT = re.compile(_ON_A_DAY + r"|\b(?:will|plans?|planning|going to|wants? to|hopes? to|intends? to)\b",
                    re.IGNORECASE)
_TOLD_ON_A_DAY = re.compile(_ON_A_DAY, re.IGNORECASE)

#: Section title and the words that put a fact in it, tried in this order (first match wins).
SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (title, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for title, words in (
        ("Health and diet", r"allerg\w*|vegetarian|vegan|pescatarian|gluten|lactose|diet\w*|doctor|hospital|"
                            r"sick|illness|health\w*|therap\w*|medication|surgery|injur\w*|diabet\w*|"
                            r"pregnan\w*|chemo\w*|cancer|asthma|workout|gym|runs|running|yoga"),
        ("Work and studies", r"works?|working|job|boss|manager|colleague\w*|cowork\w*|company|office|career|"
                             r"employ\w*|intern\w*|promot\w*|salary|client\w*|business|studies|studying|"
                             r"student|school|college|university|degree|class(?:es)?|teacher|nurse|engineer|"
                             r"developer|designer|counsel\w*|volunteer\w*"),
        ("Home", r"lives?|living|moved|moving|home|apartment|flat|house|neighbou?rhood|city|town|rent\w*"),
        ("People in their life", r"sister|brother|sibling\w*|mom|mother|dad|father|parents?|son|daughter|"
                                 r"kids?|children|child|wife|husband|partner|boyfriend|girlfriend|fianc\w*|"
                                 r"friends?|grand\w+|aunt|uncle|cousin|family|baby|dog|cat|pets?|puppy|kitten"),
        ("Preferences", r"likes?|loves?|enjoys?|prefers?|favou?rite|hates?|dislikes?|fan|adores?|"
                        r"would (?:like|love|prefer|enjoy)"),
    )
)
#: Words of a question that point at a section beyond the section's own words ("food I must avoid").
_ASKED = tuple(
    (title, re.compile(rf"\b(?:{words})\b", re.IGNORECASE)) for title, words in (
        ("Health and diet", r"food|foods|eat|eating|avoid|meal\w*|drink\w*|medical|medicine"),
        ("Work and studies", r"coworkers?|team|paid|earn\w*|study|learn\w*"),
        ("Home", r"where (?:do|did) i (?:live|stay)|address|hometown|neighbou?rs?|move"),
        ("People in their life", r"relatives?|pets?"),
        ("Preferences", r"hobby|hobbies|interests?|fun|free time|recommend\w*"),
    )
)
#: Words that point outside the fact ("how much they need them"): such a fact means little in a profile,
#: unless REFERENT_WORDS content words come before them in the statement.
REFERENT_WORDS = 3
_VAGUE = re.compile(r"\b(?:it|this|that|these|those|them|there|here|he|she|him|his|her|stuff|things?|"
                    r"something|anything|everything|someone|anyone|the assistant)\b", re.IGNORECASE)
WHO = "Who they are"
EVENTS = "Plans and recent events"
ORDER = (WHO, *(title for title, _ in SECTIONS), EVENTS)


@functools.lru_cache(maxsize=FACT_CACHE)
def section_of(fact: str) -> str:
    """The profile section a fact belongs to."""
    for title, pattern in SECTIONS:
        if any(not _in_name(fact, match) for match in pattern.finditer(fact)):
            return title
    return EVENTS if _EVENT.search(fact) else WHO


def _in_name(text: str, match: re.Match[str]) -> bool:
    """A capitalised word inside a sentence is part of a name: "Harbor Health Insurance" says nothing of
    health."""
    return match.start() > 0 and text[match.start()].isupper()


def sections_asked(query: str) -> set[str]:
    """The profile sections a question is about ("Who is my boss?" -> work), for ranking facts: those
    its own words name, else those its wording hints at ("any food I must avoid?" -> health and diet)."""
    named = {title for title, pattern in SECTIONS if pattern.search(query)}
    return named or {title for title, pattern in _ASKED if pattern.search(query)}


@functools.lru_cache(maxsize=FACT_CACHE)
def render(fact: str) -> str:
    """'User's sister lives in Porto (mentioned on 2024-05-01)' -> 'Their sister lives in Porto (2024-05-01).'"""
    text = fact.strip()
    dated = _DATED.search(text)
    if dated:
        text = text[: dated.start()] + f" ({dated.group(1)})"
    text = re.sub(r"^User's\s+", "Their ", text)
    text = re.sub(r"^User\s+", "", text)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


@functools.lru_cache(maxsize=FACT_CACHE)
def specificity(fact: str) -> int:
    """Names and numbers count double, other content words once: 'Works at Acme in Leeds' beats 'Is doing
    their best'."""
    words = fact.split()[1:]
    named = sum(1 for word in words if word[:1].isupper() or any(ch.isdigit() for ch in word))
    return 2 * named + len(content_words(fact))


@functools.lru_cache(maxsize=FACT_CACHE)
def _listed(fact: str) -> tuple[str, ...]:
    """The statements of a fact that a profile shows: not pointing outside themselves, not merely said."""
    return tuple(part for part in fact.split(PART_SEPARATOR) if not dangling(part) and not _SAID.match(part))


def dangling(statement: str) -> bool:
    """A pronoun that comes before the statement has named anything points outside it ("User is taking him
    to ..."); after a few content words it most likely points back ("allergic to peanuts, even a trace of
    them")."""
    return any(len(content_words(statement[: match.start()])) - 1 < REFERENT_WORDS  # - 1: "User"
               for match in _VAGUE.finditer(statement))


def write_profile(facts: list[tuple[str, int, str]], gone: Sequence[str] = ()) -> str:
    """Sections of (fact, mentions, last seen), a fact's statements one by one: most mentioned and most
    specific first, events newest first; statements that point outside themselves are left to the
    knowledge base, and those naming what is `gone` (lower case: a trip called off, a pet that died) would read
    as current, unless dated as what happened that day; '' when empty."""
    grouped: dict[str, list[tuple[str, int, str]]] = {title: [] for title in ORDER}
    over = re.compile(r"\b(?:" + "|".join(re.escape(g) for g in gone) + r")\b") if gone else None
    for text, mentions, seen in facts:
        for part in _listed(text):
            if over is None or _TOLD_ON_A_DAY.search(part) or not over.search(part.lower()):
                grouped[section_of(part)].append((part, mentions, seen))
    lines: list[str] = []
    for title in ORDER:
        if title == EVENTS:
            chosen = sorted(grouped[title], key=lambda f: f[2], reverse=True)
        else:
            chosen = sorted(grouped[title], key=lambda f: (f[1], specificity(f[0])), reverse=True)
        rendered = list(dict.fromkeys(render(f[0]) for f in chosen))[:PER_SECTION]
        if rendered:
            lines.append(f"{title}:")
            lines.extend(f"- {item}" for item in rendered)
    return "\n".join(lines)
