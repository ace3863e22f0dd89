"""Corrections that name only the values. In a sentence, "X, not Y" said as one (a word like "actually", "sorry" or
"I mean" before it: "actually she's eight, not seven", "no, Dublin, not Cork"); in a message that owns a mistake,
"not Y", "I told you Y, but" or "you keep saying Y", with what was said in Y's place (`retraction`). What is
corrected is found by the old value, as whichever current value of the model it is, whoever "she" was taken to be,
or as the name of someone known ("sorry, she's Bonnie not Bella": the dog was misnamed); a role one person holds
said to be "actually" someone's corrects who holds it (`actual_roles`)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.text import UPPER, sentence_around
from ..records import DATED, Value, naming
from . import cues
from .values import USER, Update, same_value

#: "X, not Y" ("X actually, not Y") closing a clause: one word each (a number or a name; dates are moved by
#: cues.REDATED). X starts a word: tried from inside one, a long run of letters (a pasted key) was read in time growing
#: with its square.
_NEW_NOT_OLD = re.compile(r"(?<![\w'’-])(?P<new>[\w'’-]+)(?:\s+actually)?,?\s+not\s+(?:the\s+)?(?P<old>[\w'’-]+)"
                          r"\s*(?=[,.;:!)]|$)", re.IGNORECASE)
_NUMBERS = frozenset(cues.NUMBERS.split("|"))
#: Words before it that make "X, not Y" a correction of something said ("actually she's eight, not seven"), not a
#: contrast ("I'm going with Anna, not Maria", "the match is in Dublin, not Cork", "I ordered eight, not seven").
_CORRECTING = re.compile(rf"\b(?:{cues.CORRECTING_WORDS})\b", re.IGNORECASE)


def correction(text: str, said: list[Update]) -> list[Update]:
    """The correction in a sentence, unless an update read from it already corrects the same old value or says the
    new one of someone named ("sorry, Ruby is 9, not 6": Ruby's, whoever is 6); subject and attribute left blank for
    `resolved` to fill."""
    match = _NEW_NOT_OLD.search(text)
    if match is None or _CORRECTING.search(text, 0, match.start()) is None:
        return []
    new, old = match.group("new"), match.group("old")
    if not _kind(new) or _kind(new) != _kind(old) or _read(said, old, new):
        return []
    return [Update("", "", new.lower() if _kind(new) == "number" else new, "correct", old=old)]


#: Where a correction names the value said wrong other than as "X, not Y": "not Y" ending a clause ("it's not
#: penicillin, it's ...", "Not Porto."), not the user not doing something ("I'm not swimming, my knee ..."); or as
#: told before ("I told you Y, but", "I told you Nikhil is in Y, that was wrong", "you keep saying Y"), not a
#: complaint ("I told you I was vegan, but you keep suggesting cheese"). Y is up to three words.
_OLD = re.compile(
    r"(?:(?<!\bi'm\s)(?<!\bam\s)(?<!\bwe're\s)(?<!\bare\s)\bnot\s+(?:the\s+|an?\s+|my\s+|in\s+|at\s+)?|"
    r"(?P<told>\bi\s+(?:told\s+you|said|wrote|typed|put)\s+"
    r"(?:[\w'’-]+(?:'s|\s+is|\s+was|\s+lives|\s+works)\s+(?:in\s+|at\s+|for\s+|an?\s+)?)?|"
    r"\b(?:you|u)\s+(?:keep|kept)\s+(?:saying|writing|putting)\s+))"
    r"(?P<old>[\w'’-]+(?:\s+[\w'’-]+){0,2}?)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:but|earlier|before|by mistake|it'?s|it\s+is)\b)(?!,?\s+but\s+(?:you|u)\b)",
    re.IGNORECASE)
#: What says that words name a value said wrong: a correcting word, a mix-up owned, "you keep saying Y" or "I told you
#: Y, but". Not "sorry to bother you", a bare "no" nor "actually": those come with requests ("trains to Leeds not York
#: this time", "actually, let's book the Italian place, not the Thai one").
_OWNED = re.compile(r"\b(?:sorry(?!\s+(?:to|for|about|if|that|but)\b)|oops|whoops|correction|i\s+meant|"
                    r"my\s+(?:bad|mistake)|typo|scratch\s+that|wrong|mix(?:ed)?\s+(?:\w+\s+)?up|muddled|confused|"
                    r"autocorrect|clarified|correct\s+(?:it|that|this)|(?:you|u)\s+(?:keep|kept)\s+(?:saying|writing)|"
                    r"i\s+(?:told\s+you|said)\s+[^,.;!?]{1,40}?,?\s+but)\b", re.IGNORECASE)
#: The new value of a common word said in its place: "it's codeine", "but I'm an accountant", "actually shellfish".
_NEW_WORD = re.compile(r"\b(?:it'?s|it\s+is|i'?m|i\s+am|we'?re|she'?s|he'?s|they'?re|actually)\s+(?:actually\s+)?"
                       r"(?:an?\s+|all\s+|the\s+|just\s+)?(?P<new>[a-z][\w'’-]+(?:\s+(?!(?:i|he|she|we|they|you|"
                       r"is|are|was|that|which|and|but|for|not|to)\b)[a-z][\w'’-]+)?)", re.IGNORECASE)
_NAME_WORDS = rf"[{UPPER}][\w'’-]+(?:\s+[{UPPER}][\w'’-]+)*"
#: A name's words; in a message, not opening a sentence ("Wait, I told you ...").
_NAMED = re.compile(_NAME_WORDS)
_CAPITALISED = re.compile(rf"(?<![.!?]\s)(?<!^)\b{_NAME_WORDS}")
_DIGITS = re.compile(r"\b\d+\b")


def retraction(text: str, whole: str, said: list[Update]) -> list[Update]:
    """A message's correction of a value said wrong, named by "not Y", "I told you Y" or "you keep saying Y"
    ("My mistake, the talk is in Leeds! Not York.", "I told you Munich, but she's in Hamburg"), with the value said
    in its place if there is one of the same kind (a name for a name, a number for a number); unless the sentence
    reading already corrected that value. `text` is what the message tells, the `whole` of it may own the mistake
    ("Please correct it."). The subject and attribute are left blank: they are whoever holds it."""
    if _OWNED.search(whole) is None:
        return []
    for match in _OLD.finditer(text):
        old = _said_wrong(match)
        new = _new_of(text, match, old)
        if old.split()[0].lower() in cues.NOT_NAMES or _OWNED.fullmatch(old) or _dated(old) or _read(said, old, new):
            continue  # "I told you wrong before, she's not in Indianapolis": the value is what comes after
        return [Update("", "", new, "correct", old=old)]
    return []


def _dated(old: str) -> bool:
    """A day said wrong ("the 21st of July, not 14 July"): the plan on it moves (cues.REDATED); the statements that
    name the day, which tell of more than the plan, stay."""
    return any(word.lower() in cues.WHEN_WORDS for word in old.split())


def _read(said: list[Update], old: str, new: str) -> bool:
    """An update read from the message already corrects the old value or says the new one of someone named
    ("sorry, Ruby is 9, not 6": Ruby's, whoever is 6)."""
    return any(u.old and same_value(u.old, old) or new and u.attribute and not u.guessed and not u.weak and
               same_value(u.value, new) for u in said)  # a weak reading ("she's in Fort Wayne") corrects nothing


def _said_wrong(match: re.Match[str]) -> str:
    """The old value the words name: of a name, its capitalised words only ("York" of "not York this time")."""
    name = _NAMED.match(match.group("old"))
    return name.group() if name else match.group("old")


def _new_of(text: str, match: re.Match[str], old: str) -> str:
    """The value said in place of the old one (after it, when the old one is what was told), in its sentence if
    there is one there: of a name, the other name said nearest it; of a number, the nearest number; of a common
    word, one said as what it is ("it's codeine", "but I'm an accountant")."""
    kind = _kind(old.split()[0])
    if kind == "name":
        found = [(m.start(), m.group()) for m in _CAPITALISED.finditer(text) if not same_value(m.group(), old)
                 and _kind(m.group().split()[0]) == "name"]
    elif kind == "number":
        found = [(m.start(), m.group()) for m in _DIGITS.finditer(text) if m.group() != old]
    else:
        found = [(m.start("new"), m.group("new")) for m in _NEW_WORD.finditer(text, match.end())
                 if not same_value(m.group("new"), old)]
    at = match.start("old")
    if match.group("told"):  # what was told comes first, what is so after it
        found = [f for f in found if f[0] > at]
    start, end = sentence_around(text, at, at)
    inside = [f for f in found if start <= f[0] < end]  # "it is Pieter, not Peter. He is Afrikaans": Pieter
    nearest = min(inside or found, key=lambda f: abs(f[0] - at), default=None)
    return nearest[1] if nearest else ""


#: Words that make a role said a correction of who holds it ("my boss is actually Margaret", "my actual manager is
#: Harriet", "Colm is actually my supervisor"); not an "actually" elsewhere ("my mum Astrid actually loved it").
_ACTUAL = re.compile(rf"\b(?:my|our)\s+(?:actual|real)\s+(?:{cues.ROLES})\b|\b(?:{cues.ROLES})\s+is\s+actually\b|"
                     rf"\bis\s+actually\s+(?:my|our)\s+(?:{cues.ROLES})\b", re.IGNORECASE)


def actual_roles(updates: list[Update], text: str) -> list[Update]:
    """A role of those one person holds, said in a sentence that says who "actually" holds it, corrects whoever was
    said to hold it before."""
    if _ACTUAL.search(text) is None:
        return updates
    return [replace(u, change="correct") if u.attribute == "role" and u.change == "set" and
            u.value in cues.ONE_HOLDER_ROLES else u for u in updates]


def resolved(update: Update, current: list[Value]) -> Update | None:
    """A correction naming only the old value, said of the one subject and attribute that hold it now."""
    holders = {(v.subject, v.attribute) for v in current
               if v.current and v.attribute not in DATED and same_value(v.value, update.old or "")}
    if len(holders) != 1:
        return None
    subject, attribute = holders.pop()
    return replace(update, subject=subject, attribute=attribute)


def named_wrong(update: Update, current: list[Value]) -> list[Value]:
    """The values of `current` that name what a correction says was wrong, whoever holds them ("not penicillin":
    an allergy and a medicine; "not Dundee": a plan to be in Dundee). Not a promise: the assistant's words."""
    return [v for v in current if v.current and v.attribute != "commitment" and _naming(update).search(v.value)]


def put_right(value: Value, update: Update) -> str:
    """A plan's words with the value said wrong replaced by the one said in its place."""
    return _naming(update).sub(update.value, value.value)


def _naming(update: Update) -> re.Pattern[str]:
    return naming(update.old or "")


def misnamed(update: Update, current: list[Value]) -> str | None:
    """The one person or pet a correction's old value names ("Bonnie, not Bella": Bella), when no value holds it
    and the new name is no one known yet (of two dogs Bonnie and Bella, "sorry, Bonnie not Bella" says which one
    did something, not that Bella was misnamed)."""
    if _kind(update.value) != "name" or not update.old:
        return None
    old, new = update.old.lower(), update.value.lower()
    if any(v.current and v.subject.lower() == new for v in current):
        return None
    subjects = {v.subject for v in current if v.current and v.subject != USER and v.subject.lower() == old}
    return subjects.pop() if len(subjects) == 1 else None


def _kind(word: str) -> str:
    if word.isdigit() or word.lower() in _NUMBERS:
        return "number"
    return "name" if word[:1].isupper() and word.lower() not in cues.NOT_NAMES else ""
