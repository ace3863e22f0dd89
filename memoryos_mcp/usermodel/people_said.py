"""What the people rules (people_rules.py) read of the people a sentence names: a name with its role ("my brother
Danny"), and what is said of a person named, a role or "he"/"she" (the last person named): their job, home,
employer, age; not of someone else's ("his mum"), nor a value said as a wish or a condition (voice.their_role).
Moved out of extract.py, which reads the whole message."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import cast

from ..language.nlp import Sentence, Token
from . import cues
from .kin import SUBJECT_OF, forget, mention, referent
from .phrase import title, value_of
from .values import Change, Update
from .voice import their_role, theirs, token_at
from .whereabouts import HOMES

_WORD = re.compile(r"[\w'’]+")
#: A person said to be something ("Fergal's a bar manager"), and the words that make it only supposed.
_IS_A = re.compile(r"(?:'s|’s|\s+is)\s+an?\s", re.IGNORECASE)
_SUPPOSING = "if|unless|whether|would|might|maybe|hope|wish|suppose"
_SUPPOSED = re.compile(rf"\b(?:{_SUPPOSING})\b", re.IGNORECASE)
#: Words before whom a condition is said of that make it a guess or a denial ("I think my son has ADHD", "none of the
#: kids has eczema now").
_GUESSED = re.compile(rf"\b(?:{_SUPPOSING}|think|thinks|reckon|suspect|worried|scared|afraid|wonder|wonders|sure|"
                      r"assess\w*|test(?:ed|ing)?\s+for|see\s+if|in\s+case|none|neither|nobody|no\s+one)\b",
                      re.IGNORECASE)


def value_span(match: re.Match[str]) -> tuple[int, int]:
    """Where a rule's value is (its whole match, when it names none)."""
    group = next((g for g in ("v", "old") if match.groupdict().get(g)), 0)
    return match.span(group)


def _no_job(said: str, value: str, names: set[str]) -> bool:
    """A job read that is none: judged ("my husband is a terrible driver") or a name ("my brother is Dev")."""
    return said in names or (value.split() or [""])[0].lower() in cues.JUDGING


def people_said(sentence: Sentence, rules: cues.Rules, last_person: list[str], names: set[str]) -> list[Update]:
    """Names with their role ("my brother Danny"), and what is said of a person named, a role or "he"/"she"
    (the last person named): their job, home, employer, age; not of someone else's ("his mum")."""
    found = []
    text = sentence.text
    for attribute, pattern, change in rules:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("who") and _theirs(sentence, match, attribute):
                continue
            if attribute == "name":
                found += _names(match, change, last_person, sentence.tokens)
                continue
            who = SUBJECT_OF.get(groups["who"].lower(), groups["who"])  # "at her place in Pinetown": she
            if who.lower() == "they" and _plural_before(sentence, match.start("who")):
                continue  # "to meet his parents on video, they live in Córdoba": the parents, no one named
            subject = referent(_named_before(text, match.start("who"), last_person), who.lower(),
                               match.groupdict().get("v") or "") if who.lower() in ("he", "she", "they") else who
            if subject.lower() in ("he", "she", "they", "i", "it") or subject.lower() in cues.NOT_NAMES or (
                    subject[:1].isupper() and subject not in names | {p.split(":")[0] for p in last_person}
                    and subject.lower() not in cues.ROLE_SET):
                continue
            value = value_of(match.group("v"), "home" if attribute == "home" else attribute)
            if attribute == "role":  # "she's my novia": a role for the person named before, never for a role
                if not subject[:1].isupper():
                    continue
                value = cues.role_word(value)
            if attribute == "age" and not _ages(subject, who, value) or \
                    attribute == "job" and _no_job(match.group("v"), value, names):
                continue
            if attribute in ("home", "employer"):
                forget(last_person, value)
            if value:
                key = _key(subject)
                _said_of(last_person, key)
                corrected = cues.CORRECTED.search(text)
                kind = "correct" if corrected else change
                found.append(Update(key, attribute, value, cast(Change, kind),
                                    old=corrected.group("old") if corrected else None,
                                    guessed=who.lower() in ("he", "she", "they")))
    return found


