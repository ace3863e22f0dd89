"""Health and habits said across sentences, whose the words around them tell: an allergy or a sport said of a thing
named before ("does it have peanuts? I'm allergic", "Penicillin. Blew up like a balloon", "what's good after
swimming? I go three mornings a week"), and a condition said in a note before the one diagnosed with it ("Celiac.
Owen was diagnosed at 19"). Moved out of wellbeing.py, which holds the phrasings read within a sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Sentence
from .cues import ROLE_SET, ROLES
from .exercise import ACTIVITIES, OFTEN
from .values import USER, Update
from .wellbeing import ALLERGENS, TAKEN

_ALLERGEN = re.compile(rf"(?:{ALLERGENS})", re.IGNORECASE)


def said_of_named(sentences: list[Sentence], index: int) -> list[Update]:
    """An allergy or a habit said of something named just before it, not after ("does it have peanuts? I'm
    allergic", "what's good after swimming? I go three mornings a week")."""
    return _allergic_to_named(sentences, index) + _reacted_to_named(sentences, index) + \
        _habit_of_named(sentences, index)


#: Words that make a note the user's own ("I'm vegan.", "My asthma.").
_MINE = frozenset({"i", "i'm", "me", "my"})


def diagnosed_after(sentences: list[Sentence], index: int, found: list[Update]) -> list[Update]:
    """The user's values read in a short note at `index`, with the condition that the next sentence says someone
    else was diagnosed with as theirs ("Celiac. Owen was diagnosed at 19": Owen's; "... he was diagnosed": no one's
    known here); not one the next sentence names another condition for ("Diabetic. Owen was diagnosed with
    asthma")."""
    note = sentences[index].tokens
    if index + 1 >= len(sentences) or len(note) > 4 or any(t.lower in _MINE for t in note):
        return found
    tokens = sentences[index + 1].tokens
    other = next((s for n, t in enumerate(tokens) if t.lower == "diagnosed" and not any(
        w.head == n and w.lower == "with" for w in tokens) for s in tokens if s.head == n and s.dep == "nsubjpass"
                  and (s.pos == "PROPN" or s.lower in _OTHERS)), None)
    if other is None:
        return found
    theirs = [replace(u, subject=other.text) for u in found if u.subject == USER and u.attribute == "condition"]
    return [u for u in found if not (u.subject == USER and u.attribute == "condition")] + (
        theirs if other.pos == "PROPN" else [])


_GOES_OFTEN = re.compile(rf"\b(?:i|we)\s+(?:still\s+|usually\s+|try to\s+)?(?:go|do it)\s+{OFTEN}", re.IGNORECASE)
_ACTIVITY = re.compile(rf"\b(?:{ACTIVITIES})\b", re.IGNORECASE)
_WATCHING = re.compile(r"\b(?:watch|watching|see|support|cheer)\b", re.IGNORECASE)
#: Subjects that are someone else: a sport they do is not the user's.
_OTHERS = ROLE_SET | {"he", "she", "they"}


def _habit_of_named(sentences: list[Sentence], index: int) -> list[Update]:
    """"I go three mornings a week" with no sport said: the sport named last before it, in the sentence or the one
    before, by the user (not "my son loves football. I go every Saturday to watch")."""
    said = _GOES_OFTEN.search(sentences[index].text)
    if said is None or _WATCHING.search(sentences[index].text) or _goes_somewhere(sentences[index]):
        return []
    for sentence, text in ((sentences[index], sentences[index].text[:said.start()]),
                           (sentences[index - 1] if index else None, sentences[index - 1].text if index else "")):
        named = _ACTIVITY.findall(text)
        if named and sentence is not None:
            others = any(t.dep == "nsubj" and (t.pos == "PROPN" or t.lower in _OTHERS) for t in sentence.tokens)
            return [] if others else [Update(USER, "exercise", named[-1].lower())]
    return []


def _goes_somewhere(sentence: Sentence) -> bool:
    """"I go every Sunday to church", "I go twice a week to physio": going somewhere, not doing the sport named."""
    tokens = sentence.tokens
    goes = {n for n, t in enumerate(tokens) if t.lower == "go"}
    return any(t.head in goes and t.dep == "prep" and t.lower == "to" and
               any(o.head == n and o.dep == "pobj" for o in tokens) for n, t in enumerate(tokens))


def _allergic_to_named(sentences: list[Sentence], index: int) -> list[Update]:
    """"does pad thai have peanuts? I'm allergic": "allergic" said by the user with nothing after it is to the
    allergen named last before it, in the sentence or the one before."""
    tokens = sentences[index].tokens
    for n, token in enumerate(tokens):
        after = [t.lower for t in tokens[n + 1 : n + 3]]
        if token.lower != "allergic" or "to" in after or "sa" in after or \
                not any(t.lower == "i" and t.dep == "nsubj" for t in tokens[max(0, n - 4) : n]):
            continue
        before = [t for s in (sentences[index - 1].tokens if index else (), tokens[:n]) for t in s]
        named = [t.lower for t in before if t.pos in ("NOUN", "PROPN") and _ALLERGEN.fullmatch(t.text)]
        return [Update(USER, "allergy", named[-1], "add")] if named else []
    return []


#: A reaction to something taken: an allergy to it ("Penicillin. Blew up like a balloon", "came out in a rash after
#: amoxicillin"); not one that eased ("the swelling went down after the ibuprofen"), none ("no swelling"), nor one
#: asked about.
_REACTION = re.compile(r"\b(?:blew up|swelled|swollen|swelling|rash|hives|anaphyla\w*|couldn't breathe)\b",
                       re.IGNORECASE)
_EASED = re.compile(r"\b(?:no (?:rash|swelling|reaction)|not (?:swollen|a rash)|went down|gone down|faded|cleared|"
                    r"settled|eased|got better|improved|still|even after)\b|\?", re.IGNORECASE)
_AFTER_ALLERGEN = re.compile(rf"\bafter\s+(?:the\s+|taking\s+|eating\s+)?(?P<v>{TAKEN})\b", re.IGNORECASE)
_ALLERGEN_ALONE = re.compile(rf"^\W*(?P<v>{TAKEN})\W*$", re.IGNORECASE)
#: The allergen said first, then the reaction ("Penicillin, since I was a child; I come up in hives").
_ALLERGEN_OPENS = re.compile(rf"^\W*(?P<v>{TAKEN})\s*[,;:(-]", re.IGNORECASE)
#: A reaction the drug is taken for ("Ibuprofen, twice a day, for the rash on my arm").
_TREATED = re.compile(r"\bfor\s+(?:the\s+|my\s+|a\s+|this\s+|that\s+)?$", re.IGNORECASE)
#: Whose a reaction is: someone else's when their clause names them before it ("my son came out in a rash", "her face
#: swelled"); the user's otherwise ("I came out in hives", "Blew up like a balloon").
_OTHERS_REACTED = re.compile(rf"\b(?:he|she|they|his|her|their|baby|kids?|child)\b|\b(?:my|our)\s+(?:{ROLES})\b",
                             re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:]|\b(?:and|but|so|then)\b")


def _reacted_to_named(sentences: list[Sentence], index: int) -> list[Update]:
    """A reaction the user had, to an allergen named with it ("a rash all over after amoxicillin", "Penicillin, since
    I was a child; I come up in hives") or alone just before it ("Penicillin. Blew up like a balloon in 1989."); not
    someone else's ("my son came out in a rash")."""
    text = sentences[index].text
    reaction = _REACTION.search(text)
    whose = _CLAUSE_START.split(text[:reaction.start()])[-1] if reaction else ""
    if reaction is None or _EASED.search(text) or _OTHERS_REACTED.search(whose):
        return []  # "My daughter was covered in a rash": hers; "I came out in hives ..., it was horrible": mine
    opens = None if _TREATED.search(text[:reaction.start()]) else _ALLERGEN_OPENS.match(text)
    named = _AFTER_ALLERGEN.search(text) or opens or (
        _ALLERGEN_ALONE.match(sentences[index - 1].text) if index else None)
    return [Update(USER, "allergy", named.group("v").lower(), "add")] if named else []