def resolved(updates: list[Update], last_person: list[str]) -> list[Update]:
    """The updates with "he" or "she" as the person they stand for ("he just retired": the dad named before);
    one said of no one known is dropped."""
    found = []
    for update in updates:
        if update.subject in ("he", "she"):
            who = referent(last_person, update.subject)
            if who in ("he", "she"):
                continue
            update = replace(update, subject=_key(who), guessed=True)
        found.append(update)
    return found


def _named_before(text: str, at: int, last_person: list[str]) -> list[str]:
    """The people a pronoun at `at` can stand for: not one the sentence names only after it ("he is an engineer,
    a fine young man from Abeokuta", where the tagger took the town for a person)."""
    before = set(_WORD.findall(text[:at]))
    after = set(_WORD.findall(text[at:])) - before
    return [p for p in last_person if p.split(":")[0] not in after]


def _names(match: re.Match[str], change: str, last_person: list[str], tokens: tuple[Token, ...]) -> list[Update]:
    """"my brother Danny", "the kids are theo and esme": each name with the role; not a word in lower case the
    parse reads as saying how they are ("my kids are feral", "kids are asleep")."""
    role = cues.role_word(match.group("role"))
    found = []
    at = match.start("v")
    for name in re.split(r",\s*|\s+and\s+", match.group("v")):
        at = match.string.find(name, at)
        n = token_at(tokens, at) if tokens and name.islower() else None
        at += len(name)
        if n is not None and tokens[n].pos in ("ADJ", "ADV", "VERB") or name.lower() in HOMES:
            continue  # "my kids are feral"; "my mom house in Macon" (chat's "my mom's house")
        if name.lower() not in cues.NOT_NAMES and not name.lower().endswith(("ing", "ed")):
            found.append(Update(title(name), "role", role, cast(Change, change)))
            mention(last_person, title(name), role)
    return found


def _plural_before(sentence: Sentence, at: int) -> bool:
    """The sentence names someone else's relatives in the plural before character `at` ("his parents"): who
    "they" is, not the last person named (the user's own, "my parents", are named as the role)."""
    n = token_at(sentence.tokens, at) if sentence.tokens else None
    return n is not None and any(t.tag == "NNS" and t.lower in cues.ROLE_SET and theirs(sentence.tokens, m)
                                 for m, t in enumerate(sentence.tokens[:n]))


def _theirs(sentence: Sentence, match: re.Match[str], attribute: str) -> bool:
    """The rule's person is someone else's ("his mum") or its value is not said as so (a note in brackets is, and
    a job said with "'s a" is what they are, whatever the clause after it: "Fergal's a bar manager so he'll give
    out if I get it wrong"; not "if he's a nurse"; a condition guessed or denied is not: "I think my son has ADHD")."""
    if attribute == "condition" and _GUESSED.search(sentence.text, 0, match.start("who")):
        return True
    job = attribute == "job"
    at = value_span(match)[0]
    noted = sentence.text.rfind("(", 0, at) > sentence.text.rfind(")", 0, at)
    said = job and _IS_A.match(sentence.text, match.end("who")) is not None and \
        not _SUPPOSED.search(sentence.text, 0, match.start("who"))
    return their_role(sentence.tokens, match.span(), match.start("who"), at, mood=not (noted or said))


def _key(subject: str) -> str:
    """A person as the model keys them: a role in one spelling ("Mum lives in ...": the mum), a name titled."""
    if subject.islower() or subject.lower() in cues.ROLE_SET:
        return cues.role_word(subject)
    return title(subject)


def _said_of(last_person: list[str], key: str) -> None:
    """A relative by role alone is who "he" or "she" is next ("my son is 4. ... he turned 5")."""
    if key.islower():
        mention(last_person, key, key)


def _ages(subject: str, who: str, age: str) -> bool:
    """An age can be the subject's: no child's age for a parent ("mum's 11 o'clock"), and "they" only for the
    twins ("they're 3 for a fiver" is of things)."""
    return not (subject.lower() in cues.ADULT_ROLES and _number(age) < 18 or
                who.lower() == "they" and subject.lower() not in cues.PLURAL_ROLES)


def _number(word: str) -> int:
    """"11" or "eleven" as a number (0 for anything else)."""
    words = cues.NUMBERS.split("|")
    return int(word) if word.isdigit() else words.index(word.lower()) + 1 if word.lower() in words else 0


